import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type {
  AllowedSendersTable,
  Database,
  MailImportsTable,
  MailRulesTable,
  MailSourcesTable,
  MailSyncTable,
  MessagesTable,
} from '../platform/db/schema.js';
import type { Store } from '../platform/db/store.js';
import type { Classification } from './classify.js';
import { toFts5 } from './fts5.js';
import type { Placement } from './rules.js';
import type { SearchTree } from './search.js';
import type { AttachmentMeta, ParsedMessage } from './types.js';

export type SourceRow = Selectable<MailSourcesTable>;
export type ImportRow = Selectable<MailImportsTable>;
export type RuleRow = Selectable<MailRulesTable>;
export type AllowedRow = Selectable<AllowedSendersTable>;
export type SyncRow = Selectable<MailSyncTable>;
export type MessageRow = Selectable<MessagesTable>;

/** A message ready to store: parsed, classified and placed. */
export interface NewMessage {
  readonly parsed: ParsedMessage;
  readonly location: string;
  readonly classification: Classification;
  readonly placement: Placement;
}

/** A checkpoint committed with a batch, so a resumed import starts after the last stored message. */
export type Checkpoint = Omit<SyncRow, 'updatedAt'>;

/** A query matching more messages than this ranks only the most recently imported this many. */
export const RANKED = 500;
/** …and this many when the filters leave them scattered among many more matches. */
export const RANKED_SCATTERED = 100;

/** The columns a list of messages shows (never the body or headers). */
export const SUMMARY_COLUMNS = [
  'id',
  'sentAt',
  'fromAddress',
  'fromName',
  'sender',
  'subject',
  'attachmentCount',
  'isList',
  'identityId',
  'identityProviderId',
  'identityAddress',
  'senderKey',
  'senderProviderId',
  'senderLabel',
  'leak',
  'leakEventId',
  'folder',
  'attention',
  'muted',
  'flagged',
  'caseId',
  'ruleId',
  'ruleReason',
] as const satisfies readonly (keyof MessagesTable)[];
export type MessageSummaryRow = Pick<MessageRow, (typeof SUMMARY_COLUMNS)[number]>;

const CLASSIFICATION_SQL = `identity_id = ?, identity_provider_id = ?, identity_address = ?, identity_header = ?,
  identity_how = ?, sender_key = ?, sender_provider_id = ?, sender_label = ?, sender_evidence = ?, leak = ?, is_list = ?`;
const PLACEMENT_SQL = `folder = ?, attention = ?, muted = ?, flagged = ?, case_id = ?, rule_id = ?, rule_reason = ?`;

const classificationValues = (c: Classification) => [
  c.identityId,
  c.identityProviderId,
  c.identityAddress,
  c.identityHeader,
  c.identityHow,
  c.senderKey,
  c.senderProviderId,
  c.senderLabel,
  c.senderEvidence,
  c.leak ? 1 : 0,
  c.isList ? 1 : 0,
];
const placementValues = (p: Placement) => [
  p.folder,
  p.attention,
  p.muted ? 1 : 0,
  p.flagged ? 1 : 0,
  p.caseId,
  p.ruleId,
  p.reason,
];

/**
 * The mail area's queries. Reads and small writes are Kysely; the import's hot path (thousands of
 * inserts a second into messages, the full-text index, attachments and raw bytes) uses prepared
 * statements on the connection in one transaction per batch, which is what makes it fast.
 */
export class MailRepository {
  private readonly db: Kysely<Database>;
  private readonly connection: BetterSqlite3.Database;
  private statements?: ReturnType<MailRepository['prepare']>;

  constructor(store: Pick<Store, 'db' | 'connection'>) {
    this.db = store.db;
    this.connection = store.connection;
  }

