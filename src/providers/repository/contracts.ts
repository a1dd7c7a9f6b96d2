import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/handle.js';
import { fromDbBoolean, toDbBoolean } from '../../platform/db/queries.js';
import type { ContractsTable } from '../../platform/db/schema.js';
import { TableRepository, type Row } from './table.js';

/** A contract as stored, with `autoRenews` read as the boolean it is. */
export type ContractRow = Omit<Row<'contracts'>, 'autoRenews'> & { readonly autoRenews: boolean };
export type ContractWithProviderName = ContractRow & { readonly providerName: string };
/** A new contract; whether it renews by itself is a boolean here, stored as the store keeps booleans. */
export type NewContract = Omit<Insertable<ContractsTable>, 'autoRenews'> & { autoRenews: boolean };
/** Changed fields of a contract, with `autoRenews` as a boolean when it changes. */
export type ContractPatch = Omit<Updateable<ContractsTable>, 'autoRenews'> & { autoRenews?: boolean };

const fromStored = <R extends Row<'contracts'>>(row: R): Omit<R, 'autoRenews'> & { autoRenews: boolean } => ({
  ...row,
  autoRenews: fromDbBoolean(row.autoRenews),
});

/** Queries on contracts and subscriptions, which read and write `autoRenews` as a boolean. */
export class ContractRepository {
  constructor(private readonly db: Db) {}

  async find(id: number): Promise<ContractRow | undefined> {
    const row = await new TableRepository(this.db, 'contracts').find(id);
    return row && fromStored(row);
  }

  insert(values: NewContract): Promise<number> {
    return new TableRepository(this.db, 'contracts').insert({
      ...values,
      autoRenews: toDbBoolean(values.autoRenews),
    });
  }

  update(id: number, patch: ContractPatch): Promise<void> {
    const { autoRenews, ...fields } = patch;
    return new TableRepository(this.db, 'contracts').update(
      id,
      autoRenews === undefined ? fields : { ...fields, autoRenews: toDbBoolean(autoRenews) },
    );
  }

  /** Contracts, of one provider when given, by provider and then in the order they were added. */
  async list(providerId?: number): Promise<ContractRow[]> {
    let query = this.db.selectFrom('contracts').selectAll();
    if (providerId !== undefined) query = query.where('providerId', '=', providerId);
    const rows = await query.orderBy('providerId').orderBy('id').execute();
    return rows.map(fromStored);
  }

  /** Contracts that renew by themselves, each with its provider's name, in no particular order. */
  async autoRenewing(): Promise<ContractWithProviderName[]> {
    const rows = await this.withProviderName()
      .where('contracts.autoRenews', '=', toDbBoolean(true))
      .execute();
    return rows.map(fromStored);
  }

  /** Contracts, of one provider when given, each with its provider's name, by that name. */
  async listWithProviderName(providerId?: number): Promise<ContractWithProviderName[]> {
    let query = this.withProviderName();
    if (providerId !== undefined) query = query.where('contracts.providerId', '=', providerId);
    const rows = await query.orderBy('providers.name').execute();
    return rows.map(fromStored);
  }

  /** Leaves the account's contracts in place, linked to no account. */
  async unlinkAccount(accountId: number): Promise<void> {
    await this.db
      .updateTable('contracts')
      .set({ accountId: null })
      .where('accountId', '=', accountId)
      .execute();
  }

  private withProviderName() {
    return this.db
      .selectFrom('contracts')
      .innerJoin('providers', 'providers.id', 'contracts.providerId')
      .selectAll('contracts')
      .select('providers.name as providerName');
  }
}
