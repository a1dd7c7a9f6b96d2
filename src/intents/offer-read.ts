/**
 * Offers as vendors write them (issue 18, point 3): in the words of a reply ("£545 a year, 12-month
 * policy, valid until 31 December 2026"), or as a schema.org `Offer` in JSON-LD. Both are read into
 * the same fields; what cannot be read is said, never guessed.
 */
import { isValidDate, type IsoDate } from '../platform/dates.js';
import { isCurrency, minorDigits, parseAmount } from '../platform/money.js';

/** How often an offer's price is paid. */
export const OFFER_PERIODS = ['once', 'week', 'month', 'quarter', 'half-year', 'year'] as const;
export type OfferPeriod = (typeof OFFER_PERIODS)[number];

/** What an offer says, as read. */
export interface OfferFields {
  /** Null: no price could be read. */
  readonly priceMinor: number | null;
  readonly currency: string | null;
  /** Null: the price names no period. */
  readonly period: OfferPeriod | null;
  readonly termMonths: number | null;
  readonly validUntil: IsoDate | null;
  readonly included: readonly string[];
  readonly excluded: readonly string[];
  readonly conditions: string | null;
}

/** A reply read for an offer. */
export interface ReadOffer {
  /** False: the reply makes no offer (no price and no words of one). */
  readonly isOffer: boolean;
  readonly fields: OfferFields;
  /** Who made it, when the document says (a JSON-LD `seller`). */
  readonly seller?: { readonly name?: string; readonly email?: string; readonly url?: string };
  /** What could not be read, in words. */
  readonly problems: readonly string[];
}

const SYMBOLS: Record<string, string> = { '£': 'GBP', '€': 'EUR', $: 'USD', '¥': 'JPY' };
const CODES = 'GBP|EUR|USD|CHF|SEK|NOK|DKK|PLN|CZK|HUF|JPY|CAD|AUD|NZD';
/** An amount as written: `545`, `545.00`, `1,234.50`, `1.234,50`, `49,90`. */
const AMOUNT = String.raw`\d{1,3}(?:[.,\u00a0 ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const PRICE = new RegExp(
  String.raw`(?:([£€$¥])\s?(${AMOUNT})|\b(${CODES})\s?(${AMOUNT})|(${AMOUNT})\s?(?:(${CODES})\b|([£€$¥])))`,
  'giu',
);
/** A period word after a price: `a year`, `per month`, `/mo`, `annually`, `p.a.`. */
const PERIOD_AFTER = String.raw`^\s*(?:(?:a|an|per|each|every|/)\s*(year|annum|month|quarter|week|yr|mo|half[- ]year)|(annually|yearly|monthly|quarterly|weekly|p\.?\s?a\.?|pcm|p\.?m\.?)\b|(one[- ]off|once|in total|one[- ]time))`;
/** A period word before a price, on its line: `Annual premium:`, `Monthly cost`. */
const PERIOD_BEFORE =
  /\b(annual|annually|yearly|per year|a year|monthly|per month|a month|quarterly|weekly|one[- ]off|one[- ]time|single payment)\b/iu;
/** Lines whose amount is not the price: the excess, the budget quoted back, a discount. */
const NOT_THE_PRICE =
  /\b(excess|deductible|budget|at most|discount|saving|save|you pay now|currently pay|cashback|deposit|fee for|admin fee|cancellation)\b/iu;
/** Words that mark a line as the price. */
const PRICE_WORDS = /\b(price|premium|cost|costs|total|offer|quote|quotation|pay|payable|rate)\b/iu;
/** Words of an offer, with or without a price. */
const OFFER_WORDS = /\b(offer|quote|quotation|premium|proposal|price)\b/iu;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function periodOf(word: string): OfferPeriod | null {
  const w = word.toLowerCase().replace(/[\s.]/gu, '');
  if (/^(year|annum|yr|annually|yearly|annual|peryear|ayear|pa)$/u.test(w)) return 'year';
  if (/^(month|mo|monthly|permonth|amonth|pcm|pm)$/u.test(w)) return 'month';
  if (/^(quarter|quarterly)$/u.test(w)) return 'quarter';
  if (/^(week|weekly)$/u.test(w)) return 'week';
  if (/^half-?year$/u.test(w)) return 'half-year';
  if (/^(one-?off|once|intotal|one-?time|singlepayment)$/u.test(w)) return 'once';
  return null;
}

/** `31 December 2026`, `December 31, 2026`, `31/12/2026`, `31.12.2026`, `2026-12-31`. */
export function dateIn(text: string): IsoDate | null {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/u.exec(text);
  if (iso) return valid(`${iso[1] ?? ''}-${iso[2] ?? ''}-${iso[3] ?? ''}`);
  const numeric = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/u.exec(text);
  if (numeric) return valid(`${numeric[3] ?? ''}-${pad(numeric[2] ?? '')}-${pad(numeric[1] ?? '')}`);
  const months = MONTHS.join('|');
  const dayFirst = new RegExp(
    String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(${months}|[a-z]{3})\.?,?\s+(\d{4})\b`,
    'iu',
  ).exec(text);
  if (dayFirst) return monthDate(dayFirst[3] ?? '', dayFirst[2] ?? '', dayFirst[1] ?? '');
  const monthFirst = new RegExp(
    String.raw`\b(${months}|[a-z]{3})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`,
    'iu',
  ).exec(text);
  if (monthFirst) return monthDate(monthFirst[3] ?? '', monthFirst[1] ?? '', monthFirst[2] ?? '');
  return null;
}

