import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  explain,
  ruleConditions,
  SWITCHED_OFF,
  triage,
  type ProviderFacts,
  type Rule,
  type SwitchedOff,
  type TriageInput,
} from './rules.js';

const providers = new Map<number, ProviderFacts>([
  [
    2,
    {
      name: 'Acme',
      category: 'shop',
      status: 'active',
      activeContract: true,
      openCases: [{ id: 7, title: 'Broken kettle', reference: 'ACME-4411' }],
    },
  ],
]);

function message(fields: Partial<TriageInput> = {}): TriageInput {
  return {
    subject: 'Spring sale: 20% off everything',
    body: 'Our best offers this week.',
    sentAt: '2026-03-10T08:00:00.000Z',
    isList: true,
    identityId: 5,
    identityProviderId: 2,
    senderProviderId: 2,
    senderLabel: 'Acme',
    leak: false,
    fromAddress: 'news@mail.acme.example',
    importedAt: '2026-03-10T09:00:00.000Z',
    ...fields,
  };
}

describe('rule conditions on the sender', () => {
  it('matches the exact sender address in any case, and a domain with its subdomains', () => {
    const c = ruleConditions.parse({ senders: ['News@Mail.Acme.example'], senderDomains: ['@acme.example'] });
    expect(c).toEqual({ senders: ['news@mail.acme.example'], senderDomains: ['acme.example'] });
    expect(explain(c, message(), providers)).toEqual([
      'sent from news@mail.acme.example',
      'sent from the domain acme.example',
    ]);
    expect(explain({ senders: ['billing@acme.example'] }, message(), providers)).toBeNull();
    expect(explain({ senderDomains: ['cme.example'] }, message(), providers)).toBeNull();
    expect(
      explain({ senderDomains: ['acme.example'] }, message({ fromAddress: null }), providers),
    ).toBeNull();
  });

  it('places by a sender rule before the defaults', () => {
    const rule: Rule = {
      id: 3,
      name: 'Acme news',
      conditions: { senderDomains: ['acme.example'] },
      actions: { folder: 'shops', mute: true },
    };
    expect(triage(message(), [rule], providers)).toMatchObject({ folder: 'shops', ruleId: 3 });
  });

  it('refuses an address or a domain that is not one, naming the field', () => {
    const bad = ruleConditions.safeParse({ senders: ['acme'], senderDomains: ['not a domain'] });
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual([
      'senders.0: must be an e-mail address, such as news@shop.example',
      'senderDomains.0: must be a domain, such as shop.example (its subdomains count too)',
    ]);
  });
});

describe('default placement of newsletters and case mail', () => {
  it('lets a newsletter from a provider with an open case wait', () => {
    expect(triage(message(), [], providers)).toMatchObject({
      attention: 'later',
      caseId: null,
      reason: 'default: a newsletter or list mail from Acme',
    });
  });

  it('needs attention now for mail that names the case reference, even as list mail', () => {
    const update = message({ subject: 'Your repair ACME-4411 is ready' });
    expect(triage(update, [], providers)).toMatchObject({ attention: 'now', caseId: 7 });
  });

  it('needs attention now for a personal reply or a subject with the case title', () => {
    const personal = { isList: false, body: 'Hello' };
    expect(triage(message({ ...personal, subject: 'AW: Ihre Anfrage' }), [], providers)).toMatchObject({
      attention: 'now',
      caseId: 7,
    });
    expect(triage(message({ ...personal, subject: 'About the broken kettle' }), [], providers)).toMatchObject(
      { attention: 'now', caseId: 7 },
    );
    expect(triage(message({ ...personal, subject: 'Your invoice' }), [], providers)).toMatchObject({
      attention: 'today',
      caseId: null,
    });
  });

  it('lists the defaults in words, each with conditions a rule of ones own can start from', () => {
    expect(DEFAULT_RULES.map((d) => d.name)).toContain('Newsletters and list mail');
    for (const d of DEFAULT_RULES) expect(ruleConditions.safeParse(d.conditions).success).toBe(true);
  });
});

describe('switched-off identities', () => {
  const off = (existing: boolean) =>
    new Map<number, SwitchedOff>([
      [5, { label: 'me+acme7k@example.org', since: '2026-04-01T00:00:00.000Z', existing }],
    ]);
  const rule: Rule = { id: 1, name: 'All', conditions: {}, actions: { attention: 'now' } };

  it('sends mail imported since to its own folder as unwanted, before any rule', () => {
    const later = message({ importedAt: '2026-04-02T00:00:00.000Z' });
    expect(triage(later, [rule], providers, off(false))).toEqual({
      folder: SWITCHED_OFF,
      attention: 'never',
      muted: true,
      flagged: false,
      caseId: null,
      ruleId: null,
      reason: 'sent to me+acme7k@example.org, which you switched off on 2026-04-01: unwanted',
    });
    expect(triage(message({ importedAt: null }), [], providers, off(false)).folder).toBe(SWITCHED_OFF);
  });

  it('leaves older mail where it was, unless the mail already there goes too', () => {
    expect(triage(message(), [rule], providers, off(false))).toMatchObject({ ruleId: 1 });
    expect(triage(message(), [rule], providers, off(true)).folder).toBe(SWITCHED_OFF);
    expect(triage(message({ identityId: 6 }), [rule], providers, off(true))).toMatchObject({ ruleId: 1 });
  });
});
