import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from './handle.js';
import { countAsNumber } from './queries.js';
import type { Database } from './schema.js';

/**
 * Where the previous page of a newest-first list ended, as one source of it sees it: rows must
 * come after (older than) this point. `id` breaks ties at the same instant; without it, rows at
 * exactly `at` are included (`inclusive`) or not.
 */
export interface TimelineBound {
  readonly at: string;
  readonly id?: number;
  readonly inclusive: boolean;
}

/**
 * The rows of a newest-first list (by `at`, then `id`, both descending) that come after `bound`;
 * every row without a bound. Plain comparisons, so an index on `(…, at)` serves it on any engine.
 *
 * @example db.selectFrom('messages').where(olderThan(sql.ref('sentAt'), sql.ref('id'), bound))
 */
export function olderThan(
  at: Expression<string>,
  id: Expression<number>,
  bound: TimelineBound | undefined,
): RawBuilder<SqlBool> {
  if (bound === undefined) return sql<SqlBool>`1 = 1`;
  if (bound.id !== undefined) {
    return sql<SqlBool>`(${at} < ${bound.at} or (${at} = ${bound.at} and ${id} < ${bound.id}))`;
  }
  return bound.inclusive ? sql<SqlBool>`${at} <= ${bound.at}` : sql<SqlBool>`${at} < ${bound.at}`;
}

/**
 * A calendar day (`2026-03-12`) as the instant it starts (`2026-03-12T00:00:00.000Z`), so days and
 * instants sort together. `||` joins text in SQLite and PostgreSQL alike.
 */
export const dayStart = (day: Expression<string>): RawBuilder<string> =>
  sql<string>`(${day} || 'T00:00:00.000Z')`;

/**
 * How many rows of `table` name the provider in `column`: what a timeline source counts for the
 * kind's filter. One query a source, on the column's index.
 *
 * @example count: (db, providerId) => countOfProvider(db, 'documents', 'providerId', providerId)
 */
export async function countOfProvider<T extends keyof Database>(
  db: Db,
  table: T,
  column: keyof Database[T] & string,
  providerId: number,
): Promise<number> {
  // Widened from T only so that Kysely can pick `select`'s overload; T has checked the names.
  const from: keyof Database = table;
  const { n } = await db
    .selectFrom(from)
    .select((eb) => eb.fn.countAll().as('n'))
    .where(sql.ref(column), '=', providerId)
    .executeTakeFirstOrThrow();
  return countAsNumber(n);
}
