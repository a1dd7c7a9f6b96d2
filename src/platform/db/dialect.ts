import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

/**
 * How long a write waits for another connection's (another vrm's: a mail import, the web app) to
 * finish before it fails with `store_busy`. An import commits every 100 messages, so a write
 * waits tens of milliseconds; the margin is for a slow disk and many writers queueing at once.
 */
export const BUSY_TIMEOUT_MS = 15_000;

/**
 * Every transaction on the store begins with `BEGIN IMMEDIATE`, taking the write lock before its
 * first statement, and waits up to the busy timeout for it.
 *
 * **Important**: SQLite's default, a deferred `BEGIN`, takes the write lock only at the first
 * write. A transaction that has read and then writes while another connection writes fails at
 * once with SQLITE_BUSY ("database is locked"): waiting could deadlock (the other may need this
 * one's snapshot gone), so SQLite never calls the busy handler there, whatever the timeout. Every
 * transaction here writes, so none loses by taking the lock first.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(private readonly database: BetterSqlite3.Database) {
    super({ database });
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /**
   * A COMMIT that fails for want of room (SQLITE_FULL) has already been rolled back by SQLite:
   * Kysely's own ROLLBACK would then fail with "no transaction is active", and that error would
   * hide the real one. Only a transaction still open is rolled back.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.database.inTransaction) await super.rollbackTransaction(connection);
  }
}

/** Kysely's SQLite dialect, with transactions that begin immediately (see `ImmediateSqliteDriver`). */
export class StoreDialect extends SqliteDialect {
  readonly #database: BetterSqlite3.Database;

  constructor(config: { readonly database: BetterSqlite3.Database }) {
    super(config);
    this.#database = config.database;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#database);
  }
}

/**
 * The same for the connection's own transactions (`connection.transaction(fn)`, the mail import's
 * batches, migrations): better-sqlite3 begins them with a deferred `BEGIN` too. `.deferred` is
 * still there for a transaction that only reads.
 */
export function beginImmediately(connection: BetterSqlite3.Database): void {
  const deferred = connection.transaction.bind(connection);
  connection.transaction = <F extends (...params: never[]) => unknown>(fn: F) =>
    // `.immediate` is the same transaction function (it needs no `this`), with `.deferred` and the
    // others on it too.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    deferred(fn).immediate as BetterSqlite3.Transaction<F>;
}