const pad = (n: string): string => n.padStart(2, '0');
const valid = (date: string): IsoDate | null => (isValidDate(date) ? date : null);

function monthDate(year: string, month: string, day: string): IsoDate | null {
  const m = month.toLowerCase();
  const index = MONTHS.findIndex((name) => name === m || name.slice(0, 3) === m);
  return index < 0 ? null : valid(`${year}-${pad(String(index + 1))}-${pad(day)}`);
}

/** The reply's own words: without quoted lines, and without the message it answers. */
export function ownWords(text: string): string {
  const lines = text.replace(/\r\n?/gu, '\n').split('\n');
  const end = lines.findIndex(
    (line) =>
      /^On .{4,200} wrote:\s*$/iu.test(line.trim()) ||
      /^-{2,}\s*(Original Message|Forwarded message)\s*-{2,}/iu.test(line.trim()) ||
      /^(From|Von|De):\s.+@/u.test(line.trim()),
  );
  return (end < 0 ? lines : lines.slice(0, end))
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n');
}

/** The items of a list that starts on a labelled line: the rest of the line, then bullets below it. */
function listAfter(lines: readonly string[], label: RegExp): string[] {
  const items: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = label.exec(lines[i] ?? '');
    if (!match) continue;
    // The list ends with its sentence: "Includes: a courtesy car. Please call us." names one item.
    const rest = (
      (lines[i] ?? '').slice(match.index + match[0].length).split(/\.\s+(?=\p{Lu})/u)[0] ?? ''
    ).trim();
    if (rest !== '') items.push(...splitItems(rest));
    for (let j = i + 1; j < lines.length; j++) {
      const bullet = /^\s*(?:[-*•·]|\d+[.)])\s+(.+)$/u.exec(lines[j] ?? '');
      if (!bullet) break;
      items.push((bullet[1] ?? '').trim().replace(/[.;]$/u, ''));
    }
  }
  return [...new Set(items.filter((item) => item !== ''))];
}

const splitItems = (text: string): string[] =>
  text
    .replace(/\.$/u, '')
    .split(/\s*(?:,|;|\band\b)\s*/u)
    .map((s) => s.trim())
    .filter(Boolean);

const INCLUDED_WORDS = String.raw`included|includes|including|what'?s included|cover includes|it includes`;
const EXCLUDED_WORDS = String.raw`excluded|excludes|not included|exclusions|what'?s not included|does not include`;
/** A list's label: at the start of a line (its colon optional), or within one before a colon. */
const label = (words: string, not = ''): RegExp =>
  new RegExp(String.raw`^\s*(?:${words})\s*:?|${not}\b(?:${words})\s*:`, 'iu');
