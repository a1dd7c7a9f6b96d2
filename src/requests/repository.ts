import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../platform/db/handle.js';
import type { Database } from '../platform/db/schema.js';

export type ProceedingRow = Selectable<Database['proceedings']>;
export type ProceedingView = ProceedingRow & { provider: string; fromAddress: string | null };
export type MessageRow = Selectable<Database['proceeding_messages']>;
export type AnswerRow = Selectable<Database['proceeding_answers']>;
export type AnswerFileRow = Selectable<Database['proceeding_answer_files']>;
export type RequestCampaignRow = Selectable<Database['request_campaigns']>;

/** Every query of data-subject requests: proceedings, their messages, answers and campaigns. */
export class RequestRepository {
  constructor(private readonly db: Db) {}

  async insertCampaign(values: Insertable<Database['request_campaigns']>): Promise<number> {
    const { id } = await this.db
      .insertInto('request_campaigns')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  campaign(id: number): Promise<RequestCampaignRow | undefined> {
    return this.db.selectFrom('request_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  }

  campaigns(): Promise<RequestCampaignRow[]> {
    return this.db.selectFrom('request_campaigns').selectAll().orderBy('id', 'desc').execute();
  }

  async insertProceeding(values: Insertable<Database['proceedings']>): Promise<number> {
    const { id } = await this.db
      .insertInto('proceedings')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async proceeding(id: number): Promise<ProceedingView | undefined> {
    const [row] = await this.view().where('proceedings.id', '=', id).execute();
    return row;
  }

  /** Proceedings, the newest first; of one provider or one campaign when asked. */
  proceedings(filter: { providerId?: number; campaignId?: number } = {}): Promise<ProceedingView[]> {
    let query = this.view();
    if (filter.providerId !== undefined)
      query = query.where('proceedings.providerId', '=', filter.providerId);
    if (filter.campaignId !== undefined)
      query = query.where('proceedings.campaignId', '=', filter.campaignId);
    return query.orderBy('proceedings.id', 'desc').execute();
  }

  async updateProceeding(id: number, values: Updateable<Database['proceedings']>): Promise<void> {
    await this.db.updateTable('proceedings').set(values).where('id', '=', id).execute();
  }

  async deleteProceeding(id: number): Promise<void> {
    await this.db.deleteFrom('proceedings').where('id', '=', id).execute();
  }

  private view() {
    return this.db
      .selectFrom('proceedings')
      .innerJoin('providers', 'providers.id', 'proceedings.providerId')
      .leftJoin('identities', 'identities.id', 'proceedings.identityId')
      .selectAll('proceedings')
      .select(['providers.name as provider', 'identities.value as fromAddress']);
  }

  async insertMessage(values: Insertable<Database['proceeding_messages']>): Promise<number> {
    const { id } = await this.db
      .insertInto('proceeding_messages')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  message(id: number): Promise<MessageRow | undefined> {
    return this.db.selectFrom('proceeding_messages').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A proceeding's messages (or several proceedings'), in the order they were written. */
  messages(proceedingIds: readonly number[]): Promise<MessageRow[]> {
    if (proceedingIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('proceeding_messages')
      .selectAll()
      .where('proceedingId', 'in', proceedingIds)
      .orderBy('id')
      .execute();
  }

  /** Outgoing messages that went through the outbox: the ones the outbox's news is about. */
  messagesWithOutbox(): Promise<MessageRow[]> {
    return this.db
      .selectFrom('proceeding_messages')
      .selectAll()
      .where('outboxId', 'is not', null)
      .orderBy('id')
      .execute();
  }

  messageByMail(proceedingId: number, mailMessageId: string): Promise<MessageRow | undefined> {
    return this.db
      .selectFrom('proceeding_messages')
      .selectAll()
      .where('proceedingId', '=', proceedingId)
      .where('mailMessageId', '=', mailMessageId)
      .executeTakeFirst();
  }

  async updateMessage(id: number, values: Updateable<Database['proceeding_messages']>): Promise<void> {
    await this.db.updateTable('proceeding_messages').set(values).where('id', '=', id).execute();
  }

  async deleteMessage(id: number): Promise<void> {
    await this.db.deleteFrom('proceeding_messages').where('id', '=', id).execute();
  }

  /**
   * Gives a message its outbox item, only if no other send gave it one since `seen` was read: two
   * sends at once (two windows, the CLI beside the web app) claim each message once.
   */
  async claimMessage(id: number, seen: number | null, outboxId: number, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('proceeding_messages')
      .set({ outboxId, updatedAt: at })
      .where('id', '=', id)
      .where('state', '=', 'drafted')
      .where((eb) => (seen === null ? eb('outboxId', 'is', null) : eb('outboxId', '=', seen)))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insertAnswer(values: Insertable<Database['proceeding_answers']>): Promise<number> {
    const { id } = await this.db
      .insertInto('proceeding_answers')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  answerBySha(proceedingId: number, sha256: string): Promise<AnswerRow | undefined> {
    return this.db
      .selectFrom('proceeding_answers')
      .selectAll()
      .where('proceedingId', '=', proceedingId)
      .where('sha256', '=', sha256)
      .executeTakeFirst();
  }

  answers(proceedingIds: readonly number[]): Promise<AnswerRow[]> {
    if (proceedingIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('proceeding_answers')
      .selectAll()
      .where('proceedingId', 'in', proceedingIds)
      .orderBy('id')
      .execute();
  }

  async insertAnswerFile(values: Insertable<Database['proceeding_answer_files']>): Promise<void> {
    await this.db.insertInto('proceeding_answer_files').values(values).execute();
  }

  answerFiles(answerIds: readonly number[]): Promise<AnswerFileRow[]> {
    if (answerIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('proceeding_answer_files')
      .selectAll()
      .where('answerId', 'in', answerIds)
      .orderBy('id')
      .execute();
  }

  async countByProvider(providerId: number): Promise<number> {
    const { n } = await this.db
      .selectFrom('proceedings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('providerId', '=', providerId)
      .executeTakeFirstOrThrow();
    return n;
  }

  /** A provider's proceedings with their messages and answers (the cascades take those). */
  async deleteByProvider(providerId: number): Promise<void> {
    await this.db.deleteFrom('proceedings').where('providerId', '=', providerId).execute();
  }
}
