import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { sqliteConnection } from '../../platform/db/sqlite/connection.js';
import type { Store } from '../../platform/db/store.js';
import { CLASSIFICATION_FIELDS, type Classification } from '../classify.js';
import type { Placement } from '../rules.js';
import {
  assignments,
  columnOf,
  flag,
  FLAG_COLUMNS,
  PLACEMENT_COLUMNS,
  placementColumns,
  SUMMARY_COLUMNS,
  type MessageRecord,
  type MessageRow,
  type MessageSummaryRow,
} from './columns.js';
import { classificationColumns } from './classified.js';
import { searchMessages, type SearchFilter, type SearchPage } from './search.js';

/** The filters of a page of messages. */
export interface MessageListFilter {
  readonly attention?: MessageRow['attention'];
  readonly folder?: string;
  readonly providerId?: number;
  readonly identityId?: number;
  readonly leakEventId?: number;
  readonly muted?: boolean;
  readonly flagged?: boolean;
  readonly limit: number;
  readonly offset: number;
}

/** What a hand placement sets; what it leaves undefined stays as it was. */
export interface HandPlacement {
  readonly attention?: MessageRow['attention'];
  readonly folder?: string;
  readonly muted?: boolean;
  readonly flagged?: boolean;
  readonly ruleId: null;
  readonly ruleReason: string;
}

const isFlag = (column: string): column is (typeof FLAG_COLUMNS)[number] =>
  (FLAG_COLUMNS as readonly string[]).includes(column);

/** Reads the flags of a raw row as booleans, in place (pages are large: no copies). */
function withFlags<T>(rows: Record<string, unknown>[], flags: readonly string[]): T[] {
  if (flags.length > 0) for (const row of rows) for (const f of flags) row[f] = row[f] === 1;
  return rows as T[];
}

/**
 * Stored messages: reading them for the inbox, scanning them for re-classification and the
 * rules, and writing what those decide.
 */
export class MessageRepository {
  private readonly db: Kysely<Database>;
  private readonly connection: BetterSqlite3.Database;
  private statements?: ReturnType<MessageRepository['prepare']>;

  constructor(store: Store) {
    this.db = store.db;
    this.connection = sqliteConnection(store);
  }

  private prepare() {
    return {
      classify: this.connection.prepare(
        `UPDATE messages SET ${assignments(CLASSIFICATION_FIELDS)} WHERE id = @id`,
      ),
      place: this.connection.prepare(`UPDATE messages SET ${assignments(PLACEMENT_COLUMNS)} WHERE id = @id`),
    };
  }

  private get s() {
    this.statements ??= this.prepare();
    return this.statements;
  }

  /**
   * Messages in id order, a page at a time, with the columns named (flags as booleans): for
   * re-classifying and re-triage. A column asked for `blank` reads as '' without its bytes being
   * read (the text, when no rule needs it).
   */
  *scan<K extends keyof MessageRecord>(
    columns: readonly K[],
    options: { pageSize?: number; blank?: readonly K[] } = {},
  ): Generator<Pick<MessageRecord, K>[]> {
    const pageSize = options.pageSize ?? 2000;
    const select = columns
      .map((c) => (options.blank?.includes(c) ? `'' AS ${c}` : `${columnOf(c)} AS ${c}`))
      .join(', ');
    const flags = columns.filter(isFlag);
    const page = this.connection.prepare(`SELECT ${select} FROM messages WHERE id > ? ORDER BY id LIMIT ?`);
    let after = 0;
    for (;;) {
      const rows = withFlags<Pick<MessageRecord, K> & { id: number }>(
        page.all(after, pageSize) as Record<string, unknown>[],
        flags,
      );
      if (rows.length === 0) return;
      yield rows;
      after = rows.at(-1)?.id ?? after;
    }
  }

  /** What the rules read of every message but the text, in one query: for the rule preview. */
  ruleInputs(): Pick<
    MessageRecord,
    | 'id'
    | 'sentAt'
    | 'isList'
    | 'identityId'
    | 'identityProviderId'
    | 'senderProviderId'
    | 'senderLabel'
    | 'leak'
    | 'fromAddress'
    | 'importedAt'
  >[] {
    const rows = this.connection
      .prepare(
        `SELECT id, sent_at AS sentAt, is_list AS isList, identity_id AS identityId,
           identity_provider_id AS identityProviderId, sender_provider_id AS senderProviderId,
           sender_label AS senderLabel, leak, from_address AS fromAddress,
           imported_at AS importedAt FROM messages`,
      )
      .all() as Record<string, unknown>[];
    return withFlags(rows, ['isList', 'leak']);
  }

  /** Writes changed classifications; one transaction per call. */
  updateClassifications(changes: readonly { id: number; classification: Classification }[]): void {
    if (changes.length === 0) return;
    this.connection.transaction(() => {
      for (const { id, classification } of changes)
        this.s.classify.run({ ...classificationColumns(classification), id });
    })();
  }

