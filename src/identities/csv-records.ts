import { CsvError, parse } from 'csv-parse/sync';

/**
 * CSV read record by record, each named by the physical line it starts on, so that one broken
 * record costs only itself. csv-parse reads the fields; this module only decides where each record
 * ends, by the same quoting rule (RFC 4180: a quote opens a quoted field only at the start of a
 * field; `""` inside one is a quote; a line break inside one belongs to the field).
 *
 * **Important**: an unclosed quote makes a parser of the whole file read every later line as part
 * of one field, so good rows after it vanish, or come back under the wrong line. Here a record whose
 * quote never closes, or that runs over several lines and cannot be read, or that would swallow a
 * line which is a good row by itself, is reported on its first line, and reading goes on at the
 * next line.
 */
export type CsvRecord =
  | {
      readonly line: number;
      /** The line the record ends on: a quoted field may hold line breaks. */
      readonly lastLine: number;
      readonly cells: string[];
      readonly problem?: undefined;
    }
  | { readonly line: number; readonly problem: string; readonly cells?: undefined };

/** Physical lines: `\r\n` or `\n` ends one; a byte-order mark is not part of the first. */
export const csvLines = (text: string): string[] => text.replace(/^\uFEFF/, '').split(/\r?\n/);

export const isBlank = (line: string): boolean => line.trim() === '';

/**
 * For each line index `m` entered inside a quoted field: the index of the line its record ends on,
 * or null when the quote never closes. Lines entered that way share one answer, so each line is
 * scanned once even when every line opens a quote (otherwise reading is quadratic).
 */
type EndMemo = Map<number, number | null>;

/** Scans one line from inside or outside a quoted field; tells whether it ends inside one. */
function endsQuoted(line: string, quoted: boolean): boolean {
  let fieldStart = !quoted;
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (quoted) {
      if (c !== '"') continue;
      if (line[k + 1] === '"') k++;
      else quoted = false;
    } else if (c === ',') {
      fieldStart = true;
    } else {
      if (c === '"' && fieldStart) quoted = true;
      fieldStart = false;
    }
  }
  return quoted;
}

/** The index of the last line of the record starting at `start`, or null when its quote never closes. */
function recordEnd(lines: readonly string[], start: number, memo: EndMemo): number | null {
  if (!endsQuoted(lines[start] ?? '', false)) return start;
  const entered: number[] = [];
  let end: number | null = null;
  for (let m = start + 1; ; m++) {
    if (m >= lines.length) break;
    const known = memo.get(m);
    if (known !== undefined) {
      end = known;
      break;
    }
    entered.push(m);
    if (!endsQuoted(lines[m] ?? '', true)) {
      end = m;
      break;
    }
  }
  for (const m of entered) memo.set(m, end);
  return end;
}

/** csv-parse's message for a broken record, in words that say what to change. */
function reason(error: CsvError): string {
  const column = typeof error.column === 'number' ? error.column + 1 : undefined;
  const field = column === undefined ? 'a field' : `field ${column}`;
  if (error.code === 'INVALID_OPENING_QUOTE')
    return `a quote inside ${field}, which does not start with one: quote the whole field and double the quote ("")`;
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE')
    return `${field} closes its quote and goes on: a quote inside a quoted field is written twice ("")`;
  return error.message.replace(/ at line \d+/, '').replace(/ on line \d+$/, '');
}

/** The cells of one record's text, or why it cannot be read. */
function cellsOf(text: string): { cells: string[] } | { problem: string } {
  try {
    const records = parse(text, { record_delimiter: '\n', relax_column_count: true });
    const [cells] = records;
    if (records.length !== 1 || !cells) return { problem: 'the line cannot be read as one CSV record' };
    return { cells };
  } catch (error) {
    if (error instanceof CsvError) return { problem: reason(error) };
    throw error;
  }
}

/**
 * Reads the records from line index `from` on (0-based; records name 1-based lines). Blank lines
 * between records are passed over. `isRow` tells whether cells make a good row by themselves: a
 * record over several lines that would swallow such a line is taken for a broken quote.
 *
 * @example for (const r of csvRecords(csvLines(text), 1, (cells) => cells.length === 4)) …
 */
export function* csvRecords(
  lines: readonly string[],
  from: number,
  isRow: (cells: readonly string[]) => boolean,
): Generator<CsvRecord> {
  const memo: EndMemo = new Map();
  for (let i = from; i < lines.length;) {
    const line = i + 1;
    if (isBlank(lines[i] ?? '')) {
      i++;
      continue;
    }
    const end = recordEnd(lines, i, memo);
    if (end === null) {
      yield { line, problem: 'a quote opens here and is never closed' };
      i++;
      continue;
    }
    const read = cellsOf(lines.slice(i, end + 1).join('\n'));
    if (end === i) {
      yield 'cells' in read ? { line, lastLine: line, cells: read.cells } : { line, problem: read.problem };
      i++;
      continue;
    }
    // A quoted field runs on over lines i+1 … end: a note may, a broken quote does too.
    if (!('cells' in read)) {
      yield {
        line,
        problem: `a quote opens here and is not closed on this line (read on to line ${end + 1}, the record is broken)`,
      };
      i++;
      continue;
    }
    const swallowed = lines.slice(i + 1, end + 1).findIndex((l) => {
      const alone = isBlank(l) ? null : cellsOf(l);
      return alone !== null && 'cells' in alone && isRow(alone.cells);
    });
    if (swallowed !== -1) {
      yield {
        line,
        problem: `a quote opens here and is not closed on this line: it would take in line ${line + 1 + swallowed}, a row of its own`,
      };
      i++;
      continue;
    }
    yield { line, lastLine: end + 1, cells: read.cells };
    i = end + 1;
  }
}
