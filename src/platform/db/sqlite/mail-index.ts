import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { IndexedMessage, MailHits, MailIndex, MailQuery } from '../port.js';
import { toFts5 } from './fts5.js';

type Connection = BetterSqlite3.Database;

/** A query matching more messages than this ranks only the most recently imported this many. */
export const RANKED = 500;
/** …and this many when the filters leave them scattered among many more matches. */
export const RANKED_SCATTERED = 100;
/** Up to this many matches, the filters are asked of each match; beyond, of the whole table. */
const LOOKED_UP = 5000;
/** BM25 weights of the index's columns: subject, sender, recipients, text. */
const BM25 = 'bm25(message_fts, 10.0, 4.0, 2.0, 1.0)';

/**
 * The mail index on SQLite: an FTS5 table (`message_fts`, external content: the text is stored
 * once, in `messages`) and the indexes of `messages` for the filters. It takes any connection to
 * the store, the read-only one of the search worker too.
 */
export class SqliteMailIndex implements MailIndex {
  #insert: BetterSqlite3.Statement | undefined;

  constructor(private readonly connection: Connection) {}

  add(message: IndexedMessage): void {
    this.#insert ??= this.connection.prepare(
      'INSERT INTO message_fts (rowid, subject, sender, recipients, body) VALUES (?, ?, ?, ?, ?)',
    );
    this.#insert.run(message.id, message.subject, message.sender, message.recipients, message.body);
  }

  search(query: MailQuery): MailHits {
    const c = this.connection;
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
    const offset = Math.max(0, query.offset ?? 0);
    if (query.match === null) {
      // Newest first by the indexed date: no sort of the whole table.
      const ids = c
        .prepare(
          `SELECT m.id FROM messages m WHERE true${filters} ORDER BY m.sent_at DESC, m.id DESC LIMIT ? OFFSET ?`,
        )
        .pluck()
        .all(...params, query.limit, offset) as number[];
      const total = c
        .prepare(`SELECT count(*) FROM messages m WHERE true${filters}`)
        .pluck()
        .get(...params) as number;
      return { ids, total };
    }
    const match = toFts5(query.match);
    // Every match, newest first (a scan of the index's lists: a few ms even for "the"), then the
    // filters, answered by their indexes, applied as a set.
    const matches = c
      .prepare('SELECT rowid FROM message_fts WHERE message_fts MATCH ? ORDER BY rowid DESC')
      .pluck()
      .all(match) as number[];
    let candidates = matches;
    if (where.length > 0) {
      // Few matches: look each up (small columns come first in a row). Many: ask the filters'
      // indexes for every message that passes, and meet the two as sets.
      const passing = new Set(
        (candidates.length <= LOOKED_UP
          ? c
              .prepare(`SELECT m.id FROM messages m WHERE m.id IN (SELECT value FROM json_each(?))${filters}`)
              .pluck()
              .all(JSON.stringify(candidates), ...params)
          : c
              .prepare(`SELECT m.id FROM messages m WHERE true${filters}`)
              .pluck()
              .all(...params)) as number[],
      );
      candidates = candidates.filter((id) => passing.has(id));
    }
    const total = candidates.length;
    if (total === 0 || offset >= total) return { ids: [], total };
    const ranked = this.rank(match, matches, candidates);
    // The ranked come first, best first; the matches too many to rank follow, newest first.
    const rankedSet = new Set(ranked);
    const order =
      ranked.length === total ? ranked : [...ranked, ...candidates.filter((id) => !rankedSet.has(id))];
    return { ids: order.slice(offset, offset + query.limit), total };
  }

  /**
   * The most recent candidates, sorted by BM25 (best first, then newest). BM25 for each of 50,000
   * matches of a common word would take most of a second: the RANKED most recently imported are
   * ranked. A rowid range is the cheap way to hand them to FTS5 when few others fall in it; a list
   * of rowids costs more per message, but only those.
   */
  private rank(match: string, matches: readonly number[], candidates: readonly number[]): number[] {
    let ranked = candidates.slice(0, RANKED);
    const floor = ranked[ranked.length - 1] ?? 0;
    // Matches are newest first, so those in the range are the ones up to the floor.
    const inRange = matches.indexOf(floor) + 1;
    let scored: { id: number; score: number }[];
    if (inRange <= ranked.length * 10) {
      scored = this.connection
        .prepare(
          `SELECT rowid AS id, ${BM25} AS score FROM message_fts WHERE message_fts MATCH ? AND rowid >= ?`,
        )
        .all(match, floor) as { id: number; score: number }[];
    } else {
      // Filters left the candidates scattered among many matches: each is looked up on its own,
      // which costs far more a message, so fewer are ranked.
      ranked = ranked.slice(0, RANKED_SCATTERED);
      scored = this.connection
        .prepare(
          `SELECT rowid AS id, ${BM25} AS score FROM message_fts
           WHERE message_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
        )
        .all(match, JSON.stringify(ranked)) as { id: number; score: number }[];
    }
    const wanted = new Set(ranked);
    return scored
      .filter((r) => wanted.has(r.id))
      .sort((a, b) => a.score - b.score || b.id - a.id)
      .map((r) => r.id);
  }
}
