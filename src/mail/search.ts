import { isValidDate } from '../platform/dates.js';
import { VrmError } from '../platform/errors.js';
import type { SearchField, SearchTerm, SearchTree } from '../platform/search-tree.js';
import { fold, type HighlightWord } from './snippet.js';

export type { SearchField, SearchTerm, SearchTree };

/**
 * The search language, as mail programs have taught people: words (all must appear), `"a
 * phrase"`, `-word` to exclude, `word*` for a prefix, and operators:
 *
 * | operator | meaning |
 * |---|---|
 * | `from:acme.example`, `from:"Acme Bank"` | in the sender's name or address |
 * | `to:alex+acme@…` | in the To or Cc addresses |
 * | `subject:renewal` | in the subject |
 * | `provider:acme` | sent by this provider (id or name) |
 * | `before:2025-01-01`, `after:2024-06-01` | sent before / on or after this day |
 * | `has:attachment` | with attachments |
 * | `is:leak` | a suspected leak |
 *
 * Free text becomes a small syntax tree (`SearchTree`): the words, phrases and prefixes that must
 * appear, each anywhere or in one field, and those that must not. The index's own query language
 * stays out of the domain: the store's `MailIndex` renders the tree (for SQLite's FTS5,
 * src/platform/db/sqlite/fts5.ts) and quotes every term, so no input can be read as FTS5 syntax: a stray `"`, `(` or `NEAR` is just text.
 */
export interface SearchQuery {
  /** What the text must and must not contain, or null when the query has only filters. */
  readonly match: SearchTree | null;
  readonly provider?: string;
  readonly before?: string;
  readonly after?: string;
  readonly hasAttachment?: boolean;
  readonly leak?: boolean;
  /** The words to mark in snippets: the free text's and `subject:`'s, folded. */
  readonly highlight: readonly HighlightWord[];
}

const FIELDS: ReadonlySet<string> = new Set<SearchField>(['from', 'to', 'subject']);

/** Splits the query into terms, keeping quoted phrases (`from:"Acme Bank"`) whole. */
function tokens(text: string): string[] {
  const out: string[] = [];
  const re = /(-?[a-z]+:)?"([^"]*)"?|\S+/gi;
  for (const m of text.matchAll(re)) {
    if (m[2] !== undefined) out.push(`${m[1] ?? ''}"${m[2]}"`);
    else out.push(m[0]);
  }
  return out;
}

/**
 * Bounds that keep one search to a fraction of a second on a large store: a one-letter prefix
 * (`b*`) makes the index merge the lists of every word it starts, which for 6,000 messages takes
 * about 80 ms a term; the query is also cut at 500 characters and 32 terms. The web app runs each
 * search in a worker with a time limit besides (src/mail/search-runner.ts).
 */
const MAX_QUERY_LENGTH = 500;
const MAX_TERMS = 32;
const MIN_PREFIX = 2;

/**
 * One term of the tree: a trailing `*` makes a prefix, quotes a phrase; null for a term with no
 * letter or digit (a lone dash, punctuation), which would find nothing.
 */
function termOf(term: string, field: SearchField | null): SearchTerm | null {
  let text = term;
  let prefix = false;
  if (text.endsWith('*') && !text.startsWith('"')) {
    prefix = true;
    text = text.slice(0, -1);
  }
  const quoted = /^"(.*)"$/.exec(text);
  if (quoted !== null) text = quoted[1] ?? '';
  if (!/[\p{L}\p{N}]/u.test(text)) return null;
  const lastWord = /[\p{L}\p{N}]+$/u.exec(text)?.[0] ?? '';
  if (prefix && Array.from(lastWord).length < MIN_PREFIX) {
    throw new VrmError(
      'invalid_input',
      `search: ${term}: a prefix search needs at least ${String(MIN_PREFIX)} letters before the *`,
    );
  }
  return { kind: prefix ? 'prefix' : quoted !== null ? 'phrase' : 'term', text, field };
}

function day(operator: string, value: string): string {
  if (!isValidDate(value)) {
    throw new VrmError(
      'invalid_input',
      `search: ${operator}: must be a date written YYYY-MM-DD, got "${value}"`,
    );
  }
  return value;
}

/**
 * Parses what a person types into the search box.
 *
 * @throws VrmError `invalid_input` for a query too long, a bad date or operator, a prefix too short,
 *   or only words to leave out.
 * @example parseSearch('invoice from:acme after:2025-01-01')
 *   // → { match: { all: [{ kind: 'term', text: 'invoice', field: null },
 *   //                    { kind: 'term', text: 'acme', field: 'from' }], none: [] },
 *   //     after: '2025-01-01', highlight: [{ word: 'invoice', prefix: false }] }
 */
export function parseSearch(text: string): SearchQuery {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new VrmError(
      'invalid_input',
      `search: the query is ${String(text.length)} characters long; at most ${String(MAX_QUERY_LENGTH)} are searched`,
    );
  }
  const terms = tokens(text.trim());
  if (terms.length > MAX_TERMS) {
    throw new VrmError(
      'invalid_input',
      `search: the query has ${String(terms.length)} terms; at most ${String(MAX_TERMS)} are searched`,
    );
  }
  const include: SearchTerm[] = [];
  const exclude: SearchTerm[] = [];
  const highlight: HighlightWord[] = [];
  const query: { -readonly [K in keyof SearchQuery]: SearchQuery[K] } = { match: null, highlight };
  /** Marks the words of an included term in snippets. */
  const mark = (term: string) => {
    const prefix = term.endsWith('*') && !term.startsWith('"');
    const words = fold(term.replace(/^"|"?\*?$/g, '')).match(/[\p{L}\p{N}]+/gu) ?? [];
    words.forEach((word, i) => highlight.push({ word, prefix: prefix && i === words.length - 1 }));
  };
  for (const token of terms) {
    const negated = token.startsWith('-') && token.length > 1;
    const body = negated ? token.slice(1) : token;
    const op = /^([a-z]+):(.+)$/i.exec(body);
    const name = op?.[1]?.toLowerCase();
    const value = op?.[2]?.replace(/^"(.*)"$/, '$1') ?? '';
    if (name !== undefined && FIELDS.has(name)) {
      const term = termOf(op?.[2] ?? '', name as SearchField);
      if (term) (negated ? exclude : include).push(term);
      if (term && !negated && name === 'subject') mark(op?.[2] ?? '');
      continue;
    }
    switch (name ?? '') {
      case 'provider':
        query.provider = value;
        continue;
      case 'before':
        query.before = day('before', value);
        continue;
      case 'after':
        query.after = day('after', value);
        continue;
      case 'has':
        if (value.toLowerCase() !== 'attachment') {
          throw new VrmError('invalid_input', `search: has:${value}: only has:attachment is known`);
        }
        query.hasAttachment = true;
        continue;
      case 'is':
        if (value.toLowerCase() !== 'leak')
          throw new VrmError('invalid_input', `search: is:${value}: only is:leak is known`);
        query.leak = true;
        continue;
      default: {
        const term = termOf(body, null);
        if (term) (negated ? exclude : include).push(term);
        if (term && !negated) mark(body);
      }
    }
  }
  if (include.length === 0 && exclude.length > 0) {
    throw new VrmError('invalid_input', 'search: say what to look for, not only what to leave out');
  }
  const [firstTerm, ...more] = include;
  if (firstTerm !== undefined) query.match = { all: [firstTerm, ...more], none: exclude };
  return query;
}
