import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { ConsentReceiptsTable, Database, DisclosuresTable } from '../platform/db/schema.js';
import { countAsNumber, distinctJoined } from '../platform/db/queries.js';

export type NewDisclosure = Insertable<DisclosuresTable>;

/** Which disclosures to read: by provider, fact or event; withdrawn ones only when asked. */
export interface DisclosureFilter {
  readonly providerId?: number | undefined;
  readonly factId?: number | undefined;
  readonly event?: string | undefined;
  readonly includeWithdrawn: boolean;
}

/** Narrows the holdings to one provider or one fact (both indexed columns). */
export interface HoldingFilter {
  readonly providerId?: number | undefined;
  readonly factId?: number | undefined;
}

/**
 * The disclosures ledger: every query on the `disclosures` table. The ledger itself, the package
 * service and (through `identity-ledger.ts`) the identities area use it.
 */
export class DisclosureRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertMany(rows: readonly NewDisclosure[]): Promise<number[]> {
    if (rows.length === 0) return [];
    const inserted = await this.db
      .insertInto('disclosures')
      .values([...rows])
      .returning('id')
      .execute();
    return inserted.map((r) => r.id);
  }

  /**
   * Records that an identity was given to a provider: what making an identity for a provider, or
   * confirming an imported alias, writes in the same transaction as the identity itself.
   */
  async recordIdentityGiven(given: {
    identityId: number;
    providerId: number;
    on: string;
    at: string;
    note: string;
  }): Promise<void> {
    await this.insertMany([
      {
        event: randomUUID(),
        providerId: given.providerId,
        factId: null,
        factVersion: null,
        identityId: given.identityId,
        disclosedOn: given.on,
        channel: 'other',
        purposes: JSON.stringify(['service']),
        termsCode: null,
        agreementId: null,
        policyOverride: null,
        note: given.note,
        createdAt: given.at,
        withdrawnOn: null,
      },
    ]);
  }

  /** The disclosures with their provider's name, in the order given. */
  list(filter: DisclosureFilter) {
    let query = this.db
      .selectFrom('disclosures as d')
      .innerJoin('providers as p', 'p.id', 'd.providerId')
      .selectAll('d')
      .select('p.name as provider')
      .orderBy('d.disclosedOn')
      .orderBy('d.id');
    if (filter.providerId !== undefined) query = query.where('d.providerId', '=', filter.providerId);
    if (filter.factId !== undefined) query = query.where('d.factId', '=', filter.factId);
    if (filter.event !== undefined) query = query.where('d.event', '=', filter.event);
    if (!filter.includeWithdrawn) query = query.where('d.withdrawnOn', 'is', null);
    return query.execute();
  }

  /** The event a disclosure belongs to, or undefined when there is no such disclosure. */
  async eventOf(id: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('disclosures')
      .select('event')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.event;
  }

  /** What went in one disclosure event: a fact or an identity per row. */
  sourcesOf(event: string): Promise<{ factId: number | null; identityId: number | null }[]> {
    return this.db
      .selectFrom('disclosures')
      .select(['factId', 'identityId'])
      .where('event', '=', event)
      .execute();
  }

  async withdraw(id: number, on: string): Promise<void> {
    await this.db.updateTable('disclosures').set({ withdrawnOn: on }).where('id', '=', id).execute();
  }

  /** How many disclosures record an identity, withdrawn ones included. */
  async countForIdentity(identityId: number): Promise<number> {
    const row = await this.db
      .selectFrom('disclosures')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('identityId', '=', identityId)
      .executeTakeFirstOrThrow();
    return countAsNumber(row.n);
  }

  /** How many distinct identities each provider holds (not withdrawn), by provider id. */
  async identityCounts(): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('disclosures')
      .select(['providerId', (eb) => eb.fn.count('identityId').distinct().as('n')])
      .where('identityId', 'is not', null)
      .where('withdrawnOn', 'is', null)
      .groupBy('providerId')
      .execute();
    return new Map(rows.map((r) => [r.providerId, countAsNumber(r.n)]));
  }

  /**
   * Each provider's hold on each fact, aggregated in SQL (one row per provider and fact): the
   * highest version given, the first and last day, and every purpose as the distinct JSON arrays
   * joined by commas.
   */
  holdings(filter: HoldingFilter) {
    let query = this.db
      .selectFrom('disclosures as d')
      .innerJoin('providers as p', 'p.id', 'd.providerId')
      .select((eb) => [
        'd.providerId',
        'p.name as provider',
        'd.factId',
        eb.fn.max('d.factVersion').as('version'),
        eb.fn.min('d.disclosedOn').as('since'),
        eb.fn.max('d.disclosedOn').as('lastOn'),
        distinctJoined(eb.ref('d.purposes')).as('purposes'),
      ])
      .where('d.factId', 'is not', null)
      .where('d.withdrawnOn', 'is', null)
      .groupBy(['d.providerId', 'd.factId'])
      .orderBy('since')
      .orderBy('d.providerId');
    if (filter.providerId !== undefined) query = query.where('d.providerId', '=', filter.providerId);
    if (filter.factId !== undefined) query = query.where('d.factId', '=', filter.factId);
    return query.execute();
  }

  /** The terms of the latest disclosure under terms, keyed `providerId:factId`. */
  async latestTerms(filter: HoldingFilter): Promise<Map<string, string | null>> {
    let query = this.db
      .selectFrom('disclosures')
      .select(['providerId', 'factId', 'termsCode'])
      .where('factId', 'is not', null)
      .where('withdrawnOn', 'is', null)
      .where('termsCode', 'is not', null)
      .orderBy('disclosedOn')
      .orderBy('id');
    if (filter.providerId !== undefined) query = query.where('providerId', '=', filter.providerId);
    if (filter.factId !== undefined) query = query.where('factId', '=', filter.factId);
    const rows = await query.execute();
    return new Map(rows.map((t) => [`${t.providerId}:${t.factId ?? 0}`, t.termsCode]));
  }

  /** The identities a provider holds (not withdrawn), each with the day it was first given. */
  identityHoldings(providerId: number) {
    return this.db
      .selectFrom('disclosures as d')
      .innerJoin('identities as i', 'i.id', 'd.identityId')
      .select([
        'i.id',
        'i.kind',
        'i.value',
        'i.tag',
        'i.retiredAt',
        (eb) => eb.fn.min('d.disclosedOn').as('since'),
      ])
      .where('d.providerId', '=', providerId)
      .where('d.withdrawnOn', 'is', null)
      .groupBy('i.id')
      .orderBy('since')
      .execute();
  }
}

/** The consent receipts: every query the receipts of the ledger need. */
export class ReceiptRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: Insertable<ConsentReceiptsTable>): Promise<void> {
    await this.db.insertInto('consent_receipts').values(row).execute();
  }

  /** All receipts in the order issued, or a provider's. */
  async list(providerId?: number) {
    let query = this.db.selectFrom('consent_receipts').selectAll().orderBy('issuedAt').orderBy('id');
    if (providerId !== undefined) query = query.where('providerId', '=', providerId);
    return query.execute();
  }

  /** One receipt by its row id or its receipt UUID. */
  async byRef(ref: { id: number } | { receiptId: string }) {
    const query = this.db.selectFrom('consent_receipts').selectAll();
    return (
      'id' in ref ? query.where('id', '=', ref.id) : query.where('receiptId', '=', ref.receiptId)
    ).executeTakeFirst();
  }

  /** When the signed package of a disclosure event stops being valid; null without one. */
  async packageExpiry(event: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('disclosure_packages')
      .select('expiresAt')
      .where('event', '=', event)
      .executeTakeFirst();
    return row?.expiresAt ?? null;
  }
}
