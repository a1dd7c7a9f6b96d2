import { describe, expect, it } from 'vitest';
import {
  explain,
  INBOX,
  LEAKED,
  ruleActions,
  ruleConditions,
  triage,
  type ProviderFacts,
  type Rule,
  type TriageInput,
} from './rules.js';

const providers = new Map<number, ProviderFacts>([
  [1, { name: 'Northwind Bank', category: 'Bank', status: 'active', activeContract: true, openCases: [] }],
  [
    2,
    {
      name: 'Acme',
      category: null,
      status: 'former',
      activeContract: false,
      openCases: [
        { id: 7, title: 'Refund' },
        { id: 8, title: 'Later case' },
      ],
    },
  ],
]);

function message(fields: Partial<TriageInput> = {}): TriageInput {
  return {
    subject: 'Your Statement',
    body: 'The balance is attached.',
    sentAt: '2025-03-10T08:00:00.000Z',
    isList: false,
    identityId: 5,
    identityProviderId: 1,
    senderProviderId: 1,
    senderLabel: 'Northwind Bank',
    leak: false,
    fromAddress: 'statements@northwind.example',
    ...fields,
  };
}

describe('explain', () => {
  it('gives one phrase per condition that holds, in a fixed order', () => {
    expect(
      explain(
        {
          providers: [1, 3],
          categories: ['BANK'],
          providerStatus: ['active'],
          activeContract: true,
          openCase: false,
          identities: [5],
          leak: false,
          unknownSender: false,
          list: false,
          keywords: ['invoice', 'statement'],
          after: '2025-03-10',
          before: '2025-03-11',
        },
        message(),
        providers,
      ),
    ).toEqual([
      'sender is Northwind Bank',
      'sender Northwind Bank is in category bank',
      'sender Northwind Bank is active',
      'Northwind Bank has an active contract',
      'no open case with the sender',
      'sent to identity 5',
      'not a leak',
      'from Northwind Bank',
      'not list mail',
      'mentions "statement"',
      'sent on or after 2025-03-10',
      'sent before 2025-03-11',
    ]);
  });

  it('matches every message with no conditions, with no reason', () => {
    expect(explain({}, message(), providers)).toEqual([]);
  });

  it('says null as soon as one condition fails', () => {
    const m = message();
    expect(explain({ providers: [2] }, m, providers)).toBeNull();
    expect(explain({ categories: ['shop'] }, m, providers)).toBeNull();
    expect(explain({ providerStatus: ['former'] }, m, providers)).toBeNull();
    expect(explain({ activeContract: false }, m, providers)).toBeNull();
    expect(explain({ openCase: true }, m, providers)).toBeNull();
    expect(explain({ identities: [6] }, m, providers)).toBeNull();
    expect(explain({ leak: true }, m, providers)).toBeNull();
    expect(explain({ unknownSender: true }, m, providers)).toBeNull();
    expect(explain({ list: true }, m, providers)).toBeNull();
    expect(explain({ keywords: ['refund'] }, m, providers)).toBeNull();
    expect(explain({ after: '2025-03-11' }, m, providers)).toBeNull();
    expect(explain({ before: '2025-03-10' }, m, providers)).toBeNull();
    expect(explain({ leak: false, list: true }, m, providers)).toBeNull();
  });

  it('reads a message from no known provider, with no date', () => {
    const m = message({ senderProviderId: null, senderLabel: 'spam.example', sentAt: null, leak: true });
    expect(explain({ unknownSender: true, leak: true }, m, providers)).toEqual([
      'a suspected leak',
      'from no known provider (spam.example)',
    ]);
    expect(explain({ activeContract: false, openCase: false }, m, providers)).toEqual([
      'no active contract with the sender',
      'no open case with the sender',
    ]);
    expect(explain({ categories: ['bank'] }, m, providers)).toBeNull();
    expect(explain({ providerStatus: ['active'] }, m, providers)).toBeNull();
    expect(explain({ after: '2000-01-01' }, m, providers)).toBeNull();
    expect(explain({ before: '2100-01-01' }, m, providers)).toBeNull();
  });

  it('names the oldest open case, and finds keywords in the subject or text in any case', () => {
    const m = message({ senderProviderId: 2, senderLabel: 'Acme', subject: 'RE: REFUND', isList: true });
    expect(explain({ openCase: true, keywords: ['refund'], list: true }, m, providers)).toEqual([
      'Acme has an open case: "Refund"',
      'mailing-list mail',
      'mentions "refund"',
    ]);
    expect(explain({ keywords: ['Balance'] }, message(), providers)).toEqual(['mentions "Balance"']);
  });
});

