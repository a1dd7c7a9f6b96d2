import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/handle.js';
import {
  containsIgnoringCase,
  countAsNumber,
  fromDbBoolean,
  toDbBoolean,
} from '../../platform/db/queries.js';
import type { Database } from '../../platform/db/schema.js';

export type BankTransactionRow = Selectable<Database['bank_transactions']>;

/** A booking as lists show it: with its provider's name and its account's label. */
export type BankTransactionView = BankTransactionRow & {
  readonly providerName: string | null;
  readonly accountLabel: string | null;
  readonly accountKey: string;
};

/** The filters of the list of bookings, as the service has resolved them. */
export interface TransactionCriteria {
  readonly accountId?: number | undefined;
  readonly providerId?: number | undefined;
  /** No provider, and no rule of the person's saying there is none. */
  readonly unmatched?: boolean | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly search?: string | undefined;
}

/** The rule field's column: a rule on a payee compares the normalised name. */
const FIELD_COLUMN = {
  creditor_id: 'creditorId',
  mandate_reference: 'mandateReference',
  counterparty_iban: 'counterpartyIban',
  counterparty_name: 'payee',
} as const;

/** What a re-match reads of an unconfirmed booking. */
export type RematchRow = Pick<
  BankTransactionRow,
  | 'id'
  | 'creditorId'
  | 'mandateReference'
  | 'counterpartyIban'
  | 'counterpartyName'
  | 'text'
  | 'providerId'
  | 'matchBy'
  | 'matchEvidence'
>;

/** The bookings: lists, sums, and the matches the person confirms or rules change. */
export class BankTransactionRepository {
  constructor(private readonly db: Db) {}

  private view() {
    return this.db
      .selectFrom('bank_transactions')
      .innerJoin('bank_accounts', 'bank_accounts.id', 'bank_transactions.accountId')
      .leftJoin('providers', 'providers.id', 'bank_transactions.providerId')
      .selectAll('bank_transactions')
      .select([
        'providers.name as providerName',
        'bank_accounts.label as accountLabel',
        'bank_accounts.key as accountKey',
      ]);
  }

  byId(id: number): Promise<BankTransactionView | undefined> {
    return this.view().where('bank_transactions.id', '=', id).executeTakeFirst();
  }

  private filtered(criteria: TransactionCriteria) {
    let query = this.view();
    const { accountId, providerId, unmatched, from, to, search } = criteria;
    if (accountId !== undefined) query = query.where('bank_transactions.accountId', '=', accountId);
    if (providerId !== undefined) query = query.where('bank_transactions.providerId', '=', providerId);
    if (unmatched)
      query = query
        .where('bank_transactions.providerId', 'is', null)
        .where((eb) => eb.or([eb('matchBy', 'is', null), eb('matchBy', '=', 'directory')]));
    if (from !== undefined) query = query.where('bank_transactions.bookedOn', '>=', from);
    if (to !== undefined) query = query.where('bank_transactions.bookedOn', '<=', to);
    if (search !== undefined)
      query = query.where((eb) =>
        eb.or([
          containsIgnoringCase(eb.ref('bank_transactions.counterpartyName'), search),
          containsIgnoringCase(eb.ref('bank_transactions.text'), search),
          containsIgnoringCase(eb.ref('providers.name'), search),
        ]),
      );
    return query;
  }

  /** One page of the bookings that fit, the latest first, and how many fit in all. */
  async page(
    criteria: TransactionCriteria,
    slice: { limit: number; offset: number },
  ): Promise<{ total: number; items: BankTransactionView[] }> {
    const items = await this.filtered(criteria)
      .orderBy('bank_transactions.bookedOn', 'desc')
      .orderBy('bank_transactions.id', 'desc')
      .limit(slice.limit)
      .offset(slice.offset)
      .execute();
    const { n } = await this.filtered(criteria)
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return { total: countAsNumber(n), items };
  }

  /** Identifiers of the bookings the person confirmed, with the provider each was confirmed for. */
  confirmedIdentifiers() {
    return this.db
      .selectFrom('bank_transactions')
      .innerJoin('providers', 'providers.id', 'bank_transactions.providerId')
      .select([
        'bank_transactions.creditorId',
        'bank_transactions.mandateReference',
        'bank_transactions.counterpartyIban',
        'bank_transactions.providerId',
        'bank_transactions.confirmedAt',
        'providers.name as providerName',
      ])
      .where('bank_transactions.matchConfirmed', '=', toDbBoolean(true))
      .execute();
  }

