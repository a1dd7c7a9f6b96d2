import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { Database, DisclosuresTable } from '../platform/db/schema.js';

export type NewDisclosure = Insertable<DisclosuresTable>;

/**
 * Writes disclosure rows. Shared by the ledger and by the identities area (creating an identity
 * for a provider records it as disclosed to that provider, in the same transaction).
 */
export class DisclosureWriter {
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
}

/**
 * Records that an identity was given to a provider: what making an identity for a provider, or
 * confirming an imported alias, writes in the same transaction as the identity itself.
 */
export async function recordIdentityGiven(
  db: Kysely<Database>,
  given: { identityId: number; providerId: number; on: string; at: string; note: string },
): Promise<void> {
  await new DisclosureWriter(db).insertMany([
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

/** The consent receipts: every query the receipts of the ledger need. */
export class ReceiptRepository {
  constructor(private readonly db: Kysely<Database>) {}

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
