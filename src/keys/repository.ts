import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, SigningKeysTable } from '../platform/db/schema.js';

export type SigningKeyRow = Selectable<SigningKeysTable>;

/** Queries on the signing keys: the person's own, and one issuer key per provider; nothing else. */
export class KeyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every key, the person's and the providers' issuer keys, oldest first. */
  all(): Promise<SigningKeyRow[]> {
    return this.db.selectFrom('signing_keys').selectAll().orderBy('id').execute();
  }

  /** The person's own keys, current and retired: the key set anyone may be shown. */
  personal(): Promise<SigningKeyRow[]> {
    return this.db
      .selectFrom('signing_keys')
      .selectAll()
      .where('providerId', 'is', null)
      .orderBy('id')
      .execute();
  }

  /** The person's key that signs now: the newest one not retired that still has its private half. */
  current(): Promise<SigningKeyRow | undefined> {
    return this.db
      .selectFrom('signing_keys')
      .selectAll()
      .where('providerId', 'is', null)
      .where('retiredAt', 'is', null)
      .where('privateJwk', 'is not', null)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  /** The issuer key that signs for one provider now, as `current` for the person's keys. */
  currentFor(providerId: number): Promise<SigningKeyRow | undefined> {
    return this.db
      .selectFrom('signing_keys')
      .selectAll()
      .where('providerId', '=', providerId)
      .where('retiredAt', 'is', null)
      .where('privateJwk', 'is not', null)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  byKid(kid: string): Promise<SigningKeyRow | undefined> {
    return this.db.selectFrom('signing_keys').selectAll().where('kid', '=', kid).executeTakeFirst();
  }

  async insert(row: Insertable<SigningKeysTable>): Promise<void> {
    await this.db.insertInto('signing_keys').values(row).execute();
  }

  /**
   * Retires every key, the person's or a provider's, that is not retired but has no private half
   * (it came from an export without secrets): it can verify, never sign. Returns how many.
   */
  async retireWithoutPrivateHalf(at: string): Promise<number> {
    const result = await this.db
      .updateTable('signing_keys')
      .set({ retiredAt: at })
      .where('retiredAt', 'is', null)
      .where('privateJwk', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Retires every key of the person (`providerId` null) or of one provider that is not retired
   * yet, and destroys its private half in the same statement: a retired key can never sign again.
   */
  async retire(providerId: number | null, at: string): Promise<void> {
    await this.db
      .updateTable('signing_keys')
      .set({ retiredAt: at, privateJwk: null })
      .where('providerId', providerId === null ? 'is' : '=', providerId)
      .where('retiredAt', 'is', null)
      .execute();
  }
}