const INCLUDED = label(INCLUDED_WORDS, String.raw`(?<!\bnot\s)(?<!\bnot)`);
const EXCLUDED = label(EXCLUDED_WORDS);
const CONDITIONS = /^\s*(?:conditions|condition|subject to|terms)\s*:?/iu;
const EXCESS = /^\s*(?:excess|deductible)\b/iu;
const TERM =
  /\b(\d{1,3})[- ]?(month|year)s?(?:'s?)?[- ]?(?:term|contract|policy|cover|plan|agreement|minimum)|\b(?:term|minimum term|contract length|duration)\s*(?:of|:)?\s*(\d{1,3})\s*(month|year)s?/iu;
const VALID_UNTIL =
  /\b(?:valid|stands|open|good|available|holds?)\s+(?:until|till|through|to|up to)\b|\b(?:expires?|expiry)\b(?:\s+on)?/iu;

/** The price of a reply: the first amount on a line of price words, else the first amount that is not an excess or a budget. */
function priceIn(
  lines: readonly string[],
): { minor: number; currency: string; period: OfferPeriod | null } | string | null {
  const candidates: {
    line: number;
    score: number;
    text: string;
    currency: string;
    after: string;
    before: string;
  }[] = [];
  for (const [index, line] of lines.entries()) {
    if (NOT_THE_PRICE.test(line)) continue;
    for (const m of line.matchAll(PRICE)) {
      const currency = SYMBOLS[m[1] ?? m[7] ?? ''] ?? (m[3] ?? m[6] ?? '').toUpperCase();
      const text = m[2] ?? m[4] ?? m[5] ?? '';
      candidates.push({
        line: index,
        score: PRICE_WORDS.test(line) ? 0 : 1,
        text,
        currency,
        after: line.slice(m.index + m[0].length),
        before: line.slice(0, m.index),
      });
    }
  }
  const best = candidates.sort((a, b) => a.score - b.score || a.line - b.line)[0];
  if (!best) return null;
  if (!isCurrency(best.currency)) return `the currency ${best.currency} is not one vrm knows`;
  const minor = parseAmount(best.text.replace(/\u00a0/gu, ' '), best.currency);
  if (typeof minor === 'string') return `the price ${best.text}: ${minor}`;
  const after = new RegExp(PERIOD_AFTER, 'iu').exec(best.after);
  const before = PERIOD_BEFORE.exec(best.before);
  const word = after?.[1] ?? after?.[2] ?? after?.[3] ?? before?.[1] ?? null;
  return { minor, currency: best.currency, period: word === null ? null : periodOf(word) };
}

/**
 * An offer read from a reply's text: its price (with currency and period), term, valid-until day,
 * what is included and excluded, and its conditions. Quoted lines and the message answered are
 * left out, so the intent's own budget, quoted back, is never read as a price.
 *
 * @example readOfferText('Our premium is £545.00 a year.').fields.priceMinor // 54500
 */
export function readOfferText(text: string): ReadOffer {
  const own = ownWords(text);
  const lines = own.split('\n');
  const problems: string[] = [];
  const price = priceIn(lines);
  if (typeof price === 'string') problems.push(price);
  const term = TERM.exec(own);
  const termCount = Number(term?.[1] ?? term?.[3] ?? 0);
  const termUnit = (term?.[2] ?? term?.[4] ?? '').toLowerCase();
  const validLine = lines.find((line) => VALID_UNTIL.test(line));
  const conditions = [
    ...listAfter(lines, CONDITIONS),
    ...lines.filter((line) => EXCESS.test(line)).map((line) => line.trim()),
  ];
  const fields: OfferFields = {
    priceMinor: price !== null && typeof price !== 'string' ? price.minor : null,
    currency: price !== null && typeof price !== 'string' ? price.currency : null,
    period: price !== null && typeof price !== 'string' ? price.period : null,
    termMonths: termCount > 0 ? termCount * (termUnit === 'year' ? 12 : 1) : null,
    validUntil:
      validLine === undefined ? null : dateIn(validLine.slice(VALID_UNTIL.exec(validLine)?.index ?? 0)),
    included: listAfter(lines, INCLUDED),
    excluded: listAfter(lines, EXCLUDED),
    conditions: conditions.length > 0 ? conditions.join('; ') : null,
  };
  const priced = fields.priceMinor !== null;
  const isOffer =
    priced ||
    (OFFER_WORDS.test(own) &&
      (fields.termMonths !== null || fields.included.length > 0 || fields.validUntil !== null));
  if (isOffer && !priced && problems.length === 0) problems.push('it names no price');
  if (priced && fields.period === null) problems.push('its price names no period (a year, a month…)');
  return { isOffer, fields, problems };
}

/** UN/CEFACT units of a period (schema.org `unitCode`). */
const UNIT_CODES: Record<string, OfferPeriod> = { ANN: 'year', MON: 'month', QAN: 'quarter', WEE: 'week' };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value.trim() || undefined
    : typeof value === 'number'
      ? String(value)
      : undefined;
const typeIs = (node: Json, type: string): boolean =>
  node['@type'] === type || (Array.isArray(node['@type']) && node['@type'].includes(type));

/** The Offer in a JSON-LD document: the document itself, or one in `@graph` or a list. */
function offerNode(document: unknown): Json | undefined {
  const nodes: unknown[] = Array.isArray(document)
    ? document
    : isObject(document) && Array.isArray(document['@graph'])
      ? document['@graph']
      : [document];
  return nodes.find((n): n is Json => isObject(n) && typeIs(n, 'Offer'));
}

/** A schema.org price: a number, or text with a full stop as the decimal mark. */
function priceMinorOf(value: unknown, currency: string): number | string {
  const text = textOf(value);
  if (text === undefined) return 'it names no price';
  if (!/^\d+(?:\.\d+)?$/u.test(text))
    return `the price "${text}" is not a schema.org price (digits, and a full stop for decimals)`;
  const [whole = '0', decimals = ''] = text.split('.');
  const digits = minorDigits(currency);
  if (decimals.replace(/0+$/u, '').length > digits)
    return `the price ${text} has more decimals than ${currency} has`;
  return Number(whole) * 10 ** digits + Number(decimals.padEnd(digits, '0').slice(0, digits) || '0');
}

/** Words of a value that is a list or a comma-separated text. */
const wordsOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(wordsOf)
    : textOf(value) === undefined
      ? []
      : splitItems(textOf(value) ?? '');

/**
 * An offer read from a schema.org `Offer` in JSON-LD: `price` and `priceCurrency` (or a
 * `priceSpecification` with a `referenceQuantity` of `ANN`, `MON`, `QAN` or `WEE`),
 * `eligibleDuration` (the term), `validThrough`, `seller`, and `additionalProperty` named
 * `included`, `excluded` or `conditions` (or its `description` as the conditions).
 */
export function readOfferJsonLd(text: string): ReadOffer {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return notAnOffer(`it is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const offer = offerNode(document);
  if (!offer) return notAnOffer('it holds no schema.org Offer (an object with "@type": "Offer")');
  const problems: string[] = [];
  const spec = isObject(offer.priceSpecification) ? offer.priceSpecification : undefined;
  const currency = (textOf(offer.priceCurrency) ?? textOf(spec?.priceCurrency) ?? '').toUpperCase();
  let priceMinor: number | null = null;
  if (currency === '') problems.push('it names no currency (priceCurrency)');
  else if (!isCurrency(currency)) problems.push(`the currency ${currency} is not one vrm knows`);
  else {
    const minor = priceMinorOf(offer.price ?? spec?.price, currency);
    if (typeof minor === 'string') problems.push(minor);
    else priceMinor = minor;
  }
  const reference = isObject(spec?.referenceQuantity) ? spec.referenceQuantity : undefined;
  const code = textOf(reference?.unitCode)?.toUpperCase();
  const period: OfferPeriod | null =
    code !== undefined
      ? (UNIT_CODES[code] ?? null)
      : spec && typeIs(spec, 'PriceSpecification')
        ? 'once'
        : null;
  if (priceMinor !== null && period === null)
    problems.push('its price names no period (referenceQuantity ANN, MON, QAN or WEE)');
  const duration = isObject(offer.eligibleDuration) ? offer.eligibleDuration : undefined;
  const durationValue = Number(textOf(duration?.value) ?? 0);
  const durationUnit = textOf(duration?.unitCode)?.toUpperCase();
  const termMonths =
    durationValue > 0 && durationUnit === 'ANN'
      ? durationValue * 12
      : durationValue > 0 && durationUnit === 'MON'
        ? durationValue
        : null;
  const validThrough = textOf(offer.validThrough)?.slice(0, 10);
  const properties = Array.isArray(offer.additionalProperty) ? offer.additionalProperty.filter(isObject) : [];
  const property = (name: string) =>
    properties.filter((p) => textOf(p.name)?.toLowerCase() === name).flatMap((p) => wordsOf(p.value));
  const conditions = [
    ...property('conditions'),
    ...(textOf(offer.description) ? [textOf(offer.description) ?? ''] : []),
  ];
  const seller = isObject(offer.seller)
    ? offer.seller
    : isObject(offer.offeredBy)
      ? offer.offeredBy
      : undefined;
  const fields: OfferFields = {
    priceMinor,
    currency: currency === '' ? null : currency,
    period,
    termMonths,
    validUntil: validThrough !== undefined && isValidDate(validThrough) ? validThrough : null,
    included: property('included'),
    excluded: property('excluded'),
    conditions: conditions.length > 0 ? conditions.join('; ') : null,
  };
  return {
    isOffer: true,
    fields,
    ...(seller
      ? { seller: { name: textOf(seller.name), email: textOf(seller.email), url: textOf(seller.url) } }
      : {}),
    problems,
  };
}

function notAnOffer(problem: string): ReadOffer {
  return {
    isOffer: false,
    fields: {
      priceMinor: null,
      currency: null,
      period: null,
      termMonths: null,
      validUntil: null,
      included: [],
      excluded: [],
      conditions: null,
    },
    problems: [problem],
  };
}

/** How many times a year an offer's price is paid; null for a price paid once. */
export const TIMES_A_YEAR: Record<OfferPeriod, number | null> = {
  once: null,
  week: 52,
  month: 12,
  quarter: 4,
  'half-year': 2,
  year: 1,
};
