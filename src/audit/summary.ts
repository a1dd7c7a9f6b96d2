import { claimWords } from '../disclosures/claim-text.js';
import { factWords, issuedClaims } from '../disclosures/package-claims.js';

// One line per audit entry, in words: what was done, to what, for whom. The entry's raw values
// stay with it; this is what a person reads first ("Signed a package for Acme: home address, e-mail").

/** The names a summary needs, looked up in the store by the entries' ids. */
export interface AuditNames {
  readonly providers: ReadonlyMap<number, string>;
  readonly facts: ReadonlyMap<number, { readonly label: string; readonly kind: string }>;
  /** What each disclosure event gave: the facts (by id) and how many identities. */
  readonly events: ReadonlyMap<string, { readonly factIds: readonly number[]; readonly identities: number }>;
}

export interface AuditEntryValues {
  readonly entity: string;
  readonly entityId: number;
  readonly action: string;
  readonly oldValues: Record<string, unknown> | null;
  readonly newValues: Record<string, unknown> | null;
}

/** Each table as a thing a person knows: "provider", "consent receipt". */
const THINGS: Record<string, string> = {
  facts: 'fact',
  fact_versions: 'fact version',
  providers: 'provider',
  provider_domains: 'mail domain',
  accounts: 'account',
  cases: 'case',
  contracts: 'contract',
  interactions: 'interaction',
  documents: 'document',
  signing_keys: 'signing key',
  alias_strategies: 'alias strategy',
  identities: 'identity',
  personal_terms: 'terms',
  disclosure_policies: 'disclosure policy',
  agreements: 'agreement',
  agreement_records: 'agreement record',
  disclosures: 'disclosure',
  consent_receipts: 'consent receipt',
  disclosure_packages: 'signed package',
  mail_sources: 'mail source',
  mail_rules: 'mail rule',
  allowed_senders: 'allowed sender',
};

/** Values longer than this (signed tokens, keys, documents) are not repeated in a summary. */
const LONGEST_SHOWN = 60;

const read = (values: Record<string, unknown> | null, ...keys: string[]): unknown => {
  for (const key of keys) {
    const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    if (values?.[key] !== undefined && values[key] !== null) return values[key];
    if (values?.[camel] !== undefined && values[camel] !== null) return values[camel];
  }
  return undefined;
};

const shown = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return 'nothing';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > LONGEST_SHOWN ? `${text.slice(0, 40)}…` : text;
};

/** The thing's own name, where it has one (a provider's name, a fact's label, a case's title). */
function nameOf(values: Record<string, unknown> | null): string | undefined {
  const name = read(
    values,
    'name',
    'label',
    'title',
    'subject',
    'domain',
    'value',
    'code',
    'customer_number',
  );
  return typeof name === 'string' && name.length <= LONGEST_SHOWN ? name : undefined;
}

/** "home address, e-mail alias": what one disclosure event gave, or the claims of its signed package. */
function given(event: unknown, names: AuditNames, sdJwt?: unknown): string {
  const gave = typeof event === 'string' ? names.events.get(event) : undefined;
  const facts = (gave?.factIds ?? []).flatMap((id) => {
    const fact = names.facts.get(id);
    return fact ? [factWords(fact)] : [];
  });
  const identities = gave?.identities
    ? [gave.identities === 1 ? 'an alias' : `${gave.identities} aliases`]
    : [];
  if (facts.length + identities.length > 0) return [...new Set(facts), ...identities].join(', ');
  if (typeof sdJwt !== 'string') return '';
  try {
    return [...new Set(issuedClaims(sdJwt).map((c) => claimWords(c.claim.split('.')[0] ?? c.claim)))].join(
      ', ',
    );
  } catch {
    return '';
  }
}

/**
 * A one-line summary of an audit entry, with names rather than ids and no signed tokens.
 *
 * @example
 *   auditSummary({ entity: 'disclosure_packages', action: 'insert', newValues: { provider_id: 3, event: 'e1', sd_jwt: '…' }, … }, names);
 *   // 'Signed a package for Acme: home address, e-mail'
 */
export function auditSummary(entry: AuditEntryValues, names: AuditNames): string {
  const values = entry.action === 'delete' ? entry.oldValues : entry.newValues;
  const providerId = read(values, 'provider_id');
  const provider =
    typeof providerId === 'number'
      ? (names.providers.get(providerId) ?? `provider ${providerId}`)
      : undefined;
  const factId = read(values, 'fact_id');
  const fact = typeof factId === 'number' ? names.facts.get(factId) : undefined;
  const forWhom = provider ? ` for ${provider}` : '';
  const list = (text: string) => (text ? `: ${text}` : '');
  if (entry.action === 'insert') {
    switch (entry.entity) {
      case 'disclosure_packages':
        return `Signed a package${forWhom}${list(given(read(values, 'event'), names, read(values, 'sd_jwt')))}`;
      case 'consent_receipts':
        return `Issued a consent receipt${forWhom}${list(given(read(values, 'event'), names))}`;
      case 'disclosures': {
        const what = fact ? factWords(fact) : 'an alias';
        return `Recorded that ${provider ?? 'a provider'} was given ${what}`;
      }
      case 'fact_versions':
        return `New version of ${fact ? factWords(fact) : 'a fact'}, valid from ${shown(read(values, 'valid_from'))}`;
      case 'signing_keys':
        return provider ? `Made a signing key for packages to ${provider}` : 'Made a signing key';
      case 'agreements':
        return `Proffered terms ${shown(read(values, 'terms_code'))} to ${provider ?? 'a provider'}`;
    }
  }
  const thing = THINGS[entry.entity] ?? entry.entity.replaceAll('_', ' ');
  const name = nameOf(values);
  const which = `${thing}${name ? ` ${name}` : ''}${provider && entry.entity !== 'providers' ? ` of ${provider}` : ''}`;
  if (entry.action === 'insert') return `Added ${which}`;
  if (entry.action === 'delete') return `Deleted ${which}`;
  const before = entry.oldValues ?? {};
  const after = entry.newValues ?? {};
  const changes = Object.keys(after)
    .filter((k) => !/^updated_?at$/i.test(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${k.replaceAll('_', ' ')} ${shown(before[k])} → ${shown(after[k])}`);
  return `Changed ${which}${list(changes.join('; '))}`;
}
