import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { Database } from '../platform/db/schema.js';
import { parseInput } from '../platform/validation.js';
import { requireRow } from './ledger.js';
import { TableRepository, type Row } from './repository.js';
import { accountCreate, accountUpdate, type AccountCreate, type AccountUpdate } from './schemas.js';
import type { ProviderService } from './service.js';

export type Account = Row<'accounts'>;

/** Customer accounts held with a provider: the customer numbers they know the person by. */
export class AccountService {
  constructor(
    private readonly db: Kysely<Database>,
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
    let query = this.db.selectFrom('accounts').selectAll();
    if (filter.provider !== undefined)
      query = query.where('providerId', '=', await this.providers.resolve(filter.provider));
    return query.orderBy('providerId').orderBy('id').execute();
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
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('contracts').set({ accountId: null }).where('accountId', '=', id).execute();
      await trx.deleteFrom('accounts').where('id', '=', id).execute();
    });
  }
}
