import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { mailIndexOn } from '../../platform/db/mail-index.js';
import type { MailQuery } from '../../platform/db/port.js';
import { SUMMARY_COLUMNS, type MessageSummaryRow } from './columns.js';

export { RANKED, RANKED_SCATTERED } from '../../platform/db/sqlite/mail-index.js';

/** What a search asks of the index: the parsed text (or null for filters alone), the filters, a page. */
export type SearchFilter = MailQuery;

/** A page of search results and how many messages match in all. */
export interface SearchPage {
  readonly rows: MessageSummaryRow[];
  readonly total: number;
}

/**
 * Full-text search through the store's mail index (`MailIndex`), with the summaries of the page of
 * messages it finds. It takes any connection to the store: the web app's searches run on a
 * read-only one in a worker thread (src/mail/search-runner.ts), so that no search holds up the
 * server.
 */
export function searchMessages(connection: BetterSqlite3.Database, query: SearchFilter): SearchPage {
  const { ids, total } = mailIndexOn(connection).search(query);
  return { rows: summariesOf(connection, ids), total };
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
