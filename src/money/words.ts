import { formatAmount } from '../platform/money.js';

/** Words the money area says things in: days as people write them, identifiers by their names. */

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
]; // prettier-ignore

/**
 * A day or an instant as a person reads it.
 *
 * @example longDate('2026-03-03') // → '3 March 2026'
 */
export function longDate(isoDayOrInstant: string): string {
  const [year, month, day] = isoDayOrInstant.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return isoDayOrInstant;
  return `${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}

/** A count as people write it: `100,000`. */
export const count = (n: number): string => n.toLocaleString('en-GB');

/** What each identifier a rule can be made on is called. */
export const FIELD_WORDS = {
  creditor_id: 'SEPA creditor identifier',
  mandate_reference: 'mandate reference',
  counterparty_iban: 'counterparty IBAN',
  counterparty_name: 'payee',
} as const;

export type RuleField = keyof typeof FIELD_WORDS;

/** The rule fields, strongest first: a correction is saved on the first the booking has. */
export const RULE_FIELDS = Object.keys(FIELD_WORDS) as RuleField[];

/**
 * An amount in the server's words, as every other message writes it (`formatAmount`): unambiguous
 * in any locale, since one text may reach a British and a German reader alike. The web app shows
 * the figures in the browser's own format.
 *
 * @example amountWords(-1200, 'EUR') // → '-12.00 EUR'
 */
export function amountWords(minor: number, currency: string): string {
  return formatAmount({ minor, currency });
}
