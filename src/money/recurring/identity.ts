import type { Payment, SeriesIdentity } from './types.js';

/**
 * Which payee a payment went to, strongest evidence first: the SEPA creditor identifier with the
 * mandate reference (one direct debit), the creditor identifier alone, the provider the payment
 * was matched to, the counterparty's IBAN, and last the payee's name as the bank printed it.
 */

/** Card-terminal and wallet prefixes that say how, not whom, a card paid (`PAYPAL *NETFLIX`). */
const PREFIX =
  /^(?:PAYPAL|PP|SQ|SUMUP|ZETTLE|IZ|SP|TST|CRV|GOOGLE|APPLE\.COM\/BILL|AMZN MKTP|KLARNA)\s*[*_]\s*/u;
/** Legal forms and filler words that vary between statements of one payee. */
const FILLER = new Set([
  'LTD',
  'LIMITED',
  'PLC',
  'GMBH',
  'AG',
  'SE',
  'KG',
  'CO',
  'INC',
  'LLC',
  'SA',
  'SAS',
  'SARL',
  'BV',
  'NV',
  'AB',
  'AS',
  'OY',
  'SPA',
  'SRL',
  'THE',
  'UK',
  'EU',
  'DE',
  'NL',
  'FR',
  'GB',
  'IE',
  'LU',
  'US',
  'WWW',
  'COM',
  'NET',
  'ORG',
  'IO',
  'TV',
  'HTTPS',
  'HTTP',
  'DIRECT',
  'DEBIT',
  'DD',
  'SEPA',
  'LASTSCHRIFT',
  'CARD',
  'PAYMENT',
  'KARTENZAHLUNG',
  'POS',
]);

const DOMAIN_ENDINGS = new Set(['COM', 'CO', 'NET', 'ORG', 'DE', 'UK', 'IO', 'FR', 'NL', 'EU']);
/** Characters that separate words on a statement line. */
const SEPARATORS = new Set([' ', '\t', '/', ',', ';', ':', '(', ')', '|', '*']);

/**
 * The payee's name reduced to what stays the same between statements: upper case, without the
 * card terminal's prefix, domain endings, reference numbers, legal forms and filler words, so
 * `PAYPAL *NETFLIX.COM 866-579` and `NETFLIX.COM` both read `NETFLIX`. Keeps the first two words
 * left, which name the payee; what follows is mostly the place or a reference. One pass over the
 * characters, as it runs once for every payment.
 *
 * @example normalisePayee('SQ *BLUE BOTTLE COFFEE OAKLAND CA') // → 'BLUE BOTTLE'
 */
export function normalisePayee(text: string): string {
  const upper = text.toUpperCase().trim().replace(PREFIX, '');
  const words: string[] = [];
  let word = '';
  let digits = false;
  let domain = false;
  const flush = (): void => {
    // Tokens with digits are references, dates or phone numbers.
    const trimmed = word.replace(/^[-+&]+|[-+&]+$/gu, '');
    if (trimmed !== '' && !digits && !FILLER.has(trimmed)) words.push(trimmed);
    word = '';
    digits = false;
    domain = false;
  };
  for (let i = 0; i < upper.length && words.length < 2; i++) {
    const ch = upper.charAt(i);
    if (SEPARATORS.has(ch)) flush();
    else if (domain) continue;
    else if (ch === '.') {
      // `NETFLIX.COM` → `NETFLIX` (the rest of the token is the domain); `B.V.` → `BV`.
      const next = /^[A-Z]+/u.exec(upper.slice(i + 1, i + 5))?.[0] ?? '';
      if (word !== '' && DOMAIN_ENDINGS.has(next)) domain = true;
    } else if (ch >= '0' && ch <= '9') digits = true;
    else if (ch === '&' || ch === '+' || ch === '-' || (ch >= 'A' && ch <= 'Z') || /\p{L}/u.test(ch))
      word += ch;
  }
  if (words.length < 2) flush();
  return words.join(' ');
}

export interface GroupIdentity {
  readonly kind: SeriesIdentity;
  /** Unique per payee within one account, currency and direction. */
  readonly value: string;
}

const compact = (s: string): string => s.replace(/\s+/gu, '').toUpperCase();

/** The strongest identity a payment carries; null when it names no payee at all. */
export function identityOf(payment: Payment): GroupIdentity | null {
  const creditor = payment.creditorId === null ? '' : compact(payment.creditorId);
  const mandate = payment.mandateReference === null ? '' : compact(payment.mandateReference);
  if (creditor !== '' && mandate !== '') return { kind: 'mandate', value: `${creditor}/${mandate}` };
  if (creditor !== '') return { kind: 'creditor', value: creditor };
  if (payment.providerId !== null) return { kind: 'provider', value: String(payment.providerId) };
  const iban = payment.counterpartyIban === null ? '' : compact(payment.counterpartyIban);
  if (iban !== '') return { kind: 'iban', value: iban };
  const name = normalisePayee(payment.counterpartyName ?? payment.text ?? '');
  return name === '' ? null : { kind: 'name', value: name };
}

/** The payee's name as a person would read it: the provider's, else the bank's latest wording. */
export const displayName = (payment: Payment): string =>
  payment.providerName ?? payment.counterpartyName?.trim() ?? payment.text?.trim() ?? '';
