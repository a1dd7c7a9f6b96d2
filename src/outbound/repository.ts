import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../platform/db/handle.js';
import type { OutboxItemsTable, SmtpSettingsTable } from '../platform/db/schema.js';
import { countAsNumber, fromDbBoolean, toDbBoolean } from '../platform/db/queries.js';

/** The SMTP settings as the service reads them: the flag a boolean. */
export type SmtpRow = Omit<Selectable<SmtpSettingsTable>, 'allowSelfSigned'> & { allowSelfSigned: boolean };
export type OutboxRow = Selectable<OutboxItemsTable>;
/** An item without its bytes: what lists show. */
export type OutboxSummaryRow = Omit<OutboxRow, 'raw' | 'attachments'>;

const SUMMARY_COLUMNS = [
  'id',
  'providerId',
  'channel',
  'state',
  'subject',
  'body',
  'purposeKind',
  'purposeId',
  'identityId',
  'fromAddress',
  'fromName',
  'toAddress',
  'webForm',
  'idempotencyKey',
  'messageId',
  'failure',
  'interactionId',
  'documentId',
  'sendingAt',
  'sentAt',
  'repliedAt',
  'replyMessageId',
  'inReplyTo',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof OutboxSummaryRow)[];

/** An imported message as the reply linking reads it. */
export interface ImportedMessage {
  readonly id: number;
  readonly messageId: string | null;
  readonly fromAddress: string | null;
  readonly identityAddress: string | null;
  /** JSON of the mail area's Envelope. */
  readonly envelope: string;
  readonly sentAt: string | null;
  readonly importedAt: string;
  readonly subject: string;
}

/** The sending settings and the outbox: every query of the outbound area. */
export class OutboundRepository {
  constructor(private readonly db: Db) {}

  async smtp(): Promise<SmtpRow | undefined> {
    const row = await this.db.selectFrom('smtp_settings').selectAll().where('id', '=', 1).executeTakeFirst();
    return row && { ...row, allowSelfSigned: fromDbBoolean(row.allowSelfSigned) };
  }

  async saveSmtp(row: Omit<SmtpRow, 'id'>): Promise<void> {
    const values = { ...row, id: 1, allowSelfSigned: toDbBoolean(row.allowSelfSigned) };
    const changes = {
      host: values.host,
      port: values.port,
      security: values.security,
      username: values.username,
      password: values.password,
      displayName: values.displayName,
      allowSelfSigned: values.allowSelfSigned,
      updatedAt: values.updatedAt,
    };
    await this.db
      .insertInto('smtp_settings')
      .values(values)
      .onConflict((oc) => oc.column('id').doUpdateSet(changes))
      .execute();
  }

  async deleteSmtp(): Promise<void> {
    await this.db.deleteFrom('smtp_settings').execute();
  }

  async insert(item: Insertable<OutboxItemsTable>): Promise<number> {
    const { id } = await this.db
      .insertInto('outbox_items')
      .values(item)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async find(id: number): Promise<OutboxRow | undefined> {
    return this.db.selectFrom('outbox_items').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(filter: {
    providerId?: number | undefined;
    states?: readonly OutboxRow['state'][] | undefined;
    purpose?: { kind: string; id?: number | undefined } | undefined;
  }): Promise<OutboxSummaryRow[]> {
    let q = this.db.selectFrom('outbox_items').select(SUMMARY_COLUMNS);
    if (filter.providerId !== undefined) q = q.where('providerId', '=', filter.providerId);
    if (filter.states !== undefined) {
      if (filter.states.length === 0) return [];
      q = q.where('state', 'in', filter.states);
    }
    if (filter.purpose !== undefined) {
      q = q.where('purposeKind', '=', filter.purpose.kind);
      if (filter.purpose.id !== undefined) q = q.where('purposeId', '=', filter.purpose.id);
    }
    return q.orderBy('id').execute();
  }

  /** Changes an item only if it is still in one of `from`; says whether it was. */
  async update(
    id: number,
    patch: Updateable<OutboxItemsTable>,
    from?: readonly OutboxRow['state'][],
  ): Promise<boolean> {
    let q = this.db.updateTable('outbox_items').set(patch).where('id', '=', id);
    if (from !== undefined) q = q.where('state', 'in', from);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('outbox_items').where('id', '=', id).execute();
  }

  /** Every item left `sending` by a process that stopped: now `uncertain`. Returns their ids. */
  async markInterrupted(now: string, reason: string): Promise<number[]> {
    const rows = await this.db
      .updateTable('outbox_items')
      .set({ state: 'uncertain', failure: reason, updatedAt: now })
      .where('state', '=', 'sending')
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async byMessageIds(messageIds: readonly string[]): Promise<OutboxSummaryRow[]> {
    if (messageIds.length === 0) return [];
    return this.db
      .selectFrom('outbox_items')
      .select(SUMMARY_COLUMNS)
      .where('messageId', 'in', messageIds)
      .execute();
  }

  /** Sent e-mail to one of these aliases, newest first: what a reply without headers may answer. */
  async sentFrom(addresses: readonly string[]): Promise<OutboxSummaryRow[]> {
    if (addresses.length === 0) return [];
    return this.db
      .selectFrom('outbox_items')
      .select(SUMMARY_COLUMNS)
      .where('channel', '=', 'email')
      .where('state', 'in', ['sent', 'uncertain'])
      .where('fromAddress', 'in', addresses)
      .orderBy('sentAt', 'desc')
      .execute();
  }

  /** The newest message id looked at for replies, or 0. */
  async lastScanned(): Promise<number> {
    const row = await this.db
      .selectFrom('outbound_state')
      .select('value')
      .where('key', '=', 'replies_scanned_to')
      .executeTakeFirst();
    return row === undefined ? 0 : Number(row.value);
  }

  async setLastScanned(messageId: number): Promise<void> {
    await this.db
      .insertInto('outbound_state')
      .values({ key: 'replies_scanned_to', value: String(messageId) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(messageId) }))
      .execute();
  }

  /**
   * Imported messages after `afterId`, oldest first: a read of the mail area's table, so the
   * outbound area needs nothing of the mail import (and the import nothing of it).
   */
  async messagesAfter(afterId: number, limit: number): Promise<ImportedMessage[]> {
    return this.db
      .selectFrom('messages')
      .select([
        'id',
        'messageId',
        'fromAddress',
        'identityAddress',
        'envelope',
        'sentAt',
        'importedAt',
        'subject',
      ])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** The id of the newest imported message, or 0. */
  async latestMessage(): Promise<number> {
    const row = await this.db
      .selectFrom('messages')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return row?.id ?? 0;
  }

  async countByProvider(providerId: number): Promise<number> {
    const row = await this.db
      .selectFrom('outbox_items')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('providerId', '=', providerId)
      .executeTakeFirst();
    return countAsNumber(row?.n ?? 0);
  }

  async deleteByProvider(providerId: number): Promise<void> {
    await this.db.deleteFrom('outbox_items').where('providerId', '=', providerId).execute();
  }
}
