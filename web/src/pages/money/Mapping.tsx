import { useEffect, useState } from 'react';
import { CSV_DATE_FORMATS } from '../../../../src/money/choices';
import { api, type ApiBody } from '../../api';
import { Field, FormShell, opt, useSubmit } from '../../components/Form';
import { dateText } from '../../format';

/** Each date layout with an example, so a person picks by what the file shows. */
const DATE_EXAMPLES: Readonly<Record<(typeof CSV_DATE_FORMATS)[number], string>> = {
  'DD.MM.YYYY': '31.01.2026',
  'DD/MM/YYYY': '31/01/2026',
  'MM/DD/YYYY': '01/31/2026',
  'YYYY-MM-DD': '2026-01-31',
  'DD.MM.YY': '31.01.26',
  'DD-MM-YYYY': '31-01-2026',
};

/**
 * The header cells of a CSV file, to offer as choices: the delimiter that splits the first lines
 * most, and the first line with the most cells (banks put account details above the header). Only
 * a help for picking: the server reads the file and says what does not fit.
 */
export async function csvHeader(file: Blob): Promise<string[]> {
  const text = (await file.slice(0, 64 * 1024).text()).replace(/^\uFEFF/u, '');
  const lines = text
    .split(/\r?\n/u)
    .slice(0, 30)
    .filter((l) => l.trim() !== '');
  const split = (line: string, d: string) =>
    line.split(d).map((cell) =>
      cell
        .trim()
        .replace(/^"(.*)"$/u, '$1')
        .trim(),
    );
  let best: string[] = [];
  for (const d of [';', '\t', ',', '|']) {
    for (const line of lines) {
      const cells = split(line, d);
      if (cells.length > best.length && cells.every((c) => c !== '')) best = cells;
    }
  }
  // A header that repeats a name (ING's two "Währung") names its second one "Währung#2".
  const seen = new Map<string, number>();
  return best.length < 2
    ? []
    : best.map((cell) => {
        const n = (seen.get(cell) ?? 0) + 1;
        seen.set(cell, n);
        return n === 1 ? cell : `${cell}#${String(n)}`;
      });
}

type Body = ApiBody<'saveCsvMapping'>;

/**
 * "Map its columns": which column of a bank's CSV holds what, saved under a name for this bank's
 * next files too; `onSaved` then imports the file with it.
 */