  /** Writes changed placements; one transaction per call. */
  updatePlacements(changes: readonly { id: number; placement: Placement }[]): void {
    if (changes.length === 0) return;
    this.connection.transaction(() => {
      for (const { id, placement } of changes) this.s.place.run({ ...placementColumns(placement), id });
    })();
  }

  /** One message as stored (flags as 0 and 1, as the API shows them). */
  message(id: number): Promise<MessageRow | undefined> {
    return this.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The stored message with this Message-ID (without angle brackets), the earliest if several. */
  byMessageId(messageId: string): Promise<{ id: number } | undefined> {
    return this.db
      .selectFrom('messages')
      .select('id')
      .where('messageId', '=', messageId)
      .orderBy('id')
      .executeTakeFirst();
  }

  attachments(messageId: number) {
    return this.db
      .selectFrom('message_attachments')
      .select(['filename', 'mimeType', 'size', 'disposition', 'contentId'])
      .where('messageId', '=', messageId)
      .orderBy('id')
      .execute();
  }

  /** The original message, deflated, when it was kept. */
  raw(messageId: number): Buffer | undefined {
    const row = this.connection
      .prepare('SELECT compressed FROM message_raw WHERE message_id = ?')
      .get(messageId) as { compressed: Buffer } | undefined;
    return row?.compressed;
  }

  /** A page of messages with filters, newest first. */
  list(filter: MessageListFilter): Promise<MessageSummaryRow[]> {
    let q = this.db.selectFrom('messages').select(SUMMARY_COLUMNS);
    if (filter.attention !== undefined) q = q.where('attention', '=', filter.attention);
    if (filter.folder !== undefined) q = q.where('folder', '=', filter.folder);
    if (filter.providerId !== undefined) q = q.where('senderProviderId', '=', filter.providerId);
    if (filter.identityId !== undefined) q = q.where('identityId', '=', filter.identityId);
    if (filter.leakEventId !== undefined) q = q.where('leakEventId', '=', filter.leakEventId);
    if (filter.muted !== undefined) q = q.where('muted', '=', flag(filter.muted));
    if (filter.flagged) q = q.where('flagged', '=', 1);
    return q
      .orderBy('sentAt', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
  }

  /** How many messages each attention level, folder and sending provider holds (muted ones apart). */
  async counts() {
    const [attention, folders, providers, totals] = await Promise.all([
      this.db
        .selectFrom('messages')
        .select(['attention', (eb) => eb.fn.countAll<number>().as('n')])
        .where('muted', '=', 0)
        .groupBy('attention')
        .execute(),
      this.db
        .selectFrom('messages')
        .select(['folder', (eb) => eb.fn.countAll<number>().as('n')])
        .where('muted', '=', 0)
        .groupBy('folder')
        .orderBy('folder')
        .execute(),
      this.db
        .selectFrom('messages')
        .innerJoin('providers', 'providers.id', 'messages.senderProviderId')
        .select(['providers.id', 'providers.name', (eb) => eb.fn.countAll<number>().as('n')])
        .where('messages.muted', '=', 0)
        .groupBy(['providers.id', 'providers.name'])
        .orderBy('n', 'desc')
        .execute(),
      this.db
        .selectFrom('messages')
        .select([
          (eb) => eb.fn.countAll<number>().as('total'),
          (eb) => eb.fn.sum<number | null>('muted').as('muted'),
          (eb) => eb.fn.sum<number | null>('flagged').as('flagged'),
          (eb) => eb.fn.sum<number | null>('leak').as('leaks'),
        ])
        .executeTakeFirstOrThrow(),
    ]);
    return { attention, folders, providers, totals };
  }

  /** Places a message by hand: the rules leave it there from now on. */
  async placeByHand(id: number, placement: HandPlacement): Promise<void> {
    const { muted, flagged, ...rest } = placement;
    await this.db
      .updateTable('messages')
      .set({
        ...rest,
        ...(muted === undefined ? {} : { muted: flag(muted) }),
        ...(flagged === undefined ? {} : { flagged: flag(flagged) }),
        placedByHand: 1,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Summaries of these messages, in the order given. */
  async summaries(ids: readonly number[]): Promise<MessageSummaryRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('messages')
      .select(SUMMARY_COLUMNS)
      .where('id', 'in', ids)
      .execute();
    return ids.flatMap((id) => rows.filter((r) => r.id === id));
  }

  /** Full-text search on this connection (see `searchMessages`). */
  search(query: SearchFilter): SearchPage {
    return searchMessages(this.connection, query);
  }

  /** The text of these messages, for snippets. */
  bodies(ids: readonly number[]): Map<number, { subject: string; body: string }> {
    if (ids.length === 0) return new Map();
    const rows = this.connection
      .prepare(`SELECT id, subject, body FROM messages WHERE id IN (${ids.map(() => '?').join(', ')})`)
      .all(...ids) as { id: number; subject: string; body: string }[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }
}
