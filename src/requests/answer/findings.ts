import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { findAddresses, countryOfLine, type PostalAddress } from './postal.js';
import type { AnswerFile } from './types.js';

export type FindingKind = 'email' | 'phone' | 'address' | 'iban' | 'name' | 'date';

/** Where in an answer a value was found. Which fields are set depends on the file's type. */
export interface Place {
  /** The file's path in the answer. */
  readonly file: string;
  /** Text, HTML (of its visible text) and PDF (within the page): 1-based line and column. */
  readonly line?: number;
  readonly column?: number;
  /** PDF: the 1-based page. */
  readonly page?: number;
  /** JSON: the path to the value, `$.profile.addresses[0].postcode`. */
  readonly jsonPath?: string;
  /** CSV: the 1-based data row (the header not counted) and the column's header. */
  readonly row?: number;
  readonly columnName?: string;
  /** JSON and CSV: the field that held the value (`dateOfBirth`, `firstName`). */
  readonly field?: string;
}

/**
 * A value found in an answer, normalised so that it compares with the vault's facts: e-mails
 * lowercased, phones in E.164, IBANs without spaces, dates as ISO `yyyy-mm-dd`, names and
 * addresses with their spacing collapsed and lowercased. One finding per value, with every place.
 */
export interface Finding {
  readonly kind: FindingKind;
  readonly value: string;
  /** The value as first written in the answer. */
  readonly shown: string;
  /** Phones, IBANs and addresses: the country (ISO 3166-1 alpha-2). */
  readonly country?: string;
  /** Addresses: the postcode as written in the country's format. */
  readonly postcode?: string;
  readonly places: Place[];
}

export interface ExtractOptions {
  /** The country national phone numbers (without +) are read for; without it only +numbers count. */
  readonly defaultCountry?: CountryCode;
}

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/gi;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const DATES: { pattern: RegExp; order: 'ymd' | 'dmy' }[] = [
  { pattern: /\b(\d{4})-(\d{2})-(\d{2})(?=$|[^\d])/g, order: 'ymd' },
  { pattern: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g, order: 'dmy' },
  { pattern: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, order: 'dmy' },
];

/** IBAN check digits (ISO 13616): the rearranged number, letters as 10–35, is 1 modulo 97. */
export function validIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  return rest === 1;
}

/** A calendar date as ISO, or null when there is no such day (31.02.2024). */
function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || year > 2200 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

const collapse = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Keys that hold a person's name wherever they stand (`firstName`, `surname`, `Nachname`). */
const PERSON_NAME_KEY =
  /^(first|given|last|family|middle|maiden|full|display|legal|preferred|account ?holder|card ?holder|sur|fore|vor|nach|pre)?_?(name|names)$|^(surname|forename|prenom|prénom|nom|vorname|nachname|accountholder|cardholder|kontoinhaber)$/i;
/** Bare `name` counts only inside a person-like object: a device's or segment's name is not a person's. */
const PERSON_CONTEXT =
  /^(profile|user|account|customer|contact|person|holder|owner|recipient|member|client|subscriber|personal.*|identity|me|kunde|passenger|traveller|guest|billing|shipping)$/i;
const PHONE_KEY = /phone|mobile|^tel|telephone|fax|handy|msisdn/i;
const POSTCODE_KEY = /^(post_?code|postal_?code|zip|zip_?code|plz|postleitzahl|code_?postal)$/i;
const STREET_KEY = /^(street.*|address_?line.*|line_?\d|address\d?|house.*|building|strasse|straße|rue)$/i;
const TOWN_KEY = /^(city|town|locality|ort|stadt|ville|place)$/i;
const COUNTRY_KEY = /^(country|country_?code|land|pays)$/i;

const normaliseKey = (key: string): string => key.replace(/[\s-]+/g, '_');

/** Fields whose presence beside a bare `name` say the record is a person's. */
const PERSON_SIBLING = /mail|phone|mobile|birth|^tel/i;

function isPersonNameKey(key: string, parentKey: string | null, people: boolean): boolean {
  const k = normaliseKey(key);
  if (/^name$/i.test(k))
    return people || (parentKey !== null && PERSON_CONTEXT.test(normaliseKey(parentKey)));
  return PERSON_NAME_KEY.test(k.replace(/_/g, '')) || PERSON_NAME_KEY.test(k);
}

class Collector {
  private readonly byKey = new Map<
    string,
    { kind: FindingKind; value: string; shown: string; country?: string; postcode?: string; places: Place[] }
  >();

