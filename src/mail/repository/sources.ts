import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, MailSourcesTable, MailSyncTable } from '../../platform/db/schema.js';
import type { Store } from '../../platform/db/store.js';
import { fromDbBoolean, toDbBoolean } from '../../platform/db/queries.js';

type SourceTableRow = Selectable<MailSourcesTable>;

/** A mail source (an IMAP account or an imported file) as services read it. */
export type SourceRow = Omit<SourceTableRow, 'allowSelfSigned'> & { allowSelfSigned: boolean };
export type SyncRow = Selectable<MailSyncTable>;

/** A new source; the flag is a boolean here and 0 or 1 in the table. */
export type NewSource = Omit<Insertable<MailSourcesTable>, 'allowSelfSigned'> & { allowSelfSigned: boolean };

const sourceOf = (row: SourceTableRow): SourceRow => ({
  ...row,
  allowSelfSigned: fromDbBoolean(row.allowSelfSigned),
});

/** Mail sources and how far each of their folders was read. */
export class SourceRepository {
  private readonly db: Kysely<Database>;

  constructor(store: Pick<Store, 'db'>) {
    this.db = store.db;
  }

  async sources(): Promise<SourceRow[]> {
    return (await this.db.selectFrom('mail_sources').selectAll().orderBy('id').execute()).map(sourceOf);
  }

  async source(id: number): Promise<SourceRow | undefined> {
    const row = await this.db.selectFrom('mail_sources').selectAll().where('id', '=', id).executeTakeFirst();
    return row && sourceOf(row);
  }

  async sourceAt(kind: SourceRow['kind'], location: string): Promise<SourceRow | undefined> {
    const row = await this.db
      .selectFrom('mail_sources')
      .selectAll()
      .where('kind', '=', kind)
      .where('location', '=', location)
      .executeTakeFirst();
    return row && sourceOf(row);
  }

  async insertSource(source: NewSource): Promise<number> {
    const { id } = await this.db
      .insertInto('mail_sources')
      .values({ ...source, allowSelfSigned: toDbBoolean(source.allowSelfSigned) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateSource(
    id: number,
    patch: Pick<Updateable<MailSourcesTable>, 'password' | 'folders' | 'updatedAt'>,
  ): Promise<void> {
    await this.db.updateTable('mail_sources').set(patch).where('id', '=', id).execute();
  }

  async deleteSource(id: number): Promise<void> {
    await this.db.deleteFrom('mail_sources').where('id', '=', id).execute();
  }

  syncState(sourceId: number): Promise<SyncRow[]> {
    return this.db.selectFrom('mail_sync').selectAll().where('sourceId', '=', sourceId).execute();
  }
}
