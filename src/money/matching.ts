import {
  bestDirectoryMatch,
  directoryEntryForDomain,
  domainOf,
  type DirectoryEntry,
} from '../directory/directory.js';
import { KeptMap } from '../platform/kept-map.js';
import { compactId, domainsIn, mandateKey, nameKey, normalisePayee, wordPrefixes } from './normalise.js';
import { FIELD_WORDS, longDate, type RuleField } from './words.js';

/** How a booking's provider was found, strongest first; `person` is the person's own choice. */
export const MATCH_BY = [
  'person',
  'rule',
  'creditor_id',
  'mandate_reference',
  'customer_number',
  'counterparty_iban',
  'name',
  'domain',
  'directory',
] as const;
export type MatchBy = (typeof MATCH_BY)[number];

/** Why a booking is said to pay a provider: what was compared with what, in one sentence. */
export interface MatchEvidence {
  readonly by: MatchBy;
  /** The booking's value that matched (a creditor id, a payee, a domain). */
  readonly value: string;
  /** What it matched: a rule, a confirmed booking, a customer number, a name, a directory entry. */
  readonly matched: string;
  readonly sentence: string;
  readonly ruleId?: number;
  /** The directory entry of a suggestion, for creating the provider from it. */
  readonly directorySlug?: string;
}

/** A match: the provider (null for a rule saying "no provider", or a directory suggestion). */
export interface Match {
  readonly providerId: number | null;
  readonly by: MatchBy;
  readonly evidence: MatchEvidence;
}

/** What matching reads of a booking. */
export interface Matchable {
  readonly creditorId: string | null;
  readonly mandateReference: string | null;
  readonly counterpartyIban: string | null;
  readonly counterpartyName: string | null;
  readonly text: string | null;
}

export interface RuleFact {
  readonly id: number;
  readonly field: RuleField;
  readonly value: string;
  readonly providerId: number | null;
  readonly providerName: string | null;
  readonly createdAt: string;
}

/** An identifier seen on a booking the person confirmed. */
export interface ConfirmedFact {
  readonly field: Exclude<RuleField, 'counterparty_name'>;
  readonly value: string;
  readonly providerId: number;
  readonly providerName: string;
  readonly confirmedAt: string;
}

export interface ProviderFact {
  readonly id: number;
  readonly name: string;
  readonly website: string | null;
  readonly domains: readonly string[];
  readonly directorySlug: string | null;
}

/** Everything matching compares with, read once per import or re-match. */
export interface MatchContext {
  readonly rules: readonly RuleFact[];
  readonly confirmed: readonly ConfirmedFact[];
  readonly customerNumbers: readonly { number: string; providerId: number; providerName: string }[];
  readonly providers: readonly ProviderFact[];
}

/** The value a rule on `field` compares for a booking; '' when the booking has none. */
export function identifierOf(tx: Matchable, field: RuleField): string {
  switch (field) {
    case 'creditor_id':
      return compactId(tx.creditorId);
    case 'mandate_reference':
      return mandateKey(tx.mandateReference);
    case 'counterparty_iban':
      return compactId(tx.counterpartyIban);
    case 'counterparty_name':
      return normalisePayee(tx.counterpartyName);
  }
}

/** The order rules are tried in, and confirmed bookings' identifiers. */
const RULE_ORDER: readonly RuleField[] = [
  'creditor_id',
  'mandate_reference',
  'counterparty_iban',
  'counterparty_name',
];
const CONFIRMED_ORDER = ['creditor_id', 'mandate_reference', 'counterparty_iban'] as const;

/** At most this many payees, texts and prefixes are kept in each of a matcher's caches (see `KeptMap`). */
const MAX_KEPT = 20_000;

/** A short customer number would match inside any long reference: only this long or longer may. */
const MIN_CONTAINED_NUMBER = 6;
/** A single word shorter than this is too common to name a directory organisation on its own. */
const MIN_DIRECTORY_WORD = 5;

/**
 * Who a booking paid, in the order of issue 17: the person's rules (creditor id, mandate, IBAN,
 * payee); the creditor id and mandate of bookings the person confirmed; the mandate against the
 * customer numbers of the ledger's accounts; the IBAN of confirmed bookings; the payee against
 * provider names and domains; then the directory, whose organisations not in the ledger are only
 * suggested. Built once from a {@link MatchContext}; every lookup is a map, and what the payee
 * text finds is kept per payee, so matching 100,000 bookings stays linear.
 *
 * @example new Matcher(context).match(booking)?.evidence.sentence
 */
