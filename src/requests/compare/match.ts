import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { parseAddress } from '../../identities/matching.js';
import { normaliseIban } from '../../vault/iban.js';
import type { Finding, Place } from '../answer/findings.js';
import { findAddresses } from '../answer/postal.js';
import { FREE_MAIL_DOMAINS, PROVIDER_MAILBOX_DOMAINS } from '../../directory/free-mail.js';

/**
 * How a value found in an answer and a fact of the vault are brought to one form, per kind, so
 * that equal things compare equal however each side wrote them. Both sides go through the same
 * function: the finding's value (already normalised by `extractFindings`) and the vault's value.
 */

/**
 * An e-mail address as the identities area recognises it (identities/matching.ts): lower case,
 * Gmail's dots and googlemail folded. `mailbox` drops the plus tag: the mailbox it reaches.
 */
export function emailKeys(text: string): { key: string; mailbox: string; domain: string } | null {
  const parsed = parseAddress(text);
  return parsed ? { key: parsed.key, mailbox: parsed.mailbox, domain: parsed.domain } : null;
}

/** A phone number in E.164, as `extractFindings` gives it; null when it is not one. */
export function phoneKey(text: string): string | null {
  const parsed = parsePhoneNumberFromString(text.trim());
  return parsed?.isValid() ? parsed.number : null;
}

/** An IBAN without spaces, upper case, as the vault stores it and the extraction finds it. */
export const ibanKey = (text: string): string => normaliseIban(text);

/** Letters folded so that "Müller" = "Mueller" and "Straße" = "Strasse"; other accents dropped. */
export function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** Forms of address and titles, which a vault name leaves out and an export often puts in. */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'herr', 'frau', 'fr', 'hr', 'dipl', 'ing',
  'mag', 'm', 'mme', 'mlle', 'dhr', 'mevr', 'ir', 'drs',
]); // prettier-ignore

/**
 * A name as its words, folded and sorted: "Alex Example", "EXAMPLE, Alex" and "alex  example"
 * are one name. Order does not count: a surname-first export is still the same person. Titles
 * ("Dr.", "Herr") and initials ("J.") are left out: the vault keeps the name, not the salutation.
 */
export function nameWords(text: string): string[] {
  const words = fold(text)
    .split(/[\s,.]+/)
    .filter((word) => word !== '');
  const kept = words.filter((word) => word.length > 1 && !TITLES.has(word));
  return (kept.length > 0 ? kept : words).sort();
}

/** Every word of `part` is a word of `whole` (as often as it stands there). */
export function wordsWithin(part: readonly string[], whole: readonly string[]): boolean {
  const left = [...whole];
  for (const word of part) {
    const at = left.indexOf(word);
    if (at === -1) return false;
    left.splice(at, 1);
  }
  return part.length > 0;
}

/** A postcode without spaces, hyphens or a country prefix (`D-10115`, `sw1a 2aa` → `10115`, `SW1A2AA`). */
export const postcodeKey = (text: string): string =>
  text
    .trim()
    .toUpperCase()
    .replace(/^[A-Z]{1,2}-(?=\d)/, '')
    .replace(/[\s-]/g, '');

/** Street types written short at the end of an English street line: "12 Cotham Hill Rd". */
const STREET_TYPES: Record<string, string> = {
  st: 'street',
  rd: 'road',
  ave: 'avenue',
  av: 'avenue',
  ln: 'lane',
  dr: 'drive',
  sq: 'square',
  ct: 'court',
  pl: 'place',
  blvd: 'boulevard',
  cres: 'crescent',
  tce: 'terrace',
  gdns: 'gardens',
  hwy: 'highway',
};
/** And at the start of a French or Dutch one: "12 av. Foch", "bd Haussmann". */
const LEADING_TYPES: Record<string, string> = { av: 'avenue', bd: 'boulevard', bld: 'boulevard' };
/** Words naming a flat or a floor: "Flat 3" alone does not say which building. */
const UNIT_WORDS = new Set([
  'flat',
  'apartment',
  'apt',
  'suite',
  'unit',
  'floor',
  'wohnung',
  'whg',
  'etage',
  'stock',
  'og',
  'eg',
  'appartement',
  'etg',
  'co',
]);

/**
 * A street line as a key: its name words joined without spaces, and its house number.
 * "Musterstr. 5", "Musterstraße 5", "Muster Strasse 5" and "Musterstrasse 5" are one key
 * (`musterstrasse|5`); "10 Downing St" and "Downing Street 10" too (`downingstreet|10`).
 * Null for a line that is no street (a town, a flat number, a postcode).
 */
