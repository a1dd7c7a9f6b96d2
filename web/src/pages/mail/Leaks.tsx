import { useState } from 'react';
import { api, type ApiOutput } from '../../api';
import { Field, FormShell, useSubmit } from '../../components/Form';
import { dateText } from '../../format';
import { go } from '../../router';
import { useLoad } from '../../useLoad';
import { count, errorText, ErrorLine, MessageList, plural } from './common';
import { LeakNextSteps } from './LeakNextSteps';

type Leaks = ApiOutput<'mailLeaks'>;
type Graph = Leaks['graph'];

const STATUS_TEXT: Record<string, string> = { suspected: 'suspected leak', not_leak: 'not a leak' };

const short = (text: string, max = 30): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The leak graph: on the left the providers whose identity leaked, on the right who used it, an
 * edge per leak event, as thick as its message count; dashed grey when marked "not a leak".
 */
export function LeakGraph({ graph }: { graph: Graph }) {
  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const left = [...new Set(graph.edges.map((e) => e.from))];
  const right = [...new Set(graph.edges.map((e) => e.to))];
  const width = 760;
  const top = 34;
  const row = 44;
  const height = top + Math.max(left.length, right.length) * row + 8;
  const lx = 250;
  const rx = 510;
  const y = (i: number, n: number) => top + ((i + 0.5) * (height - top - 8)) / n;
  const yLeft = new Map(left.map((id, i) => [id, y(i, left.length)]));
  const yRight = new Map(right.map((id, i) => [id, y(i, right.length)]));
  const most = Math.max(1, ...graph.edges.map((e) => e.messages));
  const stroke = (messages: number) => 2 + 8 * (messages / most);
  const firstEvent = (to: string) => graph.edges.find((e) => e.to === to)?.eventId;
  return (
    <figure className="leak-graph" data-scroll="">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label="Leak graph: providers you gave an identity to, and who else used it"
      >
        <text x={lx} y={16} className="column" textAnchor="end">
          Given to
        </text>
        <text x={rx} y={16} className="column">
          Used by
        </text>
        {graph.edges.map((e) => {
          const y1 = yLeft.get(e.from) ?? 0;
          const y2 = yRight.get(e.to) ?? 0;
          const mid = (lx + rx) / 2;
          const words = `${labels.get(e.from) ?? e.from} → ${labels.get(e.to) ?? e.to}: ${plural(e.messages, 'message')}, ${STATUS_TEXT[e.status] ?? e.status}`;
          return (
            <a key={e.eventId} href={`#/mail/leaks/${e.eventId}`} aria-label={words}>
              <title>{words}</title>
              <path
                className={`edge ${e.status}`}
                d={`M ${lx + 8} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${rx - 8} ${y2}`}
                strokeWidth={stroke(e.messages)}
              />
              <text
                x={mid}
                y={(y1 + y2) / 2 - stroke(e.messages) / 2 - 4}
                textAnchor="middle"
                className="count"
              >
                {count(e.messages)}
              </text>
            </a>
          );
        })}
        {left.map((id) => {
          const cy = yLeft.get(id) ?? 0;
          const label = labels.get(id) ?? id;
          return (
            <g key={`l${id}`} className="node provider">
              <title>{label}</title>
              <circle cx={lx} cy={cy} r={7} />
              <text x={lx - 14} y={cy + 4} textAnchor="end">
                {short(label)}
              </text>
            </g>
          );
        })}
        {right.map((id) => {
          const cy = yRight.get(id) ?? 0;
          const label = labels.get(id) ?? id;
          return (
            <a
              key={`r${id}`}
              href={`#/mail/leaks/${firstEvent(id) ?? ''}`}
              className="node third-party"
              aria-label={`${label}: open its leak event`}
            >
              <title>{label}</title>
              <circle cx={rx} cy={cy} r={7} />
              <text x={rx + 14} y={cy + 4}>
                {short(label)}
              </text>
            </a>
          );
        })}
      </svg>
      <figcaption className="legend">
        <svg width="40" height="10" aria-hidden="true">
          <line x1="0" y1="5" x2="40" y2="5" className="edge suspected" strokeWidth="3" />
        </svg>{' '}
        suspected leak{' '}
        <svg width="40" height="10" aria-hidden="true">
          <line x1="0" y1="5" x2="40" y2="5" className="edge not_leak" strokeWidth="3" />
        </svg>{' '}
        marked not a leak · thicker: more messages · select an edge or a name to see its event
      </figcaption>
    </figure>
  );
}

