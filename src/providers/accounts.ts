import type { Clock } from '../platform/clock.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { parseInput } from '../platform/validation.js';
import { requireRow } from './ledger.js';
import { AccountRepository } from './repository/accounts.js';
import { ContractRepository } from './repository/contracts.js';
import { TableRepository, type Row } from './repository/table.js';
import { accountCreate, accountUpdate, type AccountCreate, type AccountUpdate } from './schemas.js';
import type { ProviderService } from './service.js';

export type Account = Row<'accounts'>;

/** Customer accounts held with a provider: the customer numbers they know the person by. */
export class AccountService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
  ) {}

  async add(input: AccountCreate): Promise<Account> {
    const parsed = parseInput(accountCreate, input, 'account');
    await this.providers.get(parsed.providerId);
    const now = this.clock().toISOString();
    const id = await new TableRepository(this.db, 'accounts').insert({
      ...parsed,
      createdAt: now,
      updatedAt: now,
    });
    return this.get(id);
  }

  async list(filter: { provider?: number | string | undefined } = {}): Promise<Account[]> {
    const providerId =
      filter.provider === undefined ? undefined : await this.providers.resolve(filter.provider);
    return new AccountRepository(this.db).list(providerId);
  }

  get(id: number): Promise<Account> {
    return requireRow(this.db, 'accounts', id);
  }

  async update(id: number, input: AccountUpdate): Promise<Account> {
    const parsed = parseInput(accountUpdate, input, 'account');
    await this.get(id);
    if (parsed.providerId !== undefined) await this.providers.get(parsed.providerId);
    await new TableRepository(this.db, 'accounts').update(id, {
      ...parsed,
      updatedAt: this.clock().toISOString(),
    });
    return this.get(id);
  }

  /** Closing keeps the account on record with the day it closed. */
  close(id: number, on: string): Promise<Account> {
    return this.update(id, { closedOn: on });
  }

  /** Deleting an account leaves its contracts in place, no longer linked to it. */
  async delete(id: number): Promise<void> {
    await this.get(id);
    await inTransaction(this.db, async (trx) => {
      await new ContractRepository(trx).unlinkAccount(id);
      await new TableRepository(trx, 'accounts').delete(id);
    });
  }
}