export class Matcher {
  private readonly rules = new Map<string, RuleFact>();
  private readonly confirmed = new Map<string, ConfirmedFact>();
  /** The fields some rule, or some confirmed booking, names: a booking's other fields are not compared. */
  private readonly ruleFields: readonly RuleField[];
  private readonly confirmedFields: readonly Exclude<RuleField, 'counterparty_name'>[];
  private readonly byName = new Map<string, ProviderFact>();
  private readonly byDomain = new Map<string, ProviderFact>();
  private readonly bySlug = new Map<string, ProviderFact>();
  private readonly byText = new KeptMap<string, Match | null>(MAX_KEPT);
  private readonly payees = new KeptMap<string, string>(MAX_KEPT);
  /**
   * Word prefixes recur far more than whole payees do (`ALDI SUED 1001 PARIS`, `ALDI SUED 1004
   * BERLIN`: one `ALDI SUED`): their name keys and directory entries are kept per prefix.
   */
  private readonly prefixKeys = new KeptMap<string, string>(MAX_KEPT);
  private readonly directoryHits = new KeptMap<string, { entry: DirectoryEntry; names: string[] } | null>(
    MAX_KEPT,
  );

  constructor(private readonly context: MatchContext) {
    for (const rule of context.rules) this.rules.set(`${rule.field}\u0000${rule.value}`, rule);
    for (const fact of context.confirmed) {
      const key = `${fact.field}\u0000${fact.value}`;
      // The latest confirmation stands.
      const seen = this.confirmed.get(key);
      if (!seen || seen.confirmedAt < fact.confirmedAt) this.confirmed.set(key, fact);
    }
    const ruled = new Set(context.rules.map((rule) => rule.field));
    this.ruleFields = RULE_ORDER.filter((field) => ruled.has(field));
    const confirmed = new Set(context.confirmed.map((fact) => fact.field));
    this.confirmedFields = CONFIRMED_ORDER.filter((field) => confirmed.has(field));
    for (const provider of context.providers) {
      this.byName.set(nameKey(provider.name), provider);
      for (const domain of [domainOf(provider.website), ...provider.domains])
        if (domain) this.byDomain.set(domain.toLowerCase(), provider);
      if (provider.directorySlug) this.bySlug.set(provider.directorySlug, provider);
    }
  }

  /**
   * The payee as compared (`normalisePayee`), kept per raw name: a statement names the same few
   * hundred payees again and again, and normalising is most of matching's time.
   */
  payeeOf(name: string | null): string {
    if (!name) return '';
    let payee = this.payees.get(name);
    if (payee === undefined) {
      payee = normalisePayee(name);
      this.payees.set(name, payee);
    }
    return payee;
  }

  match(tx: Matchable): Match | null {
    return this.byRule(tx) ?? this.byConfirmed(tx) ?? this.byPayee(tx);
  }

  private byRule(tx: Matchable): Match | null {
    for (const field of this.ruleFields) {
      const value =
        field === 'counterparty_name' ? this.payeeOf(tx.counterpartyName) : identifierOf(tx, field);
      const rule = value && this.rules.get(`${field}\u0000${value}`);
      if (!rule) continue;
      const pays = rule.providerName === null ? 'pays no provider of yours' : `pays ${rule.providerName}`;
      return {
        providerId: rule.providerId,
        by: 'rule',
        evidence: {
          by: 'rule',
          value,
          matched: `rule ${rule.id}`,
          ruleId: rule.id,
          sentence: `${FIELD_WORDS[field]} ${value}: your rule of ${longDate(rule.createdAt)} says it ${pays}`,
        },
      };
    }
    return null;
  }

  private byConfirmed(tx: Matchable): Match | null {
    for (const field of this.confirmedFields) {
      if (field === 'counterparty_iban') break;
      const found = this.confirmedBy(tx, field);
      if (found) return found;
    }
    // A customer number is a better sign than an IBAN shared by many of a bank's customers.
    return (
      this.byCustomerNumber(tx) ??
      (this.confirmedFields.includes('counterparty_iban') ? this.confirmedBy(tx, 'counterparty_iban') : null)
    );
  }

  private confirmedBy(tx: Matchable, field: Exclude<RuleField, 'counterparty_name'>): Match | null {
    const value = identifierOf(tx, field);
    const fact = value && this.confirmed.get(`${field}\u0000${value}`);
    if (!fact) return null;
    return {
      providerId: fact.providerId,
      by: field,
      evidence: {
        by: field,
        value,
        matched: `a booking you confirmed for ${fact.providerName}`,
        sentence: `${FIELD_WORDS[field]} ${value}, which you confirmed for ${fact.providerName} on ${longDate(fact.confirmedAt)}`,
      },
    };
  }

