/**
 * Postal addresses in an answer, found by their postcode and the lines around it. Countries:
 * GB, IE (Eircode), DE, FR, NL, AT. Numeric postcodes (DE, FR, AT, NL) look like many other
 * numbers, so they count only beside a street line (letters and a house number) or a country
 * name; the letter-bearing GB and Irish codes stand on their own.
 */

/** The countries whose postcodes are recognised. */
export type PostalCountry = 'GB' | 'IE' | 'DE' | 'FR' | 'NL' | 'AT';

/** An address as found: its lines in order, the postcode and the country. */
export interface PostalAddress {
  readonly lines: string[];
  readonly postcode: string;
  readonly country: PostalCountry;
  /** Index (in the lines scanned) of the line holding the postcode. */
  readonly postcodeLine: number;
  /** Column (1-based) of the postcode on that line. */
  readonly column: number;
}

const COUNTRY_WORDS: [RegExp, PostalCountry][] = [
  [/^(united kingdom|uk|great britain|england|scotland|wales|northern ireland|gb)$/i, 'GB'],
  [/^(ireland|éire|eire|ie)$/i, 'IE'],
  [/^(germany|deutschland|de|allemagne)$/i, 'DE'],
  [/^(france|fr|frankreich)$/i, 'FR'],
  [/^(netherlands|the netherlands|nederland|holland|nl|niederlande)$/i, 'NL'],
  [/^(austria|österreich|oesterreich|at|autriche)$/i, 'AT'],
];

/** The country a line names on its own ("Deutschland", "United Kingdom"), or null. */
export function countryOfLine(line: string): PostalCountry | null {
  const word = line.trim().replace(/[.,]$/, '');
  for (const [pattern, country] of COUNTRY_WORDS) if (pattern.test(word)) return country;
  return null;
}

const TOWN = String.raw`[A-ZÄÖÜÉÈ][\p{L}'.\- ]{1,40}`;
const PATTERNS: { country: PostalCountry | 'DE/FR'; pattern: RegExp; needsStreet: boolean }[] = [
  { country: 'GB', pattern: /\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})\b/, needsStreet: false },
  { country: 'IE', pattern: /\b([AC-FHKNPRTV-Y]\d{2}|D6W) ([0-9AC-FHKNPRTV-Y]{4})\b/, needsStreet: false },
  {
    country: 'NL',
    pattern: new RegExp(String.raw`\b(\d{4}) ?([A-Z]{2})(?= +${TOWN})`, 'u'),
    needsStreet: true,
  },
  { country: 'AT', pattern: new RegExp(String.raw`(?:\bA-|\b)(\d{4})(?= +${TOWN})`, 'u'), needsStreet: true },
  {
    country: 'DE/FR',
    pattern: new RegExp(String.raw`(?:\b[DF]-|\b)(\d{5})(?= +${TOWN})`, 'u'),
    needsStreet: true,
  },
];

/** A street line: a word of three letters or more and a house number, either way round. */
const isStreet = (line: string): boolean =>
  line.length <= 80 &&
  (/\p{L}{3,}.*\s\d+\s?[a-zA-Z]?\b/u.test(line) || /^\d+[a-zA-Z]?,?\s+\p{L}{3,}/u.test(line));

const FRENCH_STREET = /\b(rue|avenue|av\.|boulevard|bd|allée|chemin|impasse|quai|place|route|cedex)\b/i;

/**
 * The lines above a postcode line that belong to the address: back to the furthest street line
 * within two lines ("10 Downing Street", "London", then "SW1A 2AA"), or none.
 */
function linesBack(lines: readonly string[], index: number): string[] {
  let start = index;
  for (let back = 1; back <= 2; back += 1) {
    const line = lines[index - back]?.trim() ?? '';
    if (line === '' || line.length > 60 || /[@:]/.test(line)) break;
    if (isStreet(line)) start = index - back;
  }
  return lines.slice(start, index).map((line) => line.trim());
}

/**
 * Finds addresses in lines of text (a page, a JSON string split at its commas).
 *
 * @example findAddresses(['Hauptstraße 5', '10115 Berlin'])
 *   // [{ lines: ['Hauptstraße 5', '10115 Berlin'], postcode: '10115', country: 'DE', … }]
 */
export function findAddresses(lines: readonly string[]): PostalAddress[] {
  const found: PostalAddress[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line.length > 120) return;
    for (const { country, pattern, needsStreet } of PATTERNS) {
      const match = pattern.exec(line);
      if (!match) continue;
      const before = lines[index - 1]?.trim() ?? '';
      const after = lines[index + 1]?.trim() ?? '';
      const named = countryOfLine(after);
      // "Hauptstraße 5, 10115 Berlin" holds its street on the same line, before the postcode.
      const streetHere = isStreet(line.slice(0, match.index));
      if (needsStreet && !streetHere && !isStreet(before) && !named) continue;
      const resolved: PostalCountry =
        country === 'DE/FR'
          ? named === 'FR' || (named !== 'DE' && FRENCH_STREET.test(`${before} ${line}`))
            ? 'FR'
            : 'DE'
          : country;
      if (named && named !== resolved && country !== 'DE/FR') continue;
      const postcode =
        country === 'GB' || country === 'IE' || country === 'NL'
          ? `${match[1]} ${match[2]}`
          : (match[1] ?? '');
      found.push({
        lines: [...(streetHere ? [] : linesBack(lines, index)), line, ...(named ? [after] : [])],
        postcode,
        country: resolved,
        postcodeLine: index,
        column: match.index + 1,
      });
      return;
    }
  });
  return found;
}
