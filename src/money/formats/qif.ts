import { isCurrency, parseAmount } from '../../platform/money.js';
import { decodeText, looksBinary } from '../../platform/text-encoding.js';
import { ibanProblem, normaliseIban } from '../../vault/iban.js';
import type {
  ReadOptions,
  ReadStatement,
  StatementAccount,
  StatementOutcome,
  StatementReader,
} from '../statement.js';
import { RowKeys } from './row-keys.js';

/**
 * Quicken Interchange Format (QIF), as Quicken, Microsoft Money, GnuCash and many banks write it: a
 * line per field, its first character the field's code, `^` ending a record, `!Type:…` and
 * `!Account` lines starting sections. Bank, cash, card and other asset or liability sections are
 * bookings; investment records, category and class lists and memorised payees are passed over
 * with a note. QIF gives no currency, and writes dates with the day or the month first without
 * saying which; the person says (options.currency, options.dateOrder) or the file's own dates
 * tell (a first number above 12 is a day).
 */

type Problem = { location: string; reason: string };

/** Sections whose records are bookings, by their `!Type:` name in lower case. */
const BOOKING_SECTIONS = new Set(['bank', 'cash', 'ccard', 'oth a', 'oth l']);
/** What the passed-over sections are, in the person's words. */
const OTHER_SECTIONS: Readonly<Record<string, string>> = {
  invst: 'investment records',
  cat: 'a list of categories',
  class: 'a list of classes',
  memorized: 'memorised payees',
  security: 'a list of securities',
  prices: 'security prices',
  bill: 'bills',
  invoice: 'invoices',
};

/** One record as written: its fields by code (the first of each), its splits, its first line. */
interface RawRecord {
  readonly line: number;
  readonly fields: Map<string, string>;
  readonly splits: { category: string; memo: string; amount: string }[];
  readonly account: { name: string | null; type: string | null };
  readonly section: string;
}

interface ParsedDate {
  readonly first: number;
  readonly second: number;
  readonly year: number;
  /** Already unambiguous (`2024-01-02`): year, month, day. */
  readonly iso: boolean;
}

/**
 * `1/ 2'98`, `01/02/1998`, `1.2.98`, `1-2-98`, `2024-01-02`. A two-digit year after `'` is in the
 * 2000s (Quicken's convention); after `/`, `.` or `-` it is read in a window (below 50: 2000s).
 */
