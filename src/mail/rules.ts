import { z } from 'zod';
import { isoDateSchema } from '../platform/dates.js';

/**
 * The person's own rules of attention. A rule has conditions (all must hold) and actions; rules
 * are tried in order and the first that matches places the message. When none does, the default
 * rules below decide, so mail is sorted sensibly before any rule is written. Every message keeps
 * the rule that placed it and why, in words.
 */

export const ATTENTION = ['now', 'today', 'later', 'never'] as const;
export type Attention = (typeof ATTENTION)[number];

const ids = z.array(z.number().int().positive()).min(1);
const words = z.array(z.string().trim().min(1, { error: 'must not be empty' })).min(1);
/** Sender addresses, compared in lower case. */
const addresses = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'must be an e-mail address, such as news@shop.example' }),
  )
  .min(1);
/** Sender domains, without `@`; each covers its subdomains. */
const domains = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .transform((d) => d.replace(/^@/, '').replace(/\.$/, ''))
      .pipe(
        z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, {
          error: 'must be a domain, such as shop.example (its subdomains count too)',
        }),
      ),
  )
  .min(1);

export const ruleConditions = z
  .object({
    /** The sending provider is one of these. */
    providers: ids.optional(),
    /** The sending provider's category is one of these (compared in lower case). */
    categories: words.optional(),
    providerStatus: z
      .array(z.enum(['active', 'former', 'prospect']))
      .min(1)
      .optional(),
    /** The sending provider has (true) or has no (false) active contract. */
    activeContract: z.boolean().optional(),
    /** The sending provider has (true) or has no (false) open case. */
    openCase: z.boolean().optional(),
    /** The sender's address (From) is one of these, in any case. */
    senders: addresses.optional(),
    /** The sender's address (From) is at one of these domains or a subdomain of one. */
    senderDomains: domains.optional(),
    /** The message reached one of these identities. */
    identities: ids.optional(),
    /** The message is (true) or is not (false) a suspected leak. */
    leak: z.boolean().optional(),
    /** From no known provider (true), or from one (false). */
    unknownSender: z.boolean().optional(),
    /** Mailing-list or bulk mail (List-Id, List-Unsubscribe, Precedence: bulk). */
    list: z.boolean().optional(),
    /** Any of these words or phrases in the subject or the text (case-insensitive). */
    keywords: words.optional(),
    /** Sent on or after this day. */
    after: isoDateSchema.optional(),
    /** Sent before this day. */
    before: isoDateSchema.optional(),
  })
  .strict();

export const ruleActions = z
  .object({
    folder: z.string().trim().min(1).max(60).optional(),
    attention: z.enum(ATTENTION, { error: 'attention must be now, today, later or never' }).optional(),
    mute: z.boolean().optional(),
    flag: z.boolean().optional(),
    /** Link the message to this case of the person's. */
    caseId: z.number().int().positive().optional(),
  })
  .strict()
  .refine((a) => Object.values(a).some((v: unknown) => v !== undefined && v !== false), {
    error: 'a rule needs at least one action: folder, attention, mute, flag or case',
  });

export type RuleConditions = z.output<typeof ruleConditions>;
export type RuleActions = z.output<typeof ruleActions>;

export interface Rule {
  readonly id: number;
  readonly name: string;
  readonly conditions: RuleConditions;
  readonly actions: RuleActions;
}

/** What the rules know of a provider that sends mail. */
export interface ProviderFacts {
  readonly name: string;
  readonly category: string | null;
  readonly status: string;
  readonly activeContract: boolean;
  /** Open cases (status other than resolved), oldest first, with the reference the provider gave. */
  readonly openCases: readonly { id: number; title: string; reference?: string | null }[];
}

/** What the rules read of a message (stored columns, so rules re-run without parsing). */
export interface TriageInput {
  readonly subject: string;
  readonly body: string;
  readonly sentAt: string | null;
  readonly isList: boolean;
  readonly identityId: number | null;
  /** The provider the identity was given to. */
  readonly identityProviderId: number | null;
  readonly senderProviderId: number | null;
  readonly senderLabel: string;
  readonly leak: boolean;
  /** The From address, in lower case. */
  readonly fromAddress: string | null;
  /** When it was imported; null for a message being imported now. */
  readonly importedAt?: string | null;
}

/** An identity the person switched off: its mail is unwanted (see `triage`). */
export interface SwitchedOff {
  /** The identity as the person reads it: its address. */
  readonly label: string;
  /** When it was switched off. */
  readonly since: string;
  /** Whether mail imported before then goes too (else only mail imported since). */
  readonly existing: boolean;
}

export interface Placement {
  readonly folder: string;
  readonly attention: Attention;
  readonly muted: boolean;
  readonly flagged: boolean;
  readonly caseId: number | null;
  /** Null when a default rule placed it. */
  readonly ruleId: number | null;
  readonly reason: string;
}

/** Lower-cased subject and text, computed once per message for every keyword rule. */
const haystack = new WeakMap<TriageInput, string>();
const textOf = (m: TriageInput): string => {
  let text = haystack.get(m);
  if (text === undefined) {
    text = `${m.subject}\n${m.body}`.toLowerCase();
    haystack.set(m, text);
  }
  return text;
};

