import { sql } from 'kysely';
import type { Db } from '../../platform/db/handle.js';

/**
 * Which bookings a spend figure adds up, as the service has resolved them: booked on or after
 * `fromDay`, before `untilDay` (the first day after the period), of one account and one currency,
 * outgoing only unless `incoming`.
 */
export interface SpendCriteria {
  readonly fromDay?: string | undefined;
  readonly untilDay?: string | undefined;
  readonly accountId?: number | undefined;
  readonly currency?: string | undefined;
  readonly incoming: boolean;
}

/** What every spend group answers: money out and in (both positive), and how many bookings. */
interface Sums {
  readonly spentMinor: number;
  readonly receivedMinor: number;
  readonly count: number;
}

/** One group of bookings: a currency, a month, a provider or (with none) a payee. */
export interface SpendGroupSum extends Sums {
  readonly currency: string;
  readonly month: string;
  readonly providerId: number | null;
  readonly providerName: string | null;
  readonly category: string | null;
  /** The normalised payee of unassigned bookings ('' for a provider's). */
  readonly payee: string;
  /** A name the bank gave the payee of unassigned bookings. */
  readonly payeeName: string | null;
}

/** `YYYY-MM` of a booking: `substr` reads the same in SQLite and PostgreSQL. */
const monthOf = sql<string>`substr(${sql.ref('t.bookedOn')}, 1, 7)`;
const yearOf = sql<string>`substr(${sql.ref('t.bookedOn')}, 1, 4)`;
/** Money out as a positive sum, money in as a positive sum: never netted inside one figure. */
const spent = sql<number>`sum(case when ${sql.ref('t.amountMinor')} < 0 then -${sql.ref('t.amountMinor')} else 0 end)`;
const received = sql<number>`sum(case when ${sql.ref('t.amountMinor')} > 0 then ${sql.ref('t.amountMinor')} else 0 end)`;

/** The provider of a booking linked to no contract: what paid-versus-contracted counts it under. */
const unlinkedProvider = sql<
  number | string | null
>`case when ${sql.ref('t.contractId')} is null then ${sql.ref('t.providerId')} end`;

/** Sums come back as text or bigint from some engines: numbers, always. */
const sums = <T extends { spentMinor: unknown; receivedMinor: unknown; count: unknown }>(row: T) => ({
  ...row,
  spentMinor: Number(row.spentMinor ?? 0),
  receivedMinor: Number(row.receivedMinor ?? 0),
  count: Number(row.count),
});

/**
 * Spend over time (issue 17, point 4): grouped queries over the bookings, so nothing but sums
 * leaves the database (100,000 bookings over five years: the whole report in under a second).
 */
export class SpendRepository {
  constructor(private readonly db: Db) {}

  private bookings(c: SpendCriteria) {
    let query = this.db.selectFrom('bank_transactions as t');
    if (c.fromDay !== undefined) query = query.where('t.bookedOn', '>=', c.fromDay);
    if (c.untilDay !== undefined) query = query.where('t.bookedOn', '<', c.untilDay);
    if (c.accountId !== undefined) query = query.where('t.accountId', '=', c.accountId);
    if (c.currency !== undefined) query = query.where('t.currency', '=', c.currency);
    if (!c.incoming) query = query.where('t.amountMinor', '<', 0);
    return query;
  }

  private static readonly sums = [
    spent.as('spentMinor'),
    received.as('receivedMinor'),
    sql<number>`count(*)`.as('count'),
  ] as const;

