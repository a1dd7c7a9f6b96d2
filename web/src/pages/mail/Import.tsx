import { useEffect, useState } from 'react';
import { api, uploadMail, type ApiOutput } from '../../api';
import { Field, FormShell, useSubmit } from '../../components/Form';
import { dateTimeText } from '../../format';
import { useLoad } from '../../useLoad';
import { bytes, count, duration, errorText, ErrorLine, plural } from './common';

import { Sources, type StartBody } from './ImportSources';
type ImportRow = ApiOutput<'getMailImport'>;
type PastImport = ApiOutput<'listMailImports'>[number];
type Kind = '' | 'mbox' | 'maildir' | 'eml';

const POLL_MS = 500;

const tookMs = (row: Pick<PastImport, 'startedAt' | 'finishedAt'>): number | null =>
  row.finishedAt ? Date.parse(row.finishedAt) - Date.parse(row.startedAt) : null;

const rate = (n: number, ms: number): string =>
  ms > 0 ? `${count(Math.round((n * 1000) / ms))} messages a second` : '';

function Skips({ skips }: { skips: PastImport['skips'] }) {
  if (skips.length === 0) return null;
  return (
    <details className="skips">
      <summary>{plural(skips.length, 'skipped message')}: why</summary>
      <ul className="problems" aria-label="Skipped messages">
        {skips.map((s, i) => (
          <li key={i}>
            <code>{s.location}</code>: {s.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** A running import's progress bar and counts, then its summary with every skip and its reason. */
function ImportStatus({ row }: { row: ImportRow }) {
  const p = row.progress;
  const counts = `${count(row.seen)} seen · ${count(row.imported)} imported · ${count(row.duplicates)} duplicates · ${count(row.skipped)} skipped`;
  if (row.status === 'running') {
    const fraction = p?.total ? Math.min(1, p.done / p.total) : undefined;
    return (
      <section className="card import-status" role="status" aria-label="Import progress">
        <h3>Importing {row.location}…</h3>
        <progress
          max={1}
          value={fraction}
          aria-label={
            fraction === undefined ? 'Import progress' : `Import progress, ${Math.round(fraction * 100)}%`
          }
        />
        <p>
          {p
            ? p.unit === 'bytes'
              ? `${bytes(p.done)}${p.total ? ` of ${bytes(p.total)}` : ''}`
              : `${count(p.done)}${p.total ? ` of ${count(p.total)}` : ''} messages`
            : 'Starting…'}
          {fraction !== undefined ? ` (${Math.round(fraction * 100)}%)` : ''}
          {p ? ` · ${rate(p.seen, p.elapsedMs)} · ${duration(p.elapsedMs)}` : ''}
        </p>
        <p className="counts">
          {p
            ? `${count(p.seen)} seen · ${count(p.imported)} imported · ${count(p.duplicates)} duplicates · ${count(p.skipped)} skipped`
            : counts}
        </p>
      </section>
    );
  }
  const took = tookMs(row);
  return (
    <section
      className={`card import-status ${row.status}`}
      role="status"
      aria-label={row.status === 'done' ? 'Import summary' : 'Import failed'}
    >
      <h3>
        {row.status === 'done' ? 'Imported' : 'The import failed'}: {row.location}
      </h3>
      {row.status === 'failed' ? <p className="error">{row.error}</p> : null}
      <p>
        <strong>{plural(row.imported, 'new message')}</strong>, {count(row.duplicates)} already stored,{' '}
        {count(row.skipped)} skipped, of {count(row.seen)} read
        {took !== null ? ` in ${duration(took)}${row.seen > 0 ? ` (${rate(row.seen, took)})` : ''}` : ''}.
      </p>
      {row.imported > 0 ? (
        <p>
          <a href="#/mail">See the inbox</a> · <a href="#/mail/leaks">Leaks</a>
        </p>
      ) : null}
      <Skips skips={row.skips} />
    </section>
  );
}

function PathForm({ onStarted }: { onStarted: (importId: number) => void }) {
  const [path, setPath] = useState('');
  const [kind, setKind] = useState<Kind>('');
  const [full, setFull] = useState(false);
  const form = useSubmit(
    () =>
      api('startMailImport', {
        body: { path, kind: kind === '' ? undefined : kind, full: full || undefined },
      }),
    (r) => onStarted(r.importId),
  );
  return (
    <FormShell
      title="Import a file or folder"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Import"
    >
      <Field
        label="Path on this machine"
        name="path"
        value={path}
        onChange={setPath}
        required
        error={form.errors.path}
        hint="An mbox (Google Takeout, Thunderbird), a Maildir folder, or one .eml file, in your home folder or a folder named with vrm serve --import-folder"
      />
      <Field
        label="Kind"
        name="kind"
        value={kind}
        onChange={(k) => setKind(k as Kind)}
        options={[
          ['', 'Tell by the file'],
          ['mbox', 'mbox'],
          ['maildir', 'Maildir folder'],
          ['eml', 'One .eml message'],
        ]}
      />
      <label className="check">
        <input type="checkbox" checked={full} onChange={(e) => setFull(e.target.checked)} /> Read an mbox from
        its start, even where an earlier import got further
      </label>
    </FormShell>
  );
}

/** A file chosen in the browser and sent as it is: for mail that is not in a folder the server reads. */
function UploadForm({ onStarted }: { onStarted: (importId: number) => void }) {
  const [file, setFile] = useState<File | undefined>();
  const [kind, setKind] = useState<'' | 'mbox' | 'eml'>('');
  const [sent, setSent] = useState<{ sent: number; total: number } | undefined>();
  const [over, setOver] = useState(false);
  const form = useSubmit(
    () =>
      file
        ? uploadMail(file, kind === '' ? undefined : kind, (s, total) => setSent({ sent: s, total }))
        : Promise.reject(new Error('Choose the file to upload first, or drop it on the box.')),
    (r) => onStarted(r.importId),
  );
  const percent = sent && sent.total > 0 ? Math.round((sent.sent / sent.total) * 100) : 0;
  return (
    <FormShell
      title="Upload a file"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Upload and import"
    >
      <div
        className={`field drop-zone${over ? ' over' : ''}`}
        aria-label="Drop a mail file here"
        role="group"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const dropped = e.dataTransfer.files[0];
          if (dropped) {
            setFile(dropped);
            setSent(undefined);
          }
        }}
      >
        <label htmlFor="mail-upload-file">File (an mbox or one .eml, up to 200 MB)</label>
        <input
          id="mail-upload-file"
          type="file"
          accept=".mbox,.mbx,.eml,message/rfc822,application/mbox"
          onChange={(e) => {
            setFile(e.target.files?.[0]);
            setSent(undefined);
          }}
        />
        <small>{file ? `Chosen: ${file.name}` : 'Or drop the file here.'}</small>
      </div>
      {sent ? (
        <p role="status" aria-label="Upload progress">
          <progress max={100} value={percent} aria-label={`Upload progress, ${percent}%`} /> Sent {percent}%
          {percent === 100 ? ': importing…' : ''}
        </p>
      ) : null}
      <Field
        label="Kind"
        name="upload-kind"
        value={kind}
        onChange={(k) => setKind(k as '' | 'mbox' | 'eml')}
        options={[
          ['', 'Tell by the file'],
          ['mbox', 'mbox'],
          ['eml', 'One .eml message'],
        ]}
      />
    </FormShell>
  );
}

function PastImports({ rows }: { rows: readonly PastImport[] }) {
  return (
    <section className="card" aria-labelledby="mail-past">
      <h3 id="mail-past">Past imports</h3>
      {rows.length === 0 ? (
        <p className="empty">No import yet.</p>
      ) : (
        <table aria-label="Past imports">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">From</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Read
              </th>
              <th scope="col" className="num">
                New
              </th>
              <th scope="col" className="num">
                Duplicates
              </th>
              <th scope="col" className="num">
                Skipped
              </th>
              <th scope="col" className="num">
                Took
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const took = tookMs(r);
              return (
                <tr key={r.id}>
                  <td>{dateTimeText(r.startedAt)}</td>
                  <td className="change">
                    <code>{r.location}</code>
                    <Skips skips={r.skips} />
                  </td>
                  <td>
                    <span
                      className={`badge ${r.status === 'done' ? 'resolved' : r.status === 'failed' ? 'open' : 'waiting'}`}
                    >
                      {r.status}
                    </span>
                    {r.error ? <small className="error"> {r.error}</small> : null}
                  </td>
                  <td className="num">{count(r.seen)}</td>
                  <td className="num">{count(r.imported)}</td>
                  <td className="num">{count(r.duplicates)}</td>
                  <td className="num">{count(r.skipped)}</td>
                  <td className="num">{took === null ? '' : duration(took)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ImportView() {
  const imports = useLoad(() => api('listMailImports'), []);
  const sources = useLoad(() => api('listMailSources'), []);
  const [current, setCurrent] = useState<number | undefined>();
  const [row, setRow] = useState<ImportRow | undefined>();
  const [problem, setProblem] = useState('');
  const running = row?.status === 'running';

  // An import started earlier (another tab, before a reload) and still running: watch it too.
  useEffect(() => {
    const live = imports.data?.find((r) => r.status === 'running');
    if (live && current === undefined) setCurrent(live.id);
  }, [imports.data]);

  // Poll the import every 500 ms until it ends; then the lists show it.
  useEffect(() => {
    if (current === undefined) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      api('getMailImport', { id: current })
        .then((next) => {
          if (stopped) return;
          setRow(next);
          if (next.status === 'running') timer = setTimeout(poll, POLL_MS);
          else {
            imports.reload();
            sources.reload();
          }
        })
        .catch((e: unknown) => {
          if (!stopped) setProblem(errorText(e));
        });
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [current]);

  const start = (body: StartBody) => {
    setProblem('');
    api('startMailImport', { body })
      .then((r) => {
        setRow(undefined);
        setCurrent(r.importId);
      })
      .catch((e: unknown) => setProblem(errorText(e)));
  };

  return (
    <div>
      <h2 className="page-title">Import</h2>
      <p>
        Mail is read from a file you upload, a file or folder on this machine, or your own mail server, and
        kept in the encrypted store. A message already stored is recognised and skipped; a bad message is
        skipped with its reason, and the rest import.
      </p>
      <UploadForm
        onStarted={(id) => {
          setRow(undefined);
          setCurrent(id);
        }}
      />
      <PathForm
        onStarted={(id) => {
          setRow(undefined);
          setCurrent(id);
        }}
      />
      <ErrorLine text={problem || imports.error || sources.error} />
      {row ? <ImportStatus row={row} /> : current !== undefined ? <p className="loading">Starting…</p> : null}
      <Sources sources={sources.data ?? []} busy={running} onImport={start} onChanged={sources.reload} />
      <PastImports rows={imports.data ?? []} />
    </div>
  );
}
