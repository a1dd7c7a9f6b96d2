import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, MailImportsTable } from '../../platform/db/schema.js';
import type { Store } from '../../platform/db/store.js';

export type ImportRow = Selectable<MailImportsTable>;

/** Whether a process of this machine is running (signal 0 only checks). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The record of each import: started, running, done or failed, with its counts and skips. */
export class ImportRepository {
  private readonly db: Kysely<Database>;

  constructor(store: Pick<Store, 'db'>) {
    this.db = store.db;
  }

  async startImport(row: Insertable<MailImportsTable>): Promise<number> {
    const { id } = await this.db
      .insertInto('mail_imports')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async finishImport(id: number, patch: Updateable<MailImportsTable>): Promise<void> {
    await this.db.updateTable('mail_imports').set(patch).where('id', '=', id).execute();
  }

  imports(limit: number): Promise<ImportRow[]> {
    return this.db.selectFrom('mail_imports').selectAll().orderBy('id', 'desc').limit(limit).execute();
  }

  importRow(id: number): Promise<ImportRow | undefined> {
    return this.db.selectFrom('mail_imports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Imports left `running` by a process that is gone (vrm stopped, the machine went down). */
  async markInterrupted(at: string): Promise<void> {
    const running = await this.db
      .selectFrom('mail_imports')
      .select(['id', 'pid'])
      .where('status', '=', 'running')
      .execute();
    const gone = running.filter((r) => r.pid === null || !isAlive(r.pid)).map((r) => r.id);
    if (gone.length === 0) return;
    await this.db
      .updateTable('mail_imports')
      .set({ status: 'failed', finishedAt: at, error: 'interrupted: vrm stopped before the import finished' })
      .where('id', 'in', gone)
      .execute();
  }
}
