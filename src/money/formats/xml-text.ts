/**
 * What fast-xml-parser does not give: where things are. It has no line numbers and, for speed,
 * does not validate; these helpers find element lines by one linear scan of the text, find where a
 * broken file breaks, and cut it back to its last whole element so the bookings before still read.
 */

/** The 1-based lines on which each opening of element `name` (with or without a prefix) starts, in order. */
export function elementLines(text: string, name: string): number[] {
  const opening = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}[\\s>/]`, 'gu');
  const lines: number[] = [];
  let line = 1;
  let scanned = 0;
  for (let match = opening.exec(text); match; match = opening.exec(text)) {
    line += countNewlines(text, scanned, match.index);
    scanned = match.index;
    lines.push(line);
  }
  return lines;
}

/** The 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  return 1 + countNewlines(text, 0, offset);
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** The root element's name and namespace, read from its start tag (prefixed or not). */
export function rootNamespace(
  text: string,
): { element: string; namespace: string | null; line: number } | null {
  const root = /<(?![?!])(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)([^>]*)>/u.exec(text);
  if (!root) return null;
  const [, prefix, element = '', attributes = ''] = root;
  const attribute = prefix ? `xmlns:${prefix}` : 'xmlns';
  const declared = new RegExp(`\\s${attribute.replace('.', '\\.')}\\s*=\\s*["']([^"']*)["']`, 'u').exec(
    attributes,
  );
  return { element, namespace: declared?.[1] ?? null, line: lineAt(text, root.index) };
}

const TAGS =
  /<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>/gu;

/**
 * Where a file that is not well-formed XML breaks, by one scan of its tags: a closing tag that
 * does not close the open element, or the end of the text with elements still open (a download
 * cut short). Null when the tags nest. Run only once parsing has failed, since it costs a pass.
 */
export function xmlBreak(text: string): { line: number; offset: number; reason: string } | null {
  const open: string[] = [];
  const tags = new RegExp(TAGS.source, 'gu');
  for (let match = tags.exec(text); match; match = tags.exec(text)) {
    const [, slash, name, selfClosing] = match;
    if (!name || selfClosing) continue;
    if (!slash) {
      open.push(name);
      continue;
    }
    const expected = open.pop();
    if (expected !== name) {
      const reason = expected
        ? `</${name}> where </${expected}> was expected`
        : `</${name}> closes no open element`;
      return { line: lineAt(text, match.index), offset: match.index, reason };
    }
  }
  const lastTag = text.lastIndexOf('<');
  if (open.length > 0 || (lastTag !== -1 && !text.includes('>', lastTag))) {
    const last = open.at(-1);
    return {
      line: lineAt(text, text.length),
      offset: text.length,
      reason: last ? `the file ends inside <${last}>` : 'the file ends inside a tag',
    };
  }
  return null;
}

/**
 * The text up to the last whole `element` before `offset`, with every element still open there
 * closed again: a statement cut off inside an entry becomes the statement of the entries before.
 * Null when no whole element precedes the break.
 */
export function cutBeforeBreak(text: string, offset: number, element: string): string | null {
  const closing = new RegExp(`</(?:[A-Za-z_][\\w.-]*:)?${element}\\s*>`, 'gu');
  let end = -1;
  for (let match = closing.exec(text); match && match.index < offset; match = closing.exec(text)) {
    end = match.index + match[0].length;
  }
  if (end === -1) return null;
  const kept = text.slice(0, end);
  const open: string[] = [];
  const tags = new RegExp(TAGS.source, 'gu');
  for (let match = tags.exec(kept); match; match = tags.exec(kept)) {
    const [, slash, name, selfClosing] = match;
    if (!name || selfClosing) continue;
    if (slash) open.pop();
    else open.push(name);
  }
  return (
    kept +
    open
      .reverse()
      .map((name) => `</${name}>`)
      .join('')
  );
}
