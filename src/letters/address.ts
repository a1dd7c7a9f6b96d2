import { countryLine } from './words.js';
import type { LetterLanguage } from './layout.js';

/** A postal-address fact's value (vault kind `postal_address`), or a tagged form of it. */
export interface PostalValue {
  readonly lines: readonly string[];
  readonly locality: string;
  readonly region?: string | undefined;
  readonly postcode?: string | undefined;
  readonly country: string;
}

export const isPostalValue = (value: unknown): value is PostalValue => {
  const v = value as Partial<PostalValue> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray(v.lines) &&
    typeof v.locality === 'string' &&
    typeof v.country === 'string'
  );
};

/**
 * A postal address as its country writes it, one line each: the street lines, then the town with
 * its postcode where that country puts it (`10115 Berlin`; in Britain the post town in capitals
 * and the postcode on its own line, as Royal Mail asks; `Springfield IL 62701` in North America),
 * then the country in capitals when the letter crosses a border.
 *
 * @example postalLines({ lines: ['12 Harbour Road'], locality: 'Bristol', postcode: 'BS1 4DJ', country: 'GB' }, 'GB', 'en')
 * // → ['12 Harbour Road', 'BRISTOL', 'BS1 4DJ']
 */
export function postalLines(
  address: PostalValue,
  destination: string | null | undefined,
  language: LetterLanguage,
): string[] {
  const country = address.country.toUpperCase();
  const { locality, postcode, region } = address;
  const town = ((): string[] => {
    if (country === 'GB') return [locality.toUpperCase(), ...(postcode ? [postcode] : [])];
    if (country === 'IE') return [locality, ...(region ? [region] : []), ...(postcode ? [postcode] : [])];
    if (['US', 'CA', 'AU'].includes(country)) return [[locality, region, postcode].filter(Boolean).join(' ')];
    return [[postcode, locality].filter(Boolean).join(' ')];
  })();
  const abroad = destination !== null && destination !== undefined && destination.toUpperCase() !== country;
  return [...address.lines, ...town, ...(abroad ? [countryLine(country, language)] : [])];
}

const fold = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** Other names a country's last address line goes by, beyond its English and German names. */
const ALSO_CALLED: Readonly<Record<string, readonly string[]>> = {
  GB: ['uk', 'greatbritain', 'england', 'scotland', 'wales', 'northernireland'],
  DE: ['deutschland', 'germany', 'brd'],
  AT: ['osterreich', 'austria'],
  CH: ['schweiz', 'switzerland', 'suisse', 'svizzera'],
  US: ['usa', 'unitedstates', 'unitedstatesofamerica'],
};

/** Whether an address line names the country `code` ("Deutschland", "United Kingdom"). */
function namesCountry(line: string, code: string): boolean {
  const names = [
    ...['en', 'de'].map((l) => new Intl.DisplayNames([l], { type: 'region' }).of(code) ?? ''),
    ...(ALSO_CALLED[code] ?? []),
  ].map(fold);
  return names.includes(fold(line));
}

/**
 * The recipient as the window shows it: the provider's name, then its address, one line each (an
 * address kept on one line is split at its commas). The last line is dropped when it names the
 * sender's own country: a letter posted at home needs none.
 */
export function recipientLines(name: string, address: string, senderCountry: string): string[] {
  const lines = address.includes('\n') ? address.split('\n') : address.split(',');
  const clean = lines.map((l) => l.trim()).filter(Boolean);
  const last = clean.at(-1);
  if (clean.length > 1 && last !== undefined && namesCountry(last, senderCountry.toUpperCase())) clean.pop();
  // An address that starts with the name already ("Brightside Energy Ltd") is not given it twice.
  return fold(clean[0] ?? '').startsWith(fold(name)) ? clean : [name, ...clean];
}
