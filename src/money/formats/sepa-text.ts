/**
 * SEPA direct-debit identifiers that banks write into the free text of a booking instead of
 * fields of their own. German banks do this in every export: the SEPA structured purpose
 * (`EREF+… MREF+M-0417 CRED+DE98ZZZ09999999999 SVWZ+…`, DFÜ-Abkommen annex 3), or labelled prose
 * (`Gläubiger-ID: DE98ZZZ09999999999 Mandatsreferenz: M-0417`), and English exports write
 * `CI: …`. The creditor identifier names the provider far better than the payee text does, so
 * every reader (CSV, QIF, OFX memo, CAMT without structured fields) asks this module.
 */

/** What the text revealed; null for what it does not hold. */
export interface SepaIds {
  readonly creditorId: string | null;
  readonly mandateReference: string | null;
}

// Case-insensitive without the u flag: V8 runs these some twenty times faster so (1,1 µs against
// 0,05 µs a booking, and every booking of every format is asked), and they match only ASCII and ä,
// which fold alike in both modes.
const CREDITOR_LABEL =
  /(?:\bCRED\+|\bCI[:/]\s*|\bCID[:/]?\s*|Gl(?:ä|ae|a)ubiger[- ]?(?:ID|Identifikationsnummer)\b[.:]?\s*)([A-Za-z]{2}\d{2}[A-Za-z0-9]{4,31})/i;
const MANDATE_LABEL =
  /(?:\bMREF\+|Mandatsref(?:erenz)?\b[.:]?\s*|\bMandat(?:s-?Nr\.?)?:\s*|\bMandate ref(?:erence)?[.:]?\s*)([A-Za-z0-9+?/\-:().,']{1,35})/i;
/** The SEPA structured-purpose tags that may follow a value without a space between them. */
const NEXT_TAG = /(?:EREF|KREF|MREF|CRED|SVWZ|ABWA|ABWE|IBAN|BIC|DEBT|COAM|OAMT|SQTP)\+/u;

/**
 * Whether a SEPA creditor identifier's check digits are right (EPC262-08): the national
 * identifier followed by the country code and `00`, letters as numbers (A = 10 … Z = 35), mod 97;
 * the business code (characters 5 to 7) is not part of the check.
 *
 * @example isCreditorId('DE98ZZZ09999999999') // true
 */
export function isCreditorId(text: string): boolean {
  const id = text.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/u.test(id)) return false;
  const digits = `${id.slice(7)}${id.slice(0, 2)}00`.replace(/[A-Z]/gu, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  return 98 - rest === Number(id.slice(2, 4));
}

/** The longest start of `token` that is a valid creditor identifier, else the token up to a tag. */
function creditorIdIn(token: string): string {
  const upper = token.toUpperCase();
  for (let end = upper.length; end >= 8; end -= 1) {
    const candidate = upper.slice(0, end);
    if (isCreditorId(candidate)) return candidate;
  }
  const tag = NEXT_TAG.exec(upper);
  return tag ? upper.slice(0, tag.index) : upper;
}

/**
 * Finds a SEPA creditor identifier and mandate reference in a booking's free text.
 *
 * @example sepaIdsInText('EREF+A1 MREF+M-0417 CRED+DE98ZZZ09999999999 SVWZ+Abo')
 * // → { creditorId: 'DE98ZZZ09999999999', mandateReference: 'M-0417' }
 */
export function sepaIdsInText(text: string | null | undefined): SepaIds {
  if (!text) return { creditorId: null, mandateReference: null };
  const creditor = CREDITOR_LABEL.exec(text);
  const mandate = MANDATE_LABEL.exec(text);
  let mandateReference: string | null = null;
  if (mandate?.[1]) {
    const value = mandate[1];
    const tag = NEXT_TAG.exec(value);
    mandateReference = (tag ? value.slice(0, tag.index) : value).replace(/[.,:;]+$/u, '') || null;
  }
  return { creditorId: creditor?.[1] ? creditorIdIn(creditor[1]) : null, mandateReference };
}
