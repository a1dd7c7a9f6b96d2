import type { Db } from '../platform/db/handle.js';
import type { ColumnInfo } from '../platform/db/port.js';
import { columnsOf, countAsNumber, sequences, setSequence } from '../platform/db/queries.js';
import type { Database } from '../platform/db/schema.js';

export type BackupTable = keyof Database;
export type PlainRow = Record<string, unknown>;
export type { ColumnInfo };

/** Whole-table reads and writes for export and restore; nothing else. */
export class BackupRepository {
  constructor(private readonly db: Db) {}

  async rows(table: BackupTable): Promise<PlainRow[]> {
    return await this.db.selectFrom(table).selectAll().orderBy('id').execute();
  }

  async insert(table: BackupTable, row: PlainRow): Promise<void> {
    await this.db.insertInto(table).values(row).execute();
  }

  /** Columns of a table, camelCased as the rest of the code sees them. */
  columns(table: BackupTable): Promise<ColumnInfo[]> {
    return columnsOf(this.db, table);
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

  /** The SMTP server, when it has no password: restored from an export without secrets. */
  smtpWithoutPassword(): Promise<{ host: string; username: string } | undefined> {
    return this.db
      .selectFrom('smtp_settings')
      .select(['host', 'username'])
      .where('password', 'is', null)
      .executeTakeFirst();
  }

  async count(table: BackupTable): Promise<number> {
    const row = await this.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return countAsNumber(row.n);
  }

  /** The next-id counters of AUTOINCREMENT tables, so a restored store hands out the same ids. */
  sequences(): Promise<Record<string, number>> {
    return sequences(this.db);
  }

  setSequence(table: string, seq: number): Promise<void> {
    return setSequence(this.db, table, seq);
  }
}