  /**
   * Per currency, month, provider and (for bookings no provider is known for) payee, with the
   * provider's name and category: one pass over the bookings that every view of the report (the
   * months, who was paid, the categories, the top providers month by month) is summed from. One
   * pass, not one per view: reading 100,000 encrypted rows is what costs, not the grouping.
   */
  async groups(c: SpendCriteria): Promise<SpendGroupSum[]> {
    const payeeKey = sql<string>`case when ${sql.ref('t.providerId')} is null then ${sql.ref('t.payee')} else '' end`;
    const rows = await this.bookings(c)
      .leftJoin('providers as p', 'p.id', 't.providerId')
      .select(['t.currency', monthOf.as('month'), 't.providerId', payeeKey.as('payee')])
      .select((eb) => [
        eb.fn.max('p.name').as('providerName'),
        eb.fn.max('p.category').as('category'),
        eb.fn.max('t.counterpartyName').as('payeeName'),
      ])
      .select(SpendRepository.sums)
      .groupBy(['t.currency', monthOf, 't.providerId', payeeKey])
      .execute();
    return rows.map(sums);
  }

  /**
   * What was paid in the period (money out less refunds, positive), per contract the bookings are
   * linked to, and per provider for bookings linked to no contract.
   */
  async paid(c: SpendCriteria): Promise<
    {
      contractId: number | null;
      providerId: number | null;
      currency: string;
      paidMinor: number;
      count: number;
    }[]
  > {
    const rows = await this.bookings({ ...c, incoming: true })
      .where((eb) => eb.or([eb('t.contractId', 'is not', null), eb('t.providerId', 'is not', null)]))
      .select([
        't.contractId',
        unlinkedProvider.as('providerId'),
        't.currency',
        sql<number | string>`-sum(${sql.ref('t.amountMinor')})`.as('paidMinor'),
        sql<number | string>`count(*)`.as('count'),
      ])
      .groupBy(['t.contractId', unlinkedProvider, 't.currency'])
      .execute();
    return rows.map((r) => ({
      contractId: r.contractId,
      providerId: r.providerId === null ? null : Number(r.providerId),
      currency: r.currency,
      paidMinor: Number(r.paidMinor),
      count: Number(r.count),
    }));
  }

  /** The contracts with bookings linked to them, and the providers with bookings: who to compare. */
  async withBookings(): Promise<{ contractIds: number[]; providerIds: number[] }> {
    const [contracts, providers] = await Promise.all([
      this.db
        .selectFrom('bank_transactions')
        .select('contractId')
        .distinct()
        .where('contractId', 'is not', null)
        .execute(),
      this.db
        .selectFrom('bank_transactions')
        .select('providerId')
        .distinct()
        .where('providerId', 'is not', null)
        .execute(),
    ]);
    return {
      contractIds: contracts.map((r) => Number(r.contractId)),
      providerIds: providers.map((r) => Number(r.providerId)),
    };
  }

  /** One provider's bookings, the latest first, at most `limit`, with their account's name. */
  paymentsOf(providerId: number, limit: number) {
    return this.db
      .selectFrom('bank_transactions as t')
      .innerJoin('bank_accounts as a', 'a.id', 't.accountId')
      .select([
        't.id',
        't.bookedOn',
        't.amountMinor',
        't.currency',
        't.counterpartyName',
        't.text',
        't.contractId',
        'a.label as accountLabel',
        'a.name as accountName',
        'a.iban as accountIban',
        'a.key as accountKey',
      ])
      .where('t.providerId', '=', providerId)
      .orderBy('t.bookedOn', 'desc')
      .orderBy('t.id', 'desc')
      .limit(limit)
      .execute();
  }

  /** One provider's bookings per year and currency: paid out, received, how many. */
  async yearsOf(
    providerId: number,
  ): Promise<{ year: string; currency: string; spentMinor: number; receivedMinor: number; count: number }[]> {
    const rows = await this.db
      .selectFrom('bank_transactions as t')
      .where('t.providerId', '=', providerId)
      .select([yearOf.as('year'), 't.currency'])
      .select(SpendRepository.sums)
      .groupBy([yearOf, 't.currency'])
      .orderBy(yearOf, 'desc')
      .orderBy('t.currency')
      .execute();
    return rows.map(sums);
  }
}