export function streetKey(line: string): string | null {
  const text = fold(line)
    // German "str." and "str" (Musterstr. 5, Hauptstr.5) are "straße"; "Strand" is not.
    .replace(/str(?:\.|(?=[\s\d,]|$))/g, 'strasse')
    .replace(/\bpl\.(?=\s|$)/g, 'platz');
  const tokens = text.split(/[\s,.'’/-]+/).filter((token) => token !== '');
  let number = '';
  const words: string[] = [];
  tokens.forEach((token, index) => {
    if (number === '' && /^\d+[a-z]?$/.test(token)) {
      number = token;
      // "5 a" is house number 5a.
      const next = tokens[index + 1];
      if (next && /^[a-z]$/.test(next)) {
        number += next;
        tokens[index + 1] = '';
      }
    } else if (token !== '' && !/^\d/.test(token)) words.push(token);
  });
  if (words.length === 0 || words.every((word) => UNIT_WORDS.has(word))) return null;
  const first = words[0] ?? '';
  if (LEADING_TYPES[first]) words[0] = LEADING_TYPES[first];
  const last = words.at(-1) ?? '';
  if (words.length > 1 && STREET_TYPES[last]) words[words.length - 1] = STREET_TYPES[last];
  const name = words.join('');
  if (name.replace(/[^a-z]/g, '').length < 3) return null;
  return `${name}|${number}`;
}

/**
 * An address as keys of postcode and street (`12345|musterstrasse|5`), one per street line: two
 * addresses are one when they share a key. The town is left out (Berlin-Mitte, Berlin), and so
 * is the country (the answer rarely says it right).
 */
export function addressKeys(postcode: string, lines: readonly string[]): Set<string> {
  const code = postcodeKey(postcode);
  const keys = new Set<string>();
  if (code === '') return keys;
  for (const line of lines.flatMap((l) => l.split(','))) {
    // The postcode's own line ("10115 Berlin") is the town, not a street: every neighbour shares it.
    if (postcodeKey(line).includes(code)) continue;
    const street = streetKey(line);
    if (street) keys.add(`${code}|${street}`);
  }
  return keys;
}

/** A found address's keys: its postcode with each part of what was found. */
export const findingAddressKeys = (finding: Finding): Set<string> =>
  addressKeys(finding.postcode ?? '', finding.value.split(','));

/** The addresses written in a block of text (a provider's postal address), as keys. */
export function addressKeysInText(text: string): Set<string> {
  const keys = new Set<string>();
  for (const address of findAddresses(text.split(/\r?\n|,/)))
    for (const key of addressKeys(address.postcode, address.lines)) keys.add(key);
  return keys;
}

/** The phone numbers in a line of text ("Hotline: 030 1234567 (Mo–Fr)"), in E.164. */
export function phonesInText(text: string, country?: string): string[] {
  const found = country
    ? findPhoneNumbersInText(text, { defaultCountry: country as CountryCode })
    : findPhoneNumbersInText(text);
  return found.map((f) => f.number.number);
}

/** The words of a field name: `dateOfBirth` → date, of, birth; `geburts_datum` → geburts, datum. */
function fieldWords(field: string): string[] {
  return field
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-zäöüßéè]+/)
    .filter((word) => word !== '');
}

const BIRTH_WORD = /^(birth.*|dob|born|geburt.*|geboren|naissance|nascita|geboorte.*)$/;

/** A label or field name that says "birth": `dateOfBirth`, `DOB`, `Geburtsdatum`, "Date of birth". */
export const saysBirth = (text: string): boolean => fieldWords(text).some((word) => BIRTH_WORD.test(word));

/** The names a place gives its value: the field, the CSV column, the JSON path's last key. */
export function placeFields(place: Place): string[] {
  const last = place.jsonPath ? /(?:\.|\[")([^.[\]"]+)"?\]?$/.exec(place.jsonPath)?.[1] : undefined;
  return [place.field, place.columnName, last].filter((name): name is string => Boolean(name));
}

/** Some place of a date names it as a birth date. */
export const foundAsBirth = (places: readonly Place[]): boolean =>
  places.some((place) => placeFields(place).some(saysBirth));

/**
 * A date fact other than a birth date (a wedding day, a start date) matches a date found only in a
 * field that shares a word with its label: a date alone is too common to be anyone's.
 */
export function fieldSharesLabel(places: readonly Place[], label: string): boolean {
  const labelWords = new Set(fieldWords(label).filter((word) => word.length >= 4 && word !== 'date'));
  return places.some((place) =>
    placeFields(place).some((field) => fieldWords(field).some((word) => labelWords.has(word))),
  );
}

/** Found in a record of the export (JSON or CSV) rather than in the free text of a letter. */
export const inRecord = (places: readonly Place[]): boolean =>
  places.some((place) => place.jsonPath !== undefined || place.row !== undefined);

/** `mail.shop.example` is within `shop.example`. */
export const withinDomain = (domain: string, of: string): boolean =>
  domain === of || domain.endsWith(`.${of}`);

/**
 * Mail services people have their own addresses at: an address there is a person's, not a
 * company's. (Company addresses are the provider's own, or its partners'; neither is personal.)
 */
export const PERSONAL_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  ...FREE_MAIL_DOMAINS,
  ...PROVIDER_MAILBOX_DOMAINS,
]);