  /** Unconfirmed bookings, all or those with this identifier, for matching again. */
  unconfirmed(
    only?: { field: keyof typeof FIELD_COLUMN; value: string },
    ids?: readonly number[],
  ): Promise<RematchRow[]> {
    let query = this.db
      .selectFrom('bank_transactions')
      .select([
        'id',
        'creditorId',
        'mandateReference',
        'counterpartyIban',
        'counterpartyName',
        'text',
        'providerId',
        'matchBy',
        'matchEvidence',
      ])
      .where('matchConfirmed', '=', toDbBoolean(false));
    if (only) query = query.where(FIELD_COLUMN[only.field], '=', only.value);
    if (ids) {
      if (ids.length === 0) return Promise.resolve([]);
      query = query.where('id', 'in', ids);
    }
    return query.execute();
  }

  /** Writes new matches; the caller runs it in a transaction. */
  async setMatches(
    rows: readonly {
      id: number;
      providerId: number | null;
      matchBy: string | null;
      matchEvidence: string | null;
    }[],
  ): Promise<void> {
    for (const row of rows) {
      await this.db
        .updateTable('bank_transactions')
        .set({ providerId: row.providerId, matchBy: row.matchBy, matchEvidence: row.matchEvidence })
        .where('id', '=', row.id)
        .execute();
    }
  }

  async confirm(
    id: number,
    values: { providerId: number | null; matchBy: string; matchEvidence: string; confirmedAt: string },
  ): Promise<void> {
    await this.db
      .updateTable('bank_transactions')
      .set({ ...values, matchConfirmed: toDbBoolean(true) })
      .where('id', '=', id)
      .execute();
  }

  isConfirmed(row: Pick<BankTransactionRow, 'matchConfirmed'>): boolean {
    return fromDbBoolean(row.matchConfirmed);
  }

  /** Per account and currency: the sum, count and first and last day of the bookings held. */
  accountTotals() {
    return this.db
      .selectFrom('bank_transactions')
      .select((eb) => [
        'accountId',
        'currency',
        eb.fn.sum<number>('amountMinor').as('balanceMinor'),
        eb.fn.countAll().as('count'),
        eb.fn.min('bookedOn').as('firstOn'),
        eb.fn.max('bookedOn').as('lastOn'),
      ])
      .groupBy(['accountId', 'currency'])
      .execute();
  }

  accounts() {
    return this.db.selectFrom('bank_accounts').selectAll().orderBy('id').execute();
  }

  /**
   * Every booking as recurring detection reads it, oldest first: one pass over the table, the
   * provider's name joined, nothing else (100,000 bookings stay a few megabytes).
   */
  payments() {
    return this.db
      .selectFrom('bank_transactions')
      .leftJoin('providers', 'providers.id', 'bank_transactions.providerId')
      .select([
        'bank_transactions.id',
        'bank_transactions.accountId',
        'bank_transactions.bookedOn',
        'bank_transactions.amountMinor',
        'bank_transactions.currency',
        'bank_transactions.providerId',
        'providers.name as providerName',
        'bank_transactions.creditorId',
        'bank_transactions.mandateReference',
        'bank_transactions.counterpartyIban',
        'bank_transactions.counterpartyName',
        'bank_transactions.text',
        'bank_transactions.contractId',
      ])
      .orderBy('bank_transactions.bookedOn')
      .orderBy('bank_transactions.id')
      .execute();
  }

  /** Links bookings to the contract they pay (and their provider to it); the caller runs it in a transaction. */
  async linkContract(ids: readonly number[], contractId: number, providerId: number): Promise<void> {
    for (let at = 0; at < ids.length; at += 500) {
      await this.db
        .updateTable('bank_transactions')
        .set({ contractId, providerId })
        .where('id', 'in', ids.slice(at, at + 500))
        .execute();
    }
  }

  /** How many bookings an import stored, and how many there are with this key (tests and checks). */
  async countOfImport(importId: number): Promise<number> {
    const { n } = await this.db
      .selectFrom('bank_transactions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('importId', '=', importId)
      .executeTakeFirstOrThrow();
    return countAsNumber(n);
  }
}