  private byCustomerNumber(tx: Matchable): Match | null {
    if (this.context.customerNumbers.length === 0) return null;
    const mandate = compactId(tx.mandateReference);
    if (!mandate) return null;
    for (const account of this.context.customerNumbers) {
      const number = compactId(account.number);
      if (number === '') continue;
      if (mandate !== number && !(number.length >= MIN_CONTAINED_NUMBER && mandate.includes(number)))
        continue;
      return {
        providerId: account.providerId,
        by: 'customer_number',
        evidence: {
          by: 'customer_number',
          value: tx.mandateReference ?? mandate,
          matched: `customer number ${account.number}`,
          sentence: `mandate reference ${tx.mandateReference ?? mandate} carries ${account.number}, your customer number with ${account.providerName}`,
        },
      };
    }
    return null;
  }

  /** The payee text against names, domains and the directory, kept per payee and text. */
  private byPayee(tx: Matchable): Match | null {
    const payee = this.payeeOf(tx.counterpartyName);
    const domains = domainsIn(`${tx.counterpartyName ?? ''} ${tx.text ?? ''}`);
    const key = `${payee}\u0000${domains.join(' ')}`;
    if (this.byText.has(key)) return this.byText.get(key) ?? null;
    const found = this.byName_(payee) ?? this.byDomain_(domains) ?? this.byDirectory(payee, domains);
    this.byText.set(key, found);
    return found;
  }

  private byName_(payee: string): Match | null {
    if (!payee) return null;
    for (const prefix of wordPrefixes(payee)) {
      const provider = this.byName.get(prefix) ?? this.byName.get(this.keyOf(prefix));
      if (!provider) continue;
      return {
        providerId: provider.id,
        by: 'name',
        evidence: {
          by: 'name',
          value: payee,
          matched: `provider name ${provider.name}`,
          sentence: `payee "${payee}" is the name of ${provider.name}`,
        },
      };
    }
    return null;
  }

  private byDomain_(domains: readonly string[]): Match | null {
    for (const domain of domains) {
      const labels = domain.split('.');
      for (let i = 0; i <= labels.length - 2; i++) {
        const provider = this.byDomain.get(labels.slice(i).join('.'));
        if (!provider) continue;
        return {
          providerId: provider.id,
          by: 'domain',
          evidence: {
            by: 'domain',
            value: domain,
            matched: `domain ${labels.slice(i).join('.')} of ${provider.name}`,
            sentence: `the booking names ${domain}, a domain of ${provider.name}`,
          },
        };
      }
    }
    return null;
  }

  private byDirectory(payee: string, domains: readonly string[]): Match | null {
    for (const domain of domains) {
      const entry = directoryEntryForDomain(domain);
      if (entry) return this.fromDirectory(entry, domain, `the booking names ${domain}, the web domain of`);
    }
    if (!payee) return null;
    const words = payee.split(' ');
    for (const prefix of wordPrefixes(payee)) {
      const single = !prefix.includes(' ');
      if (single && prefix.length < MIN_DIRECTORY_WORD && words.length > 1) continue;
      const wanted = this.keyOf(prefix);
      if (wanted.length < 3) continue;
      const hit = this.directoryHit(wanted);
      if (!hit) continue;
      if (hit.names.some((n) => n === wanted || n.startsWith(`${wanted} `)))
        return this.fromDirectory(hit.entry, payee, `payee "${payee}" is`);
    }
    return null;
  }

  /** `nameKey` of a word prefix, kept. */
  private keyOf(prefix: string): string {
    let key = this.prefixKeys.get(prefix);
    if (key === undefined) {
      key = nameKey(prefix);
      this.prefixKeys.set(prefix, key);
    }
    return key;
  }

  /** The directory's best entry for a name key, with its names' keys, kept. */
  private directoryHit(wanted: string): { entry: DirectoryEntry; names: string[] } | null {
    let hit = this.directoryHits.get(wanted);
    if (hit === undefined) {
      const entry = bestDirectoryMatch(wanted.toLowerCase());
      hit = entry ? { entry, names: [entry.name, ...(entry.runs ?? [])].map(nameKey) } : null;
      this.directoryHits.set(wanted, hit);
    }
    return hit;
  }

  /** A directory hit: the ledger's provider made from that entry, else a suggestion. */
  private fromDirectory(entry: DirectoryEntry, value: string, saying: string): Match {
    const provider = this.bySlug.get(entry.slug) ?? this.byName.get(nameKey(entry.name));
    const matched = `directory entry ${entry.name}`;
    if (provider) {
      return {
        providerId: provider.id,
        by: 'directory',
        evidence: {
          by: 'directory',
          value,
          matched,
          directorySlug: entry.slug,
          sentence: `${saying} ${entry.name} in the directory, which is ${provider.name} in your ledger`,
        },
      };
    }
    return {
      providerId: null,
      by: 'directory',
      evidence: {
        by: 'directory',
        value,
        matched,
        directorySlug: entry.slug,
        sentence: `${saying} ${entry.name} in the directory, not yet in your ledger: accept to add it`,
      },
    };
  }
}