function parseQifDate(text: string): ParsedDate | null {
  const iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/u.exec(text);
  if (iso) return { year: Number(iso[1]), first: Number(iso[2]), second: Number(iso[3]), iso: true };
  const match = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*(['/.-])\s*(\d{4}|\d{2})\s*$/u.exec(text);
  if (!match) return null;
  const yearText = match[4] ?? '';
  let year = Number(yearText);
  if (yearText.length === 2) year += match[3] === "'" || year < 50 ? 2000 : 1900;
  return { first: Number(match[1]), second: Number(match[2]), year, iso: false };
}

function isoDate(date: ParsedDate, order: 'dmy' | 'mdy'): string | null {
  const [month, day] = date.iso || order === 'mdy' ? [date.first, date.second] : [date.second, date.first];
  const leap = date.year % 4 === 0 && (date.year % 100 !== 0 || date.year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (day < 1 || day > days) return null;
  return `${String(date.year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Splits the text into records, sections and accounts; notes what it passes over. */
function scan(
  text: string,
  fileName: string,
  problems: Problem[],
): { records: RawRecord[]; cutAt: number | null } {
  const records: RawRecord[] = [];
  // Line ends: LF or CRLF (the CR goes with trimEnd), or CR alone from old Macs.
  const lines = text.split(text.includes('\n') ? '\n' : '\r');
  let section = '';
  let account: { name: string | null; type: string | null } = { name: null, type: null };
  let current: { line: number; fields: Map<string, string>; splits: RawRecord['splits'] } | null = null;
  const passed = new Map<string, { line: number; count: number; header: string }>();
  let lastLine = 0;

  const end = (): void => {
    if (!current) return;
    if (section === 'account') {
      account = { name: current.fields.get('N') ?? null, type: current.fields.get('T') ?? null };
    } else if (BOOKING_SECTIONS.has(section)) {
      records.push({ ...current, account, section });
    } else {
      const seen = passed.get(section);
      if (seen) seen.count += 1;
    }
    current = null;
  };

  for (let index = 0; index < lines.length; index += 1) {
    const line = index + 1;
    const content = (lines[index] ?? '').trimEnd();
    if (content.trim() === '') continue;
    lastLine = line;
    if (content.startsWith('!')) {
      end();
      const header = content.slice(1).trim().toLowerCase();
      if (header.startsWith('type:')) {
        section = header.slice(5).trim();
        if (!BOOKING_SECTIONS.has(section) && !passed.has(section))
          passed.set(section, { line, count: 0, header: content.trim() });
      } else if (header === 'account') section = 'account';
      else if (header.startsWith('option:') || header.startsWith('clear:')) section = 'options';
      continue;
    }
    const code = content.charAt(0);
    if (code === '^') {
      end();
      continue;
    }
    if (section === 'options') continue;
    current ??= { line, fields: new Map(), splits: [] };
    const value = content.slice(1).trim();
    if (code === 'S') current.splits.push({ category: value, memo: '', amount: '' });
    else if (code === 'E' && current.splits.length > 0) {
      const split = current.splits.at(-1);
      if (split) split.memo = value;
    } else if (code === '$' && current.splits.length > 0) {
      const split = current.splits.at(-1);
      if (split) split.amount = value;
    } else if (!current.fields.has(code)) current.fields.set(code, value);
  }

  for (const [name, { line, count, header }] of passed) {
    const what = OTHER_SECTIONS[name] ?? `records of type "${name}"`;
    problems.push({
      location: `${fileName}:${line}`,
      reason: `${what} (${header}${count > 0 ? `, ${count} record${count === 1 ? '' : 's'}` : ''}) passed over: vrm imports bank, cash and card bookings only`,
    });
  }
  // A record still open at the end had no closing `^`: the file was cut inside it.
  const cutAt = current !== null && BOOKING_SECTIONS.has(section) ? current.line : null;
  if (cutAt !== null) {
    problems.push({
      location: `${fileName}:${lastLine}`,
      reason: `the file is cut off after line ${lastLine}: the record that starts on line ${cutAt} has no closing ^, so it is not read; export the file again for the rest`,
    });
  }
  return { records, cutAt };
}

/** Day or month first, from the options or from the file's own dates; a problem when neither tells. */
function dateOrderOf(
  records: readonly RawRecord[],
  options: ReadOptions,
  problems: Problem[],
): 'dmy' | 'mdy' | null {
  if (options.dateOrder) return options.dateOrder;
  let dayFirst: { line: number; text: string } | null = null;
  let monthFirst: { line: number; text: string } | null = null;
  let numeric = false;
  for (const record of records) {
    const text = record.fields.get('D') ?? '';
    const date = parseQifDate(text);
    if (!date || date.iso) continue;
    numeric = true;
    if (date.first > 12) dayFirst ??= { line: record.line, text };
    if (date.second > 12) monthFirst ??= { line: record.line, text };
  }
  if (!numeric) return 'mdy';
  const fileName = options.fileName;
  if (dayFirst && monthFirst) {
    problems.push({
      location: fileName,
      reason: `the dates disagree: "${dayFirst.text}" (line ${dayFirst.line}) has the day first and "${monthFirst.text}" (line ${monthFirst.line}) the month first; say how to read them with dateOrder (--date-order dmy or mdy)`,
    });
    return null;
  }
  if (dayFirst) return 'dmy';
  if (monthFirst) return 'mdy';
  problems.push({
    location: fileName,
    reason:
      'the dates could be day first or month first (no day above 12 tells them apart); say how to read them with dateOrder (--date-order dmy or mdy)',
  });
  return null;
}

/** The account a record belongs to: its !Account name, else the option, else the file's name. */
function accountFor(record: RawRecord, options: ReadOptions): StatementAccount {
  const label = record.account.name ?? options.account ?? options.fileName;
  const candidate = normaliseIban(label);
  const iban = ibanProblem(candidate) === null ? candidate : null;
  return {
    key: iban ?? label,
    iban,
    number: label,
    bankId: null,
    currency: options.currency?.toUpperCase() ?? null,
    name: record.account.name,
    type: record.account.type ?? record.section.replace(/\b\w/gu, (c) => c.toUpperCase()),
  };
}

const nothing = (fileName: string, encoding: string, reason: string): ReadStatement => ({
  format: 'qif',
  variant: 'QIF',
  encoding,
  accounts: [],
  outcomes: [],
  problems: [{ location: fileName, reason }],
});

/**
 * Reads a QIF file into accounts and bookings; keys are row hashes (QIF has no ids). Never throws
 * for what is in the file.
 *
 * @example readQif(bytes, { fileName: 'export.qif', currency: 'EUR' })
 */
export const readQif: StatementReader = (bytes: Buffer, options: ReadOptions): ReadStatement => {
  const fileName = options.fileName;
  if (bytes.length === 0 || bytes.toString('latin1').trim() === '')
    return nothing(fileName, 'utf-8', 'the file is empty: export it from the bank or the program again');
  if (looksBinary(bytes))
    return nothing(
      fileName,
      'binary',
      'this is not a text file (it holds binary data, such as an image or an archive), so it cannot be a QIF file',
    );
  const { text, encoding } = decodeText(bytes);
  const body = text.replace(/^\uFEFF/u, '');
  if (!/^\s*!(type|account|option)/iu.test(body))
    return nothing(
      fileName,
      encoding,
      'this is not a QIF file: it does not start with !Type: or !Account. Export the account as QIF again',
    );
  const problems: Problem[] = [];
  const { records } = scan(body, fileName, problems);
  if (records.length === 0) {
    problems.unshift({ location: fileName, reason: 'the file holds no bank, cash or card bookings' });
    return { format: 'qif', variant: 'QIF', encoding, accounts: [], outcomes: [], problems };
  }
  const currency = options.currency?.trim().toUpperCase();
  if (!currency || !isCurrency(currency)) {
    problems.unshift({
      location: fileName,
      reason: currency
        ? `currency "${currency}" is not an ISO 4217 code: give the account's currency, such as EUR, GBP or USD (--currency EUR)`
        : "QIF files do not say their currency: give the account's currency with currency (--currency EUR, GBP, USD…)",
    });
    return { format: 'qif', variant: 'QIF', encoding, accounts: [], outcomes: [], problems };
  }
  const order = dateOrderOf(records, options, problems);
  if (!order) return { format: 'qif', variant: 'QIF', encoding, accounts: [], outcomes: [], problems };

  const accounts = new Map<string, StatementAccount>();
  const rowKeys = new Map<string, RowKeys>();
  // Records of one !Account block and section share its object, so each account is worked out once.
  const accountOf = new Map<RawRecord['account'], Map<string, StatementAccount>>();
  const outcomes: StatementOutcome[] = records.map((record) => {
    const location = `${fileName}:${record.line}`;
    const bySection = accountOf.get(record.account) ?? new Map<string, StatementAccount>();
    accountOf.set(record.account, bySection);
    let account = bySection.get(record.section);
    if (!account) {
      account = accountFor(record, { ...options, currency });
      bySection.set(record.section, account);
      if (!accounts.has(account.key)) accounts.set(account.key, account);
    }
    const read = readRecord(record, currency, order);
    if (typeof read === 'string') return { location, error: read };
    let keys = rowKeys.get(account.key);
    if (!keys) {
      keys = new RowKeys(account.key);
      rowKeys.set(account.key, keys);
    }
    const key = keys.key({ ...read, currency });
    return {
      location,
      transaction: {
        accountKey: account.key,
        key,
        valueOn: null,
        currency,
        counterpartyIban: null,
        creditorId: null,
        mandateReference: null,
        ...read,
      },
    };
  });
  return { format: 'qif', variant: 'QIF', encoding, accounts: [...accounts.values()], outcomes, problems };
};

