/**
 * Bank CSV exports, read by a column mapping: a bank's preset (`CSV_PRESETS`) or one the person
 * saved. Parsed with csv-parse; the header line is found by its columns below any account
 * details the bank writes above it; each row that cannot be read is an error with its line and
 * column, and the rows around it are kept. A header that does not hold the mapping's columns is
 * one problem, and nothing is guessed.
 */
import { parse } from 'csv-parse/sync';
import { isCurrency } from '../../platform/money.js';
import { decodeText } from '../../platform/text-encoding.js';
import { ibanProblem, normaliseIban } from '../../vault/iban.js';
import { csvMappingSchema, type CsvMapping, type CsvMappingParsed } from '../schemas.js';
import type {
  ReadOptions,
  ReadStatement,
  StatementAccount,
  StatementOutcome,
  StatementTransaction,
} from '../statement.js';
import { CSV_PRESETS, columnIndex, detectPreset, mappedColumns, type CsvPresetId } from './csv-presets.js';
import { detectDateFormat, readAmount, readDate } from './csv-values.js';
import { encodingLabel } from './encoding-label.js';
import { RowKeys } from './row-keys.js';
import { sepaIdsInText } from './sepa-text.js';

export type { CsvMapping } from '../schemas.js';
export { CSV_PRESETS, detectPreset } from './csv-presets.js';

/** What `readCsv` needs: the mapping, or a preset by id, or neither (the preset is found from the header). */
export type CsvReadOptions = ReadOptions & {
  readonly mapping?: CsvMapping | undefined;
  readonly preset?: CsvPresetId | undefined;
};

/** How far down the header may be: German banks write up to a dozen lines of account details above it. */
const HEADER_SEARCH = 40;

interface Row {
  readonly cells: readonly string[];
  readonly line: number;
}

/** The delimiter of the first lines: `;` or tab where they occur on most lines, else `,`. */
function detectDelimiter(text: string): ';' | ',' | '\t' {
  const lines = text
    .slice(0, 8192)
    .split('\n', 30)
    .filter((line) => line.trim() !== '');
  const count = (char: string) => lines.filter((line) => line.includes(char)).length;
  if (count('\t') >= lines.length / 2 && count('\t') >= count(';')) return '\t';
  if (count(';') >= lines.length / 2) return ';';
  return ',';
}

