/**
 * Snippets for search results, made here rather than by FTS5's `snippet()`: FTS5 runs the whole
 * query again for each message it makes one for, which for a prefix query (`comp*`, hundreds of
 * words) costs milliseconds a message. Words are compared as the index compares them: letters and
 * digits, lower case, accents removed.
 */
export interface SnippetPart {
  readonly text: string;
  readonly hit: boolean;
}

export interface HighlightWord {
  /** Folded: lower case, no accents. */
  readonly word: string;
  /** `secur*`: any word that begins so. */
  readonly prefix: boolean;
}

export const fold = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The stretch of `text` of about `size` words with the most hits, hits marked; null when no word
 * matches.
 *
 * @example snippet('Your renewal is due', [{ word: 'renewal', prefix: false }])
 *   // → [{ text: 'Your ', hit: false }, { text: 'renewal', hit: true }, { text: ' is due', hit: false }]
 */
export function snippet(text: string, words: readonly HighlightWord[], size = 16): SnippetPart[] | null {
  if (words.length === 0) return null;
  const tokens: { start: number; end: number; hit: boolean }[] = [];
  for (const m of text.matchAll(WORD)) {
    const folded = fold(m[0]);
    const hit = words.some((w) => (w.prefix ? folded.startsWith(w.word) : folded === w.word));
    tokens.push({ start: m.index, end: m.index + m[0].length, hit });
  }
  // The window of `size` tokens with the most hits (the first such).
  let best = -1;
  let bestHits = 0;
  let hits = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]?.hit) hits++;
    if (i >= size && tokens[i - size]?.hit) hits--;
    if (hits > bestHits) {
      bestHits = hits;
      best = Math.max(0, i - size + 1);
    }
  }
  if (best === -1) return null;
  const window = tokens.slice(best, best + size);
  const first = window[0];
  const last = window.at(-1);
  if (!first || !last) return null;
  const parts: SnippetPart[] = [];
  let at = first.start;
  for (const t of window) {
    if (!t.hit) continue;
    if (t.start > at) parts.push({ text: text.slice(at, t.start), hit: false });
    parts.push({ text: text.slice(t.start, t.end), hit: true });
    at = t.end;
  }
  if (last.end > at) parts.push({ text: text.slice(at, last.end), hit: false });
  if (best > 0) parts.unshift({ text: '…', hit: false });
  if (best + size < tokens.length) parts.push({ text: '…', hit: false });
  return parts.map((p) => (p.hit ? p : { ...p, text: p.text.replace(/\s+/g, ' ') }));
}
