import { useState } from 'react';
import { api, type ApiOutput } from '../api';
import { dateTimeText } from '../format';
import { useLoad } from '../useLoad';

type NewFeed = ApiOutput<'renewCalendarFeed'>;

/**
 * The calendar feed's secret address on the Settings page: made, shown once and copied, renewed
 * or revoked. vrm keeps only the address's hash, so it is shown only when made.
 */
export function CalendarFeed() {
  const { data, error, reload } = useLoad(() => api('calendarFeed'), []);
  const [made, setMade] = useState<NewFeed | undefined>();
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState('');
  const act = (work: () => Promise<unknown>, done: string) => {
    setProblem('');
    work()
      .then(() => {
        setMessage(done);
        reload();
      })
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  };
  const renew = () =>
    act(
      async () => setMade(await api('renewCalendarFeed')),
      'A new address is ready. The one before no longer works.',
    );
  const revoke = () =>
    act(async () => {
      await api('revokeCalendarFeed');
      setMade(undefined);
    }, 'The address is ended: calendar apps that use it now find nothing.');
  const url = made ? `${window.location.origin}${made.path}` : '';
  return (
    <section className="card" aria-labelledby="calendar-feed">
      <h2 id="calendar-feed">Calendar feed</h2>
      <p className="hint">
        Your calendar app can subscribe to every deadline (renewals, last days to cancel, follow-ups, case
        dates) at a secret address. It works while vrm serve runs with the store unlocked, needs no login, and
        is shown only when made: keep it like a password.
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      {made ? (
        <div className="feed-url">
          <label className="field">
            Feed address
            <input type="text" readOnly value={url} onFocus={(e) => e.target.select()} />
          </label>
          <button
            type="button"
            className="small secondary"
            onClick={() => {
              void navigator.clipboard.writeText(url).then(() => setMessage('Address copied.'));
            }}
          >
            Copy address
          </button>
        </div>
      ) : data?.active ? (
        <p>
          The feed has an address, made {data.createdAt ? dateTimeText(data.createdAt) : ''}. vrm cannot show
          it again: renew it for a new one.
        </p>
      ) : data ? (
        <p>The feed has no address yet.</p>
      ) : null}
      {data ? (
        <div className="actions">
          <button type="button" onClick={renew}>
            {data.active ? 'Renew address' : 'Make address'}
          </button>
          {data.active ? (
            <button type="button" className="secondary" onClick={revoke}>
              Revoke address
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