export function MappingForm(props: {
  file: File;
  currency?: string | undefined;
  onSaved: (name: string) => void;
  onCancel: () => void;
}) {
  const [header, setHeader] = useState<string[]>([]);
  useEffect(() => {
    void csvHeader(props.file).then(setHeader);
  }, [props.file]);
  const [v, setV] = useState({
    name: '',
    date: '',
    amountIn: 'one',
    amount: '',
    debit: '',
    credit: '',
    payee: '',
    text: '',
    currencyColumn: '',
    currency: props.currency ?? '',
    dateFormat: '',
    decimalMark: '',
  });
  const set = (key: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const form = useSubmit(async () => {
    const body: Body = {
      name: v.name,
      mapping: {
        columns: {
          date: v.date,
          ...(v.amountIn === 'one'
            ? { amount: opt(v.amount) }
            : { debit: opt(v.debit), credit: opt(v.credit) }),
          payee: opt(v.payee),
          text: opt(v.text),
          currency: opt(v.currencyColumn),
        },
        currency: v.currencyColumn ? undefined : opt(v.currency)?.toUpperCase(),
        dateFormat: (opt(v.dateFormat) as Body['mapping']['dateFormat']) ?? undefined,
        decimalMark: (opt(v.decimalMark) as ',' | '.' | undefined) ?? undefined,
      },
    };
    await api('saveCsvMapping', { body });
    return v.name.trim();
  }, props.onSaved);
  const columns = (empty: string) => (header.length > 0 ? [['', empty] as const, ...header] : undefined);
  const column = (label: string, key: keyof typeof v, path: string, empty: string, hint?: string) => (
    <Field
      label={label}
      name={path}
      value={v[key]}
      onChange={set(key)}
      options={columns(empty)}
      hint={hint ?? (header.length > 0 ? undefined : "The column's heading, as the file writes it")}
      error={form.errors[path]}
    />
  );
  return (
    <FormShell
      title={`Map the columns of ${props.file.name}`}
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Save the mapping and import"
      onCancel={props.onCancel}
    >
      <Field
        label="Name of this layout"
        name="name"
        value={v.name}
        onChange={set('name')}
        required
        hint="Your bank's name, say: the import form offers the layout by this name next time"
        error={form.errors.name}
      />
      {column('Date column', 'date', 'mapping.columns.date', 'Choose…', undefined)}
      <Field
        label="Amounts are in"
        name="amountIn"
        value={v.amountIn}
        onChange={set('amountIn')}
        options={[
          ['one', 'One column (minus for money out)'],
          ['two', 'Two columns: money out and money in'],
        ]}
      />
      {v.amountIn === 'one' ? (
        column('Amount column', 'amount', 'mapping.columns.amount', 'Choose…')
      ) : (
        <>
          {column('Money out column', 'debit', 'mapping.columns.debit', 'Choose…')}
          {column('Money in column', 'credit', 'mapping.columns.credit', 'Choose…')}
        </>
      )}
      {column('Payee column', 'payee', 'mapping.columns.payee', 'None')}
      {column('Purpose column', 'text', 'mapping.columns.text', 'None')}
      {column(
        'Currency column',
        'currencyColumn',
        'mapping.columns.currency',
        'None: every row is in one currency',
      )}
      {v.currencyColumn ? null : (
        <Field
          label="Currency of every row"
          name="mapping.currency"
          value={v.currency}
          onChange={set('currency')}
          hint="EUR, GBP, USD…"
          error={form.errors['mapping.currency']}
        />
      )}
      <Field
        label="Dates are written"
        name="mapping.dateFormat"
        value={v.dateFormat}
        onChange={set('dateFormat')}
        options={[
          ['', 'Tell by the dates in the file'],
          ...CSV_DATE_FORMATS.map((f) => [f, `${DATE_EXAMPLES[f]} (${f})`] as const),
        ]}
        error={form.errors['mapping.dateFormat']}
      />
      <Field
        label="Amounts are written"
        name="mapping.decimalMark"
        value={v.decimalMark}
        onChange={set('decimalMark')}
        options={[
          ['', 'Tell by the amounts in the file'],
          [',', 'With a decimal comma: 1.234,56'],
          ['.', 'With a decimal point: 1,234.56'],
        ]}
        error={form.errors['mapping.decimalMark']}
      />
    </FormShell>
  );
}

/** The person's saved column mappings, each with Remove. */
export function SavedMappings({
  mappings,
  onChanged,
}: {
  mappings: readonly { name: string; updatedAt: string; mapping: Body['mapping'] }[];
  onChanged: () => void;
}) {
  const [problem, setProblem] = useState('');
  const [removed, setRemoved] = useState('');
  const remove = (name: string) => {
    setProblem('');
    api('removeCsvMapping', { params: { name } })
      .then(() => {
        setRemoved(`Removed the column mapping “${name}”.`);
        onChanged();
      })
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  };
  return (
    <section className="card" aria-labelledby="money-mappings">
      <h3 id="money-mappings">Your column mappings</h3>
      {removed ? <p role="status">{removed}</p> : null}
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      {mappings.length === 0 ? (
        <p className="empty">
          None yet. When a bank's CSV is one no preset knows, the import offers to map its columns, and saves
          the mapping here for that bank's next files.
        </p>
      ) : (
        <ul className="list">
          {mappings.map((m) => (
            <li key={m.name}>
              <span className="what">
                <strong>{m.name}</strong>{' '}
                <small>
                  date: {m.mapping.columns.date}
                  {m.mapping.columns.amount ? `, amount: ${m.mapping.columns.amount}` : ''}
                  {m.mapping.columns.debit ? `, money out: ${m.mapping.columns.debit}` : ''}
                  {m.mapping.columns.credit ? `, money in: ${m.mapping.columns.credit}` : ''}
                  {m.mapping.columns.payee ? `, payee: ${String(m.mapping.columns.payee)}` : ''}
                </small>
              </span>
              <span className="when">saved {dateText(m.updatedAt)}</span>
              <button
                type="button"
                className="secondary"
                aria-label={`Remove the mapping ${m.name}`}
                onClick={() => remove(m.name)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
