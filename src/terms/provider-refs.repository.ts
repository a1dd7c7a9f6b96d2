import type { Db } from '../platform/db/handle.js';
import type { ProviderDependant } from '../providers/dependants.js';
import { countAsNumber } from '../platform/db/queries.js';

/**
 * Agreements on the person's terms with a provider (their signed records go with them). An
 * agreement may name an interaction as evidence, so a cascade deletes these before the ledger's.
 */
export const AGREEMENT_REFS: ProviderDependant = {
  noun: { one: 'agreement', many: 'agreements' },
  countFor: async (db: Db, providerId: number) => {
    const row = await db
      .selectFrom('agreements')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('providerId', '=', providerId)
      .executeTakeFirst();
    return countAsNumber(row?.n ?? 0);
  },
  deleteFor: async (db: Db, providerId: number) => {
    await db.deleteFrom('agreements').where('providerId', '=', providerId).execute();
  },
};
