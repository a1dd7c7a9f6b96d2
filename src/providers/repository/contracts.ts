import type { Db } from '../../platform/db/handle.js';
import type { Row } from './table.js';

export type ContractWithProviderName = Row<'contracts'> & { readonly providerName: string };

/** Queries on contracts and subscriptions beyond plain row access. */
export class ContractRepository {
  constructor(private readonly db: Db) {}

  /** Contracts, of one provider when given, by provider and then in the order they were added. */
  list(providerId?: number): Promise<Row<'contracts'>[]> {
    let query = this.db.selectFrom('contracts').selectAll();
    if (providerId !== undefined) query = query.where('providerId', '=', providerId);
    return query.orderBy('providerId').orderBy('id').execute();
  }

  /** Contracts that renew by themselves, each with its provider's name, in no particular order. */
  autoRenewing(): Promise<ContractWithProviderName[]> {
    return this.withProviderName().where('contracts.autoRenews', '=', 1).execute();
  }

  /** Contracts, of one provider when given, each with its provider's name, by that name. */
  listWithProviderName(providerId?: number): Promise<ContractWithProviderName[]> {
    let query = this.withProviderName();
    if (providerId !== undefined) query = query.where('contracts.providerId', '=', providerId);
    return query.orderBy('providers.name').execute();
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
