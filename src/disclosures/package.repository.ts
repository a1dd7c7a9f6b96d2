import type { Insertable, Kysely } from 'kysely';
import { fromDbBoolean } from '../platform/db/queries.js';
import type { Database, DisclosurePackagesTable } from '../platform/db/schema.js';

/** A stored package with its provider's name and its receipt, as the package list shows it. */
export interface PackageRow {
  readonly id: number;
  readonly event: string;
  readonly providerId: number;
  readonly provider: string;
  readonly termsCode: string;
  readonly sdJwt: string;
  readonly issuedAt: string;
  readonly expiresAt: string | null;
  readonly receiptId: string | null;
  /** Whether a holder key is stored for it: the store's boolean, read here as a boolean. */
  readonly holderBinding: boolean;
}

/** Queries on the signed disclosure packages; nothing else. */
export class PackageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: Insertable<DisclosurePackagesTable>): Promise<void> {
    await this.db.insertInto('disclosure_packages').values(row).execute();
  }

  /** Every package in the order issued, or one provider's. */
  async list(providerId?: number): Promise<PackageRow[]> {
    let query = this.db
      .selectFrom('disclosure_packages as k')
      .innerJoin('providers as p', 'p.id', 'k.providerId')
      .leftJoin('consent_receipts as r', 'r.event', 'k.event')
      .select([
        'k.id',
        'k.event',
        'k.providerId',
        'k.termsCode',
        'k.sdJwt',
        'k.issuedAt',
        'k.expiresAt',
        'p.name as provider',
        'r.receiptId',
      ])
      .select((eb) => eb('k.holderKey', 'is not', null).as('holderBinding'))
      .orderBy('k.issuedAt')
      .orderBy('k.id');
    if (providerId !== undefined) query = query.where('k.providerId', '=', providerId);
    const rows = await query.execute();
    return rows.map((r) => ({ ...r, holderBinding: fromDbBoolean(r.holderBinding) }));
  }

  /** The private JWK of a package's holder key as stored, or null when it has none. */
  async holderKey(id: number): Promise<string | null> {
    const row = await this.db
      .selectFrom('disclosure_packages')
      .select('holderKey')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.holderKey ?? null;
  }
}
