import { useState } from 'react';
import { api, ApiError } from '../../api';
import { dateText, plural } from '../../format';
import { useLoad } from '../../useLoad';
import { RequestTable } from '../Requests';
import { STATUS_WORDS, type Proceeding } from './words';

/** A request campaign: counts per status as a bar with its words, and each provider's request. */
export function RequestCampaignPage({ id }: { id: number }) {
  const { data: c, error, reload } = useLoad(() => api('getRequestCampaign', { id }), [id]);
  const [sending, setSending] = useState(false);
  const [said, setSaid] = useState('');
  if (error)
    return (
      <section>
        <h1>Request campaign</h1>
        <p className="error" role="alert">
          {error}
        </p>
      </section>
    );
  if (!c) return <p className="loading">Loading…</p>;
  const total = c.proceedings.length;
  const ready = c.proceedings.filter(
    (p) => p.state === 'drafted' && p.channel === 'email' && p.problem === null,
  );
  const send = () => {
    setSending(true);
    setSaid('');
    api('sendRequestCampaign', { id })
      .then((answer) => {
        const sent = answer.sent.filter((o) => o.state === 'sent').length;
        const failed = answer.sent.length - sent;
        setSaid(
          `Sent ${plural(sent, 'e-mail')}${failed > 0 ? `; ${plural(failed, 'e-mail')} did not go: see each request` : ''}.`,
        );
      })
      .catch((e: unknown) => setSaid(e instanceof ApiError ? e.message : String(e)))
      .finally(() => {
        setSending(false);
        reload();
      });
  };
  const counts = Object.entries(c.progress) as [Proceeding['status'], number][];
  return (
    <section>
      <p className="crumbs">
        <a href="#/requests">Requests</a> › {c.scope}
      </p>
      <div className="page-head">
        <h1>{c.title}</h1>
        {ready.length > 0 ? (
          <button type="button" disabled={sending} onClick={send}>
            {sending ? 'Sending…' : 'Send all e-mails'}
          </button>
        ) : null}
      </div>
      {said ? (
        <p className="notice" role="status">
          {said}
        </p>
      ) : null}
      <p className="lead">
        Asked {c.scope}, on {dateText(c.createdAt)}: {plural(total, 'request')}. Letters and web forms are
        sent by you from each request, then marked sent.
      </p>
      <div className="status-bar" aria-hidden="true">
        {counts.map(([status, n]) => (
          <span
            key={status}
            className={`badge ${STATUS_WORDS[status][1]}`}
            style={{ flexGrow: n }}
            title={`${String(n)} ${STATUS_WORDS[status][0]}`}
          />
        ))}
      </div>
      <p className="counts">
        {counts.map(([status, n]) => `${String(n)} ${STATUS_WORDS[status][0]}`).join(' · ')}
      </p>
      {c.skipped.length > 0 ? (
        <div className="notice">
          <p>Not asked:</p>
          <ul>
            {c.skipped.map((s) => (
              <li key={s.provider}>
                {s.provider}: {s.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <RequestTable requests={c.proceedings} caption="The requests of this campaign" />
    </section>
  );
}
