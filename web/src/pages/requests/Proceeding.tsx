import { useState } from 'react';
import { api, ApiError, downloadFile, documentUrl, requestFile } from '../../api';
import { dateText, plural } from '../../format';
import { useLoad } from '../../useLoad';
import { StatusBadge } from '../Requests';
import { ComparisonView } from './Comparison';
import {
  AdmonishForm,
  AnsweredForm,
  ComplainForm,
  EditForm,
  ExtensionForm,
  FromMailForm,
  ImportForm,
  ReceivedForm,
  SentForm,
} from './Forms';
import { CHANNEL_WORDS, MESSAGE_WORDS, kindName, type Proceeding } from './words';

type Open =
  | 'edit'
  | 'sent'
  | 'extension'
  | 'answered'
  | 'import'
  | 'mail'
  | 'received'
  | 'admonish'
  | 'complain'
  | undefined;

/** The drafted message as it will go, and what sends it: by e-mail, as a letter, or a web form. */
function Draft({
  p,
  open,
  setOpen,
  act,
}: {
  p: Proceeding;
  open: Open;
  setOpen: (o: Open) => void;
  act: (work: () => Promise<unknown>) => void;
}) {
  const [copied, setCopied] = useState('');
  const pending = [...p.messages].reverse().find((m) => m.state === 'drafted');
  if (!pending) return null;
  const channel = pending.channel ?? p.channel;
  const complaint = pending.kind === 'complaint';
  return (
    <section className="card" aria-labelledby="draft">
      <div className="section-head">
        <h2 id="draft">
          {MESSAGE_WORDS[pending.kind]} to send{channel ? ` by ${CHANNEL_WORDS[channel]}` : ''}
        </h2>
        <span className="actions">
          {pending.kind === 'request' ? (
            <button
              type="button"
              className="small secondary"
              aria-expanded={open === 'edit'}
              onClick={() => setOpen('edit')}
            >
              Edit
            </button>
          ) : null}
          {channel === 'email' && !complaint ? (
            <button
              type="button"
              className="small"
              onClick={() => act(() => api('sendRequest', { id: p.id }))}
            >
              Send
            </button>
          ) : null}
          {channel === 'letter' && !complaint ? (
            <button
              type="button"
              className="small secondary"
              onClick={() => act(() => downloadFile(requestFile('requestLetter', p.id)))}
            >
              Letter (PDF)
            </button>
          ) : null}
          {complaint ? (
            <button
              type="button"
              className="small secondary"
              onClick={() => act(() => downloadFile(requestFile('requestBundle', p.id)))}
            >
              Complaint with its history (PDF)
            </button>
          ) : null}
          {channel === 'web_form' || complaint ? (
            <button
              type="button"
              className="small secondary"
              onClick={() =>
                void navigator.clipboard
                  .writeText(pending.body)
                  .then(() => setCopied('Text copied.'))
                  .catch(() => setCopied('Copying was refused: select the text and copy it.'))
              }
            >
              Copy the text
            </button>
          ) : null}
          {channel !== 'email' || complaint ? (
            <button
              type="button"
              className="small"
              aria-expanded={open === 'sent'}
              onClick={() => setOpen('sent')}
            >
              {channel === 'letter' ? 'Mark posted' : 'Mark done'}
            </button>
          ) : null}
        </span>
      </div>
      {copied ? <p role="status">{copied}</p> : null}
      {p.problem ? <p className="error">{p.problem}</p> : null}
      {p.notes.map((n) => (
        <p key={n} className="hint">
          {n}
        </p>
      ))}
      <p>
        {p.from ? <>From {p.from} </> : null}
        {(pending.recipient ?? p.recipient) ? (
          channel === 'web_form' ? (
            <>
              to{' '}
              <a href={pending.recipient ?? p.recipient ?? '#'} target="_blank" rel="noreferrer">
                {pending.recipient ?? p.recipient}
              </a>
            </>
          ) : (
            <>to {(pending.recipient ?? p.recipient ?? '').split('\n')[0]}</>
          )
        ) : null}
      </p>
      <pre className="request-text" aria-label={`${MESSAGE_WORDS[pending.kind]} to ${p.provider}`}>
        {`${pending.subject}\n\n${pending.body}`}
      </pre>
    </section>
  );
}

