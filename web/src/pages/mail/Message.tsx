import { useEffect, useState } from 'react';
import { api, type ApiOutput } from '../../api';
import { dateTimeText } from '../../format';
import { useLoad } from '../../useLoad';
import { ATTENTION, ATTENTION_LABEL, bytes, errorText, ErrorLine, type Attention } from './common';

type Message = ApiOutput<'getMessage'>;

const HOW: Record<string, string> = {
  exact: 'exactly',
  'tag-added': 'with a tag added',
  'unknown-tag': 'by an unknown tag on your mailbox',
  'catchall-unknown': 'at your catch-all domain, an address never given',
};

/** Moves a message by hand: attention, folder, mute, flag. Rules then leave it where you put it. */
function Placement({ message, onPlaced }: { message: Message; onPlaced: (m: Message) => void }) {
  const [attention, setAttention] = useState<Attention>(message.attention);
  const [folder, setFolder] = useState(message.folder);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    setAttention(message.attention);
    setFolder(message.folder);
  }, [message]);
  const place = (body: { attention?: Attention; folder?: string; muted?: boolean; flagged?: boolean }) => {
    setBusy(true);
    setError('');
    api('placeMessage', { id: message.id, body })
      .then(onPlaced)
      .catch((e: unknown) => setError(errorText(e)))
      .finally(() => setBusy(false));
  };
  return (
    <form
      className="card form"
      aria-label="Move this message"
      onSubmit={(e) => {
        e.preventDefault();
        place({ attention, folder: folder.trim() });
      }}
    >
      <h2>Move it</h2>
      <p className="hint">Placed by hand, it stays where you put it when the rules run again.</p>
      <div className="fields">
        <div className="field">
          <label htmlFor="place-attention">Attention</label>
          <select
            id="place-attention"
            value={attention}
            onChange={(e) => setAttention(e.target.value as Attention)}
          >
            {ATTENTION.map((a) => (
              <option key={a} value={a}>
                {ATTENTION_LABEL[a]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="place-folder">Folder</label>
          <input id="place-folder" value={folder} onChange={(e) => setFolder(e.target.value)} />
        </div>
      </div>
      <ErrorLine text={error} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          Move
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => place({ muted: message.muted !== 1 })}
        >
          {message.muted === 1 ? 'Unmute' : 'Mute'}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => place({ flagged: message.flagged !== 1 })}
        >
          {message.flagged === 1 ? 'Unflag' : 'Flag'}
        </button>
      </div>
    </form>
  );
}

export function MessageView({ id }: { id: number }) {
  const { data, error } = useLoad(() => api('getMessage', { id }), [id]);
  const [message, setMessage] = useState<Message | undefined>();
  useEffect(() => setMessage(data), [data]);
  if (error)
    return (
      <>
        <ErrorLine text={error} />
        <p>
          <a href="#/mail">Back to the inbox</a>
        </p>
      </>
    );
  if (!message) return <p className="loading">Loading…</p>;
  const m = message;
  return (
    <article className="mail-message" aria-labelledby="message-subject">
      <p className="crumbs">
        <a href={`#/mail/in/${m.attention}`}>{ATTENTION_LABEL[m.attention]}</a> ·{' '}
        <a href={`#/mail/folder/${encodeURIComponent(m.folder)}`}>{m.folder}</a>
      </p>
      <h1 id="message-subject">{m.subject || '(no subject)'}</h1>
      {m.leak === 1 ? (
        <div className="leak-banner" role="note" aria-label="Suspected leak">
          <strong>Suspected leak.</strong> {m.identityAddress} was given only to{' '}
          {m.identityProviderName ?? 'its provider'}, yet {m.senderLabel} wrote to it.{' '}
          {m.leakEventId !== null ? <a href={`#/mail/leaks/${m.leakEventId}`}>See the leak event</a> : null}
        </div>
      ) : null}
      <dl className="facts">
        <dt>Date</dt>
        <dd>{m.sentAt ? dateTimeText(m.sentAt) : 'no date'}</dd>
        <dt>From</dt>
        <dd>{m.sender || '(nobody)'}</dd>
        <dt>To</dt>
        <dd>{m.recipients || '(nobody)'}</dd>
        <dt>Sent by</dt>
        <dd>
          {m.senderLabel} <small>· {m.senderEvidence}</small>
        </dd>
        <dt>Reached</dt>
        <dd>
          {m.identityAddress ? (
            <>
              <code>{m.identityAddress}</code> via {m.identityHeader ?? 'the headers'}
              {m.identityHow && HOW[m.identityHow] ? <small> · {HOW[m.identityHow]}</small> : null}
            </>
          ) : (
            'none of your identities'
          )}
        </dd>
        <dt>Placed</dt>
        <dd>
          {m.folder} · {ATTENTION_LABEL[m.attention]}
          {m.muted === 1 ? ' · muted' : ''}
          {m.flagged === 1 ? ' · flagged' : ''}
          {m.caseId !== null ? ` · linked to case ${m.caseId}` : ''}
        </dd>
        <dt>Why</dt>
        <dd>{m.ruleReason}</dd>
        <dt>Size</dt>
        <dd>
          {bytes(m.size)}
          {m.rawKept ? (
            <>
              {' · '}
              <a href={`/api/mail/messages/${m.id}/raw`} download={`message-${m.id}.eml`}>
                Download original (.eml)
              </a>
            </>
          ) : (
            <small> · the original was not kept (too large)</small>
          )}
        </dd>
      </dl>
      {m.warnings.length > 0 ? (
        <section aria-labelledby="message-warnings">
          <h2 id="message-warnings">Warnings</h2>
          <ul className="problems">
            {m.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {m.attachments.length > 0 ? (
        <section aria-labelledby="message-attachments">
          <h2 id="message-attachments">Attachments</h2>
          <table aria-label="Attachments">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">
                  Size
                </th>
              </tr>
            </thead>
            <tbody>
              {m.attachments.map((a, i) => (
                <tr key={i}>
                  <td>{a.filename ?? '(no name)'}</td>
                  <td>
                    {a.mimeType}
                    {a.disposition === 'inline' ? <small> · inline</small> : null}
                  </td>
                  <td className="num">{bytes(a.size)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">Only what they are is kept; open the original to get them.</p>
        </section>
      ) : null}
      <section aria-labelledby="message-text">
        <h2 id="message-text" className="visually-hidden">
          Text
        </h2>
        {m.body.trim() ? <pre className="mail-body">{m.body}</pre> : <p className="empty">No text.</p>}
      </section>
      <details className="mail-headers">
        <summary>Headers</summary>
        <pre>{m.headers}</pre>
      </details>
      <Placement message={m} onPlaced={setMessage} />
    </article>
  );
}
