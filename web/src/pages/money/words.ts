import type { ApiOutput } from '../../api';
import { money } from '../../format';

/** The money area's words, as the pages show them. */

/** What to do when nothing is imported yet, said once for the pages of the area. */
export const NO_STATEMENTS =
  "No statements yet: import one from your bank's online banking (OFX, QIF, CAMT or CSV).";

export type Booking = ApiOutput<'listBankTransactions'>['items'][number];

/** How a booking's provider was found, in the words people use. */
export const EVIDENCE_WORDS: Readonly<Record<NonNullable<Booking['matchBy']>, string>> = {
  person: 'you said so',
  rule: 'your rule',
  creditor_id: 'creditor id',
  mandate_reference: 'SEPA mandate',
  customer_number: 'customer number',
  counterparty_iban: 'IBAN',
  name: 'name',
  domain: 'web address',
  directory: 'directory',
};

/** An IBAN in groups of four, as banks print it: "DE89 3704 0044 0532 0130 00". */
export const ibanText = (iban: string): string => iban.replace(/\s+/gu, '').replace(/(.{4})(?=.)/gu, '$1 ');

/** An account's name as lists show it: an IBAN in groups of four, any other name as it is. */
export const accountText = (name: string): string =>
  /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/u.test(name) ? ibanText(name) : name;

/**
 * An amount with its sign in words as well as colour: money out has a minus sign (the locale's
 * own formatting gives it) and the class `out`, money in a plus sign and `in`.
 */
export function signedAmount(minor: number, currency: string): { text: string; className: string } {
  const text = money(minor, currency);
  return minor < 0
    ? { text, className: 'amount out' }
    : { text: minor > 0 ? `+${text}` : text, className: 'amount in' };
}

/** The organisation a directory suggestion names ("directory entry Netflix" → "Netflix"). */
export const suggestedName = (b: Booking): string =>
  b.evidence?.matched.replace(/^directory entry /u, '') ?? b.counterpartyName ?? b.payee;

/** The first words of a long purpose text, whole words only. */
export function short(text: string | null, max = 60): string {
  if (!text) return '';
  const flat = text.replace(/\s+/gu, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 15))}…`;
}
