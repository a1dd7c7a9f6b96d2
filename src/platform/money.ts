import { z } from 'zod';

/**
 * Money is an integer count of minor units (cents, pence, yen) plus an ISO 4217 code; the number
 * of minor digits comes from the currency (JPY 0, EUR 2, BHD 3). Amounts typed by a person are
 * parsed as decimal text, never through floating point.
 */
export interface Money {
  readonly minor: number;
  readonly currency: string;
}

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const isCurrency = (code: string): boolean => KNOWN_CURRENCIES.has(code);

/** Digits per currency, kept: building an `Intl.NumberFormat` costs ~25 µs, and bank imports ask for every booking. */
const MINOR_DIGITS = new Map<string, number>();

export function minorDigits(currency: string): number {
  let digits = MINOR_DIGITS.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    MINOR_DIGITS.set(currency, digits);
  }
  return digits;
}

export const currencySchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isCurrency, { error: 'must be an ISO 4217 currency code such as EUR, GBP or USD' });

/** How a caller reads an amount: a contract price is never negative, a bank booking may be. */
export interface AmountOptions {
  /** Accept a leading minus (`-12,99`, `−12.99`); otherwise a negative amount is refused. */
  readonly signed?: boolean;
}

/** Digits, the two decimal marks, and what only ever groups thousands: spaces (plain, no-break, narrow, thin), apostrophes, `_`. */
const AMOUNT_CHARACTERS = /^[\d.,\u0020\u00a0\u202f\u2009'\u2019_]+$/u;
const MARKS = new Set(['.', ',']);
/** Whole digits, and a decimal mark with one or two decimals: read at once. */
const PLAIN_AMOUNT = /^(\d+)(?:[.,](\d{1,2}))?$/u;

/**
 * Reads an amount as a person writes it into integer minor units of `currency`, never through
 * floating point. This is the one amount reader of the product: the CLI, the HTTP API, the web
 * forms and the bank and CSV imports all call it, so "12,99" means the same everywhere.
 *
 * - A decimal comma or a decimal point: `12,99` and `12.99` are both 1299 cents.
 * - Thousands separators where they cannot be mistaken: `1.299,00`, `1,299.00`, `1 299,50`,
 *   `1'299.00` (space, no-break space, narrow no-break space, apostrophe, dot or comma).
 * - A lone `.` or `,` followed by exactly three digits (`1,299`) is refused for a currency with
 *   decimals, because it reads as a thousand or as a decimal; the message shows both readings.
 *   For a currency without decimals (JPY) it can only group; for a three-decimal currency (BHD) a
 *   point is the decimal point, as every full-precision amount of it is written so.
 * - More decimals than the currency has are refused (JPY 0, EUR 2, BHD 3), as are mixed or
 *   misplaced groups and, unless `signed`, a minus.
 *
 * Returns the minor units, or a message (without the field's name, which the caller adds) that says
 * what is wrong and how to write it.
 *
 * @example parseAmount('12,99', 'EUR') // → 1299
 * @example parseAmount('1,299', 'EUR') // → '"1,299" is unclear: …'
 * @example parseAmount('-1.299,00', 'EUR', { signed: true }) // → -129900
 */
export function parseAmount(text: string, currency: string, options: AmountOptions = {}): number | string {
  const shown = text.trim();
  const digits = minorDigits(currency);
  const sign = /^([-\u2212+])\s*/u.exec(shown);
  const negative = sign !== null && sign[1] !== '+';
  if (negative && !options.signed) {
    return `"${shown}" is below zero: write the amount without a minus, like ${example(digits)}`;
  }
  const body = sign ? shown.slice(sign[0].length) : shown;
  const reading = readDigits(body, shown, currency, digits);
  if (typeof reading === 'string') return reading;
  const minor = Number(`${reading.whole}${reading.fraction.padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(minor)) return `"${shown}" is too large`;
  return negative && minor !== 0 ? -minor : minor;
}

function example(digits: number): string {
  if (digits === 0) return '1200';
  if (digits === 2) return '12,99 or 12.99';
  return `12.${'5'.repeat(digits)}`;
}

/** Splits the text into its whole and fraction digits, or says why it is not an amount. */
function readDigits(
  body: string,
  shown: string,
  currency: string,
  digits: number,
): { whole: string; fraction: string } | string {
  // The amount of nearly every booking: digits, perhaps a mark and one or two decimals. Three
  // decimals, grouping and everything else take the long way below.
  const plain = PLAIN_AMOUNT.exec(body);
  if (plain && (plain[2] ?? '').length <= digits) return { whole: plain[1] ?? '0', fraction: plain[2] ?? '' };
  const notAmount = `"${shown}" is not an amount: write it like ${example(digits)}`;
  if (!AMOUNT_CHARACTERS.test(body) || !/\d/u.test(body)) return notAmount;
  const runs = body.split(/\D/u);
  const seps = [...body.matchAll(/\D/gu)].map((m) => m[0]);
  const lastMark = seps.findLastIndex((c) => MARKS.has(c));
  const markChar = seps[lastMark];
  let decimalAt = -1;
  if (markChar !== undefined && seps.filter((c) => c === markChar).length === 1) decimalAt = lastMark;
  if (decimalAt >= 0 && decimalAt !== seps.length - 1) return notAmount;
  const fraction = decimalAt >= 0 ? (runs.at(-1) ?? '') : '';
  const wholeRuns = decimalAt >= 0 ? runs.slice(0, -1) : runs;
  const groups = decimalAt >= 0 ? seps.slice(0, -1) : seps;
  if (decimalAt >= 0 && fraction === '') return notAmount;

  // A lone mark before exactly three digits may group a thousand or start the decimals.
  if (
    decimalAt >= 0 &&
    groups.length === 0 &&
    fraction.length === 3 &&
    /^[1-9]\d{0,2}$/u.test(runs[0] ?? '')
  ) {
    const head = runs[0] ?? '';
    if (digits === 0) return { whole: `${head}${fraction}`, fraction: '' };
    const mark = markChar ?? '.';
    if (digits !== 3 || mark === ',') return ambiguous(shown, head, fraction, mark, currency, digits);
  }

  const distinct = new Set(groups);
  if (distinct.size > 1) {
    return `"${shown}" mixes thousands separators (${[...distinct].map((c) => `"${c}"`).join(' and ')}): use one kind, like 1.299,50 or 1 299,50`;
  }
  const misplaced = wholeRuns.some((run, i) =>
    i === 0 ? groups.length > 0 && !/^\d{1,3}$/u.test(run) : run.length !== 3,
  );
  if (misplaced) {
    return `"${shown}" has a thousands separator in the wrong place: every group after the first holds three digits, like 1.299,50`;
  }
  if (decimalAt >= 0 && fraction.length > digits) {
    return digits === 0
      ? `"${shown}" has decimals, but ${currency} has none: write a whole amount, like 1200`
      : `"${shown}" has ${fraction.length} decimal places, but ${currency} has only ${digits}: round it, like ${example(digits)}`;
  }
  return { whole: wholeRuns.join('') || '0', fraction };
}

/**
 * The message for `1,299`: both readings in the currency's terms, and how to write each. Each
 * reading is shown without grouping and with the person's own mark as the decimal, so neither can
 * be misread in turn.
 */
function ambiguous(
  shown: string,
  head: string,
  three: string,
  mark: string,
  currency: string,
  digits: number,
): string {
  const asThousands = `${head}${three}${mark}${'0'.repeat(digits)}`;
  const asDecimal = `${head}${mark}${three}`;
  if (digits === 3) {
    return `"${shown}" is unclear: with "${mark}" between thousands it is ${asThousands} ${currency}; as a decimal "${mark}" it is ${asDecimal} ${currency}. Write ${head}${three} for the first, or ${head}.${three} for the second`;
  }
  const rounded = Math.round(Number(`${head}${three}`) / 10 ** (3 - digits))
    .toString()
    .padStart(digits + 1, '0');
  const roundedText = `${rounded.slice(0, rounded.length - digits)}${mark}${rounded.slice(rounded.length - digits)}`;
  return `"${shown}" is unclear: with "${mark}" between thousands it is ${asThousands} ${currency}; as a decimal "${mark}" it is ${asDecimal} ${currency}, more decimals than ${currency} has. Write ${head}${three} for the first, or ${roundedText} for the second`;
}

/** `formatAmount({ minor: 999, currency: 'EUR' })` → `9.99 EUR`: unambiguous in any locale. */
export function formatAmount({ minor, currency }: Money): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor)
    .toString()
    .padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits > 0 ? `.${abs.slice(abs.length - digits)}` : '';
  return `${sign}${whole}${fraction} ${currency}`;
}
