import { sql, type Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

export type BackupTable = keyof Database;
export type PlainRow = Record<string, unknown>;

export interface ColumnInfo {
  readonly name: string;
  /** SQLite's declared type: INTEGER, TEXT or BLOB. */
  readonly type: string;
  readonly notNull: boolean;
}

/** Whole-table reads and writes for export and restore; nothing else. */
export class BackupRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async rows(table: BackupTable): Promise<PlainRow[]> {
    return await this.db.selectFrom(table).selectAll().orderBy('id').execute();
  }

  async insert(table: BackupTable, row: PlainRow): Promise<void> {
    await this.db.insertInto(table).values(row).execute();
  }

  /** Columns of a table, camelCased as the rest of the code sees them. */
  async columns(table: BackupTable): Promise<ColumnInfo[]> {
    const result = await sql<{ name: string; type: string; notnull: number }>`
      SELECT name, type, "notnull" FROM pragma_table_info(${table})`.execute(this.db);
    return result.rows.map((c) => ({
      name: c.name.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase()),
      type: c.type.toUpperCase(),
      notNull: c.notnull === 1,
    }));
  }

  /** The IMAP accounts that have no password: restored from an export without secrets. */
  imapSourcesWithoutPassword(): Promise<{ id: number; location: string }[]> {
    return this.db
      .selectFrom('mail_sources')
      .select(['id', 'location'])
      .where('kind', '=', 'imap')
      .where('password', 'is', null)
      .orderBy('id')
      .execute();
  }

  async count(table: BackupTable): Promise<number> {
    const row = await this.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  /** The next-id counters of AUTOINCREMENT tables, so a restored store hands out the same ids. */
  async sequences(): Promise<Record<string, number>> {
    const result = await sql<{
      name: string;
      seq: number;
    }>`SELECT name, seq FROM sqlite_sequence ORDER BY name`.execute(this.db);
    return Object.fromEntries(result.rows.map((r) => [r.name, r.seq]));
  }

  async setSequence(table: string, seq: number): Promise<void> {
    await sql`DELETE FROM sqlite_sequence WHERE name = ${table}`.execute(this.db);
    await sql`INSERT INTO sqlite_sequence (name, seq) VALUES (${table}, ${seq})`.execute(this.db);
  }
}