function rowsOf(text: string, delimiter: string): Row[] | string {
  try {
    const records = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => {
      let line = info.lines;
      for (const cell of record) if (cell.includes('\n')) line -= cell.split('\n').length - 1;
      return { cells: record, line };
    });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** An IBAN written in the lines above the header (`IBAN;DE12 …`, `"Kontonummer:";"DE12… / Girokonto"`). */
function ibanAbove(rows: readonly Row[]): string | null {
  for (const row of rows) {
    for (const cell of row.cells) {
      const candidate = /\b([A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?)\b/u.exec(cell)?.[1];
      if (candidate && ibanProblem(normaliseIban(candidate)) === null) return normaliseIban(candidate);
    }
  }
  return null;
}

const list = (value: string | readonly string[] | undefined): readonly string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : value;

/**
 * Reads a bank's CSV export.
 *
 * @example readCsv(bytes, { fileName: 'umsaetze.csv', preset: 'ing-de' }).outcomes
 */
export function readCsv(bytes: Buffer, options: CsvReadOptions): ReadStatement {
  const { fileName } = options;
  const decoded = decodeText(bytes);
  const encoding = encodingLabel(decoded.encoding);
  const text = decoded.text.replace(/^\uFEFF/u, '');
  const result = (variant: string, rest: Partial<ReadStatement>): ReadStatement => ({
    format: 'csv',
    variant,
    encoding,
    accounts: [],
    outcomes: [],
    problems: [],
    ...rest,
  });
  const problem = (line: number, reason: string) => ({ location: `${fileName}:${line}`, reason });
  if (text.trim() === '') {
    return result('CSV', {
      problems: [problem(1, 'The file is empty: export the statement from your bank again')],
    });
  }

  const given = options.mapping ?? (options.preset ? CSV_PRESETS[options.preset].mapping : undefined);
  const parsedMapping = given ? csvMappingSchema.safeParse(given) : null;
  if (parsedMapping && !parsedMapping.success) {
    const issue = parsedMapping.error.issues[0];
    return result('CSV', {
      problems: [problem(1, `The column mapping is not usable: ${issue?.message ?? 'check it'}`)],
    });
  }
  const delimiterWanted = parsedMapping?.data.delimiter ?? 'auto';
  const delimiter = delimiterWanted === 'auto' ? detectDelimiter(text) : delimiterWanted;
  const rows = rowsOf(text, delimiter);
  if (typeof rows === 'string') {
    return result('CSV', { problems: [problem(1, `The file is not readable as CSV: ${rows}`)] });
  }

  // The header: at the line the mapping says, else the first line holding the mapping's columns,
  // else (without a mapping) the first line a preset recognises.
  let mapping: CsvMappingParsed | null = parsedMapping?.data ?? null;
  let presetId: CsvPresetId | null = options.mapping ? null : (options.preset ?? null);
  let headerAt = -1;
  const searched = rows.slice(0, HEADER_SEARCH);
  if (mapping) {
    const wanted = mappedColumns(mapping);
    const fits = (row: Row) =>
      wanted.every((alternatives) => alternatives.some((c) => columnIndex(row.cells, c) !== -1));
    if (mapping.skipLines !== undefined) {
      const at = rows.findIndex((row) => row.line > (mapping?.skipLines ?? 0));
      headerAt = at !== -1 && rows[at] && fits(rows[at]) ? at : -1;
    } else headerAt = searched.findIndex(fits);
  } else {
    for (let index = 0; index < searched.length && headerAt === -1; index += 1) {
      const found = detectPreset(searched[index]?.cells ?? []);
      if (found) {
        presetId = found;
        headerAt = index;
        mapping = csvMappingSchema.parse(CSV_PRESETS[found].mapping);
      }
    }
  }
  const variant = presetId ? `CSV (preset ${presetId})` : mapping ? 'CSV (own mapping)' : 'CSV';
  if (headerAt === -1 || !mapping) {
    const skip = mapping?.skipLines;
    const candidate =
      skip !== undefined
        ? rows.find((row) => row.line > skip)
        : searched.reduce<Row | undefined>(
            (widest, row) => (!widest || row.cells.length > widest.cells.length ? row : widest),
            undefined,
          );
    const found = candidate ? candidate.cells.map((cell) => cell.trim()).join(', ') : 'none';
    const what = presetId
      ? `the preset ${CSV_PRESETS[presetId].label}`
      : mapping
        ? 'the column mapping'
        : 'any bank preset';
    const expected = mapping
      ? mappedColumns(mapping)
          .map((alternatives) => alternatives.join(' or '))
          .join(', ')
      : 'the columns of a preset';
    return result(variant, {
      problems: [
        problem(
          candidate?.line ?? 1,
          `The header line does not match ${what}: expected the columns ${expected}; found ${found}. Choose the preset of the bank the file is from, or map its columns`,
        ),
      ],
    });
  }
  return readRows({ rows, headerAt, mapping, variant, encoding, options });
}

interface RowsInput {
  readonly rows: readonly Row[];
  readonly headerAt: number;
  readonly mapping: CsvMappingParsed;
  readonly variant: string;
  readonly encoding: string;
  readonly options: CsvReadOptions;
}

function readRows({ rows, headerAt, mapping, variant, encoding, options }: RowsInput): ReadStatement {
  const { fileName } = options;
  const header = rows[headerAt]?.cells ?? [];
  const index = (column: string | undefined) => (column === undefined ? -1 : columnIndex(header, column));
  const indices = (value: string | readonly string[] | undefined) =>
    list(value)
      .map((column) => ({ column, at: columnIndex(header, column) }))
      .filter(({ at }) => at !== -1);
  const c = mapping.columns;
  const at = {
    date: index(c.date),
    amount: index(c.amount),
    debit: index(c.debit),
    credit: index(c.credit),
    fee: index(c.fee),
    currency: index(c.currency),
    iban: index(c.counterpartyIban),
    creditorId: index(c.creditorId),
    mandate: index(c.mandateReference),
    reference: index(c.bankReference),
    kind: index(c.kind),
    status: index(c.status),
    account: index(c.account),
  };
  const valueDates = indices(c.valueDate);
  const payees = indices(c.payee);
  const payers = indices(c.payer);
  const texts = indices(c.text);
  const body = rows.slice(headerAt + 1);
  const cell = (row: Row, position: number): string =>
    position === -1 ? '' : (row.cells[position] ?? '').trim();
  const first = (row: Row, columns: readonly { at: number }[]): string | null => {
    for (const { at: position } of columns) {
      const value = cell(row, position);
      if (value !== '') return value;
    }
    return null;
  };
  const problems: { location: string; reason: string }[] = [];

  const fixedCurrency = mapping.currency ?? options.currency?.toUpperCase();
  if (at.currency === -1 && !fixedCurrency) {
    return {
      format: 'csv',
      variant,
      encoding,
      accounts: [],
      outcomes: [],
      problems: [
        {
          location: `${fileName}:${rows[headerAt]?.line ?? 1}`,
          reason:
            'The file has no currency column: give the currency of the account (the currency option), such as EUR',
        },
      ],
    };
  }
  const dateFormat =
    mapping.dateFormat ??
    detectDateFormat(
      body
        .slice(0, 200)
        .map((row) => cell(row, at.date))
        .filter(Boolean),
      options.dateOrder,
    );

  const ignored = (mapping.ignoreRowsStartingWith ?? []).map((prefix) => prefix.toLowerCase());
  const booked = mapping.bookedStatuses?.map((status) => status.toLowerCase());
  const fileIban = ibanAbove(rows.slice(0, headerAt));
  const accounts = new Map<string, StatementAccount>();
  const rowKeys = new Map<string, RowKeys>();
  const outcomes: StatementOutcome[] = [];
  const pending = { count: 0, first: 0 };
  const dateName = c.date;

  for (const row of body) {
    const location = `${fileName}:${row.line}`;
    const firstCell = (row.cells[0] ?? '').trim().toLowerCase();
    if (row.cells.every((value) => value.trim() === '')) continue;
    if (ignored.some((prefix) => firstCell.startsWith(prefix))) continue;
    if (booked && at.status !== -1 && !booked.includes(cell(row, at.status).toLowerCase())) {
      if (pending.count === 0) pending.first = row.line;
      pending.count += 1;
      continue;
    }
    const dateCell = cell(row, at.date);
    const bookedOn = dateFormat ? readDate(dateCell, dateFormat) : null;
    if (!bookedOn) {
      outcomes.push({
        location,
        error: `Column "${dateName}": "${dateCell}" is not a date${dateFormat ? ` in the form ${dateFormat}` : ''}: check the row, or the date format of the mapping`,
      });
      continue;
    }
    const currency = (cell(row, at.currency) || fixedCurrency || '').toUpperCase();
    if (!isCurrency(currency)) {
      outcomes.push({
        location,
        error: `Column "${c.currency ?? 'currency'}": "${currency}" is not an ISO 4217 currency code such as EUR or GBP`,
      });
      continue;
    }
    const amount = amountOf(row, { at, c, cell, currency, decimalMark: mapping.decimalMark });
    if (typeof amount === 'string') {
      outcomes.push({ location, error: amount });
      continue;
    }
    const valueDateCell = first(row, valueDates);
    const valueOn = valueDateCell && dateFormat ? readDate(valueDateCell, dateFormat) : null;
    const textValue =
      texts
        .map(({ at: position }) => cell(row, position))
        .filter(Boolean)
        .join(' ') || null;
    const fromText = sepaIdsInText(textValue);
    const accountCell = cell(row, at.account);
    const accountIban =
      accountCell && ibanProblem(normaliseIban(accountCell)) === null ? normaliseIban(accountCell) : null;
    const accountKey = (accountIban ?? accountCell) || (options.account ?? fileIban ?? fileName);
    if (!accounts.has(accountKey)) {
      const iban =
        accountIban ??
        (accountKey === fileIban
          ? fileIban
          : options.account && ibanProblem(normaliseIban(options.account)) === null
            ? normaliseIban(options.account)
            : null);
      accounts.set(accountKey, {
        key: accountKey,
        iban,
        number: accountCell || null,
        bankId: null,
        currency: fixedCurrency ?? currency,
        name: null,
        type: null,
      });
      rowKeys.set(accountKey, new RowKeys(accountKey));
    }
    const ibanCell = cell(row, at.iban);
    const counterpartyIban =
      ibanCell && ibanProblem(normaliseIban(ibanCell)) === null ? normaliseIban(ibanCell) : null;
    const counterpartyName = amount < 0 ? first(row, payees) : (first(row, payers) ?? first(row, payees));
    const transaction: StatementTransaction = {
      accountKey,
      key: '',
      bookedOn,
      valueOn: valueOn && valueOn !== bookedOn ? valueOn : null,
      amountMinor: amount,
      currency,
      counterpartyName,
      counterpartyIban,
      creditorId: cell(row, at.creditorId).toUpperCase() || fromText.creditorId,
      mandateReference: cell(row, at.mandate) || fromText.mandateReference,
      text: textValue,
      bankReference: cell(row, at.reference) || null,
      kind: cell(row, at.kind) || null,
    };
    const key = rowKeys.get(accountKey)?.key(transaction) ?? '';
    outcomes.push({ location, transaction: { ...transaction, key } });
  }
  if (pending.count > 0) {
    problems.push({
      location: `${fileName}:${pending.first}`,
      reason: `${pending.count} pending ${pending.count === 1 ? 'row' : 'rows'} (column "${c.status ?? ''}" not ${(mapping.bookedStatuses ?? []).join(' or ')}) passed over, from this line on: they come again, booked, in a later export`,
    });
  }
  return { format: 'csv', variant, encoding, accounts: [...accounts.values()], outcomes, problems };
}

interface AmountInput {
  readonly at: { amount: number; debit: number; credit: number; fee: number };
  readonly c: CsvMappingParsed['columns'];
  readonly cell: (row: Row, position: number) => string;
  readonly currency: string;
  readonly decimalMark: ',' | '.' | undefined;
}

/** The signed amount of a row: its amount column, or its debit (out) or credit (in) column, less a fee. */
function amountOf(row: Row, { at, c, cell, currency, decimalMark }: AmountInput): number | string {
  const read = (position: number, name: string | undefined): number | string | null => {
    const value = cell(row, position);
    if (value === '') return null;
    const minor = readAmount(value, currency, decimalMark);
    return typeof minor === 'number' ? minor : `Column "${name ?? ''}": ${minor}`;
  };
  let amount: number | string | null;
  if (at.amount !== -1) {
    amount = read(at.amount, c.amount);
    if (amount === null) return `Column "${c.amount ?? ''}" is empty: the row has no amount`;
  } else {
    const debit = read(at.debit, c.debit);
    const credit = read(at.credit, c.credit);
    if (typeof debit === 'string') return debit;
    if (typeof credit === 'string') return credit;
    if (debit === null && credit === null)
      return `Columns "${c.debit ?? ''}" and "${c.credit ?? ''}" are both empty: the row has no amount`;
    amount = (credit === null ? 0 : Math.abs(credit)) - (debit === null ? 0 : Math.abs(debit));
  }
  if (typeof amount === 'string') return amount;
  const fee = at.fee === -1 ? null : read(at.fee, c.fee);
  if (typeof fee === 'string') return fee;
  return fee === null ? amount : amount - Math.abs(fee);
}