/**
 * Why a rule matches the message, one phrase per condition, or null when a condition fails.
 *
 * @example explain(rule, message, providers) // → ['sender Northwind Bank is in category bank', …]
 */
export function explain(
  c: RuleConditions,
  m: TriageInput,
  providers: ReadonlyMap<number, ProviderFacts>,
): string[] | null {
  const why: string[] = [];
  const provider = m.senderProviderId === null ? undefined : providers.get(m.senderProviderId);
  const check = (holds: boolean, phrase: string): boolean => {
    if (holds) why.push(phrase);
    return holds;
  };
  if (c.providers && !check(m.senderProviderId !== null && c.providers.includes(m.senderProviderId), `sender is ${m.senderLabel}`))
    return null;
  const from = m.fromAddress?.toLowerCase() ?? null;
  if (c.senders && !check(from !== null && c.senders.includes(from), `sent from ${from ?? ''}`)) return null;
  if (c.senderDomains) {
    const domain = from?.slice(from.lastIndexOf('@') + 1);
    const hit = domain === undefined ? undefined : c.senderDomains.find((d) => domain === d || domain.endsWith(`.${d}`));
    if (!check(hit !== undefined, `sent from the domain ${hit ?? ''}`)) return null;
  }
  if (c.categories) {
    const category = provider?.category?.toLowerCase();
    if (!check(category !== undefined && c.categories.some((k) => k.toLowerCase() === category), `sender ${m.senderLabel} is in category ${category ?? ''}`))
      return null;
  }
  if (c.providerStatus && !check(provider !== undefined && c.providerStatus.includes(provider.status as 'active'), `sender ${m.senderLabel} is ${provider?.status ?? ''}`))
    return null;
  if (c.activeContract !== undefined) {
    const has = provider?.activeContract ?? false;
    if (!check(has === c.activeContract, has ? `${m.senderLabel} has an active contract` : 'no active contract with the sender'))
      return null;
  }
  if (c.openCase !== undefined) {
    const open = provider?.openCases[0];
    if (!check((open !== undefined) === c.openCase, open ? `${m.senderLabel} has an open case: "${open.title}"` : 'no open case with the sender'))
      return null;
  }
  if (c.identities && !check(m.identityId !== null && c.identities.includes(m.identityId), `sent to identity ${m.identityId ?? ''}`))
    return null;
  if (c.leak !== undefined && !check(m.leak === c.leak, m.leak ? 'a suspected leak' : 'not a leak')) return null;
  if (c.unknownSender !== undefined) {
    const unknown = m.senderProviderId === null;
    if (!check(unknown === c.unknownSender, unknown ? `from no known provider (${m.senderLabel})` : `from ${m.senderLabel}`))
      return null;
  }
  if (c.list !== undefined && !check(m.isList === c.list, m.isList ? 'mailing-list mail' : 'not list mail')) return null;
  if (c.keywords) {
    const found = c.keywords.find((k) => textOf(m).includes(k.toLowerCase()));
    if (!check(found !== undefined, `mentions "${found ?? ''}"`)) return null;
  }
  const day = m.sentAt?.slice(0, 10);
  if (c.after && !check(day !== undefined && day >= c.after, `sent on or after ${c.after}`)) return null;
  if (c.before && !check(day !== undefined && day < c.before, `sent before ${c.before}`)) return null;
  return why;
} // prettier-ignore

/** The folder of mail no rule placed, and of a rule that names no folder. */
export const INBOX = 'inbox';
/** The folder of mail that reached a leaked identity from someone it was not given to. */
export const LEAKED = 'leaked';
/** The folder of mail to an identity the person switched off. */
export const SWITCHED_OFF = 'switched off';

/** Subject prefixes of a reply, in the languages of the directory's organisations. */
const REPLY = /^\s*(re|aw|antw|sv|vs|r|rif|ynt|odp)\s*(\[\d+\])?\s*:/i;
/** Words of a subject that speaks of a case, in English and German. */
const CASE_WORDS =
  /\b(complaint|case|ticket|claim|dispute|refund|beschwerde|reklamation|vorgang|anfrage|widerspruch)\b/i;

/**
 * Whether a message is about an open case: it names the case's reference, carries its title in
 * the subject, or is personal mail (not list mail) from the provider that replies or speaks of a
 * complaint, case, ticket or claim. A newsletter from the
 * same provider is not about the case, so it does not jump the queue.
 */
function aboutCase(m: TriageInput, open: { title: string; reference?: string | null }): boolean {
  const reference = open.reference?.trim().toLowerCase();
  if (reference && textOf(m).includes(reference)) return true;
  if (m.isList) return false;
  const title = open.title.trim().toLowerCase();
  return (
    (title.length >= 4 && m.subject.toLowerCase().includes(title)) ||
    REPLY.test(m.subject) ||
    CASE_WORDS.test(m.subject)
  );
}

