import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AllowedSendersTable, Database } from '../../platform/db/schema.js';
import { sqliteConnection } from '../../platform/db/sqlite/connection.js';
import type { Store } from '../../platform/db/store.js';

export type AllowedRow = Selectable<AllowedSendersTable>;

/** Leak events, derived from the messages, and the senders the person allowed. */
export class LeakRepository {
  private readonly db: Kysely<Database>;
  private readonly connection: BetterSqlite3.Database;

  constructor(store: Store) {
    this.db = store.db;
    this.connection = sqliteConnection(store);
  }

  /**
   * Re-derives the leak events from the messages: one per identity and sender, with the first and
   * last day seen and the count; messages link to theirs. Events whose messages are gone go too.
   * Allowed senders keep their event (shown as "not a leak"), so the decision stays visible.
   */
  rebuildLeakEvents(): void {
    this.connection.transaction(() => {
      this.connection.exec(`
        DROP TABLE IF EXISTS temp.leak_candidates;
        CREATE TEMP TABLE leak_candidates AS
          SELECT m.identity_id, m.identity_provider_id AS owner_provider_id, m.sender_key,
            max(m.sender_provider_id) AS sender_provider_id, max(m.sender_label) AS sender_label,
            min(coalesce(m.sent_at, m.imported_at)) AS first_seen, max(coalesce(m.sent_at, m.imported_at)) AS last_seen,
            count(*) AS message_count
          FROM messages m
          WHERE m.identity_provider_id IS NOT NULL AND m.sender_key <> 'self'
            AND (m.leak = 1 OR EXISTS (SELECT 1 FROM allowed_senders a
              WHERE a.provider_id = m.identity_provider_id AND a.sender_key = m.sender_key))
          GROUP BY m.identity_id, m.identity_provider_id, m.sender_key;
        DELETE FROM leak_events WHERE NOT EXISTS (SELECT 1 FROM leak_candidates c
          WHERE c.identity_id = leak_events.identity_id AND c.sender_key = leak_events.sender_key);
        INSERT INTO leak_events (identity_id, owner_provider_id, sender_key, sender_provider_id, sender_label,
            first_seen, last_seen, message_count)
          SELECT identity_id, owner_provider_id, sender_key, sender_provider_id, sender_label, first_seen, last_seen,
            message_count FROM leak_candidates WHERE true
          ON CONFLICT (identity_id, sender_key) DO UPDATE SET owner_provider_id = excluded.owner_provider_id,
            sender_provider_id = excluded.sender_provider_id, sender_label = excluded.sender_label,
            first_seen = excluded.first_seen, last_seen = excluded.last_seen, message_count = excluded.message_count;
        UPDATE messages SET leak_event_id = (SELECT e.id FROM leak_events e
            WHERE e.identity_id = messages.identity_id AND e.sender_key = messages.sender_key)
          WHERE identity_provider_id IS NOT NULL OR leak_event_id IS NOT NULL;
        DROP TABLE leak_candidates;
      `);
    })();
  }

  leakEvents(filter: { ownerProviderId?: number }) {
    let q = this.db
      .selectFrom('leak_events as e')
      .innerJoin('identities as i', 'i.id', 'e.identityId')
      .innerJoin('providers as p', 'p.id', 'e.ownerProviderId')
      .leftJoin('allowed_senders as a', (join) =>
        join.onRef('a.providerId', '=', 'e.ownerProviderId').onRef('a.senderKey', '=', 'e.senderKey'),
      )
      .select([
        'e.id',
        'e.identityId',
        'i.value as identity',
        'i.retiredAt as identityRetiredAt',
        'e.ownerProviderId',
        'p.name as ownerName',
        'e.senderKey',
        'e.senderProviderId',
        'e.senderLabel',
        'e.firstSeen',
        'e.lastSeen',
        'e.messageCount',
        'a.id as allowedId',
        'a.reason as allowedReason',
        'a.createdAt as allowedAt',
      ]);
    if (filter.ownerProviderId !== undefined) q = q.where('e.ownerProviderId', '=', filter.ownerProviderId);
    return q.orderBy('p.name').orderBy('e.firstSeen').execute();
  }

  leakEvent(id: number) {
    return this.db.selectFrom('leak_events').selectAll().where('id', '=', id).executeTakeFirst();
  }

  allowedSenders(providerId?: number): Promise<AllowedRow[]> {
    let query = this.db.selectFrom('allowed_senders').selectAll();
    if (providerId !== undefined) query = query.where('providerId', '=', providerId);
    return query.orderBy('id').execute();
  }

  async insertAllowed(row: Insertable<AllowedSendersTable>): Promise<number> {
    const { id } = await this.db
      .insertInto('allowed_senders')
      .values(row)
      .onConflict((oc) => oc.columns(['providerId', 'senderKey']).doUpdateSet({ reason: row.reason }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async deleteAllowed(id: number): Promise<number> {
    const result = await this.db.deleteFrom('allowed_senders').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
