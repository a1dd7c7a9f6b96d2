import { sql, type AliasableExpression, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../handle.js';
import type { ColumnInfo, QueryDialect } from '../port.js';

/** snake_case, as SQLite names columns, to camelCase, as the code (and CamelCasePlugin) does. */
const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());

/** A LIKE pattern (used with `ESCAPE '\'`) matching text that contains `text` literally. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * SQLite's side of the queries: 0/1 booleans, LIKE, `group_concat`, `pragma_table_info` and
 * `sqlite_sequence`.
 */
export const SQLITE_QUERIES: QueryDialect = {
  toDbBoolean: (value) => (value ? 1 : 0),
  fromDbBoolean: (value) => value === 1 || value === true,
  // SQLite's LIKE ignores the case of ASCII letters (and only those, as its lower() does).
  containsIgnoringCase: (column: Expression<unknown>, text: string): Expression<SqlBool> =>
    sql<SqlBool>`${column} LIKE ${containsPattern(text)} ESCAPE '\\'`,
  countAsNumber: (value) => Number(value),
  distinctJoined: (column: Expression<unknown>): AliasableExpression<string> =>
    sql<string>`group_concat(DISTINCT ${column})`,

  async columnsOf(db: Db, table: string): Promise<ColumnInfo[]> {
    const result = await sql<{ name: string; type: string; notnull: number }>`
      SELECT name, type, "notnull" FROM pragma_table_info(${table})`.execute(db);
    return result.rows.map((c) => ({
      name: camel(c.name),
      type: c.type.toUpperCase(),
      notNull: c.notnull === 1,
    }));
  },

  async sequences(db: Db): Promise<Record<string, number>> {
    const result = await sql<{
      name: string;
      seq: number;
    }>`SELECT name, seq FROM sqlite_sequence ORDER BY name`.execute(db);
    return Object.fromEntries(result.rows.map((r) => [r.name, r.seq]));
  },

  async setSequence(db: Db, table: string, value: number): Promise<void> {
    await sql`DELETE FROM sqlite_sequence WHERE name = ${table}`.execute(db);
    await sql`INSERT INTO sqlite_sequence (name, seq) VALUES (${table}, ${value})`.execute(db);
  },
};
