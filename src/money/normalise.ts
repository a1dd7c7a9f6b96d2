/**
 * Payee text as matching compares it. Card and wallet payments wrap the merchant in the
 * processor's noise: `PAYPAL *NETFLIX`, `SQ *CAFE LUNA`, `AMZN Mktp DE*2K3L45`,
 * `NETFLIX.COM 866-579-7172 CA`, a masked card number, the day of the purchase, a terminal id.
 * The same merchant must read the same on every statement, so a rule on it applies again.
 */

/** Payment processors that put their name before the merchant's (`PAYPAL *NETFLIX`). */
const PROCESSOR_PREFIX =
  /^(?:PAYPAL|PP|SQ|SUMUP|SUM UP|IZ|IZETTLE|ZETTLE|ZTL|STRIPE|ADYEN|KLARNA|GOOGLE|APPLE\.COM\/BILL|APPLEPAY|APPLE PAY|CRV|LSP)\s*\*\s*/;
/** Masked or whole card numbers: `XXXX1234`, `****1234`, `4571 12XX XXXX 3456`. */
const CARD = /\b(?:[X*]{2,}[\s-]?)+\d{2,4}\b|\b\d{4}[\s-]?\d{2}[X*]{2}[\s-]?[X*]{4}[\s-]?\d{4}\b/g;
/** Days and times of the purchase: `2024-03-01`, `01.03.2024`, `01/03/24`, `01.03.`, `14:02`. */
const DATES =
  /\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}\.\d{1,2}\.(?=\s|$)|\b\d{1,2}:\d{2}(?::\d{2})?\b/g;
/** Telephone numbers (`866-579-7172`, `+44 20 7946 0958`) and other long runs of digits. */
const DIGIT_RUNS = /\+?\d[\d\s-]{5,}\d|\b\d{5,}\b/g;
/** A reference after the merchant's name, with a digit in it: `AMZN Mktp DE*2K3L45`. */
const STAR_REFERENCE = /\*\s*[A-Z0-9]*\d[A-Z0-9]*\b/g;
/**
 * Places card terminals append to the merchant's name. A short list of the usual ones: a town
 * the list misses stays part of the name, which only makes a rule narrower.
 */
const PLACES = [
  'LOS GATOS', 'SAN FRANCISCO', 'SAN JOSE', 'NEW YORK', 'SEATTLE', 'LONDON', 'DUBLIN', 'LUXEMBOURG',
  'AMSTERDAM', 'PARIS', 'BERLIN', 'HAMBURG', 'MUENCHEN', 'MUNCHEN', 'MUNICH', 'KOELN', 'KOLN',
  'FRANKFURT', 'STUTTGART', 'DUESSELDORF', 'DUSSELDORF', 'LEIPZIG', 'DRESDEN', 'BREMEN', 'HANNOVER',
  'NUERNBERG', 'NURNBERG', 'WIEN', 'VIENNA', 'ZURICH', 'ZUERICH', 'STOCKHOLM', 'MADRID', 'BARCELONA',
  'MILANO', 'ROMA', 'MANCHESTER', 'BIRMINGHAM', 'BRISTOL', 'LEEDS', 'GLASGOW', 'EDINBURGH',
]; // prettier-ignore
/** Country codes (and California's) terminals append; not every two letters (`STREAMLINE TV`). */
const COUNTRIES = [
  'DE',
  'GB',
  'UK',
  'US',
  'USA',
  'CA',
  'LU',
  'IE',
  'NL',
  'FR',
  'AT',
  'CH',
  'IT',
  'ES',
  'SE',
  'BE',
  'DK',
];
const PLACE_SET = new Set(PLACES);
const COUNTRY_SET = new Set(COUNTRIES);

/**
 * A tidy payee without the place and country a terminal appends (`IKEA 4154 BERLIN DE` → `IKEA
 * 4154`): the last word if it is a country, then the last two or one words if they are a place.
 */
function withoutPlace(payee: string): string {
  let rest = payee;
  const space = rest.lastIndexOf(' ');
  if (space >= 0 && COUNTRY_SET.has(rest.slice(space + 1))) rest = rest.slice(0, space);
  for (const words of [2, 1]) {
    let at = rest.length;
    for (let i = 0; i < words && at > 0; i++) at = rest.lastIndexOf(' ', at - 1);
    if (at >= 0 && PLACE_SET.has(rest.slice(at + 1))) return rest.slice(0, at);
  }
  return rest;
}
/** Legal forms, left out when a provider's name is compared with a payee. */
const LEGAL_FORMS =
  /\b(?:GMBH(?: & CO\.? KG)?|AG|KG|SE|LTD|LIMITED|PLC|LLC|INC|CORP|CORPORATION|B\.?V\.?|N\.?V\.?|S\.?A\.?|SARL|SAS|S\.?R\.?L\.?|OY|AB|AS|APS|UG|E\.?V\.?|CO)\.?$/;

