import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { sqliteConnection } from '../../platform/db/sqlite/connection.js';
import type { Store } from '../../platform/db/store.js';

/**
 * What classification and the rules read of the rest of the store (providers, their domains,
 * contracts and cases), and the stamp that tells when any of it changed.
 */
export class ContextRepository {
  private readonly db: Kysely<Database>;
  private readonly connection: BetterSqlite3.Database;

  constructor(store: Store) {
    this.db = store.db;
    this.connection = sqliteConnection(store);
  }

  providers() {
    return this.db
      .selectFrom('providers')
      .select(['id', 'name', 'category', 'status', 'directorySlug', 'website'])
      .execute();
  }

  providerDomains() {
    return this.db.selectFrom('provider_domains').select(['providerId', 'domain']).execute();
  }

  /** Providers with a contract running on `day`. */
  async providersWithActiveContract(day: string): Promise<Set<number>> {
    const rows = await this.db
      .selectFrom('contracts')
      .select('providerId')
      .distinct()
      .where('startDate', '<=', day)
      .where((eb) => eb.or([eb('endDate', 'is', null), eb('endDate', '>=', day)]))
      .execute();
    return new Set(rows.map((r) => r.providerId));
  }

  openCases() {
    return this.db
      .selectFrom('cases')
      .select(['id', 'providerId', 'title', 'reference'])
      .where('status', '!=', 'resolved')
      .orderBy('openedOn')
      .orderBy('id')
      .execute();
  }

  /**
   * A value that changes whenever what classification reads changes: identities, alias
   * strategies, provider domains, allowed senders, and the names, websites and directory links of
   * the providers it can name (those with a mail domain, a website or an identity). A provider
   * with none of them names no message, so adding one (the usual write) re-classifies nothing.
   */
  classifierStamp(): string {
    const row = this.connection
      .prepare(
        `SELECT json_array(
          (SELECT json_array(count(*), max(id), count(retired_at)) FROM identities),
          (SELECT json_array(count(*), max(id)) FROM alias_strategies),
          (SELECT json_array(count(*), max(id), sum(length(domain))) FROM provider_domains),
          (SELECT json_group_array(json_array(id, name, website, directory_slug)) FROM providers p
            WHERE website IS NOT NULL OR EXISTS (SELECT 1 FROM provider_domains d WHERE d.provider_id = p.id)
              OR EXISTS (SELECT 1 FROM identities i WHERE i.provider_id = p.id)),
          (SELECT json_array(count(*), max(id)) FROM allowed_senders),
          (SELECT total(provider_id) FROM identities)) AS stamp`,
      )
      .get() as { stamp: string };
    return row.stamp;
  }

  stateValue(key: string): string | undefined {
    const row = this.connection.prepare('SELECT value FROM mail_state WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  setState(key: string, value: string): void {
    this.connection
      .prepare(
        'INSERT INTO mail_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }
}