  add(
    kind: FindingKind,
    value: string,
    shown: string,
    place: Place,
    extra: { country?: string; postcode?: string } = {},
  ): void {
    const key = `${kind}\u0000${value}`;
    const known = this.byKey.get(key);
    if (known) {
      known.places.push(place);
      return;
    }
    this.byKey.set(key, { kind, value, shown, ...extra, places: [place] });
  }

  findings(): Finding[] {
    return [...this.byKey.values()];
  }
}

/**
 * In free text, digits are a phone number only when written as one is dialled: with + or 00, or
 * a national 0 prefix, and at least eight digits. Customer numbers, postcodes and broken dates
 * pass libphonenumber's plausibility check too often otherwise.
 */
const looksDialled = (raw: string): boolean =>
  /^(\+|0)/.test(raw.trim()) && raw.replace(/\D/g, '').length >= 8;

/** Scans one line (or one JSON/CSV string) for e-mails, IBANs, dates and phones. */
function scanLine(
  text: string,
  place: (column: number) => Place,
  out: Collector,
  options: ExtractOptions,
): void {
  const taken: [number, number][] = [];
  for (const match of text.matchAll(EMAIL)) {
    out.add('email', match[0].toLowerCase(), match[0], place(match.index + 1));
    taken.push([match.index, match.index + match[0].length]);
  }
  for (const match of text.matchAll(IBAN)) {
    const iban = match[0].replace(/ /g, '');
    if (!validIban(iban)) continue;
    out.add('iban', iban, match[0], place(match.index + 1), { country: iban.slice(0, 2) });
    taken.push([match.index, match.index + match[0].length]);
  }
  for (const { pattern, order } of DATES) {
    for (const match of text.matchAll(pattern)) {
      const [a, b, c] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const iso = order === 'ymd' ? isoDate(a, b, c) : isoDate(c, b, a);
      if (!iso) continue;
      out.add('date', iso, match[0], place(match.index + 1));
      taken.push([match.index, match.index + match[0].length]);
    }
  }
  const phones = options.defaultCountry
    ? findPhoneNumbersInText(text, { defaultCountry: options.defaultCountry })
    : findPhoneNumbersInText(text);
  for (const found of phones) {
    // A run of digits inside an IBAN, e-mail or date is not a phone number.
    if (taken.some(([start, end]) => found.startsAt < end && found.endsAt > start)) continue;
    if (!found.number.isValid() || !looksDialled(text.slice(found.startsAt, found.endsAt))) continue;
    out.add(
      'phone',
      found.number.number,
      text.slice(found.startsAt, found.endsAt),
      place(found.startsAt + 1),
      {
        country: found.number.country ?? '',
      },
    );
  }
}

function addAddress(
  address: Pick<PostalAddress, 'lines' | 'postcode' | 'country'>,
  place: Place,
  out: Collector,
): void {
  const shown = address.lines.map(collapse).filter(Boolean).join(', ');
  out.add('address', shown.toLowerCase(), shown, place, {
    country: address.country,
    postcode: address.postcode,
  });
}

/** Text, HTML and PDF: line by line (page by page for a PDF), addresses from the lines around postcodes. */
function scanText(file: AnswerFile, out: Collector, options: ExtractOptions): void {
  const pages = file.pages ?? [file.text ?? ''];
  pages.forEach((pageText, pageIndex) => {
    const lines = pageText.split(/\r?\n/);
    const page = file.pages ? { page: pageIndex + 1 } : {};
    lines.forEach((line, index) =>
      scanLine(line, (column) => ({ file: file.path, ...page, line: index + 1, column }), out, options),
    );
    for (const address of findAddresses(lines))
      addAddress(
        address,
        { file: file.path, ...page, line: address.postcodeLine + 1, column: address.column },
        out,
      );
  });
}

