/**
 * Output for people and for scripts. Every read command prints a table (or a record) for people,
 * and the same data as JSON with `--json`. Kept free of heavy imports: the CLI loads it at start.
 */
export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string | number | boolean | null | undefined;
  /** Right-align numbers and amounts. */
  readonly align?: 'left' | 'right';
  readonly maxWidth?: number;
}

const write = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
};

export const printJson = (value: unknown): void => {
  write(JSON.stringify(value, null, 2));
};

const cell = (value: string | number | boolean | null | undefined): string =>
  value === null || value === undefined ? '' : String(value).replace(/\s+/g, ' ');

const truncate = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

export function printTable<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  empty = 'Nothing to show.',
): void {
  if (rows.length === 0) {
    write(empty);
    return;
  }
  const cells = rows.map((row) => columns.map((c) => truncate(cell(c.value(row)), c.maxWidth ?? 40)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => (columns[i]?.align === 'right' ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  write(
    [line(columns.map((c) => c.header.toUpperCase())), ...cells.map(line)].join('\n') +
      `\n${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`,
  );
}

/** A record as aligned `label: value` lines; empty values are left out. */
export function printRecord(
  fields: readonly (readonly [string, string | number | boolean | null | undefined])[],
): void {
  const shown = fields.filter(([, v]) => v !== null && v !== undefined && v !== '');
  const width = Math.max(...shown.map(([k]) => k.length));
  write(shown.map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${String(v)}`).join('\n'));
}

export const heading = (text: string): void => {
  write(`\n${text}\n${'─'.repeat(Math.min(text.length, 60))}`);
};

export const say = (text: string): void => {
  write(text);
};

/** Progress and notes go to stderr, so stdout stays clean for pipes and `--json`. */
export const note = (text: string): void => {
  process.stderr.write(`${text}\n`);
};
