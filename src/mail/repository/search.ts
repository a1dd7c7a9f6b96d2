import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { SUMMARY_COLUMNS, type MessageSummaryRow } from './columns.js';
import { toFts5 } from '../fts5.js';
import type { SearchTree } from '../search.js';

/** A query matching more messages than this ranks only the most recently imported this many. */
export const RANKED = 500;
/** …and this many when the filters leave them scattered among many more matches. */
export const RANKED_SCATTERED = 100;

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
