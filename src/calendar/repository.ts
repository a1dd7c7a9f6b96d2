import type { Db } from '../platform/db/handle.js';

/** What the feed remembers of one event: its content hash and SEQUENCE. */
export interface StoredEvent {
  readonly uid: string;
  readonly hash: string;
  readonly sequence: number;
  readonly changedAt: string;
  readonly removedAt: string | null;
}

/** The feed's row: the store's UID namespace and the secret address's hash. */
export interface FeedRow {
  readonly namespace: string;
  readonly tokenHash: string | null;
  readonly tokenCreatedAt: string | null;
}

/** The calendar's own bookkeeping (migration 10): queries only. */
export class CalendarRepository {
  constructor(private readonly db: Db) {}

  async feed(): Promise<FeedRow | undefined> {
    return this.db
      .selectFrom('calendar_feed')
      .select(['namespace', 'tokenHash', 'tokenCreatedAt'])
      .where('id', '=', 1)
      .executeTakeFirst();
  }

  /** Makes the feed's row with `namespace` unless there is one; the row that stands is returned. */
  async ensureFeed(namespace: string): Promise<FeedRow> {
    await this.db
      .insertInto('calendar_feed')
      .values({ id: 1, namespace, tokenHash: null, tokenCreatedAt: null })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const row = await this.feed();
    if (!row) throw new Error('calendar_feed has no row after inserting one');
    return row;
  }

  async setToken(tokenHash: string | null, createdAt: string | null): Promise<void> {
    await this.db
      .updateTable('calendar_feed')
      .set({ tokenHash, tokenCreatedAt: createdAt })
      .where('id', '=', 1)
      .execute();
  }

  async events(): Promise<StoredEvent[]> {
    return this.db.selectFrom('calendar_events').selectAll().orderBy('uid').execute();
  }

  async insertEvent(row: StoredEvent): Promise<void> {
    await this.db
      .insertInto('calendar_events')
      .values(row)
      .onConflict((oc) => oc.column('uid').doNothing())
      .execute();
  }

  /**
   * Records new content for an event: the SEQUENCE goes up by one, only if the stored hash is not
   * already the new one or the event was removed, so two fetches at once raise it once.
   */
  async changeEvent(uid: string, hash: string, changedAt: string): Promise<void> {
    await this.db
      .updateTable('calendar_events')
      .set((eb) => ({ hash, sequence: eb('sequence', '+', 1), changedAt, removedAt: null }))
      .where('uid', '=', uid)
      .where((eb) => eb.or([eb('hash', '!=', hash), eb('removedAt', 'is not', null)]))
      .execute();
  }

  async markRemoved(uids: readonly string[], removedAt: string): Promise<void> {
    if (uids.length === 0) return;
    await this.db
      .updateTable('calendar_events')
      .set({ removedAt })
      .where('uid', 'in', uids)
      .where('removedAt', 'is', null)
      .execute();
  }
}