/** An address held as fields of one object or CSV row: { street, postcode, city, country }. */
function addressFromFields(record: Record<string, unknown>, place: Place, out: Collector): void {
  const entries = Object.entries(record).filter(
    (entry): entry is [string, string | number] =>
      typeof entry[1] === 'string' || typeof entry[1] === 'number',
  );
  const postcode = entries.find(([key]) => POSTCODE_KEY.test(normaliseKey(key)));
  if (!postcode || String(postcode[1]).trim() === '') return;
  const pick = (pattern: RegExp) =>
    entries.filter(([key]) => pattern.test(normaliseKey(key))).map(([, v]) => String(v).trim());
  const countryText = pick(COUNTRY_KEY)[0] ?? '';
  const country =
    countryOfLine(countryText) ?? (/^[A-Z]{2}$/i.test(countryText) ? countryText.toUpperCase() : '');
  const lines = [...pick(STREET_KEY), `${String(postcode[1]).trim()} ${pick(TOWN_KEY).join(' ')}`.trim()];
  const shown = lines.filter(Boolean).map(collapse).join(', ');
  out.add(
    'address',
    shown.toLowerCase(),
    shown,
    { ...place, field: postcode[0] },
    {
      ...(country ? { country } : {}),
      postcode: String(postcode[1]).trim(),
    },
  );
}

/** One string value of a JSON or CSV field: names and phones by the field, the rest by the text. */
function scanValue(
  value: string,
  key: string | null,
  parentKey: string | null,
  people: boolean,
  place: Place,
  out: Collector,
  options: ExtractOptions,
): void {
  const text = value.trim();
  if (text === '') return;
  const at = key ? { ...place, field: key } : place;
  if (key && isPersonNameKey(key, parentKey, people) && text.length <= 100 && !/[\d@]/.test(text))
    out.add('name', collapse(text).toLowerCase(), collapse(text), at);
  if (key && PHONE_KEY.test(key)) {
    const phone = parsePhoneNumberFromString(text, options.defaultCountry);
    if (phone?.isValid()) {
      out.add('phone', phone.number, text, at, { country: phone.country ?? '' });
      return;
    }
  }
  scanLine(text, () => at, out, options);
  // A whole address in one string: "Hauptstraße 5, 10115 Berlin, Deutschland".
  if (text.includes(',')) for (const address of findAddresses(text.split(','))) addAddress(address, at, out);
}

const pathStep = (path: string, key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

/** Walks a JSON document; `people` is true inside an object that has e-mail, phone or birth fields. */
function walkJson(
  node: unknown,
  path: string,
  key: string | null,
  parentKey: string | null,
  people: boolean,
  file: string,
  out: Collector,
  options: ExtractOptions,
): void {
  if (typeof node === 'string')
    scanValue(node, key, parentKey, people, { file, jsonPath: path }, out, options);
  else if (Array.isArray(node))
    node.forEach((item, index) =>
      walkJson(item, `${path}[${index}]`, key, parentKey, people, file, out, options),
    );
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    addressFromFields(record, { file, jsonPath: path }, out);
    const isPerson = Object.keys(record).some((k) => PERSON_SIBLING.test(k));
    for (const [childKey, child] of Object.entries(record))
      walkJson(child, pathStep(path, childKey), childKey, key, isPerson, file, out, options);
  }
}

function scanCsv(file: AnswerFile, out: Collector, options: ExtractOptions): void {
  const { header, rows } = file.csv ?? { header: [], rows: [] };
  // A bare "name" column names a person when the file is about people (it has e-mails or phones).
  const people = header.some((column) => /mail|phone|tel|mobile/i.test(column));
  rows.forEach((row, index) => {
    const record: Record<string, string> = {};
    row.forEach((cell, column) => {
      const columnName = header[column] ?? `column ${column + 1}`;
      record[columnName] = cell;
      scanValue(
        cell,
        columnName,
        null,
        people,
        { file: file.path, row: index + 1, columnName },
        out,
        options,
      );
    });
    addressFromFields(record, { file: file.path, row: index + 1 }, out);
  });
}

/**
 * What an answer says about the person: e-mail addresses, phone numbers, postal addresses, IBANs,
 * names and dates, each with every place it was found. Names are taken only from JSON and CSV
 * fields that hold names (free text has too many names of others); dates keep the field they
 * came from (`dateOfBirth`), so the comparison can tell a birth date from an order date.
 *
 * @example
 *   extractFindings(files, { defaultCountry: 'DE' })
 *   // [{ kind: 'email', value: 'alex@example.org', places: [{ file: 'profile.json', jsonPath: '$.email' }] }, …]
 */
export function extractFindings(files: readonly AnswerFile[], options: ExtractOptions = {}): Finding[] {
  const out = new Collector();
  for (const file of files) {
    if (file.type === 'json' && file.json !== undefined)
      walkJson(file.json, '$', null, null, false, file.path, out, options);
    else if (file.type === 'csv' && file.csv) scanCsv(file, out, options);
    else if (file.text !== undefined) scanText(file, out, options);
  }
  return out.findings();
}