export function LeaksView({ all }: { all: boolean }) {
  const { data, error } = useLoad(() => api('mailLeaks', { query: all ? { all: 'true' } : {} }), [all]);
  return (
    <div>
      <div className="page-head">
        <h2 className="page-title">Leaks</h2>
        <label className="check">
          <input
            type="checkbox"
            checked={all}
            onChange={(e) => go(e.target.checked ? 'mail/leaks/all' : 'mail/leaks')}
          />{' '}
          show senders marked not a leak
        </label>
      </div>
      <p>
        Each provider got an address of its own. When someone else writes to it, that address was passed on
        (or guessed): a leak, with the messages that prove it.
      </p>
      <ErrorLine text={error} />
      {!data && !error ? <p className="loading">Loading…</p> : null}
      {data && data.events.length === 0 ? (
        <p className="empty">
          No leak: nobody wrote to an address you gave only one provider, but that provider.
        </p>
      ) : null}
      {data && data.events.length > 0 ? (
        <>
          <LeakGraph graph={data.graph} />
          {data.providers.map((p) => (
            <section key={p.providerId} className="card" aria-labelledby={`leaks-${p.providerId}`}>
              <h3 id={`leaks-${p.providerId}`}>
                {p.name}{' '}
                <small>
                  · {plural(p.events.length, 'sender')}, {plural(p.messages, 'message')}
                </small>
              </h3>
              <table aria-label={`Leaks of ${p.name}`}>
                <thead>
                  <tr>
                    <th scope="col">Identity</th>
                    <th scope="col">Used by</th>
                    <th scope="col">First seen</th>
                    <th scope="col">Last seen</th>
                    <th scope="col" className="num">
                      Messages
                    </th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {p.events.map((e) => (
                    <tr
                      key={e.id}
                      className={`clickable ${e.status === 'not_leak' ? 'ended' : ''}`}
                      onClick={() => go(`mail/leaks/${e.id}`)}
                    >
                      <td>
                        <code>{e.identity}</code>
                      </td>
                      <td>
                        <a href={`#/mail/leaks/${e.id}`} onClick={(ev) => ev.stopPropagation()}>
                          {e.senderLabel}
                        </a>
                      </td>
                      <td>{dateText(e.firstSeen)}</td>
                      <td>{dateText(e.lastSeen)}</td>
                      <td className="num">{count(e.messageCount)}</td>
                      <td>
                        {e.status === 'not_leak' ? (
                          <span className="badge" title={e.allowedReason ?? ''}>
                            not a leak
                          </span>
                        ) : (
                          <span className="badge leak">suspected leak</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </>
      ) : null}
    </div>
  );
}

function NotLeakForm({ id, done }: { id: number; done: () => void }) {
  const [reason, setReason] = useState('');
  const form = useSubmit(() => api('markNotLeak', { id, body: { reason } }), done);
  return (
    <FormShell
      title="Not a leak"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Mark as not a leak"
    >
      <Field
        label="Why it is not a leak"
        name="reason"
        value={reason}
        onChange={setReason}
        required
        error={form.errors.reason}
        hint="Such as “Acme’s new mailing service”. The sender becomes an allowed sender of this provider."
      />
    </FormShell>
  );
}

export function LeakEvent({ id }: { id: number }) {
  const { data, error, reload } = useLoad(() => api('getMailLeak', { id }), [id]);
  const [problem, setProblem] = useState('');
  if (error)
    return (
      <>
        <ErrorLine text={error} />
        <p>
          <a href="#/mail/leaks">All leaks</a>
        </p>
      </>
    );
  if (!data) return <p className="loading">Loading…</p>;
  const notLeak = data.status === 'not_leak';
  return (
    <div>
      <p className="crumbs">
        <a href="#/mail/leaks">All leaks</a>
      </p>
      <h2 className="page-title">
        {data.senderLabel} used the address you gave {data.ownerName}
      </h2>
      <dl className="facts card" aria-label="The leak event">
        <dt>Identity</dt>
        <dd>
          <code>{data.identity}</code>, given only to {data.ownerName}
        </dd>
        <dt>Used by</dt>
        <dd>{data.senderLabel}</dd>
        <dt>First seen</dt>
        <dd>{dateText(data.firstSeen)}</dd>
        <dt>Last seen</dt>
        <dd>{dateText(data.lastSeen)}</dd>
        <dt>Messages</dt>
        <dd>{count(data.messageCount)}</dd>
        <dt>Status</dt>
        <dd>
          {/* A live region inside the <dd>: a role on the <dd> itself would break the list's structure. */}
          <span role="status">
            {notLeak ? (
              <>
                <span className="badge">not a leak</span> {data.allowedReason}
                {data.allowedAt ? <small> · {dateText(data.allowedAt)}</small> : null}{' '}
                <button
                  type="button"
                  className="small secondary"
                  onClick={() => {
                    setProblem('');
                    if (data.allowedId === null) return;
                    api('deleteAllowedSender', { id: data.allowedId })
                      .then(reload)
                      .catch((e: unknown) => setProblem(errorText(e)));
                  }}
                >
                  It is a leak after all
                </button>
              </>
            ) : (
              <span className="badge leak">suspected leak</span>
            )}
          </span>
        </dd>
      </dl>
      <ErrorLine text={problem} />
      {notLeak ? null : <LeakNextSteps leak={data} changed={reload} />}
      {notLeak ? null : <NotLeakForm id={id} done={reload} />}
      <section aria-labelledby="leak-proof">
        <h3 id="leak-proof">The messages that prove it</h3>
        {data.messages.length === 0 ? (
          <p className="empty">No message is stored for it any more.</p>
        ) : (
          <MessageList messages={data.messages} label="Messages of this leak event" />
        )}
      </section>
    </div>
  );
}
