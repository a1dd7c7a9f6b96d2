import type { LetterLanguage } from './layout.js';

/** The fixed words of a letter, per language. */
export interface LetterWords {
  readonly salutation: string;
  readonly closing: string;
  readonly customerNumber: string;
  readonly date: string;
  /** "Page 2 of 3". */
  readonly page: (page: number, of: number) => string;
}

export const WORDS: Readonly<Record<LetterLanguage, LetterWords>> = {
  // British usage: "Dear Sir or Madam" closes with "Yours faithfully".
  en: {
    salutation: 'Dear Sir or Madam,',
    closing: 'Yours faithfully,',
    customerNumber: 'Customer number',
    date: 'Date',
    page: (page, of) => `Page ${String(page)} of ${String(of)}`,
  },
  // DIN 5008 and common German usage: no comma after the closing.
  de: {
    salutation: 'Sehr geehrte Damen und Herren,',
    closing: 'Mit freundlichen Grüßen',
    customerNumber: 'Kundennummer',
    date: 'Datum',
    page: (page, of) => `Seite ${String(page)} von ${String(of)}`,
  },
};

/**
 * A date as a letter writes it in its language: `7 December 2026`, `7. Dezember 2026`.
 *
 * @example letterDate('2026-12-07', 'de') // → '7. Dezember 2026'
 */
export function letterDate(date: string, language: LetterLanguage): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** A country's name in the letter's language, as an address's last line writes it: `GERMANY`. */
export function countryLine(code: string, language: LetterLanguage): string {
  const name = new Intl.DisplayNames([language], { type: 'region' }).of(code.toUpperCase()) ?? code;
  return name.toUpperCase();
}

/**
 * The characters Helvetica prints from the PDF standard fonts' WinAnsi encoding (Windows-1252):
 * Latin-1 and the typographic extras of 0x80–0x9F (€, „ “ ” ‚ ‘ ’, – —, …, •, ‰, ™, Œ œ, Š š, Ž ž, Ÿ).
 */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const printable = (c: string): boolean => {
  const code = c.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(c);
};

/** Characters the font lacks but that have a plain stand-in nobody would object to. */
const STAND_INS: Readonly<Record<string, string>> = {
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
  '\u2032': "'",
  '\u2033': '"',
  '\u00ad': '',
  '\u200b': '',
  '\t': '    ',
};

/** A character as a message names it: `"→" (U+2192)`. */
export const charName = (c: string): string =>
  `"${c}" (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`;

/**
 * Text made printable in the letter's font: characters with a plain stand-in are replaced (and
 * reported in `replaced`); the first that has none is returned in `unprintable`, for the caller to
 * refuse with its name. Line breaks are kept.
 */
export function printableText(text: string): { text: string; replaced: string[]; unprintable?: string } {
  let out = '';
  const replaced = new Set<string>();
  for (const c of text.normalize('NFC')) {
    if (c === '\n' || printable(c)) out += c;
    else if (c === '\r') continue;
    else if (STAND_INS[c] !== undefined) {
      out += STAND_INS[c];
      if (c !== '\t') replaced.add(c);
    } else return { text: out, replaced: [...replaced], unprintable: c };
  }
  return { text: out, replaced: [...replaced] };
}
