/** `vrm money mapping …`: the person's own CSV column mappings, for banks without a preset. */
import type { CsvMapping } from '../../money/schemas.js';
import { VrmError } from '../../platform/errors.js';
import { readInput } from '../files.js';
import type { JsonOption } from '../options.js';
import { printJson, printTable, say } from '../output.js';
import type { Session } from '../session.js';

/** What a column list shows of a mapping's columns: "date: Buchung, amount: Betrag". */
const columnsText = (mapping: CsvMapping): string =>
  Object.entries(mapping.columns)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(' or ') : value}`)
    .join(', ');

export async function list({ services }: Session, o: JsonOption): Promise<void> {
  const mappings = await services.money.csvMappings();
  if (o.json) {
    printJson(mappings);
    return;
  }
  printTable(
    mappings,
    [
      { header: 'name', value: (m) => m.name, maxWidth: 30 },
      { header: 'columns', value: (m) => columnsText(m.mapping), maxWidth: 70 },
      { header: 'dates', value: (m) => m.mapping.dateFormat ?? 'found from the file' },
      {
        header: 'decimal mark',
        value: (m) =>
          m.mapping.decimalMark === ',' ? 'comma' : m.mapping.decimalMark === '.' ? 'point' : 'either',
      },
      { header: 'saved', value: (m) => m.updatedAt.slice(0, 10) },
    ],
    'No CSV mappings saved yet: `vrm money mapping save NAME --date COLUMN --amount COLUMN` saves one.',
  );
}

export interface SaveOptions extends JsonOption {
  file?: string;
  date?: string;
  amount?: string;
  debit?: string;
  credit?: string;
  payee?: string;
  purpose?: string;
  currencyColumn?: string;
  currency?: string;
  dateFormat?: string;
  decimalComma?: boolean;
  decimalPoint?: boolean;
  delimiter?: string;
  skipLines?: string;
}

/** The mapping of a JSON file (the shape `vrm money mapping list --json` prints), refused in words. */
function fromFile(file: string): unknown {
  const text = readInput(file, 'the mapping').toString('utf8');
  try {
    const parsed = JSON.parse(text) as unknown;
    // A file may hold the mapping itself, or a saved one as `list --json` prints it.
    return typeof parsed === 'object' && parsed !== null && 'mapping' in parsed ? parsed.mapping : parsed;
  } catch (cause) {
    throw new VrmError(
      'invalid_input',
      `${file} is not JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

const DELIMITERS: Readonly<Record<string, string>> = { semicolon: ';', comma: ',', tab: '\t' };

/** The mapping the options say, on top of a file's when one is given; the service checks it. */
function mappingOf(o: SaveOptions): unknown {
  const base = (o.file === undefined ? {} : fromFile(o.file)) as Record<string, unknown>;
  const columns = {
    ...((base.columns ?? {}) as Record<string, unknown>),
    ...(o.date === undefined ? {} : { date: o.date }),
    ...(o.amount === undefined ? {} : { amount: o.amount }),
    ...(o.debit === undefined ? {} : { debit: o.debit }),
    ...(o.credit === undefined ? {} : { credit: o.credit }),
    ...(o.payee === undefined ? {} : { payee: o.payee }),
    ...(o.purpose === undefined ? {} : { text: o.purpose }),
    ...(o.currencyColumn === undefined ? {} : { currency: o.currencyColumn }),
  };
  const decimalMark = o.decimalComma ? ',' : o.decimalPoint ? '.' : undefined;
  return {
    ...base,
    columns,
    ...(o.currency === undefined ? {} : { currency: o.currency }),
    ...(o.dateFormat === undefined ? {} : { dateFormat: o.dateFormat }),
    ...(decimalMark === undefined ? {} : { decimalMark }),
    ...(o.delimiter === undefined ? {} : { delimiter: DELIMITERS[o.delimiter] ?? o.delimiter }),
    ...(o.skipLines === undefined ? {} : { skipLines: o.skipLines }),
  };
}

export async function save({ services }: Session, name: string, o: SaveOptions): Promise<void> {
  if (o.decimalComma && o.decimalPoint)
    throw new VrmError('invalid_input', 'say --decimal-comma or --decimal-point, not both');
  const saved = await services.money.saveCsvMapping({ name, mapping: mappingOf(o) as CsvMapping });
  if (o.json) {
    printJson(saved);
    return;
  }
  say(
    `Saved the CSV mapping "${saved.name}" (${columnsText(saved.mapping)}); import with \`vrm money import FILE --mapping "${saved.name}"\`.`,
  );
}

export async function remove({ services }: Session, name: string): Promise<void> {
  const { removed } = await services.money.removeCsvMapping(name);
  say(`Removed the CSV mapping "${removed}".`);
}
