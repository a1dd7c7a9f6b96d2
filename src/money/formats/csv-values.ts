/** Reading the cells of a bank CSV: dates in the layouts banks use, amounts with a known decimal mark. */
import { parseAmount } from '../../platform/money.js';
import { CSV_DATE_FORMATS, type CsvDateFormat } from '../schemas.js';

const LAYOUTS: Record<CsvDateFormat, { pattern: RegExp; order: 'dmy' | 'mdy' | 'ymd' }> = {
  'DD.MM.YYYY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/u, order: 'dmy' },
  'DD/MM/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u, order: 'dmy' },
  'MM/DD/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u, order: 'mdy' },
  'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/u, order: 'ymd' },
  'DD.MM.YY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{2})$/u, order: 'dmy' },
  'DD-MM-YYYY': { pattern: /^(\d{1,2})-(\d{1,2})-(\d{4})$/u, order: 'dmy' },
};

/** An ISO date from a cell in `format` (a time after the date is ignored), or null. */
export function readDate(cell: string, format: CsvDateFormat): string | null {
  // A statement repeats its dates (five years are 1,826 days): each is read once.
  const memo = `${format}\u0000${cell}`;
  const known = readDates.get(memo);
  if (known !== undefined) return known;
  const read = dateOf(cell, format);
  if (readDates.size >= MAX_DATES_KEPT) readDates.clear();
  readDates.set(memo, read);
  return read;
}

/** Dates read, by format and cell: at most this many are kept. */
const MAX_DATES_KEPT = 10_000;
const readDates = new Map<string, string | null>();

function dateOf(cell: string, format: CsvDateFormat): string | null {
  const value = cell.trim().split(/[ T]/u)[0] ?? '';
  const match = LAYOUTS[format].pattern.exec(value);
  if (!match) return null;
  const [a = '', b = '', c = ''] = match.slice(1);
  const order = LAYOUTS[format].order;
  const [year, month, day] =
    order === 'ymd' ? [a, b, c] : order === 'dmy' ? [c.length === 2 ? `20${c}` : c, b, a] : [c, a, b];
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

/**
 * The date format of a file, from its dates: the first layout that reads every sample. Day and
 * month order is told by a day above 12, else by `dateOrder`, else day first (as most banks write).
 */
export function detectDateFormat(
  samples: readonly string[],
  dateOrder?: 'dmy' | 'mdy',
): CsvDateFormat | null {
  const fitting = CSV_DATE_FORMATS.filter((format) =>
    samples.every((sample) => readDate(sample, format) !== null),
  );
  if (fitting.includes('DD/MM/YYYY') && fitting.includes('MM/DD/YYYY')) {
    return dateOrder === 'mdy' ? 'MM/DD/YYYY' : 'DD/MM/YYYY';
  }
  return fitting[0] ?? null;
}

/**
 * Minor units from an amount cell. With a known decimal mark the other mark only groups
 * thousands (`1.299,00`, and `1.299` is 1299 when the mark is a comma); a currency sign or code
 * beside the number is dropped. Returns the message of the amount reader otherwise.
 */
export function readAmount(
  cell: string,
  currency: string,
  decimalMark: ',' | '.' | undefined,
): number | string {
  let value = cell
    .replace(/[€£$]|\b[A-Z]{3}\b/gu, '')
    .trim()
    .replace(/^\+/u, '');
  // A trailing minus, as some banks write debits (12,99-).
  if (/^[\d.,\s']+-$/u.test(value)) value = `-${value.slice(0, -1)}`;
  if (decimalMark === ',') value = value.replace(/\./gu, ' ');
  if (decimalMark === '.') value = value.replace(/,/gu, ' ');
  const minor = parseAmount(value, currency, { signed: true });
  // The message quotes what the person sees in the file, not the text as prepared here.
  return typeof minor === 'number' ? minor : minor.replace(`"${value.trim()}"`, `"${cell.trim()}"`);
}
