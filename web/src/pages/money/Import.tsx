import { useState, type SyntheticEvent } from 'react';
import { CSV_PRESETS } from '../../../../src/money/formats/csv-presets';
import { api, uploadStatement, type StatementImportSummary, type StatementUploadOptions } from '../../api';
import { Field } from '../../components/Form';
import { count, plural } from '../../format';
import { useLoad } from '../../useLoad';
import { MappingForm, SavedMappings } from './Mapping';
import { Skips } from './Skips';

/** One chosen file and what its import answered: the summary, or the server's message. */
interface Outcome {
  readonly file: File;
  readonly summary?: StatementImportSummary;
  readonly error?: string;
}

/** A CSV whose header no preset (or the chosen one) fits: the reader asks for its columns to be mapped. */
const needsMapping = (s: StatementImportSummary): boolean =>
  s.format === 'csv' && s.imported === 0 && s.skips.some((k) => /header line does not match/u.test(k.reason));

const FORMAT_OPTIONS = [
  ['', 'Tell by the file'],
  ['ofx', 'OFX or QFX (Quicken, Microsoft Money)'],
  ['qif', 'QIF (Quicken Interchange Format)'],
  ['camt', 'CAMT (ISO 20022 XML: .052, .053, .054)'],
  ['csv', 'CSV (a spreadsheet export)'],
] as const;

