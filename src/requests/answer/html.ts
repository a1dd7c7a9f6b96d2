/**
 * The visible text of an HTML page, for reading an answer: no scripts, styles or comments, block
 * elements on lines of their own, character references decoded. A small tokenizer rather than a
 * DOM library: nothing is rendered or run, and a broken page still gives its text.
 */

/** Elements whose content is never text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'iframe', 'object']);

/** Elements that start a new line, so each row and paragraph stays apart (cells are split by tabs). */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'title',
  'tr',
  'ul',
]);

/** The named references exports use; any other is left as written. */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  shy: '',
  copy: '©',
  reg: '®',
  euro: '€',
  pound: '£',
  sect: '§',
  deg: '°',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  middot: '·',
  times: '×',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  agrave: 'à',
  acirc: 'â',
  ccedil: 'ç',
  Eacute: 'É',
  ocirc: 'ô',
  icirc: 'î',
  iuml: 'ï',
  euml: 'ë',
  ucirc: 'û',
  ugrave: 'ù',
  oslash: 'ø',
  aring: 'å',
  aelig: 'æ',
  ntilde: 'ñ',
  at: '@',
  commat: '@',
  period: '.',
  colon: ':',
  plus: '+',
  num: '#',
};

/** Decodes `&amp;`, `&#64;`, `&#x40;` and the named references above. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);?/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '\uFFFD';
    }
    return NAMED[ref] ?? whole;
  });
}

/**
 * Text a person would read on the page, one block (paragraph, row, list item) per line.
 *
 * @example htmlToText('<p>Hi <b>Alex</b></p><script>x()</script>') // 'Hi Alex'
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open < 0) {
      out.push(html.slice(i));
      break;
    }
    out.push(html.slice(i, open));
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const tag = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(open, open + 64));
    if (!tag) {
      // `<!DOCTYPE>`, `<?xml?>`, or a stray `<` in text: skip a declaration, keep a stray sign.
      if (/^<[!?]/.test(html.slice(open, open + 2))) {
        const end = html.indexOf('>', open);
        i = end < 0 ? html.length : end + 1;
      } else {
        out.push('<');
        i = open + 1;
      }
      continue;
    }
    const name = (tag[1] ?? '').toLowerCase();
    const end = tagEnd(html, open);
    const closing = html[open + 1] === '/';
    if (!closing && HIDDEN.has(name)) {
      // Skip to the matching end tag; inside a script, `<` and quotes mean nothing.
      // A case-blind search from here: lowercasing the whole page could shift offsets (İ → i̇).
      const closer = new RegExp(`</${name}`, 'gi');
      closer.lastIndex = end;
      const close = closer.exec(html);
      i = close ? tagEnd(html, close.index) : html.length;
      continue;
    }
    if (BLOCK.has(name)) out.push('\n');
    else if (name === 'td' || name === 'th') out.push('\t');
    i = end;
  }
  return decodeEntities(out.join(''))
    .split('\n')
    .map((line) =>
      line
        .replace(/[ \r\u00a0]+/g, ' ')
        .replace(/ ?\t[\t ]*/g, '\t')
        .trim(),
    )
    .filter((line) => line !== '')
    .join('\n')
    .trim();
}

/** The offset just past a tag's `>`, minding quoted attribute values that hold `>`. */
function tagEnd(html: string, start: number): number {
  let quote: string | null = null;
  for (let i = start + 1; i < html.length; i += 1) {
    const char = html[i];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '>') return i + 1;
  }
  return html.length;
}
