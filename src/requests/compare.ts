import type { Finding } from './answer/findings.js';
import {
  addressKeysInText,
  emailKeys,
  findingAddressKeys,
  foundAsBirth,
  inRecord,
  PERSONAL_MAIL_DOMAINS,
  phoneKey,
  phonesInText,
  saysBirth,
  withinDomain,
} from './compare/match.js';
import { findingKeys, matchVersion, versionKeys, type Strength, type VersionKeys } from './compare/keys.js';
import type { CompareOptions, Comparison, LedgerFact } from './compare/types.js';
import { askNeverGiven, askPassedOn, askUnknown, type AskWhat } from './compare/words.js';

export type { CompareOptions, Comparison, FactRef, LedgerFact } from './compare/types.js';
export { ledgerFactsFor } from './compare/ledger.js';

/**
 * Setting the answer to a data-subject request against the disclosure ledger (issue 16, "the
 * comparison"): what they hold that the person never gave them, what they hold in an outdated
 * version, what the person gave that the answer leaves out. Pure: the findings come from
 * `extractFindings`, the facts from `ledgerFactsFor`; nothing here reads the store.
 */

/** The vault kind a finding compares with; facts of other kinds (documents, free text) are never found. */
const FACT_KIND_OF: Record<Finding['kind'], string> = {
  email: 'email',
  phone: 'phone',
  address: 'postal_address',
  iban: 'bank_account',
  name: 'name',
  date: 'date',
};
const CHECKABLE = new Set(Object.values(FACT_KIND_OF));

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A fact with each version's keys, computed once per comparison. */
interface IndexedFact {
  readonly fact: LedgerFact;
  readonly versions: { version: number; keys: VersionKeys }[];
}

type Verdict = 'matched' | 'outdated' | 'stillHeld' | 'neverGiven';
const RANK: Record<Verdict, number> = { matched: 0, outdated: 1, stillHeld: 2, neverGiven: 3 };

interface Candidate {
  readonly fact: LedgerFact;
  readonly version: number;
  readonly strength: Strength;
  readonly verdict: Verdict;
}

/** What finding a version of a fact says about this provider, by the ledger. */
function verdictOf(fact: LedgerFact, version: number): Verdict {
  const given = fact.givenVersions;
  if (given.length === 0) return (fact.withdrawnVersions ?? []).length > 0 ? 'stillHeld' : 'neverGiven';
  if (version < fact.currentVersion || fact.retired === true) return 'outdated';
  // They hold the current version although only older ones went to them: from somewhere else.
  return given.includes(version) ? 'matched' : 'neverGiven';
}

/** Each fact the finding matches, at its best version: exact before partial, then the current, then the latest. */
function candidatesOf(finding: Finding, facts: readonly IndexedFact[]): Candidate[] {
  const kind = FACT_KIND_OF[finding.kind];
  const found = findingKeys(finding);
  const out: Candidate[] = [];
  for (const { fact, versions } of facts) {
    if (fact.kind !== kind) continue;
    let best: { version: number; strength: Strength } | undefined;
    for (const { version, keys } of versions) {
      const strength = matchVersion(finding, found, fact.label, keys);
      if (!strength) continue;
      const better =
        !best ||
        (strength === 'exact' && best.strength === 'partial') ||
        (strength === best.strength &&
          (version === fact.currentVersion ||
            (best.version !== fact.currentVersion && version > best.version)));
      if (better) best = { version, strength };
    }
    if (best) out.push({ fact, ...best, verdict: verdictOf(fact, best.version) });
  }
  return out.sort(
    (a, b) =>
      Number(b.strength === 'exact') - Number(a.strength === 'exact') || RANK[a.verdict] - RANK[b.verdict],
  );
}

/** The sentence's word for a finding: a date found in a birth field, or matching a birth-date fact, is a birth date. */
function whatOf(finding: Finding, label = ''): AskWhat {
  if (finding.kind !== 'date') return finding.kind;
  return saysBirth(label) || foundAsBirth(finding.places) ? 'birth' : 'date';
}