/** The summary of one file's import, exactly as the API answered it, or why it could not be read. */
function OutcomeCard({ outcome, onMap }: { outcome: Outcome; onMap: () => void }) {
  const { file, summary: s, error } = outcome;
  return (
    <section className={`card import-status${error ? ' failed' : ''}`} aria-label={`Import of ${file.name}`}>
      <h3>
        {error ? 'Not imported' : 'Imported'}: {file.name}
      </h3>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {s ? (
        <>
          <p>
            <strong>{plural(s.imported, 'new booking')}</strong>, {count(s.duplicates)} already imported,{' '}
            {count(s.skipped)} skipped, of {count(s.seen)} read{' '}
            <small>
              (read as {s.variant}, {s.encoding})
            </small>
          </p>
          {/* "Already imported on …" tells why nothing is new; after new bookings it would only puzzle. */}
          {s.note && (s.imported === 0 || s.resumedAfter !== null) ? (
            <p className="note">{s.note.charAt(0).toUpperCase() + s.note.slice(1)}.</p>
          ) : null}
          <Skips skips={s.skips} skipped={s.skipped} open />
          {needsMapping(s) ? (
            <p>
              No bank's layout fits this file's columns. Map them once: vrm then reads this bank's files with
              your mapping.{' '}
              <button type="button" onClick={onMap}>
                Map its columns
              </button>
            </p>
          ) : null}
          {s.imported > 0 ? (
            <p>
              <a href="#/money/bookings">See the bookings</a>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** `#/money/import`: statement files chosen in the browser, sent one after the other, each summarised. */
export function StatementImport() {
  const mappings = useLoad(() => api('listCsvMappings'), []);
  const [files, setFiles] = useState<File[]>([]);
  const [options, setOptions] = useState<Required<StatementUploadOptions>>({
    format: '',
    preset: '',
    mapping: '',
    currency: '',
    dateOrder: '',
    account: '',
  });
  const [running, setRunning] = useState<{ name: string; index: number; total: number } | undefined>();
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [problem, setProblem] = useState('');
  const [mapping, setMapping] = useState<number | undefined>();
  const set = (key: keyof StatementUploadOptions) => (value: string) =>
    setOptions((o) => ({ ...o, [key]: value }));

  const send = async (file: File, extra: StatementUploadOptions = {}): Promise<Outcome> => {
    const given = Object.fromEntries(
      Object.entries({ ...options, ...extra }).filter(([, value]) => value.trim() !== ''),
    );
    try {
      return { file, summary: await uploadStatement(file, given) };
    } catch (e) {
      return { file, error: e instanceof Error ? e.message : String(e) };
    }
  };

  const importAll = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem('');
    if (files.length === 0) {
      setProblem('Choose one or more statement files first: OFX, QFX, QIF, CAMT (XML) or CSV.');
      return;
    }
    setOutcomes([]);
    setMapping(undefined);
    const done: Outcome[] = [];
    for (const [index, file] of files.entries()) {
      setRunning({ name: file.name, index: index + 1, total: files.length });
      done.push(await send(file));
      setOutcomes([...done]);
    }
    setRunning(undefined);
  };

  const mapped = async (index: number, name: string) => {
    const outcome = outcomes[index];
    setMapping(undefined);
    mappings.reload();
    if (!outcome) return;
    setRunning({ name: outcome.file.name, index: 1, total: 1 });
    const again = await send(outcome.file, { mapping: name, preset: '' });
    setOutcomes((list) => list.map((o, i) => (i === index ? again : o)));
    setRunning(undefined);
  };

  const mappingFile = mapping === undefined ? undefined : outcomes[mapping]?.file;
  return (
    <section>
      <h2 className="page-title">Import statements</h2>
      <p className="lead">
        Download a statement from your bank's online banking (OFX or QFX, QIF, CAMT XML or CSV) and choose it
        here. Each booking is kept once, however often a file is imported; a record that cannot be read is
        named with its file and line, and the rest are kept.
      </p>
      <form
        className="card form"
        aria-label="Import statements"
        onSubmit={(e) => void importAll(e)}
        noValidate
      >
        <div className="fields">
          <div className="field">
            <label htmlFor="money-files">Statement files</label>
            <input
              id="money-files"
              type="file"
              multiple
              accept=".ofx,.qfx,.qif,.xml,.camt,.csv,.txt"
              onChange={(e) => setFiles([...(e.target.files ?? [])])}
            />
            <small className="hint">
              {files.length > 0
                ? `Chosen: ${files.map((f) => f.name).join(', ')}`
                : 'One or more files, up to 100 MB each'}
            </small>
          </div>
        </div>
        <details className="advanced">
          <summary>Advanced options: only when a file cannot say it itself</summary>
          <div className="fields">
            <Field
              label="Format"
              name="format"
              value={options.format}
              onChange={set('format')}
              options={FORMAT_OPTIONS}
            />
            <Field
              label="Bank's CSV layout"
              name="preset"
              value={options.preset}
              onChange={set('preset')}
              options={[
                ['', 'Tell by the columns'],
                ...Object.entries(CSV_PRESETS).map(([id, p]) => [id, p.label] as const),
              ]}
            />
            <Field
              label="Your own column mapping"
              name="mapping"
              value={options.mapping}
              onChange={set('mapping')}
              options={[['', 'None'], ...(mappings.data ?? []).map((m) => m.name)]}
              hint="For a bank's CSV no layout above fits"
            />
            <Field
              label="Currency"
              name="currency"
              value={options.currency}
              onChange={set('currency')}
              hint="For QIF and CSV files that do not say it: EUR, GBP, USD…"
            />
            <Field
              label="Dates"
              name="dateOrder"
              value={options.dateOrder}
              onChange={set('dateOrder')}
              options={[
                ['', 'Tell by the dates in the file'],
                ['dmy', 'Dates are written day first (31/01/2026)'],
                ['mdy', 'Dates are written month first (01/31/2026)'],
              ]}
            />
            <Field
              label="Account"
              name="account"
              value={options.account}
              onChange={set('account')}
              hint="For QIF and CSV files that do not name it: its IBAN, or a name of yours"
            />
          </div>
        </details>
        {problem ? (
          <p className="error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" disabled={running !== undefined}>
            {running ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      {running ? (
        <p className="card import-status" role="status">
          Importing {running.name}…{' '}
          {running.total > 1 ? `${String(running.index)} of ${String(running.total)} files` : ''}
        </p>
      ) : null}
      {outcomes.map((o, i) => (
        <OutcomeCard key={`${String(i)}-${o.file.name}`} outcome={o} onMap={() => setMapping(i)} />
      ))}
      {mapping !== undefined && mappingFile ? (
        <MappingForm
          file={mappingFile}
          currency={options.currency}
          onSaved={(name) => void mapped(mapping, name)}
          onCancel={() => setMapping(undefined)}
        />
      ) : null}
      <SavedMappings mappings={mappings.data ?? []} onChanged={mappings.reload} />
    </section>
  );
}