describe('triage', () => {
  const rule = (id: number, conditions: Rule['conditions'], actions: Rule['actions']): Rule => ({
    id,
    name: `Rule ${String(id)}`,
    conditions,
    actions,
  });

  it('places by the first rule that matches, and says why', () => {
    const rules = [
      rule(1, { providers: [2] }, { folder: 'acme' }),
      rule(2, { categories: ['bank'] }, { folder: 'bank', attention: 'now', flag: true, caseId: 9 }),
      rule(3, {}, { folder: 'all' }),
    ];
    expect(triage(message(), rules, providers)).toEqual({
      folder: 'bank',
      attention: 'now',
      muted: false,
      flagged: true,
      caseId: 9,
      ruleId: 2,
      reason: 'rule 2 "Rule 2": sender Northwind Bank is in category bank',
    });
  });

  it('fills what a rule leaves out: the inbox, today, or never when it mutes', () => {
    expect(triage(message(), [rule(4, {}, { flag: true })], providers)).toEqual({
      folder: INBOX,
      attention: 'today',
      muted: false,
      flagged: true,
      caseId: null,
      ruleId: 4,
      reason: 'rule 4 "Rule 4": matches every message',
    });
    expect(triage(message(), [rule(5, {}, { mute: true })], providers)).toMatchObject({
      attention: 'never',
      muted: true,
    });
    expect(triage(message(), [rule(6, {}, { mute: true, attention: 'later' })], providers)).toMatchObject({
      attention: 'later',
      muted: true,
    });
  });

  const byDefault = { muted: false, flagged: false, ruleId: null };

  it('by default needs attention now for mail about an open case, linked to it', () => {
    const reply = message({
      senderProviderId: 2,
      senderLabel: 'Acme',
      leak: true,
      subject: 'Re: your refund',
    });
    expect(triage(reply, [], providers)).toEqual({
      ...byDefault,
      folder: INBOX,
      attention: 'now',
      caseId: 7,
      reason: 'default: Acme writes about your open case "Refund"',
    });
  });

  it('by default puts a suspected leak in the leaked folder, naming whom the address was given to', () => {
    const leak = message({ senderProviderId: null, senderLabel: 'spam.example', leak: true });
    expect(triage(leak, [], providers)).toEqual({
      ...byDefault,
      folder: LEAKED,
      attention: 'later',
      caseId: null,
      reason:
        'default: sent to the address you gave only to Northwind Bank, by spam.example (suspected leak)',
    });
    expect(triage({ ...leak, identityProviderId: null }, [], providers).reason).toBe(
      'default: sent to the address you gave only to another provider, by spam.example (suspected leak)',
    );
  });

  it('by default lets list mail wait, keeps a provider’s mail for today and an unknown sender for later', () => {
    expect(triage(message({ isList: true }), [], providers)).toEqual({
      ...byDefault,
      folder: INBOX,
      attention: 'later',
      caseId: null,
      reason: 'default: a newsletter or list mail from Northwind Bank',
    });
    expect(triage(message(), [], providers)).toMatchObject({
      attention: 'today',
      reason: 'default: from Northwind Bank, a provider of yours',
    });
    expect(
      triage(message({ senderProviderId: null, senderLabel: 'shop.example' }), [], providers),
    ).toMatchObject({ attention: 'later', reason: 'default: from no known provider (shop.example)' });
  });
});

describe('rule schemas', () => {
  it('refuses a rule with no action, or only switched-off ones', () => {
    expect(ruleActions.safeParse({}).error?.issues.map((i) => i.message)).toEqual([
      'a rule needs at least one action: folder, attention, mute, flag or case',
    ]);
    expect(ruleActions.safeParse({ mute: false, flag: false }).success).toBe(false);
    expect(ruleActions.safeParse({ mute: true }).success).toBe(true);
  });

  it('names the attentions it knows, and refuses unknown fields and empty keywords', () => {
    expect(ruleActions.safeParse({ attention: 'soon' }).error?.issues[0]?.message).toBe(
      'attention must be now, today, later or never',
    );
    expect(ruleConditions.safeParse({ colour: 'red' }).success).toBe(false);
    expect(ruleConditions.safeParse({ keywords: ['  '] }).error?.issues[0]?.message).toBe(
      'must not be empty',
    );
    expect(ruleConditions.safeParse({ keywords: [' refund '] }).data).toEqual({ keywords: ['refund'] });
  });
});
