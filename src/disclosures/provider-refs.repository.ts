import type { Db } from '../platform/db/handle.js';
import type { ProviderDependant } from '../providers/dependants.js';
import { countAsNumber } from '../platform/db/queries.js';

type Table = 'consent_receipts' | 'disclosure_packages' | 'disclosures' | 'disclosure_policies';

const refsIn = (table: Table, one: string, many: string): ProviderDependant => ({
  noun: { one, many },
  countFor: async (db: Db, providerId: number) => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .where('providerId', '=', providerId)
      .executeTakeFirst();
    return countAsNumber(row?.n ?? 0);
  },
  deleteFor: async (db: Db, providerId: number) => {
    await db.deleteFrom(table).where('providerId', '=', providerId).execute();
  },
});

/** Consent receipts issued for a provider. */
export const CONSENT_RECEIPT_REFS = refsIn('consent_receipts', 'consent receipt', 'consent receipts');
/** Signed disclosure packages made for a provider. */
// The plural names the table, as the message always has.
export const PACKAGE_REFS = refsIn('disclosure_packages', 'signed package', 'disclosure packages');
/**
 * The ledger of what went to a provider. An entry may name one of its agreements and identities,
 * so a cascade deletes these before both.
 */
export const DISCLOSURE_REFS = refsIn('disclosures', 'disclosure', 'disclosures');
/** Disclosure policies scoped to a provider. */
export const POLICY_REFS = refsIn('disclosure_policies', 'disclosure policy', 'disclosure policies');
