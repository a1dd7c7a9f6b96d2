import type { Db } from '../platform/db/handle.js';
import type { ProviderDependant } from '../providers/dependants.js';
import { countAsNumber } from '../platform/db/queries.js';

/** Identities (aliases, tags, numbers) given to a provider. */
export const IDENTITY_REFS: ProviderDependant = {
  noun: { one: 'identity', many: 'identities' },
  countFor: async (db: Db, providerId: number) => {
    const row = await db
      .selectFrom('identities')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('providerId', '=', providerId)
      .executeTakeFirst();
    return countAsNumber(row?.n ?? 0);
  },
  deleteFor: async (db: Db, providerId: number) => {
    await db.deleteFrom('identities').where('providerId', '=', providerId).execute();
  },
};
