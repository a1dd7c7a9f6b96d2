import type { AliasableExpression, Expression, SqlBool } from 'kysely';
import type { SearchTree } from '../search-tree.js';
import type { Db } from './handle.js';

/**
 * The database port: everything that differs between the database engines vrm runs on. SQLite
 * (the embedded store, `./sqlite/`) is the one implementation today; PostgreSQL (hosted mode) is
 * to be a second implementation of the same interfaces, not an edit of every area. Kysely keeps
 * each dialect's SQL in one adapter; this keeps the rest of vrm's engine differences in one place.
 *
 * Two halves: {@link QueryDialect} is stateless and works on any `Db` (a transaction too), for
 * repositories; {@link DatabasePort} is one open database, for the platform (the store, backups,
 * the read cache). See "The database port (issue 13)" in docs/decisions.md.
 */

/** A column as the store declares it, camelCased as the rest of the code sees it. */
export interface ColumnInfo {
  readonly name: string;
  /** The declared type, upper case: INTEGER, TEXT or BLOB in SQLite. */
  readonly type: string;
  readonly notNull: boolean;
}

/**
 * How a boolean is stored. SQLite has no boolean type: it stores 0 and 1, and the schema's types
 * (`schema.ts`) say `number`. PostgreSQL's are native booleans.
 */
export type DbBoolean = number;

/** Engine differences inside queries: what a repository needs, on any `Db` or transaction. */
export interface QueryDialect {
  /** A boolean as the store keeps it (SQLite: 1 or 0). */
  toDbBoolean(value: boolean): DbBoolean;
  /** A stored boolean as a boolean (SQLite gives 0 or 1; PostgreSQL `true` or `false`). */
  fromDbBoolean(value: unknown): boolean;
  /**
   * A condition: `column` contains `text` literally (`%` and `_` are not wildcards), ignoring
   * case. SQLite's LIKE ignores the case of ASCII letters only; PostgreSQL would use ILIKE.
   */
  containsIgnoringCase(column: Expression<unknown>, text: string): Expression<SqlBool>;
  /** A count read back from the store as a number (PostgreSQL returns `count(*)` as a bigint string). */
  countAsNumber(value: unknown): number;
  /**
   * An aggregate: the distinct values of `column` in each group, joined by commas, in no promised
   * order (SQLite: `group_concat(DISTINCT …)`; PostgreSQL would use `string_agg(DISTINCT …, ',')`).
   */
  distinctJoined(column: Expression<unknown>): AliasableExpression<string>;
  /** The columns of a table, in their declared order. */
  columnsOf(db: Db, table: string): Promise<ColumnInfo[]>;
  /** The next-id counters of the tables that have one (SQLite: `sqlite_sequence`). */
  sequences(db: Db): Promise<Record<string, number>>;
  /** Sets a table's next-id counter, so a restored store hands out the ids the original would. */
  setSequence(db: Db, table: string, value: number): Promise<void>;
}

/**
 * One open database, as the platform sees it: the counters behind the read cache, the schema
 * version, the audit triggers, whole-store copies and checks. Repositories never see it.
 */
export interface DatabasePort {
  /** How this engine's queries differ: the same object as `QUERIES` in `queries.ts` for this engine. */
  readonly queries: QueryDialect;
  /**
   * A value that changes whenever the data changes, through this connection or any other (the
   * CLI writing while the web app runs). Cheap enough to ask on every request.
   */
  changeCounter(): string;
  /** Rows inserted, updated or deleted through this connection since it opened: moved, it wrote. */
  writeCount(): number;
  /** The version of the schema the store is at (the last migration applied). */
  schemaVersion(): number;
  /** Applies the migrations the store has not had yet, up to `upTo` (every one by default). */
  migrate(upTo?: number): void;
  /**
   * Creates (again) the triggers that write the audit log, from the live columns: every insert,
   * update and delete of the person's data leaves a row, whatever code made it.
   */
  installAuditTriggers(): void;
  /** Removes the audit triggers, so a restore can write the audit log verbatim. */
  dropAuditTriggers(): void;
  /** Writes a consistent, encrypted copy of the whole store into `file`, an empty file. */
  snapshotInto(file: string): void;
  /** What the engine's own integrity check finds wrong; empty when the store is sound. */
  integrityProblems(): string[];
  /** Folds the write-ahead log into the store file, so the file alone holds every commit. */
  checkpoint(): void;
  /**
   * Runs a bulk import: the engine may tune itself for many writes meanwhile (SQLite lets its
   * write-ahead log grow, so pages written again and again are copied into the store once), and
   * puts its settings back afterwards, whatever `work` does. Bulk work may nest or overlap (several
   * files imported in a row, two imports at once): the settings come back when the last one ends.
   */
  bulkWrites<T>(work: () => Promise<T>): Promise<T>;
  /** False once the connection is closed. */
  isOpen(): boolean;
}

/**
 * What a mail search asks of the index: the parsed text (null for filters alone), the filters, and
 * the page of results wanted.
 */
export interface MailQuery {
  readonly match: SearchTree | null;
  readonly senderProviderId?: number;
  /** Sent before this day (YYYY-MM-DD). */
  readonly before?: string;
  /** Sent on or after this day (YYYY-MM-DD). */
  readonly after?: string;
  readonly hasAttachment?: boolean;
  readonly leak?: boolean;
  readonly limit: number;
  /** How many results of the whole ranked list to skip: 0 for the first page. */
  readonly offset?: number;
}

/** A page of a search's results: message ids in rank order, and how many messages match in all. */
export interface MailHits {
  readonly ids: number[];
  readonly total: number;
}

/**
 * Full-text search over mail, as an engine provides it: SQLite's FTS5 today
 * (`./sqlite/mail-index.ts`), PostgreSQL's `tsvector` later. The mail area hands it the parsed
 * search (`SearchTree`) and never writes the engine's query syntax.
 *
 * Synchronous, because on the embedded engine both callers are: the import adds each message
 * inside its batch's synchronous transaction, and the web app's searches run on a read-only
 * connection in a worker thread of their own. See "The mail index" in docs/decisions.md.
 */
export interface MailIndex {
  /** Adds one stored message's text to the index, in the caller's transaction. */
  add(message: IndexedMessage): void;
  /**
   * The messages that match, best first: the most recent matches are ranked by relevance (subject
   * weighing most, then sender, recipients and text), the rest follow newest first. Filters alone
   * list messages newest first.
   */
  search(query: MailQuery): MailHits;
}

/** The text of one message that the mail index searches. */
export interface IndexedMessage {
  readonly id: number;
  readonly subject: string;
  readonly sender: string;
  readonly recipients: string;
  readonly body: string;
}
