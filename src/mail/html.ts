/**
 * HTML mail turned into plain text for search and reading, when a message has no text/plain part.
 * Regex passes over the string, not a DOM: mail HTML is often broken, a DOM parser is a dependency
 * and ten times slower, and search needs only the words and the line structure.
 */

/** Elements whose content is never text a reader sees. */
const INVISIBLE = /<(head|script|style|title|noscript|template|xml|object)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

/** Elements set apart by a blank line (opening or closing tag). */
const PARAGRAPH = /<\/?(?:p|table|h[1-6]|blockquote|ul|ol|dl|pre)\b[^>]*>/gi;

/** Elements that start a new line (opening or closing tag). */
const LINE =
  /<\/?(?:div|tr|dt|dd|section|article|header|footer|nav|aside|main|center|address|form|fieldset|figure|figcaption|caption|thead|tbody|tfoot|body|html|option)\b[^>]*>/gi;

/** Latin-1 code points 0xA0 to 0xFF by entity name, in order. */
const LATIN1_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn ' +
  'sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave ' +
  'Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN ' +
  'szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute ' +
  'icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml'
).split(' ');

const NAMED = new Map<string, string>([
  ...LATIN1_NAMES.map((name, i): [string, string] => [name, String.fromCharCode(0xa0 + i)]),
  // A non-breaking space is a space to a reader and to search; a soft hyphen is nothing.
  ['nbsp', ' '],
  ['shy', ''],
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['euro', '€'],
  ['hellip', '…'],
  ['mdash', '—'],
  ['ndash', '–'],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['sbquo', '‚'],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['bdquo', '„'],
  ['trade', '™'],
  ['bull', '•'],
  ['dagger', '†'],
  ['Dagger', '‡'],
  ['permil', '‰'],
  ['lsaquo', '‹'],
  ['rsaquo', '›'],
  ['OElig', 'Œ'],
  ['oelig', 'œ'],
  ['Scaron', 'Š'],
  ['scaron', 'š'],
  ['Yuml', 'Ÿ'],
  ['fnof', 'ƒ'],
  ['circ', 'ˆ'],
  ['tilde', '˜'],
  ['ensp', ' '],
  ['emsp', ' '],
  ['thinsp', ' '],
  ['zwnj', ''],
  ['zwj', ''],
  ['lrm', ''],
  ['rlm', ''],
  ['larr', '←'],
  ['rarr', '→'],
  ['uarr', '↑'],
  ['darr', '↓'],
  ['hearts', '♥'],
]);

/**
 * What windows-1252 puts at 0x80-0x9F (where Latin-1 has control characters), by byte - 0x80.
 * **Important**: Node 20's `TextDecoder('windows-1252')` decodes these bytes as Latin-1 controls,
 * so whoever needs windows-1252 maps this range with this table.
 */
export const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Text already decoded as Latin-1, with the 0x80-0x9F range read as windows-1252. */
export function latin1ToWindows1252(text: string): string {
  return text.replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_C1.charAt(c.charCodeAt(0) - 0x80));
}

function decodeNumeric(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  // Browsers read the C1 range of numeric references as windows-1252, and so does mail HTML.
  if (code >= 0x80 && code <= 0x9f) return WINDOWS_1252_C1.charAt(code - 0x80);
  return String.fromCodePoint(code);
}

/**
 * Decodes character references: every numeric one, and the named ones mail uses (the Latin-1 set
 * and typographic punctuation). An unknown name is left as it was written.
 *
 * @example decodeEntities('Caf&eacute; &amp; &#8364;5') // → 'Café & €5'
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(?:#[xX]([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (hex !== undefined) return decodeNumeric(parseInt(hex, 16));
      if (dec !== undefined) return decodeNumeric(parseInt(dec, 10));
      return (name !== undefined ? NAMED.get(name) : undefined) ?? whole;
    },
  );
}

/**
 * Turns an HTML document or fragment into readable plain text: invisible elements dropped, block
 * elements on lines of their own, list items as "- " lines, links reduced to their text, entities
 * decoded, runs of spaces collapsed and at most one blank line in a row. Never throws.
 *
 * @example htmlToText('<p>Hello&nbsp;<b>you</b></p><ul><li>one</li></ul>') // → 'Hello you\n\n- one'
 */
export function htmlToText(html: string): string {
  try {
    return convert(html);
  } catch {
    // Only a pathological input (a string too long for a regex pass) gets here.
    return '';
  }
}

/** Marks where a line break (LINE) or a blank line (PARAGRAPH) goes, resolved once tags are gone. */
const LINE_MARK = '\uE000';
const PARAGRAPH_MARK = '\uE001';

function convert(html: string): string {
  let text = html
    .replace(/[\uE000\uE001]/g, '')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(INVISIBLE, ' ');
  // Line breaks inside <pre> are content; everywhere else, source line breaks are just spaces.
  text = text.replace(/<pre\b[^>]*>[\s\S]*?<\/pre\s*>/gi, (pre) => pre.replace(/\r?\n/g, '<br>'));
  text = text
    .replace(/\s+/g, ' ')
    .replace(/<li\b[^>]*>/gi, `${LINE_MARK}- `)
    .replace(/<(?:br|hr)\b[^>]*>/gi, '\n')
    .replace(PARAGRAPH, PARAGRAPH_MARK)
    .replace(LINE, LINE_MARK)
    .replace(/<\/?t[dh]\b[^>]*>/gi, ' ')
    .replace(/<\/?[a-zA-Z!?][^>]*>/g, '');
  text = decodeEntities(text);
  return (
    text
      .replace(/[ \t\f\v\u00a0]+/g, ' ')
      // Adjacent block edges (`</tr><tr>`, `</p><div>`) make one break, not one each.
      .replace(/[ \n\uE000\uE001]*[\uE000\uE001][ \n\uE000\uE001]*/g, (run) =>
        run.includes(PARAGRAPH_MARK) || run.split('\n').length > 2 ? '\n\n' : '\n',
      )
      .replace(/ ?\n ?/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}
