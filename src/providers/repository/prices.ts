import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/handle.js';
import type { ContractPricesTable } from '../../platform/db/schema.js';

export type PriceRow = Selectable<ContractPricesTable>;
export type NewPrice = Insertable<ContractPricesTable>;
export type PricePatch = Updateable<ContractPricesTable>;

/** Queries on contracts' price histories (`contract_prices`), oldest price first. */
export class PriceRepository {
  constructor(private readonly db: Db) {}

  /** One contract's prices, oldest first. */
  forContract(contractId: number): Promise<PriceRow[]> {
    return this.db
      .selectFrom('contract_prices')
      .selectAll()
      .where('contractId', '=', contractId)
      .orderBy('validFrom')
      .orderBy('id')
      .execute();
  }

  /** The prices of these contracts, by contract and oldest first; every contract's when none are named. */
  async forContracts(contractIds?: readonly number[]): Promise<PriceRow[]> {
    if (contractIds?.length === 0) return [];
    let query = this.db.selectFrom('contract_prices').selectAll();
    if (contractIds !== undefined) query = query.where('contractId', 'in', contractIds);
    return query.orderBy('contractId').orderBy('validFrom').orderBy('id').execute();
  }

  async insert(values: NewPrice): Promise<number> {
    const { id } = await this.db
      .insertInto('contract_prices')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async update(id: number, patch: PricePatch): Promise<void> {
    await this.db.updateTable('contract_prices').set(patch).where('id', '=', id).execute();
  }
}
