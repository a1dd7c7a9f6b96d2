import { useState } from 'react';
import { api, type ApiOutput } from '../api';
import { plural } from '../format';
import { useLoad } from '../useLoad';

type AgendaEvent = ApiOutput<'agenda'>['overdue'][number];

/** What each kind of day is called, as a label beside it. */
const KIND_WORDS: Record<string, string> = {
  renewal: 'Renewal',
  'cancel-by': 'Last day to cancel',
  'contract-end': 'Contract ends',
  'follow-up': 'Follow-up',
  case: 'Case',
  retention: 'Retention ends',
};

/** "2026-12" → "December 2026", in the reader's language. */
const monthText = (month: string): string =>
  new Date(`${month}-15T12:00:00Z`).toLocaleDateString(undefined, { month: 'long', year: 'numeric' });

/** "Tue, 1 Dec": the day, with its weekday, as a person plans by. */
const dayText = (iso: string): string =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });

function Day({ event }: { event: AgendaEvent }) {
  // The summary's first part is the kind ("Renewal: …"): the label says it, the rest is the link.
  const what = event.summary.replace(/^[^:]+:\s*/, '');
  return (
    <li className={`agenda-day ${event.kind}`}>
      <time dateTime={event.date}>{dayText(event.date)}</time>
      <span className="badge">{KIND_WORDS[event.kind] ?? event.kind}</span>
      <span className="agenda-what">
        {event.route === null ? what : <a href={`#/${event.route}`}>{what}</a>}
        <br />
        <small>{event.description}</small>
      </span>
    </li>
  );
}

/**
 * Every deadline by day, grouped by month: renewals, last days to cancel, follow-ups and case
 * dates, the same events the calendar feed holds (`vrm calendar agenda`).
 */
export function Agenda() {
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const query = { ...(from ? { from } : {}), ...(until ? { until } : {}) };
  const { data, error } = useLoad(() => api('agenda', { query }), [from, until]);
  return (
    <div>
      <h1>Agenda</h1>
      <p className="hint">
        Renewals, last days to cancel, follow-ups and case dates, by day. Your calendar app can show the same
        days: subscribe to the feed on the <a href="#/settings">Settings</a> page.
      </p>
      <div className="filters">
        <label className="field">
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field">
          Until
          <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        </label>
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {!data && !error ? <p className="loading">Loading…</p> : null}
      {data ? (
        <>
          <p className="counts">
            {plural(data.total, 'day')} to mind, {dayText(data.from)} to {dayText(data.until)}
          </p>
          {data.total === 0 ? (
            <p className="empty">
              Nothing is due in this window. Contracts, follow-ups and cases you add show here by their dates.
            </p>
          ) : null}
          {data.overdue.length > 0 ? (
            <section className="card" aria-labelledby="agenda-late">
              <h2 id="agenda-late">Late follow-ups</h2>
              <ul className="agenda">
                {data.overdue.map((e) => (
                  <Day key={e.key} event={e} />
                ))}
              </ul>
            </section>
          ) : null}
          {data.months.map((m) => (
            <section key={m.month} className="card" aria-labelledby={`agenda-${m.month}`}>
              <h2 id={`agenda-${m.month}`}>{monthText(m.month)}</h2>
              <ul className="agenda">
                {m.events.map((e) => (
                  <Day key={e.key} event={e} />
                ))}
              </ul>
            </section>
          ))}
        </>
      ) : null}
    </div>
  );
}