  private prepare() {
    const c = this.connection;
    return {
      insertMessage: c.prepare(`
        INSERT INTO messages (fingerprint, message_id, import_id, location, sent_at, imported_at, from_address,
          from_name, sender, recipients, subject, body, headers, envelope, size, attachment_count, warnings,
          is_list, identity_id, identity_provider_id, identity_address, identity_header, identity_how, sender_key,
          sender_provider_id, sender_label, sender_evidence, leak, folder, attention, muted, flagged, case_id,
          rule_id, rule_reason)
        VALUES (${Array.from({ length: 35 }, () => '?').join(', ')})
        ON CONFLICT (fingerprint) DO NOTHING`),
      insertFts: c.prepare(
        'INSERT INTO message_fts (rowid, subject, sender, recipients, body) VALUES (?, ?, ?, ?, ?)',
      ),
      insertAttachment: c.prepare(
        `INSERT INTO message_attachments (message_id, filename, mime_type, size, disposition, content_id)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      insertRaw: c.prepare('INSERT INTO message_raw (message_id, compressed) VALUES (?, ?)'),
      putSync: c.prepare(`
        INSERT INTO mail_sync (source_id, folder, uid_validity, last_uid, byte_offset, head_hash, updated_at)
        VALUES (@sourceId, @folder, @uidValidity, @lastUid, @byteOffset, @headHash, @updatedAt)
        ON CONFLICT (source_id, folder) DO UPDATE SET uid_validity = excluded.uid_validity,
          last_uid = excluded.last_uid, byte_offset = excluded.byte_offset, head_hash = excluded.head_hash,
          updated_at = excluded.updated_at`),
      progress: c.prepare(
        `UPDATE mail_imports SET seen = ?, imported = ?, duplicates = ?, skipped = ?, skips = ? WHERE id = ?`,
      ),
      classify: c.prepare(`UPDATE messages SET ${CLASSIFICATION_SQL} WHERE id = ?`),
      place: c.prepare(`UPDATE messages SET ${PLACEMENT_SQL} WHERE id = ?`),
    };
  }

  private get s() {
    this.statements ??= this.prepare();
    return this.statements;
  }

  // ── the import's hot path ───────────────────────────────────────────────────────────────────

  /**
   * While importing, the write-ahead log may grow to 40 MB before it is copied into the store
   * (1,000 pages, 4 MB, otherwise): pages written again and again (the full-text index's) are
   * copied once instead of many times. Afterwards the log is copied back and the default restored.
   */
  bulkWrites<T>(work: () => Promise<T>): Promise<T> {
    this.connection.pragma('wal_autocheckpoint = 10000');
    return work().finally(() => {
      this.connection.pragma('wal_autocheckpoint = 1000');
      this.connection.pragma('wal_checkpoint(PASSIVE)');
    });
  }

  /**
   * Stores a batch in one transaction, with the checkpoints and the import's counts, so a crash
   * leaves either all of it or none. Returns, per message, its new id or null for a duplicate.
   */
  storeBatch(
    importId: number,
    importedAt: string,
    batch: readonly NewMessage[],
    checkpoints: readonly Checkpoint[],
    counts: { seen: number; imported: number; duplicates: number; skipped: number; skips: string },
  ): (number | null)[] {
    const s = this.s;
    const run = this.connection.transaction(() => {
      const ids = batch.map((m) => {
        const p = m.parsed;
        const sender =
          p.fromName && p.fromAddress
            ? `${p.fromName} <${p.fromAddress}>`
            : (p.fromAddress ?? p.fromName ?? '');
        const result = s.insertMessage.run(
          p.fingerprint, p.messageId, importId, m.location, p.sentAt, importedAt, p.fromAddress, p.fromName,
          sender, p.recipients, p.subject, p.body, p.compressedRaw ? null : p.headers, JSON.stringify(p.envelope), p.size,
          p.attachments.length, p.warnings.length > 0 ? JSON.stringify(p.warnings) : null,
          m.classification.isList ? 1 : 0,
          ...classificationValues(m.classification).slice(0, 10),
          ...placementValues(m.placement),
        ); // prettier-ignore
        if (result.changes === 0) return null;
        const id = Number(result.lastInsertRowid);
        s.insertFts.run(id, p.subject, sender, p.recipients, p.body);
        for (const a of p.attachments) this.insertAttachment(id, a);
        if (p.compressedRaw) s.insertRaw.run(id, p.compressedRaw);
        return id;
      });
      for (const checkpoint of checkpoints) s.putSync.run({ ...checkpoint, updatedAt: importedAt });
      const total = { ...counts, imported: counts.imported + ids.filter((id) => id !== null).length };
      total.duplicates = counts.duplicates + ids.filter((id) => id === null).length;
      s.progress.run(total.seen, total.imported, total.duplicates, total.skipped, total.skips, importId);
      return ids;
    });
    return run();
  }

  private insertAttachment(messageId: number, a: AttachmentMeta): void {
    this.s.insertAttachment.run(messageId, a.filename, a.mimeType, a.size, a.disposition, a.contentId);
  }

  /** Messages in id order, a page at a time, with the columns `pick` names: for re-classifying and re-triage. */
  *scan<K extends keyof MessageRow>(
    columns: readonly K[],
    options: { pageSize?: number; blank?: readonly K[] } = {},
  ): Generator<Pick<MessageRow, K>[]> {
    const pageSize = options.pageSize ?? 2000;
    // A column asked for blank reads as '' without its bytes being read (the text, when no rule needs it).
    const select = columns
      .map((c) =>
        options.blank?.includes(c)
          ? `'' AS ${c}`
          : `${c.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`)} AS ${c}`,
      )
      .join(', ');
    const page = this.connection.prepare(`SELECT ${select} FROM messages WHERE id > ? ORDER BY id LIMIT ?`);
    let after = 0;
    for (;;) {
      const rows = page.all(after, pageSize) as (Pick<MessageRow, K> & { id: number })[];
      if (rows.length === 0) return;
      yield rows;
      after = rows.at(-1)?.id ?? after;
    }
  }

  /** What the rules read of every message but the text, in one query: for the rule preview. */
  ruleInputs(): Pick<
    MessageRow,
    | 'id'
    | 'sentAt'
    | 'isList'
    | 'identityId'
    | 'identityProviderId'
    | 'senderProviderId'
    | 'senderLabel'
    | 'leak'
  >[] {
    return this.connection
      .prepare(
        `SELECT id, sent_at AS sentAt, is_list AS isList, identity_id AS identityId,
           identity_provider_id AS identityProviderId, sender_provider_id AS senderProviderId,
           sender_label AS senderLabel, leak FROM messages`,
      )
      .all() as ReturnType<MailRepository['ruleInputs']>;
  }

  /** Writes changed classifications; one transaction per call. */
  updateClassifications(changes: readonly { id: number; classification: Classification }[]): void {
    if (changes.length === 0) return;
    this.connection.transaction(() => {
      for (const { id, classification } of changes)
        this.s.classify.run(...classificationValues(classification), id);
    })();
  }

  updatePlacements(changes: readonly { id: number; placement: Placement }[]): void {
    if (changes.length === 0) return;
    this.connection.transaction(() => {
      for (const { id, placement } of changes) this.s.place.run(...placementValues(placement), id);
    })();
  }

  /**
   * Re-derives the leak events from the messages: one per identity and sender, with the first and
   * last day seen and the count; messages link to theirs. Events whose messages are gone go too.
   * Allowed senders keep their event (shown as "not a leak"), so the decision stays visible.
   */
  rebuildLeakEvents(): void {
    this.connection.transaction(() => {
      this.connection.exec(`
        DROP TABLE IF EXISTS temp.leak_candidates;
        CREATE TEMP TABLE leak_candidates AS
          SELECT m.identity_id, m.identity_provider_id AS owner_provider_id, m.sender_key,
            max(m.sender_provider_id) AS sender_provider_id, max(m.sender_label) AS sender_label,
            min(coalesce(m.sent_at, m.imported_at)) AS first_seen, max(coalesce(m.sent_at, m.imported_at)) AS last_seen,
            count(*) AS message_count
          FROM messages m
          WHERE m.identity_provider_id IS NOT NULL AND m.sender_key <> 'self'
            AND (m.leak = 1 OR EXISTS (SELECT 1 FROM allowed_senders a
              WHERE a.provider_id = m.identity_provider_id AND a.sender_key = m.sender_key))
          GROUP BY m.identity_id, m.identity_provider_id, m.sender_key;
        DELETE FROM leak_events WHERE NOT EXISTS (SELECT 1 FROM leak_candidates c
          WHERE c.identity_id = leak_events.identity_id AND c.sender_key = leak_events.sender_key);
        INSERT INTO leak_events (identity_id, owner_provider_id, sender_key, sender_provider_id, sender_label,
            first_seen, last_seen, message_count)
          SELECT identity_id, owner_provider_id, sender_key, sender_provider_id, sender_label, first_seen, last_seen,
            message_count FROM leak_candidates WHERE true
          ON CONFLICT (identity_id, sender_key) DO UPDATE SET owner_provider_id = excluded.owner_provider_id,
            sender_provider_id = excluded.sender_provider_id, sender_label = excluded.sender_label,
            first_seen = excluded.first_seen, last_seen = excluded.last_seen, message_count = excluded.message_count;
        UPDATE messages SET leak_event_id = (SELECT e.id FROM leak_events e
            WHERE e.identity_id = messages.identity_id AND e.sender_key = messages.sender_key)
          WHERE identity_provider_id IS NOT NULL OR leak_event_id IS NOT NULL;
        DROP TABLE leak_candidates;
      `);
    })();
  }

  // ── sources, checkpoints and imports ───────────────────────────────────────────────────────

  sources(): Promise<SourceRow[]> {
    return this.db.selectFrom('mail_sources').selectAll().orderBy('id').execute();
  }

  source(id: number): Promise<SourceRow | undefined> {
    return this.db.selectFrom('mail_sources').selectAll().where('id', '=', id).executeTakeFirst();
  }

  sourceAt(kind: SourceRow['kind'], location: string): Promise<SourceRow | undefined> {
    return this.db
      .selectFrom('mail_sources')
      .selectAll()
      .where('kind', '=', kind)
      .where('location', '=', location)
      .executeTakeFirst();
  }

  async insertSource(row: Insertable<MailSourcesTable>): Promise<number> {
    const { id } = await this.db
      .insertInto('mail_sources')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateSource(id: number, patch: Updateable<MailSourcesTable>): Promise<void> {
    await this.db.updateTable('mail_sources').set(patch).where('id', '=', id).execute();
  }

  async deleteSource(id: number): Promise<void> {
    await this.db.deleteFrom('mail_sources').where('id', '=', id).execute();
  }

  syncState(sourceId: number): Promise<SyncRow[]> {
    return this.db.selectFrom('mail_sync').selectAll().where('sourceId', '=', sourceId).execute();
  }

  async startImport(row: Insertable<MailImportsTable>): Promise<number> {
    const { id } = await this.db
      .insertInto('mail_imports')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async finishImport(id: number, patch: Updateable<MailImportsTable>): Promise<void> {
    await this.db.updateTable('mail_imports').set(patch).where('id', '=', id).execute();
  }

  imports(limit: number): Promise<ImportRow[]> {
    return this.db.selectFrom('mail_imports').selectAll().orderBy('id', 'desc').limit(limit).execute();
  }

  importRow(id: number): Promise<ImportRow | undefined> {
    return this.db.selectFrom('mail_imports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Imports left `running` by a process that is gone (vrm stopped, the machine went down). */
  async markInterrupted(at: string): Promise<void> {
    const running = await this.db
      .selectFrom('mail_imports')
      .select(['id', 'pid'])
      .where('status', '=', 'running')
      .execute();
    const gone = running.filter((r) => r.pid === null || !isAlive(r.pid)).map((r) => r.id);
    if (gone.length === 0) return;
    await this.db
      .updateTable('mail_imports')
      .set({ status: 'failed', finishedAt: at, error: 'interrupted: vrm stopped before the import finished' })
      .where('id', 'in', gone)
      .execute();
  }

  // ── what classification and triage know ────────────────────────────────────────────────────

  providers() {
    return this.db
      .selectFrom('providers')
      .select(['id', 'name', 'category', 'status', 'directorySlug', 'website'])
      .execute();
  }

  providerDomains() {
    return this.db.selectFrom('provider_domains').select(['providerId', 'domain']).execute();
  }

  /** Providers with a contract running on `day`. */
  async providersWithActiveContract(day: string): Promise<Set<number>> {
    const rows = await this.db
      .selectFrom('contracts')
      .select('providerId')
      .distinct()
      .where('startDate', '<=', day)
      .where((eb) => eb.or([eb('endDate', 'is', null), eb('endDate', '>=', day)]))
      .execute();
    return new Set(rows.map((r) => r.providerId));
  }

  openCases() {
    return this.db
      .selectFrom('cases')
      .select(['id', 'providerId', 'title'])
      .where('status', '!=', 'resolved')
      .orderBy('openedOn')
      .orderBy('id')
      .execute();
  }

  allowedSenders(providerId?: number): Promise<AllowedRow[]> {
    let query = this.db.selectFrom('allowed_senders').selectAll();
    if (providerId !== undefined) query = query.where('providerId', '=', providerId);
    return query.orderBy('id').execute();
  }

  async insertAllowed(row: Insertable<AllowedSendersTable>): Promise<number> {
    const { id } = await this.db
      .insertInto('allowed_senders')
      .values(row)
      .onConflict((oc) => oc.columns(['providerId', 'senderKey']).doUpdateSet({ reason: row.reason }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async deleteAllowed(id: number): Promise<number> {
    const result = await this.db.deleteFrom('allowed_senders').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * A value that changes whenever what classification reads changes: identities, alias
   * strategies, provider domains, allowed senders, and the names, websites and directory links of
   * the providers it can name (those with a mail domain, a website or an identity). A provider
   * with none of them names no message, so adding one (the usual write) re-classifies nothing.
   */
  classifierStamp(): string {
    const row = this.connection
      .prepare(
        `SELECT json_array(
          (SELECT json_array(count(*), max(id), count(retired_at)) FROM identities),
          (SELECT json_array(count(*), max(id)) FROM alias_strategies),
          (SELECT json_array(count(*), max(id), sum(length(domain))) FROM provider_domains),
          (SELECT json_group_array(json_array(id, name, website, directory_slug)) FROM providers p
            WHERE website IS NOT NULL OR EXISTS (SELECT 1 FROM provider_domains d WHERE d.provider_id = p.id)
              OR EXISTS (SELECT 1 FROM identities i WHERE i.provider_id = p.id)),
          (SELECT json_array(count(*), max(id)) FROM allowed_senders),
          (SELECT total(provider_id) FROM identities)) AS stamp`,
      )
      .get() as { stamp: string };
    return row.stamp;
  }

  stateValue(key: string): string | undefined {
    const row = this.connection.prepare('SELECT value FROM mail_state WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  setState(key: string, value: string): void {
    this.connection
      .prepare(
        'INSERT INTO mail_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  // ── rules ───────────────────────────────────────────────────────────────────────────────────

  rules(): Promise<RuleRow[]> {
    return this.db.selectFrom('mail_rules').selectAll().orderBy('position').orderBy('id').execute();
  }

  rule(id: number): Promise<RuleRow | undefined> {
    return this.db.selectFrom('mail_rules').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertRule(row: Insertable<MailRulesTable>): Promise<number> {
    const { id } = await this.db
      .insertInto('mail_rules')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateRule(id: number, patch: Updateable<MailRulesTable>): Promise<void> {
    await this.db.updateTable('mail_rules').set(patch).where('id', '=', id).execute();
  }

  async deleteRule(id: number): Promise<void> {
    await this.db.deleteFrom('mail_rules').where('id', '=', id).execute();
  }

  async nextRulePosition(): Promise<number> {
    const row = await this.db
      .selectFrom('mail_rules')
      .select((eb) => eb.fn.max('position').as('max'))
      .executeTakeFirst();
    return (row?.max ?? 0) + 1;
  }

  // ── reading messages ────────────────────────────────────────────────────────────────────────

  message(id: number): Promise<MessageRow | undefined> {
    return this.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  }

  attachments(messageId: number) {
    return this.db
      .selectFrom('message_attachments')
      .select(['filename', 'mimeType', 'size', 'disposition', 'contentId'])
      .where('messageId', '=', messageId)
      .orderBy('id')
      .execute();
  }

  raw(messageId: number): Buffer | undefined {
    const row = this.connection
      .prepare('SELECT compressed FROM message_raw WHERE message_id = ?')
      .get(messageId) as { compressed: Buffer } | undefined;
    return row?.compressed;
  }

  /** A page of messages with filters, newest first. */
  list(filter: {
    attention?: string;
    folder?: string;
    providerId?: number;
    identityId?: number;
    leakEventId?: number;
    muted?: boolean;
    flagged?: boolean;
    limit: number;
    offset: number;
  }): Promise<MessageSummaryRow[]> {
    let q = this.db.selectFrom('messages').select(SUMMARY_COLUMNS);
    if (filter.attention !== undefined)
      q = q.where('attention', '=', filter.attention as MessageRow['attention']);
    if (filter.folder !== undefined) q = q.where('folder', '=', filter.folder);
    if (filter.providerId !== undefined) q = q.where('senderProviderId', '=', filter.providerId);
    if (filter.identityId !== undefined) q = q.where('identityId', '=', filter.identityId);
    if (filter.leakEventId !== undefined) q = q.where('leakEventId', '=', filter.leakEventId);
    if (filter.muted !== undefined) q = q.where('muted', '=', filter.muted ? 1 : 0);
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

  async placeByHand(
    id: number,
    patch: Pick<
      Updateable<MessagesTable>,
      'attention' | 'folder' | 'muted' | 'flagged' | 'ruleId' | 'ruleReason'
    >,
  ): Promise<void> {
    await this.db
      .updateTable('messages')
      .set({ ...patch, placedByHand: 1 })
      .where('id', '=', id)
      .execute();
  }

  async summaries(ids: readonly number[]): Promise<MessageSummaryRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('messages')
      .select(SUMMARY_COLUMNS)
      .where('id', 'in', ids)
      .execute();
    return ids.flatMap((id) => rows.filter((r) => r.id === id));
  }

  // ── search ──────────────────────────────────────────────────────────────────────────────────

  /** Full-text search on this connection (see `searchMessages`). */
  search(query: SearchFilter): MessageSummaryRow[] {
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

  // ── leak events ─────────────────────────────────────────────────────────────────────────────

  leakEvents(filter: { ownerProviderId?: number }) {
    let q = this.db
      .selectFrom('leak_events as e')
      .innerJoin('identities as i', 'i.id', 'e.identityId')
      .innerJoin('providers as p', 'p.id', 'e.ownerProviderId')
      .leftJoin('allowed_senders as a', (join) =>
        join.onRef('a.providerId', '=', 'e.ownerProviderId').onRef('a.senderKey', '=', 'e.senderKey'),
      )
      .select([
        'e.id',
        'e.identityId',
        'i.value as identity',
        'e.ownerProviderId',
        'p.name as ownerName',
        'e.senderKey',
        'e.senderProviderId',
        'e.senderLabel',
        'e.firstSeen',
        'e.lastSeen',
        'e.messageCount',
        'a.id as allowedId',
        'a.reason as allowedReason',
        'a.createdAt as allowedAt',
      ]);
    if (filter.ownerProviderId !== undefined) q = q.where('e.ownerProviderId', '=', filter.ownerProviderId);
    return q.orderBy('p.name').orderBy('e.firstSeen').execute();
  }

  leakEvent(id: number) {
    return this.db.selectFrom('leak_events').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }
}

/** Whether a process of this machine is running (signal 0 only checks). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What a search asks of the index: the parsed text (or null for filters alone) and the filters. */
export interface SearchFilter {
  readonly match: SearchTree | null;
  readonly senderProviderId?: number;
  readonly before?: string;
  readonly after?: string;
  readonly hasAttachment?: boolean;
  readonly leak?: boolean;
  readonly limit: number;
}

/**
 * Full-text search: `match` (for FTS5 by toFts5; null for filters alone). Ranked by BM25 with the
 * subject weighing most, then the sender, the recipients and the text. It takes any connection to
 * the store: the web app's searches run on a read-only one in a worker thread
 * (src/mail/search-runner.ts), so that no search holds up the server.
 */
export function searchMessages(connection: BetterSqlite3.Database, query: SearchFilter): MessageSummaryRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.senderProviderId !== undefined) {
    where.push('m.sender_provider_id = ?');
    params.push(query.senderProviderId);
  }
  if (query.before !== undefined) {
    where.push('m.sent_at < ?');
    params.push(query.before);
  }
  if (query.after !== undefined) {
    where.push('m.sent_at >= ?');
    params.push(query.after);
  }
  if (query.hasAttachment) where.push('m.attachment_count > 0');
  if (query.leak) where.push('m.leak = 1');
  const filters = where.map((w) => ` AND ${w}`).join('');
  const match = query.match === null ? null : toFts5(query.match);
  if (match === null) {
    // Newest first by the indexed date: no sort of the whole table.
    const ids = connection
      .prepare(`SELECT m.id FROM messages m WHERE true${filters} ORDER BY m.sent_at DESC, m.id DESC LIMIT ?`)
      .pluck()
      .all(...params, query.limit) as number[];
    return summariesOf(connection, ids);
  }
  // Every match, newest first (a scan of the index's lists: a few ms even for "the"), then the
  // filters, answered by their indexes, applied as a set.
  const matches = connection
    .prepare('SELECT rowid FROM message_fts WHERE message_fts MATCH ? ORDER BY rowid DESC')
    .pluck()
    .all(match) as number[];
  let candidates = matches;
  if (where.length > 0) {
    // Few matches: look each up (small columns come first in a row). Many: ask the filters'
    // indexes for every message that passes, and meet the two as sets.
    const passing = new Set(
      (candidates.length <= 5000
        ? connection
            .prepare(`SELECT m.id FROM messages m WHERE m.id IN (SELECT value FROM json_each(?))${filters}`)
            .pluck()
            .all(JSON.stringify(candidates), ...params)
        : connection
            .prepare(`SELECT m.id FROM messages m WHERE true${filters}`)
            .pluck()
            .all(...params)) as number[],
    );
    candidates = candidates.filter((id) => passing.has(id));
  }
  if (candidates.length === 0) return [];
  // BM25 for each of 50,000 matches of a common word would take most of a second: the RANKED
  // most recently imported are ranked. A rowid range is the cheap way to hand them to FTS5 when
  // few others fall in it; a list of rowids costs more per message, but only those.
  let ranked = candidates.slice(0, RANKED);
  const floor = ranked[ranked.length - 1] ?? 0;
  // Matches are newest first, so those in the range are the ones up to the floor.
  const inRange = matches.indexOf(floor) + 1;
  let scored: { id: number; score: number }[];
  if (inRange <= ranked.length * 10) {
    scored = connection
      .prepare(
        `SELECT rowid AS id, bm25(message_fts, 10.0, 4.0, 2.0, 1.0) AS score FROM message_fts
         WHERE message_fts MATCH ? AND rowid >= ?`,
      )
      .all(match, floor) as { id: number; score: number }[];
  } else {
    // Filters left the candidates scattered among many matches: each is looked up on its own,
    // which costs far more a message, so fewer are ranked.
    ranked = ranked.slice(0, RANKED_SCATTERED);
    scored = connection
      .prepare(
        `SELECT rowid AS id, bm25(message_fts, 10.0, 4.0, 2.0, 1.0) AS score FROM message_fts
         WHERE message_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
      )
      .all(match, JSON.stringify(ranked)) as { id: number; score: number }[];
  }
  const wanted = new Set(ranked);
  const top = scored
    .filter((r) => wanted.has(r.id))
    .sort((a, b) => a.score - b.score || b.id - a.id)
    .slice(0, query.limit)
    .map((r) => r.id);
  return summariesOf(connection, top);
}

/** Summaries of these messages, in the order given (synchronous: for search). */
function summariesOf(connection: BetterSqlite3.Database, ids: readonly number[]): MessageSummaryRow[] {
  if (ids.length === 0) return [];
  const columns = SUMMARY_COLUMNS.map(
    (c) => `${c.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`)} AS ${c}`,
  ).join(', ');
  const rows = connection
    .prepare(`SELECT ${columns} FROM messages WHERE id IN (${ids.map(() => '?').join(', ')})`)
    .all(...ids) as MessageSummaryRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
