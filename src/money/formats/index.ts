/**
 * One door for every statement file: the format is the one asked for, or the one its first bytes
 * show (`sniffFormat`), and the reader of that format reads it. A file vrm cannot read is one
 * problem naming the formats it can, never an exception.
 */
import type { CsvMapping } from '../schemas.js';
import type {
  ReadOptions,
  ReadStatement,
  StatementChunk,
  StatementEnd,
  StatementFormat,
} from '../statement.js';
import { camtChunks, readCamt } from './camt.js';
import type { CsvPresetId } from './csv-presets.js';
import { readCsv } from './csv.js';
import { sniffFormat } from './detect.js';
import { readOfx } from './ofx.js';
import { readQif } from './qif.js';

export { CSV_PRESETS, detectPreset } from './csv-presets.js';
export type { CsvPresetId } from './csv-presets.js';
export { writeOfx } from './ofx-writer.js';

/** What a person may say about a file besides its bytes; all of it optional. */
export interface StatementFileOptions extends Omit<ReadOptions, 'fileName'> {
  /** The format, when the file's first bytes should not decide it. */
  readonly format?: StatementFormat | undefined;
  /** A bank's CSV layout (`CSV_PRESETS`); found from the header when left out. */
  readonly preset?: CsvPresetId | undefined;
  /** A CSV column mapping of the person's own. */
  readonly mapping?: CsvMapping | undefined;
}

/** The words for a format in messages. */
export const FORMAT_NAMES: Readonly<Record<StatementFormat, string>> = {
  ofx: 'OFX/QFX',
  qif: 'QIF',
  camt: 'ISO 20022 CAMT (.052, .053, .054)',
  csv: 'CSV',
};

/**
 * Reads a statement file of any format vrm knows.
 *
 * @example readStatementFile(bytes, 'umsaetze.csv', { preset: 'ing-de' })
 */
export function readStatementFile(
  bytes: Buffer,
  fileName: string,
  options: StatementFileOptions = {},
): ReadStatement {
  const format = options.format ?? sniffFormat(bytes, fileName);
  const read = readOptionsOf(fileName, options);
  switch (format) {
    case 'ofx':
      return readOfx(bytes, read);
    case 'qif':
      return readQif(bytes, read);
    case 'camt':
      return readCamt(bytes, read);
    case 'csv':
      return readCsv(bytes, { ...read, preset: options.preset, mapping: options.mapping });
    case null:
      return {
        format: 'csv',
        variant: 'unknown',
        encoding: 'unknown',
        accounts: [],
        outcomes: [],
        problems: [
          {
            location: fileName,
            reason: `${bytes.length === 0 ? 'The file is empty' : 'This is not a bank statement vrm can read'}: export one from your bank as ${Object.values(FORMAT_NAMES).join(', ')}`,
          },
        ],
      };
  }
}

const readOptionsOf = (fileName: string, options: StatementFileOptions): ReadOptions => ({
  fileName,
  currency: options.currency,
  dateOrder: options.dateOrder,
  account: options.account,
});

/** Whether a file is read as a stream (`statementChunks`): CAMT is; the other formats are read whole. */
export function streamsAsChunks(
  bytes: Buffer,
  fileName: string,
  options: StatementFileOptions = {},
): boolean {
  return (options.format ?? sniffFormat(bytes, fileName)) === 'camt';
}

/**
 * A file that `streamsAsChunks`, read a chunk at a time: the same bookings, accounts, problems
 * and notes as `readStatementFile`, never all held at once.
 *
 * @example for (const chunk of statementChunks(bytes, 'camt053.xml')) …
 */
export function statementChunks(
  bytes: Buffer,
  fileName: string,
  options: StatementFileOptions = {},
): Generator<StatementChunk, StatementEnd, undefined> {
  return camtChunks(bytes, readOptionsOf(fileName, options));
}
