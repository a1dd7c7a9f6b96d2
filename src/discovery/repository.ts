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

/** Where the discovery of organisations keeps the domains the person dismissed (see `dismissed`). */
const DISMISSED_KEY = 'discovery.dismissed';

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

  /**
   * The domains the person dismissed, kept as a JSON list in the mail area's own key-value table:
   * a small list that needs no table of its own (see docs/discovery.md for what that means for
   * an export).
   */
  async dismissed(): Promise<string[]> {
    const row = await this.db
      .selectFrom('mail_state')
      .select('value')
      .where('key', '=', DISMISSED_KEY)
      .executeTakeFirst();
    if (!row) return [];
    const list: unknown = JSON.parse(row.value);
    return Array.isArray(list) ? list.filter((d): d is string => typeof d === 'string') : [];
  }

  async setDismissed(domains: readonly string[]): Promise<void> {
    const value = JSON.stringify([...new Set(domains)].sort());
    await this.db
      .insertInto('mail_state')
      .values({ key: DISMISSED_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}
