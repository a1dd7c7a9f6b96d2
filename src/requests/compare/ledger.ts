import type { FactWithHistory } from '../../vault/service.js';
import type { LedgerFact } from './types.js';

/** One disclosure of the ledger as the comparison needs it (`DisclosureService.list` gives these). */
export interface GivenFact {
  readonly factId: number | null;
  readonly factVersion: number | null;
  /** Set when the provider was asked to erase it (or did). */
  readonly withdrawnOn: string | null;
}

/**
 * Every vault fact, with the versions the disclosures say went to one provider. Pure: the caller
 * loads the facts (retired ones too: a provider may still hold them) and that provider's
 * disclosures, withdrawn ones included. A version given and later withdrawn counts as withdrawn
 * only when no disclosure of it still stands.
 *
 * @example
 *   ledgerFactsFor(await vault.list({ includeRetired: true }),
 *     await disclosures.list({ provider: 7, includeWithdrawn: true }))
 *   // → [{ factId: 4, label: 'Home', kind: 'postal_address', currentVersion: 2, givenVersions: [1], … }, …]
 */
export function ledgerFactsFor(facts: readonly FactWithHistory[], given: readonly GivenFact[]): LedgerFact[] {
  return facts.map((fact) => {
    const mine = given.filter((d) => d.factId === fact.id && d.factVersion !== null);
    const standing = new Set(mine.filter((d) => d.withdrawnOn === null).map((d) => d.factVersion as number));
    const withdrawn = new Set(
      mine
        .filter((d) => d.withdrawnOn !== null && !standing.has(d.factVersion as number))
        .map((d) => d.factVersion as number),
    );
    return {
      factId: fact.id,
      kind: fact.kind,
      label: fact.label,
      versions: fact.history.map((v) => ({ version: v.version, value: v.value, validFrom: v.validFrom })),
      currentVersion: fact.current.version,
      givenVersions: [...standing].sort((a, b) => a - b),
      withdrawnVersions: [...withdrawn].sort((a, b) => a - b),
      retired: fact.retiredAt !== null,
    };
  });
}
