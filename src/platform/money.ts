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

export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

export const currencySchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isCurrency, { error: 'must be an ISO 4217 currency code such as EUR, GBP or USD' });

/**
 * Parses a decimal amount such as `9.99`, `1,299.00` or `12` into minor units of `currency`.
 * Returns an error message instead of a number when the text is not an amount of that currency.
 */
export function parseAmount(text: string, currency: string): number | string {
  const cleaned = text.trim().replaceAll(',', '').replaceAll('_', '');
  const m = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!m) return `"${text}" is not an amount (write it like 9.99)`;
  const digits = minorDigits(currency);
  const fraction = m[2] ?? '';
  if (fraction.length > digits) {
    return `"${text}" has more than ${digits} decimal place${digits === 1 ? '' : 's'}, too many for ${currency}`;
  }
  const minor = Number(`${m[1] ?? '0'}${fraction.padEnd(digits, '0')}`);
  return Number.isSafeInteger(minor) ? minor : `"${text}" is too large`;
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
