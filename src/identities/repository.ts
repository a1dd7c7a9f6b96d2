import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AliasStrategiesTable, Database, IdentitiesTable } from '../platform/db/schema.js';
import { countAsNumber, fromDbBoolean, toDbBoolean } from '../platform/db/queries.js';

/** An identity; whether its old mail went when it was switched off is a boolean here. */
export type IdentityRow = Omit<Selectable<IdentitiesTable>, 'switchedOffExisting'> & {
  switchedOffExisting: boolean;
};
export type StrategyRow = Selectable<AliasStrategiesTable>;
/** A new alias strategy; whether it is the default is a boolean here, stored as the store keeps booleans. */
export type NewStrategy = Omit<Insertable<AliasStrategiesTable>, 'isDefault'> & { isDefault: boolean };
/** A new identity; whether it is enabled is a boolean here, stored as the store keeps booleans. */
export type NewIdentity = Omit<
  Insertable<IdentitiesTable>,
  'enabled' | 'switchedOffAt' | 'switchedOffExisting'
> & {
  enabled: boolean;
};

const identityOf = (row: Selectable<IdentitiesTable>): IdentityRow => ({
  ...row,
  switchedOffExisting: fromDbBoolean(row.switchedOffExisting),
});

/** Queries on identities and alias strategies; nothing else. */
export class IdentityRepository {
  constructor(private readonly db: Kysely<Database>) {}

  strategies(): Promise<StrategyRow[]> {
    return this.db.selectFrom('alias_strategies').selectAll().orderBy('id').execute();
  }

  strategy(id: number): Promise<StrategyRow | undefined> {
    return this.db.selectFrom('alias_strategies').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The strategy marked as the default, if one is. */
  defaultStrategy(): Promise<StrategyRow | undefined> {
    return this.db
      .selectFrom('alias_strategies')
      .selectAll()
      .where('isDefault', '=', toDbBoolean(true))
      .orderBy('id')
      .executeTakeFirst();
  }

  async insertStrategy(row: NewStrategy): Promise<number> {
    const { id } = await this.db
      .insertInto('alias_strategies')
      .values({ ...row, isDefault: toDbBoolean(row.isDefault) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async clearDefault(): Promise<void> {
    await this.db
      .updateTable('alias_strategies')
      .set({ isDefault: toDbBoolean(false) })
      .execute();
  }

  async deleteStrategy(id: number): Promise<void> {
    await this.db.deleteFrom('alias_strategies').where('id', '=', id).execute();
  }

  async countUsing(strategyId: number): Promise<number> {
    const row = await this.db
      .selectFrom('identities')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('strategyId', '=', strategyId)
      .executeTakeFirstOrThrow();
    return countAsNumber(row.n);
  }

  async find(id: number): Promise<IdentityRow | undefined> {
    const row = await this.db.selectFrom('identities').selectAll().where('id', '=', id).executeTakeFirst();
    return row && identityOf(row);
  }

  async byKey(kind: IdentityRow['kind'], matchKey: string): Promise<IdentityRow | undefined> {
    const row = await this.db
      .selectFrom('identities')
      .selectAll()
      .where('kind', '=', kind)
      .where('matchKey', '=', matchKey)
      .executeTakeFirst();
    return row && identityOf(row);
  }

  async list(filter: { providerId?: number; kind?: string; switchedOff?: boolean }): Promise<IdentityRow[]> {
    let query = this.db.selectFrom('identities').selectAll();
    if (filter.providerId !== undefined) query = query.where('providerId', '=', filter.providerId);
    if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind as IdentityRow['kind']);
    if (filter.switchedOff === true) query = query.where('switchedOffAt', 'is not', null);
    return (await query.orderBy('providerId').orderBy('id').execute()).map(identityOf);
  }

  /** Imported aliases waiting for the person: suggested matches and aliases with no match. */
  async reviewQueue(): Promise<IdentityRow[]> {
    const rows = await this.db
      .selectFrom('identities')
      .selectAll()
      .where('review', '!=', 'confirmed')
      .orderBy('id')
      .execute();
    return rows.map(identityOf);
  }

  /** Switches an identity off (`at` a time) or on again (`at` null). */
  async switchOff(id: number, at: string | null, existing: boolean): Promise<void> {
    await this.db
      .updateTable('identities')
      .set({ switchedOffAt: at, switchedOffExisting: toDbBoolean(existing) })
      .where('id', '=', id)
      .execute();
  }

  /** Makes one strategy the default, and no other. */
  async makeDefault(strategyId: number): Promise<void> {
    await this.clearDefault();
    await this.db
      .updateTable('alias_strategies')
      .set({ isDefault: toDbBoolean(true) })
      .where('id', '=', strategyId)
      .execute();
  }

  async insert(row: NewIdentity): Promise<number> {
    const { id } = await this.db
      .insertInto('identities')
      .values({ ...row, enabled: toDbBoolean(row.enabled) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async retire(id: number, at: string): Promise<void> {
    await this.db
      .updateTable('identities')
      .set({ retiredAt: at, enabled: toDbBoolean(false) })
      .where('id', '=', id)
      .execute();
  }

  /** Confirms an imported alias as given to a provider. */
  async confirm(id: number, providerId: number): Promise<void> {
    await this.db
      .updateTable('identities')
      .set({ providerId, review: 'confirmed' })
      .where('id', '=', id)
      .execute();
  }

  /** Drops the suggested provider of an imported alias: it waits, unmatched, for the person. */
  async unmatch(id: number): Promise<void> {
    await this.db
      .updateTable('identities')
      .set({ providerId: null, review: 'unmatched', reviewReason: null })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('identities').where('id', '=', id).execute();
  }
}
