import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, SigningKeysTable } from '../platform/db/schema.js';

export type SigningKeyRow = Selectable<SigningKeysTable>;

/** Queries on the person's signing keys; nothing else. */
export class KeyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  all(): Promise<SigningKeyRow[]> {
    return this.db.selectFrom('signing_keys').selectAll().orderBy('id').execute();
  }

  /** The key that signs now: the newest one not retired. */
  current(): Promise<SigningKeyRow | undefined> {
    return this.db
      .selectFrom('signing_keys')
      .selectAll()
      .where('retiredAt', 'is', null)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  byKid(kid: string): Promise<SigningKeyRow | undefined> {
    return this.db.selectFrom('signing_keys').selectAll().where('kid', '=', kid).executeTakeFirst();
  }

  async insert(row: Insertable<SigningKeysTable>): Promise<void> {
    await this.db.insertInto('signing_keys').values(row).execute();
  }

  async retireAll(at: string): Promise<void> {
    await this.db.updateTable('signing_keys').set({ retiredAt: at }).where('retiredAt', 'is', null).execute();
  }
}