/** Plain ASCII, which has no accents to take off: most payees, and every prefix of a folded one. */
const ASCII = /^[\x20-\x7e]*$/;

const fold = (text: string): string =>
  ASCII.test(text)
    ? text.toUpperCase()
    : text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toUpperCase();

/** What is trimmed off both ends of a payee: spaces and the punctuation terminals leave there. */
const EDGE = new Set(Array.from({ length: 9 }, (_, i) => ' *.,:;/#-'.charCodeAt(i)));
const isEdge = (code: number): boolean => EDGE.has(code);

/** Runs of white space as one space, and no space or punctuation at either end. */
const tidy = (text: string): string => {
  const spaced = text.replace(/\s+/g, ' ');
  let start = 0;
  let end = spaced.length;
  while (start < end && isEdge(spaced.charCodeAt(start))) start++;
  while (end > start && isEdge(spaced.charCodeAt(end - 1))) end--;
  return spaced.slice(start, end);
};

/**
 * The payee as matching compares it: upper case without accents, the processor's prefix, card
 * numbers, dates, telephone numbers, references and a trailing place left out.
 *
 * @example normalisePayee('PAYPAL *NETFLIX') // → 'NETFLIX'
 * @example normalisePayee('NETFLIX.COM 866-579-7172 CA') // → 'NETFLIX.COM'
 * @example normalisePayee('AMZN Mktp DE*2K3L45') // → 'AMZN MKTP'
 */
export function normalisePayee(text: string | null | undefined): string {
  if (!text) return '';
  let s = tidy(fold(text));
  // A processor may wrap another (`PAYPAL *SQ *CAFE`): unwrap while one is there.
  for (let i = 0; i < 3 && PROCESSOR_PREFIX.test(s); i++) s = s.replace(PROCESSOR_PREFIX, '');
  s = s.replace(CARD, ' ').replace(DATES, ' ').replace(STAR_REFERENCE, ' ').replace(DIGIT_RUNS, ' ');
  s = tidy(s);
  // The place goes only when something is left before it: `BERLIN` alone stays a name.
  const placeless = tidy(withoutPlace(s));
  return placeless.length >= 2 ? placeless : s;
}

/**
 * A provider's name as it would appear in a payee: folded, without its legal form.
 *
 * @example nameKey('Streamline TV Ltd') // → 'STREAMLINE TV'
 */
export function nameKey(name: string): string {
  const folded = tidy(fold(name).replace(/[^\p{L}\p{N}&.\s-]/gu, ' '));
  const bare = tidy(folded.replace(LEGAL_FORMS, ''));
  return bare.length >= 2 ? bare : folded;
}

/** Domains named in a payee's text (`NETFLIX.COM`, `www.spotify.com/de`), lower case. */
export function domainsIn(text: string | null | undefined): string[] {
  if (!text) return [];
  const found = text.toLowerCase().match(/\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b/g) ?? [];
  // `1.50` or a version number is not a domain: the last label must be letters, one label a word.
  return [...new Set(found.map((d) => d.replace(/^www\./, '')).filter((d) => /[a-z]{2,}\./.test(d)))];
}

/** Word prefixes of a normalised payee, longest first: `NETFLIX INTL BV` → it, `NETFLIX INTL`, `NETFLIX`. */
export function wordPrefixes(payee: string): string[] {
  const out: string[] = [];
  let prefix = '';
  for (const word of payee.split(' ')) {
    if (!word) continue;
    prefix = prefix ? `${prefix} ${word}` : word;
    out.push(prefix);
  }
  return out.reverse();
}

/** IBANs and SEPA creditor identifiers as stored and compared: upper case, no spaces. */
export const compactId = (value: string | null | undefined): string =>
  (value ?? '').replace(/\s+/g, '').toUpperCase();

/** A mandate reference as compared: trimmed; its case is the creditor's and kept. */
export const mandateKey = (value: string | null | undefined): string => (value ?? '').trim();
