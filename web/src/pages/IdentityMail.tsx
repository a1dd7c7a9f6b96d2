import { useState } from 'react';
import { api, type ApiOutput } from '../api';
import { dateText } from '../format';
import { useLoad } from '../useLoad';

type Identity = ApiOutput<'listIdentities'>[number];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * One identity's mail, the way an alias service lists an alias's contacts: each sender with its
 * count and last date, top first, then "more"; and switching the identity off or on.
 */
export function IdentityMail({ identity, changed }: { identity: Identity; changed: () => void }) {
  const [limit, setLimit] = useState(10);
  const mail = useLoad(
    () => api('identityMail', { id: identity.id, query: { limit } }),
    [identity.id, limit],
  );
  const [existing, setExisting] = useState(false);
  const [problem, setProblem] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const off = identity.switchedOffAt !== null;
  const switchIt = (body: { off: boolean; existing?: boolean }) => {
    setBusy(true);
    setProblem('');
    api('switchIdentity', { id: identity.id, body })
      .then((r) => {
        setNotice(
          `${body.off ? 'Switched off' : 'Switched on'}: ${plural(r.moved, 'message')} moved${body.off ? ' to the folder “switched off”' : ''}.`,
        );
        changed();
        mail.reload();
      })
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  const m = mail.data;
  return (
    <section className="card" aria-label={`Mail to ${identity.value}`}>
      <h3>Mail to {identity.value}</h3>
      {m ? (
        <p>
          {plural(m.messages, 'message')} from {plural(m.senders, 'sender')}
          {m.lastAt ? `, the last on ${dateText(m.lastAt)}` : ''}.
        </p>
      ) : null}
      {m && m.senderList.length > 0 ? (
        <table aria-label={`Senders to ${identity.value}`}>
          <thead>
            <tr>
              <th scope="col">Sender</th>
              <th scope="col">Who</th>
              <th scope="col">Messages</th>
              <th scope="col">Last</th>
            </tr>
          </thead>
          <tbody>
            {m.senderList.map((s) => (
              <tr key={s.address ?? ''}>
                <td>
                  <code>{s.address ?? '(no address)'}</code>
                </td>
                <td>
                  {s.label}
                  {s.leak ? <span className="badge warn"> suspected leak</span> : null}
                </td>
                <td>{s.messages}</td>
                <td>{s.lastAt ? dateText(s.lastAt) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {m && m.moreSenders > 0 ? (
        <button type="button" className="small secondary" onClick={() => setLimit(500)}>
          Show {plural(m.moreSenders, 'more sender')}
        </button>
      ) : null}
      {identity.kind === 'email' ? (
        <div className="actions">
          {off ? (
            <>
              <span>
                Switched off on {dateText(identity.switchedOffAt ?? '')}: its mail goes to the folder
                “switched off”.{' '}
              </span>
              <button type="button" disabled={busy} onClick={() => switchIt({ off: false })}>
                Switch on
              </button>
            </>
          ) : (
            <>
              <label>
                <input type="checkbox" checked={existing} onChange={(e) => setExisting(e.target.checked)} />{' '}
                Move the mail it already has too
              </label>
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => switchIt({ off: true, existing })}
              >
                Switch off
              </button>
            </>
          )}
        </div>
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {problem || mail.error ? (
        <p className="error" role="alert">
          {problem || mail.error}
        </p>
      ) : null}
    </section>
  );
}