/** One proceeding: its header, deadlines, thread, draft, the steps it can take, and the comparison. */
export function ProceedingPage({ id }: { id: number }) {
  const { data: p, error, reload } = useLoad(() => api('getRequest', { id }), [id]);
  const compared = useLoad(() => api('requestComparison', { id }), [id, p?.answers.length]);
  const [open, setOpen] = useState<Open>();
  const [message, setMessage] = useState('');
  if (error)
    return (
      <section>
        <h1>Data request</h1>
        <p className="error" role="alert">
          {error}
        </p>
        <p>
          <a href="#/requests">All your data requests</a>
        </p>
      </section>
    );
  if (!p) return <p className="loading">Loading…</p>;
  const done = () => {
    setOpen(undefined);
    reload();
  };
  const act = (work: () => Promise<unknown>) => {
    setMessage('');
    work()
      .then(reload)
      .catch((e: unknown) => setMessage(e instanceof ApiError ? e.message : String(e)));
  };
  const sent = p.sentOn !== null;
  const closed = p.state === 'done' || p.state === 'withdrawn';
  const step = (which: Open, label: string, primary = false) => (
    <button
      type="button"
      className={`small${primary ? '' : ' secondary'}`}
      aria-expanded={open === which}
      onClick={() => setOpen(open === which ? undefined : which)}
    >
      {label}
    </button>
  );
  const thread = p.messages.filter((m) => m.state !== 'drafted');
  return (
    <section className="proceeding">
      <p className="crumbs">
        <a href="#/requests">Requests</a> › {p.provider}
      </p>
      <div className="page-head">
        <h1>
          {kindName(p.kind)} · {p.provider}
        </h1>
      </div>
      <p className="lead">
        <a href={`#/providers/${String(p.providerId)}`}>{p.provider}</a> · {p.title} · <StatusBadge p={p} />
        {p.dueOn ? <> · answer due {dateText(p.dueOn)}</> : null}
      </p>
      <p className="notice">{p.next}</p>
      {message ? (
        <p className="error" role="alert">
          {message}
        </p>
      ) : null}

      {open === 'edit' ? <EditForm p={p} done={done} /> : null}
      {open === 'sent' ? <SentForm p={p} done={done} /> : null}
      <Draft p={p} open={open} setOpen={setOpen} act={act} />

      {sent && !closed ? (
        <section className="card" aria-labelledby="steps">
          <h2 id="steps">What happened</h2>
          <p className="actions">
            {step('import', 'Import their answer', true)}
            {step('mail', 'Their answer is in my mail')}
            {step('answered', 'Mark answered')}
            {step('received', 'They wrote')}
            {step('extension', 'They asked for more time')}
            {step('admonish', 'Admonish')}
            {step('complain', 'Complain')}
            <button
              type="button"
              className="small secondary"
              onClick={() => act(() => api('requestDone', { id: p.id, body: {} }))}
            >
              Done
            </button>
            <button
              type="button"
              className="small secondary"
              onClick={() => act(() => api('withdrawRequest', { id: p.id, body: {} }))}
            >
              Withdraw
            </button>
          </p>
          {open === 'import' ? <ImportForm p={p} done={done} /> : null}
          {open === 'answered' ? <AnsweredForm p={p} done={done} /> : null}
          {open === 'mail' ? <FromMailForm p={p} done={done} /> : null}
          {open === 'received' ? <ReceivedForm p={p} done={done} /> : null}
          {open === 'extension' ? <ExtensionForm p={p} done={done} /> : null}
          {open === 'admonish' ? <AdmonishForm p={p} done={done} /> : null}
          {open === 'complain' ? <ComplainForm p={p} done={done} /> : null}
        </section>
      ) : null}
      {!sent && !closed ? (
        <p>
          <button
            type="button"
            className="small secondary"
            onClick={() => act(() => api('withdrawRequest', { id: p.id, body: {} }))}
          >
            Withdraw
          </button>
        </p>
      ) : null}

      {p.deadlines.length > 0 ? (
        <section className="card" aria-labelledby="deadlines">
          <h2 id="deadlines">Deadlines</h2>
          <ul className="list">
            {p.deadlines.map((d) => (
              <li key={d.label}>
                <strong>{d.label}</strong>: {dateText(d.day)}
                <details>
                  <summary>How it was counted</summary>
                  <p>{d.explanation}</p>
                </details>
              </li>
            ))}
          </ul>
          {p.extension ? (
            <p className={p.extension.counts ? 'hint' : 'error'}>
              Extension notice of {dateText(p.extension.on)}: {p.extension.explanation}
            </p>
          ) : null}
        </section>
      ) : null}

      {compared.data ? (
        <section className="card" aria-labelledby="comparison">
          <h2 id="comparison">What their answer holds against what you gave</h2>
          <ComparisonView comparison={compared.data} providerId={p.providerId} />
        </section>
      ) : null}

      {thread.length > 0 ? (
        <section className="card" aria-labelledby="thread">
          <h2 id="thread">Messages</h2>
          <ol className="thread">
            {thread.map((m) => (
              <li key={m.id} className={m.direction}>
                <strong>{MESSAGE_WORDS[m.kind]}</strong>{' '}
                <small>
                  {m.direction === 'in' ? 'from them' : 'from you'}
                  {m.on ? `, ${dateText(m.on)}` : ''}
                  {m.channel ? `, by ${CHANNEL_WORDS[m.channel]}` : ''}
                </small>
                <details>
                  <summary>{m.subject}</summary>
                  <pre>{m.body}</pre>
                </details>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {p.answers.length > 0 ? (
        <section className="card" aria-labelledby="answers">
          <h2 id="answers">Their answers</h2>
          {p.answers.map((a) => (
            <div key={a.id}>
              <p>
                <strong>{a.name}</strong>{' '}
                <small>
                  imported {dateText(a.importedAt)}, {plural(a.findings, 'item')} found
                </small>
              </p>
              <ul className="list">
                {a.files.map((f) => (
                  <li key={f.documentId}>
                    <a href={documentUrl(f.documentId)} download={f.path.split('/').pop()}>
                      {f.path}
                    </a>
                  </li>
                ))}
                {a.problems.map((x) => (
                  <li key={`${x.file}:${x.message}`} className="error">
                    {x.file}: {x.message}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
    </section>
  );
}
