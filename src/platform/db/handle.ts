import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The database as a service holds it: an opaque handle that it passes to its repositories and
 * never queries itself (`npm run check` refuses a query outside a repository). A transaction is a
 * `Db` too, so a repository built on one takes part in it.
 */
export type Db = Kysely<Database>;

/**
 * Runs `work` in one transaction: every repository built on `trx` commits together, or none does.
 *
 * @example
 * await inTransaction(this.db, async (trx) => {
 *   const providers = new TableRepository(trx, 'providers');
 *   const id = await providers.insert(values);
 *   await providers.update(id, { updatedAt: now });
 * });
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
