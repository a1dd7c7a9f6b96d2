import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Insertable, Selectable } from 'kysely';
import type { MailSyncTable, MessagesTable } from '../../platform/db/schema.js';
import { mailIndexOn } from '../../platform/db/mail-index.js';
import type { MailIndex } from '../../platform/db/port.js';
import { sqliteConnection } from '../../platform/db/sqlite/connection.js';
import type { Store } from '../../platform/db/store.js';
import type { Classification } from '../classify.js';
import type { Placement } from '../rules.js';
import type { ParsedMessage } from '../types.js';
import { classificationColumns } from './classified.js';
import { columnOf, placementColumns } from './columns.js';

/** A message ready to store: parsed, classified and placed. */
export interface NewMessage {
  readonly parsed: ParsedMessage;
  readonly location: string;
  readonly classification: Classification;
  readonly placement: Placement;
}

/** A checkpoint committed with a batch, so a resumed import starts after the last stored message. */
export type Checkpoint = Omit<Selectable<MailSyncTable>, 'updatedAt'>;

/** What an import writes of each message; the table's own columns (id, leak event, …) are left out. */
type MessageInsert = Required<Omit<Insertable<MessagesTable>, 'id' | 'leakEventId' | 'placedByHand'>>;

/**
 * The columns the import writes, each named once: the INSERT is built from this list and its
 * values are taken from the row by these names, so a column added here without its value (or in
 * another order) is a type error, not a shifted row. The values are bound by position, in the
 * list's order: binding by name cost about 2% more of the batch's time in `storeBatch`.
 */
const MESSAGE_COLUMNS = Object.keys({
  fingerprint: true,
  messageId: true,
  importId: true,
  location: true,
  sentAt: true,
  importedAt: true,
  fromAddress: true,
  fromName: true,
  sender: true,
  recipients: true,
  subject: true,
  body: true,
  headers: true,
  envelope: true,
  size: true,
  attachmentCount: true,
  warnings: true,
  isList: true,
  identityId: true,
  identityProviderId: true,
  identityAddress: true,
  identityHeader: true,
  identityHow: true,
  senderKey: true,
  senderProviderId: true,
  senderLabel: true,
  senderEvidence: true,
  leak: true,
  folder: true,
  attention: true,
  muted: true,
  flagged: true,
  caseId: true,
  ruleId: true,
  ruleReason: true,
} satisfies Record<keyof MessageInsert, true>) as (keyof MessageInsert)[];

/** The From header as shown and searched: `Name <address>`, or whichever of the two there is. */
const senderOf = (p: ParsedMessage): string =>
  p.fromName && p.fromAddress ? `${p.fromName} <${p.fromAddress}>` : (p.fromAddress ?? p.fromName ?? '');

function messageInsert(m: NewMessage, importId: number, importedAt: string): MessageInsert {
  const p = m.parsed;
  return {
    fingerprint: p.fingerprint,
    messageId: p.messageId,
    importId,
    location: m.location,
    sentAt: p.sentAt,
    importedAt,
    fromAddress: p.fromAddress,
    fromName: p.fromName,
    sender: senderOf(p),
    recipients: p.recipients,
    subject: p.subject,
    body: p.body,
    // The headers are read from the original when it is kept.
    headers: p.compressedRaw ? null : p.headers,
    envelope: JSON.stringify(p.envelope),
    size: p.size,
    attachmentCount: p.attachments.length,
    warnings: p.warnings.length > 0 ? JSON.stringify(p.warnings) : null,
    ...classificationColumns(m.classification),
    ...placementColumns(m.placement),
  };
}

/** The import's counts, written with each batch so an interrupted import shows how far it got. */
export interface BatchCounts {
  readonly seen: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly skipped: number;
  /** JSON of the skips kept so far. */
  readonly skips: string;
}

/**
 * The import's hot path: thousands of inserts a second into messages, the mail index
 * (`MailIndex`), attachments and raw bytes, as prepared statements on the connection in one transaction per
 * batch, which is what makes it fast.
 */
export class BatchRepository {
  private readonly connection: BetterSqlite3.Database;
  private statements?: ReturnType<BatchRepository['prepare']>;

  private readonly index: MailIndex;

  constructor(private readonly store: Store) {
    this.connection = sqliteConnection(store);
    this.index = mailIndexOn(this.connection);
  }

  private prepare() {
    const c = this.connection;
    return {
      insertMessage: c.prepare(`
        INSERT INTO messages (${MESSAGE_COLUMNS.map(columnOf).join(', ')})
        VALUES (${MESSAGE_COLUMNS.map(() => '?').join(', ')})
        ON CONFLICT (fingerprint) DO NOTHING`),
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
    };
  }

  private get s() {
    this.statements ??= this.prepare();
    return this.statements;
  }

  /** Runs an import with the store tuned for bulk writes (see `DatabasePort.bulkWrites`). */
  bulkWrites<T>(work: () => Promise<T>): Promise<T> {
    return this.store.port.bulkWrites(work);
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
    counts: BatchCounts,
  ): (number | null)[] {
    const s = this.s;
    const run = this.connection.transaction(() => {
      const ids = batch.map((m) => {
        const row = messageInsert(m, importId, importedAt);
        const result = s.insertMessage.run(MESSAGE_COLUMNS.map((column) => row[column]));
        if (result.changes === 0) return null;
        const id = Number(result.lastInsertRowid);
        const p = m.parsed;
        this.index.add({
          id,
          subject: p.subject,
          sender: row.sender,
          recipients: p.recipients,
          body: p.body,
        });
        for (const a of p.attachments)
          s.insertAttachment.run(id, a.filename, a.mimeType, a.size, a.disposition, a.contentId);
        if (p.compressedRaw) s.insertRaw.run(id, p.compressedRaw);
        return id;
      });
      for (const checkpoint of checkpoints) s.putSync.run({ ...checkpoint, updatedAt: importedAt });
      const imported = counts.imported + ids.filter((id) => id !== null).length;
      const duplicates = counts.duplicates + ids.filter((id) => id === null).length;
      s.progress.run(counts.seen, imported, duplicates, counts.skipped, counts.skips, importId);
      return ids;
    });
    return run();
  }
}
