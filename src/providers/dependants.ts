import type { Db } from '../platform/db/handle.js';

/**
 * Records of some kind that refer to a provider: what stops a provider being deleted, and what a
 * cascading delete removes first. Each area that keeps such records implements one for each of
 * its tables (in its `provider-refs.repository.ts`), so the providers area never names another
 * area's tables; the composition root (`src/app.ts`) hands them to `ProviderService` in the order
 * a cascade deletes them, where what refers to another record goes before it.
 *
 * @example
 * const identityRefs: ProviderDependant = {
 *   noun: { one: 'identity', many: 'identities' },
 *   countFor: (db, providerId) => countIdentitiesOf(db, providerId),
 *   deleteFor: (db, providerId) => deleteIdentitiesOf(db, providerId),
 * };
 */
export interface ProviderDependant {
  /** What one such record, and several, are called in the message that refuses a delete. */
  readonly noun: { readonly one: string; readonly many: string };
  /** How many records refer to the provider; `db` may be a transaction. */
  countFor(db: Db, providerId: number): Promise<number>;
  /** Deletes every record that refers to the provider; `db` is the cascade's transaction. */
  deleteFor(db: Db, providerId: number): Promise<void>;
}