/** The fields of one booking, or why it cannot be read. */
function readRecord(
  record: RawRecord,
  currency: string,
  order: 'dmy' | 'mdy',
):
  | {
      bookedOn: string;
      amountMinor: number;
      counterpartyName: string | null;
      text: string | null;
      bankReference: string | null;
      kind: string | null;
    }
  | string {
  const dateText = record.fields.get('D');
  if (!dateText) return 'the record has no date (D line)';
  const parsed = parseQifDate(dateText);
  const bookedOn = parsed ? isoDate(parsed, order) : null;
  if (!bookedOn)
    return `date (D) "${dateText}" is not a date: QIF writes dates like 01/31/2024, 31.01.2024 or 2024-01-31`;
  const amountText = record.fields.get('T') || record.fields.get('U');
  if (!amountText) return 'the record has no amount (T line)';
  const amountMinor = parseAmount(amountText, currency, { signed: true });
  if (typeof amountMinor === 'string') return `amount (T): ${amountMinor}`;
  const memo = record.fields.get('M') || null;
  // One booking per record, its total; the splits say what it was made of.
  const splits = record.splits
    .map((s) => [s.category, s.memo, s.amount].filter(Boolean).join(' '))
    .filter(Boolean)
    .join('; ');
  const text = [memo, splits ? `split: ${splits}` : null].filter(Boolean).join(' · ') || null;
  return {
    bookedOn,
    amountMinor,
    counterpartyName: record.fields.get('P') || null,
    text,
    bankReference: record.fields.get('N') || null,
    // QIF has no booking type; its category (L: `Utilities`, `[Savings]` for a transfer) is the
    // nearest thing the file says about what a booking is.
    kind: record.fields.get('L') || null,
  };
}
