import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AliasStrategiesTable, Database, IdentitiesTable } from '../platform/db/schema.js';

export type IdentityRow = Selectable<IdentitiesTable>;
export type StrategyRow = Selectable<AliasStrategiesTable>;

/** Queries on identities and alias strategies; nothing else. */
export class IdentityRepository {
  constructor(private readonly db: Kysely<Database>) {}

  strategies(): Promise<StrategyRow[]> {
    return this.db.selectFrom('alias_strategies').selectAll().orderBy('id').execute();
  }

  strategy(id: number): Promise<StrategyRow | undefined> {
    return this.db.selectFrom('alias_strategies').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertStrategy(row: Insertable<AliasStrategiesTable>): Promise<number> {
    const { id } = await this.db
      .insertInto('alias_strategies')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async clearDefault(): Promise<void> {
    await this.db.updateTable('alias_strategies').set({ isDefault: 0 }).execute();
  }

  async deleteStrategy(id: number): Promise<void> {
    await this.db.deleteFrom('alias_strategies').where('id', '=', id).execute();
  }

  async countUsing(strategyId: number): Promise<number> {
    const row = await this.db
      .selectFrom('identities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('strategyId', '=', strategyId)
      .executeTakeFirstOrThrow();
    return row.n;
  }

  find(id: number): Promise<IdentityRow | undefined> {
    return this.db.selectFrom('identities').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byKey(kind: IdentityRow['kind'], matchKey: string): Promise<IdentityRow | undefined> {
    return this.db
      .selectFrom('identities')
      .selectAll()
      .where('kind', '=', kind)
      .where('matchKey', '=', matchKey)
      .executeTakeFirst();
  }

  list(filter: { providerId?: number; kind?: string }): Promise<IdentityRow[]> {
    let query = this.db.selectFrom('identities').selectAll();
    if (filter.providerId !== undefined) query = query.where('providerId', '=', filter.providerId);
    if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind as IdentityRow['kind']);
    return query.orderBy('providerId').orderBy('id').execute();
  }

  async insert(row: Insertable<IdentitiesTable>): Promise<number> {
    const { id } = await this.db
      .insertInto('identities')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async retire(id: number, at: string): Promise<void> {
    await this.db.updateTable('identities').set({ retiredAt: at, enabled: 0 }).where('id', '=', id).execute();
  }

  async disclosureCount(identityId: number): Promise<number> {
    const row = await this.db
      .selectFrom('disclosures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('identityId', '=', identityId)
      .executeTakeFirstOrThrow();
    return row.n;
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('identities').where('id', '=', id).execute();
  }
}
