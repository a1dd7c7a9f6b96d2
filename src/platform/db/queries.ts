import type { AliasableExpression, Expression, SqlBool } from 'kysely';
import type { Db } from './handle.js';
import type { ColumnInfo, DbBoolean, QueryDialect } from './port.js';
import { SQLITE_QUERIES } from './sqlite/queries.js';

/**
 * The query dialect of the engine vrm runs on: the one place it is chosen for repositories.
 * A PostgreSQL implementation of {@link QueryDialect} is chosen here (by configuration, once
 * hosted mode exists); the repositories that use the helpers below do not change.
 */
export const QUERIES: QueryDialect = SQLITE_QUERIES;

/**
 * A boolean as the store keeps it.
 *
 * @example await db.updateTable('mail_rules').set({ enabled: toDbBoolean(input.enabled) }).execute();
 */
export const toDbBoolean = (value: boolean): DbBoolean => QUERIES.toDbBoolean(value);

/**
 * A stored boolean as a boolean.
 *
 * @example const enabled = fromDbBoolean(row.enabled);
 */
export const fromDbBoolean = (value: unknown): boolean => QUERIES.fromDbBoolean(value);

/**
 * `column` contains `text` literally, ignoring case (`%` and `_` in `text` are plain characters).
 *
 * @example db.selectFrom('providers').where((eb) => containsIgnoringCase(eb.ref('name'), search))
 */
export const containsIgnoringCase = (column: Expression<unknown>, text: string): Expression<SqlBool> =>
  QUERIES.containsIgnoringCase(column, text);

/**
 * A count read back from the store, as a number.
 *
 * @example const { n } = await db.selectFrom('providers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
 *   return countAsNumber(n);
 */
export const countAsNumber = (value: unknown): number => QUERIES.countAsNumber(value);

/**
 * The distinct values of `column` in each group, joined by commas, in no promised order.
 *
 * @example db.selectFrom('disclosures').select((eb) => distinctJoined(eb.ref('purposes')).as('purposes')).groupBy('providerId')
 */
export const distinctJoined = (column: Expression<unknown>): AliasableExpression<string> =>
  QUERIES.distinctJoined(column);

/** The columns of a table, camelCased, in their declared order. */
export const columnsOf = (db: Db, table: string): Promise<ColumnInfo[]> => QUERIES.columnsOf(db, table);

/** The next-id counters of the tables that have one. */
export const sequences = (db: Db): Promise<Record<string, number>> => QUERIES.sequences(db);

/** Sets a table's next-id counter. */
export const setSequence = (db: Db, table: string, value: number): Promise<void> =>
  QUERIES.setSequence(db, table, value);