/**
 * The defaults, in the order they are tried after the person's own rules, as the rules page and
 * `vrm mail rule list` show them. Each names the conditions of a rule that does the same, so a
 * person changes a default by adding a rule of their own with those conditions: theirs come first.
 */
export const DEFAULT_RULES: readonly {
  readonly name: string;
  readonly when: string;
  /** Where such mail goes, in words. */
  readonly place: string;
  readonly conditions: RuleConditions;
  readonly actions: RuleActions;
}[] = [
  {
    name: 'Mail about an open case',
    when: 'a provider with an open case writes about it: its reference, its title in the subject, or a reply',
    place: 'now, linked to the case',
    conditions: { openCase: true, list: false },
    actions: { attention: 'now' },
  },
  {
    name: 'Suspected leaks',
    when: 'an address you gave one provider is written to by another',
    place: 'folder "leaked", later',
    conditions: { leak: true },
    actions: { folder: LEAKED, attention: 'later' },
  },
  {
    name: 'Newsletters and list mail',
    when: 'newsletters from a provider, and any other list or marketing mail (List-Unsubscribe, List-Id, bulk)',
    place: 'later',
    conditions: { list: true },
    actions: { attention: 'later' },
  },
  {
    name: 'Your providers',
    when: 'any other mail from a provider of yours',
    place: 'today',
    conditions: { unknownSender: false },
    actions: { attention: 'today' },
  },
  {
    name: 'Everyone else',
    when: 'mail from no known provider',
    place: 'later',
    conditions: { unknownSender: true },
    actions: { attention: 'later' },
  },
];

/** The defaults, after the person's rules (see DEFAULT_RULES for them in words). */
function byDefault(m: TriageInput, providers: ReadonlyMap<number, ProviderFacts>): Placement {
  const base = { muted: false, flagged: false, caseId: null, ruleId: null };
  const provider = m.senderProviderId === null ? undefined : providers.get(m.senderProviderId);
  const open = provider?.openCases.find((c) => aboutCase(m, c));
  if (open) {
    return {
      ...base,
      folder: INBOX,
      attention: 'now',
      caseId: open.id,
      reason: `default: ${m.senderLabel} writes about your open case "${open.title}"`,
    };
  }
  if (m.leak) {
    const owner = m.identityProviderId === null ? undefined : providers.get(m.identityProviderId);
    return {
      ...base,
      folder: LEAKED,
      attention: 'later',
      reason: `default: sent to the address you gave only to ${owner?.name ?? 'another provider'}, by ${m.senderLabel} (suspected leak)`,
    };
  }
  if (m.isList) {
    return {
      ...base,
      folder: INBOX,
      attention: 'later',
      reason: provider
        ? `default: a newsletter or list mail from ${provider.name}`
        : 'default: list or marketing mail',
    };
  }
  if (provider) {
    return {
      ...base,
      folder: INBOX,
      attention: 'today',
      reason: `default: from ${provider.name}, a provider of yours`,
    };
  }
  return {
    ...base,
    folder: INBOX,
    attention: 'later',
    reason: `default: from no known provider (${m.senderLabel})`,
  };
}

/** Where mail to a switched-off identity goes, or undefined when the identity is on (or the mail older). */
function switchedOffPlacement(
  m: TriageInput,
  switchedOff: ReadonlyMap<number, SwitchedOff>,
): Placement | undefined {
  const off = m.identityId === null ? undefined : switchedOff.get(m.identityId);
  if (!off) return undefined;
  const arrivedSince = m.importedAt == null || m.importedAt > off.since;
  if (!off.existing && !arrivedSince) return undefined;
  return {
    folder: SWITCHED_OFF,
    attention: 'never',
    muted: true,
    flagged: false,
    caseId: null,
    ruleId: null,
    reason: `sent to ${off.label}, which you switched off on ${off.since.slice(0, 10)}: unwanted`,
  };
}

/**
 * Places one message: mail to a switched-off identity is unwanted, whatever the rules say (as an
 * alias service drops it); else the first of the person's rules that matches, else the defaults.
 *
 * @example triage(message, rules, providers) // → { folder: 'bank', attention: 'now', ruleId: 2, reason: 'rule 2 "Bank": …' }
 */
export function triage(
  m: TriageInput,
  rules: readonly Rule[],
  providers: ReadonlyMap<number, ProviderFacts>,
  switchedOff: ReadonlyMap<number, SwitchedOff> = new Map(),
): Placement {
  const off = switchedOffPlacement(m, switchedOff);
  if (off) return off;
  for (const rule of rules) {
    const why = explain(rule.conditions, m, providers);
    if (why === null) continue;
    const a = rule.actions;
    return {
      folder: a.folder ?? INBOX,
      attention: a.attention ?? (a.mute ? 'never' : 'today'),
      muted: a.mute ?? false,
      flagged: a.flag ?? false,
      caseId: a.caseId ?? null,
      ruleId: rule.id,
      reason: `rule ${rule.id} "${rule.name}": ${why.length > 0 ? why.join('; ') : 'matches every message'}`,
    };
  }
  return byDefault(m, providers);
}