/**
 * What a comparison knows besides the facts: the identities given to this provider and to others
 * (by match key, with the identity as given), and what tells the person's data from the
 * provider's own (its domains, phones and addresses; the person's own mail domains).
 */
interface Context {
  readonly identities: ReadonlyMap<string, string>;
  readonly elsewhere: ReadonlyMap<string, { identity: string; provider: string }>;
  readonly providerDomains: string[];
  readonly providerPhones: ReadonlySet<string>;
  readonly providerAddresses: ReadonlySet<string>;
  readonly personDomains: ReadonlySet<string>;
}

/** An identity's match key: an e-mail as recognised, a phone in E.164. */
const identityKey = (text: string): string | undefined => emailKeys(text)?.key ?? phoneKey(text) ?? undefined;

function contextOf(facts: readonly LedgerFact[], options: CompareOptions): Context {
  const identities = new Map<string, string>();
  for (const identity of options.identities ?? []) {
    const key = identityKey(identity);
    if (key) identities.set(key, identity);
  }
  const elsewhere = new Map<string, { identity: string; provider: string }>();
  for (const { value, provider } of options.otherIdentities ?? []) {
    const key = identityKey(value);
    if (key && !identities.has(key) && !elsewhere.has(key)) elsewhere.set(key, { identity: value, provider });
  }
  const addresses = [
    ...facts
      .filter((fact) => fact.kind === 'email')
      .flatMap((fact) => fact.versions.map((v) => text(record(v.value).address))),
    ...(options.identities ?? []),
    ...(options.otherIdentities ?? []).map((i) => i.value),
  ];
  return {
    identities,
    elsewhere,
    providerDomains: (options.providerDomains ?? []).map((d) => d.trim().toLowerCase().replace(/^@/, '')),
    providerPhones: new Set(
      (options.providerPhones ?? []).flatMap((phone) => phonesInText(phone, options.providerCountry)),
    ),
    providerAddresses: new Set((options.providerAddresses ?? []).flatMap((a) => [...addressKeysInText(a)])),
    personDomains: new Set(addresses.flatMap((address) => emailKeys(address)?.domain ?? [])),
  };
}

/**
 * Whether a finding that matches no fact looks like the person's own data. An e-mail counts at a
 * personal mail service or a domain of the person's (a catch-all); a company's, the provider's
 * above all, does not. A phone, an IBAN or an address counts only in a record of the export (in
 * a letter's free text it is most often the sender's own hotline, bank account or letterhead),
 * and a phone or an address only when it is not the provider's own. A date counts only in a
 * field named for a birth date; an order date is nobody's secret.
 */
function looksPersonal(finding: Finding, context: Context): boolean {
  switch (finding.kind) {
    case 'email': {
      const keys = emailKeys(finding.value);
      if (!keys || context.providerDomains.some((domain) => withinDomain(keys.domain, domain))) return false;
      return PERSONAL_MAIL_DOMAINS.has(keys.domain) || context.personDomains.has(keys.domain);
    }
    case 'phone':
      return inRecord(finding.places) && !context.providerPhones.has(finding.value);
    case 'address':
      return (
        inRecord(finding.places) &&
        ![...findingAddressKeys(finding)].some((key) => context.providerAddresses.has(key))
      );
    case 'iban':
      return inRecord(finding.places);
    case 'name':
      return true;
    case 'date':
      return foundAsBirth(finding.places);
  }
}

