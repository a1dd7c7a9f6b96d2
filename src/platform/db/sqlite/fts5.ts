/**
 * Renders a parsed search (`SearchTree`, src/mail/search.ts) as an SQLite FTS5 MATCH expression,
 * the one place where the index's query syntax is written. Every term is quoted, with `"` doubled,
 * so no input can be read as FTS5 syntax; a prefix keeps its `*` outside the quotes.
 */
import type { SearchField, SearchTerm, SearchTree } from '../../search-tree.js';

/** The column of the `message_fts` index that holds each field. */
const COLUMN_OF: Record<SearchField, string> = { from: 'sender', to: 'recipients', subject: 'subject' };

function termToFts5(term: SearchTerm): string {
  const quoted = `"${term.text.replaceAll('"', '""')}"${term.kind === 'prefix' ? ' *' : ''}`;
  return term.field === null ? quoted : `${COLUMN_OF[term.field]} : (${quoted})`;
}

/**
 * The FTS5 expression of a search: the terms to find joined by AND, each term to leave out after
 * a NOT. A term given twice is written once: it asks nothing more of the index, only costs it twice.
 *
 * @example toFts5({ all: [{ kind: 'term', text: 'invoice', field: null },
 *   { kind: 'prefix', text: 'acme', field: 'from' }], none: [{ kind: 'phrase', text: 'a b', field: null }] })
 *   // → '"invoice" AND sender : ("acme" *) NOT "a b"'
 */
export function toFts5(tree: SearchTree): string {
  const all = [...new Set(tree.all.map(termToFts5))];
  const none = [...new Set(tree.none.map(termToFts5))];
  return all.join(' AND ') + none.map((term) => ` NOT ${term}`).join('');
}
