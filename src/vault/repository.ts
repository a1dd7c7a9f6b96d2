import type { Kysely, Selectable } from 'kysely';
import type { Database, FactsTable, FactVersionsTable } from '../platform/db/schema.js';
import { countAsNumber } from '../platform/db/queries.js';

export type FactRow = Selectable<FactsTable>;
export type FactVersionRow = Selectable<FactVersionsTable>;

export class VaultRepository {
  constructor(private readonly db: Kysely<Database>) {}

  insertFact(row: Omit<FactRow, 'id'>): Promise<{ id: number }> {
    return this.db.insertInto('facts').values(row).returning('id').executeTakeFirstOrThrow();
  }

  insertVersion(row: Omit<FactVersionRow, 'id'>): Promise<{ id: number }> {
    return this.db.insertInto('fact_versions').values(row).returning('id').executeTakeFirstOrThrow();
  }

  findFact(id: number): Promise<FactRow | undefined> {
    return this.db.selectFrom('facts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listFacts(filter: { kind?: string | undefined; includeRetired: boolean }): Promise<FactRow[]> {
    let query = this.db.selectFrom('facts').selectAll();
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (!filter.includeRetired) query = query.where('retiredAt', 'is', null);
    return query.orderBy('kind').orderBy('label').orderBy('id').execute();
  }

  /**
   * Versions of the given facts, in the order they were recorded: a later record wins from the day
   * it takes effect (see `versionAt`).
   */
  async versionsOf(factIds: readonly number[]): Promise<FactVersionRow[]> {
    if (factIds.length === 0) return [];
    return this.db
      .selectFrom('fact_versions')
      .selectAll()
      .where('factId', 'in', factIds)
      .orderBy('factId')
      .orderBy('version')
      .execute();
  }

  async nextVersion(factId: number): Promise<number> {
    const row = await this.db
      .selectFrom('fact_versions')
      .select((eb) => eb.fn.max('version').as('max'))
      .where('factId', '=', factId)
      .executeTakeFirst();
    return (row?.max ?? 0) + 1;
  }

  async updateFact(id: number, patch: Partial<Omit<FactRow, 'id'>>): Promise<void> {
    await this.db.updateTable('facts').set(patch).where('id', '=', id).execute();
  }

  /**
   * How many rows of other areas refer to a fact: disclosures of it and tagged postal identities
   * built on it. Asked here, by the table's own foreign keys, because the disclosures and
   * identities areas depend on the vault and the vault may not depend on them.
   */
  async references(factId: number): Promise<{ disclosures: number; identities: number }> {
    const [disclosures, identities] = await Promise.all([
      this.countWhereFact('disclosures', factId),
      this.countWhereFact('identities', factId),
    ]);
    return { disclosures, identities };
  }

  private async countWhereFact(table: 'disclosures' | 'identities', factId: number): Promise<number> {
    const row = await this.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .where('factId', '=', factId)
      .executeTakeFirstOrThrow();
    return countAsNumber(row.n);
  }

  async deleteFact(id: number): Promise<void> {
    await this.db.deleteFrom('facts').where('id', '=', id).execute();
  }
}