/**
 * Compares what an answer holds with the person's facts and what the ledger says went to this
 * provider. Each finding lands in at most one list, with its places (file and line, JSON path or
 * CSV row) so the person can see it in the answer; each fact given and not found is `leftOut`.
 *
 * @example
 *   const findings = extractFindings((await readAnswer(upload)).files, { defaultCountry: 'DE' });
 *   compareAnswer(findings, ledgerFactsFor(vaultFacts, disclosures), {
 *     providerDomains: ['shop.example'],
 *     identities: ['alex+shop7k@example.org'],
 *   });
 *   // → { neverGiven: [{ finding: { kind: 'date', value: '1988-07-14', … },
 *   //      fact: { id: 4, label: 'Date of birth', version: 1 },
 *   //      ask: 'Ask where they got your date of birth (Art. 15(1)(g))' }], … }
 */
export function compareAnswer(
  findings: readonly Finding[],
  facts: readonly LedgerFact[],
  options: CompareOptions = {},
): Comparison {
  const language = options.language ?? 'en';
  const context = contextOf(facts, options);
  const ignored = new Set((options.ignore ?? []).map((entry) => entry.trim().toLowerCase()));
  const result: Comparison = {
    neverGiven: [],
    unknown: [],
    outdated: [],
    leftOut: [],
    leftOutIdentities: [],
    matched: [],
    passedOn: [],
    stillHeld: [],
    notChecked: [],
  };
  const indexed: IndexedFact[] = facts.map((fact) => ({
    fact,
    versions: fact.versions.map((v) => ({ version: v.version, keys: versionKeys(fact.kind, v.value) })),
  }));
  const present = new Set<number>();
  const identitiesFound = new Set<string>();
  for (const finding of findings) {
    const candidates = candidatesOf(finding, indexed);
    for (const candidate of candidates) present.add(candidate.fact.factId);
    // A date of a fact counts as present wherever it stands, even where it is not taken as that fact.
    if (finding.kind === 'date')
      for (const fact of facts)
        if (fact.kind === 'date' && fact.versions.some((v) => text(record(v.value).date) === finding.value))
          present.add(fact.factId);
    const key = finding.kind === 'email' || finding.kind === 'phone' ? identityKey(finding.value) : undefined;
    if (key !== undefined) identitiesFound.add(key);
    const value = finding.value.toLowerCase();
    if (
      ignored.has(value) ||
      ignored.has(finding.shown.toLowerCase()) ||
      ignored.has(`${finding.kind}:${value}`)
    )
      continue;

    const identity = key === undefined ? undefined : context.identities.get(key);
    if (identity !== undefined) {
      result.matched.push({ finding, identity });
      continue;
    }
    const passed = key === undefined ? undefined : context.elsewhere.get(key);
    if (passed !== undefined) {
      const ask = askPassedOn(language, whatOf(finding), finding.shown, passed.provider);
      result.passedOn.push({ finding, identity: passed.identity, givenTo: passed.provider, ask });
      continue;
    }
    const best = candidates[0];
    if (!best) {
      if (looksPersonal(finding, context))
        result.unknown.push({ finding, ask: askUnknown(language, whatOf(finding), finding.shown) });
      continue;
    }
    const fact = { id: best.fact.factId, label: best.fact.label, version: best.version };
    switch (best.verdict) {
      case 'matched':
        result.matched.push({ finding, fact });
        break;
      case 'outdated':
        result.outdated.push({ finding, fact: { ...fact, current: best.fact.currentVersion } });
        break;
      case 'stillHeld':
        result.stillHeld.push({ finding, fact });
        break;
      case 'neverGiven':
        result.neverGiven.push({
          finding,
          fact,
          ask: askNeverGiven(language, whatOf(finding, best.fact.label), best.fact.label),
        });
        break;
    }
  }

  for (const fact of facts) {
    if (fact.givenVersions.length === 0) continue;
    const ref = { id: fact.factId, label: fact.label, givenVersions: [...fact.givenVersions] };
    if (!CHECKABLE.has(fact.kind)) result.notChecked.push({ fact: { ...ref, kind: fact.kind } });
    else if (!present.has(fact.factId)) result.leftOut.push({ fact: ref });
  }
  for (const [key, identity] of context.identities)
    if (!identitiesFound.has(key)) result.leftOutIdentities.push(identity);
  return result;
}
