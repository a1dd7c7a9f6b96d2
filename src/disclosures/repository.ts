import type { Insertable, Kysely } from 'kysely';
import type { Database, DisclosuresTable } from '../platform/db/schema.js';

export type NewDisclosure = Insertable<DisclosuresTable>;

/**
 * Writes disclosure rows. Shared by the ledger and by the identities area (creating an identity
 * for a provider records it as disclosed to that provider, in the same transaction).
 */
export class DisclosureWriter {
  constructor(private readonly db: Kysely<Database>) {}

  async insertMany(rows: readonly NewDisclosure[]): Promise<number[]> {
    if (rows.length === 0) return [];
    const inserted = await this.db
      .insertInto('disclosures')
      .values([...rows])
      .returning('id')
      .execute();
    return inserted.map((r) => r.id);
  }
}
