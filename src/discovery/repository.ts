import type { Db } from '../platform/db/handle.js';
import { countAsNumber, fromDbBoolean } from '../platform/db/queries.js';

/** One message from a sender that no provider of the ledger was found behind. */
export interface UnassignedMessage {
  readonly id: number;
  readonly fromAddress: string;
  readonly fromName: string | null;
  /** When it was sent, or imported when it has no date. */
  readonly at: string;
  readonly subject: string;
  readonly identityId: number | null;
  readonly identityProviderId: number | null;
  /** The address of the person's it reached, as classification recognised it, or null. */
  readonly identityAddress: string | null;
  readonly leak: boolean;
  /**
   * JSON of the message's Envelope: its recipients are read for the person's own addresses when
   * classification recognised none (the vault's e-mail facts), its list headers for a discussion
   * list that relayed a member's post.
   */
  readonly envelope: string;
}

/**
 * The queries of the discovery of organisations: read from the stored classification of the
 * person's mail, so nothing is parsed or classified again here.
 */
export class DiscoveryRepository {
  constructor(private readonly db: Db) {}

  /**
   * Messages whose sender is no provider: not the person, and not a sender that only a bulk-mail
   * service names (`unknown`). Oldest first.
   */
  async unassigned(): Promise<UnassignedMessage[]> {
    const rows = await this.db
      .selectFrom('messages')
      .select((eb) => [
        'id',
        'fromAddress',
        'fromName',
        eb.fn.coalesce('sentAt', 'importedAt').as('at'),
        'subject',
        'identityId',
        'identityProviderId',
        'identityAddress',
        'leak',
        'envelope',
      ])
      .where('senderProviderId', 'is', null)
      .where('senderKey', 'not in', ['self', 'unknown'])
      .where('fromAddress', 'is not', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      ...r,
      fromAddress: r.fromAddress ?? '',
      leak: fromDbBoolean(r.leak),
    }));
  }

  /** The From addresses of messages that classification gave to a provider, each once. */
  async assignedSenders(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('messages')
      .select('fromAddress')
      .distinct()
      .where('senderProviderId', 'is not', null)
      .where('fromAddress', 'is not', null)
      .execute();
    return rows.map((r) => r.fromAddress ?? '');
  }

  /** How many messages classification gives to a provider. */
  async messagesOf(providerId: number): Promise<number> {
    const row = await this.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('senderProviderId', '=', providerId)
      .executeTakeFirst();
    return countAsNumber(row?.count ?? 0);
  }

  /** The domains the person dismissed, in order. */
  async dismissed(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('discovery_dismissals')
      .select('domain')
      .orderBy('domain')
      .execute();
    return rows.map((r) => r.domain);
  }

  async dismiss(domain: string, at: string): Promise<void> {
    await this.db
      .insertInto('discovery_dismissals')
      .values({ domain, dismissedAt: at })
      .onConflict((oc) => oc.column('domain').doNothing())
      .execute();
  }

  async undismiss(domain: string): Promise<void> {
    await this.db.deleteFrom('discovery_dismissals').where('domain', '=', domain).execute();
  }
}
