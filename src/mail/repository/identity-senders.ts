import type { Kysely } from 'kysely';
import { countAsNumber } from '../../platform/db/queries.js';
import type { Database } from '../../platform/db/schema.js';
import type { Store } from '../../platform/db/store.js';

/** How much mail reached one identity, and when last. */
export interface IdentityMailCount {
  readonly identityId: number;
  readonly messages: number;
  readonly senders: number;
  readonly lastAt: string | null;
}

/** One sender of mail to an identity: its address, who it is, how often and when last. */
export interface IdentitySenderRow {
  readonly address: string | null;
  readonly label: string;
  readonly providerId: number | null;
  readonly messages: number;
  readonly lastAt: string | null;
  readonly leak: boolean;
}

/**
 * Who writes to each of the person's identities, the way an alias service lists each alias's
 * contacts. Answered from the messages' stored classification, grouped by identity (indexed by
 * `messages_identity`).
 */
export class IdentitySenderRepository {
  private readonly db: Kysely<Database>;

  constructor(store: Pick<Store, 'db'>) {
    this.db = store.db;
  }

  /** Messages, distinct senders and the newest date for every identity that has mail. */
  async counts(): Promise<IdentityMailCount[]> {
    const rows = await this.db
      .selectFrom('messages')
      .select((eb) => [
        'identityId',
        eb.fn.countAll().as('messages'),
        eb.fn.count('fromAddress').distinct().as('senders'),
        eb.fn.max(eb.fn.coalesce('sentAt', 'importedAt')).as('lastAt'),
      ])
      .where('identityId', 'is not', null)
      .groupBy('identityId')
      .execute();
    return rows.map((r) => ({
      identityId: r.identityId ?? 0,
      messages: countAsNumber(r.messages),
      senders: countAsNumber(r.senders),
      lastAt: r.lastAt,
    }));
  }

  /** The senders of one identity, most messages first, at most `limit`. */
  async senders(identityId: number, limit: number): Promise<IdentitySenderRow[]> {
    if (limit <= 0) return [];
    const rows = await this.db
      .selectFrom('messages')
      .select((eb) => [
        'fromAddress',
        eb.fn.max('senderLabel').as('label'),
        eb.fn.max('senderProviderId').as('providerId'),
        eb.fn.countAll().as('messages'),
        eb.fn.max(eb.fn.coalesce('sentAt', 'importedAt')).as('lastAt'),
        eb.fn.max('leak').as('leak'),
      ])
      .where('identityId', '=', identityId)
      .groupBy('fromAddress')
      .orderBy('messages', 'desc')
      .orderBy('lastAt', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      address: r.fromAddress,
      label: r.label,
      providerId: r.providerId,
      messages: countAsNumber(r.messages),
      lastAt: r.lastAt,
      leak: countAsNumber(r.leak) > 0,
    }));
  }
}
