import { useState } from 'react';
import { api, session } from '../api';
import { dateTimeText } from '../format';
import { useLoad } from '../useLoad';
import { FormShell, useSubmit } from '../components/Form';
import { PassphraseField } from '../components/Passphrase';
import { CalendarFeed } from './CalendarFeed';
import { Sending } from './Sending';

function AuditLog() {
  const { data, error } = useLoad(() => api('audit', { query: { limit: 50 } }), []);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  return (
    <section className="card" aria-labelledby="audit">
      <h2 id="audit">Audit log</h2>
      <p className="hint">
        Every change to your data, newest first, with the old and the new values. Nothing can edit it.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What happened</th>
          </tr>
        </thead>
        <tbody>
          {(data ?? []).map((e) => (
            <tr key={e.id}>
              <td>{dateTimeText(e.at)}</td>
              <td className="change">
                {e.summary}
                {/* The raw values, signed tokens and all, only on request. */}
                <details>
                  <summary>
                    Details<span className="visually-hidden"> of entry {e.id}</span>
                  </summary>
                  <pre className="raw">
                    {JSON.stringify(
                      {
                        record: `${e.entity} ${e.entityId}`,
                        action: e.action,
                        before: e.oldValues,
                        after: e.newValues,
                      },
                      null,
                      2,
                    )}
                  </pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** How long a browser session lasts after unlocking, however active: a forgotten tab does not. */
function SessionLength() {
  const { data } = useLoad(() => session.status(), []);
  const [hours, setHours] = useState<number | undefined>();
  const value = hours ?? data?.sessionHours;
  if (value === undefined) return null;
  return (
    <section className="card" aria-labelledby="sessions">
      <h2 id="sessions">Sessions</h2>
      <label className="field">
        End a browser session this long after unlocking, however active
        <select
          value={value}
          onChange={(e) => {
            void session
              .settings({ sessionHours: Number(e.target.value) })
              .then((s) => setHours(s.sessionHours));
          }}
        >
          {[...new Set([1, 4, 12, 24, 72, 168, value])]
            .sort((a, b) => a - b)
            .map((h) => (
              <option key={h} value={h}>
                {h === 168 ? 'a week' : h === 1 ? '1 hour' : `${String(h)} hours`}
              </option>
            ))}
        </select>
      </label>
      <p className="hint">
        The store also locks itself after the idle time chosen at the top of the page. vrm serve keeps this
        setting until it stops.
      </p>
    </section>
  );
}

export function Settings() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const form = useSubmit(
    async () => {
      if (next !== repeat) {
        throw new Error('The repeated new passphrase differs: type the same new passphrase in both fields.');
      }
      return session.changePassphrase(current, next);
    },
    () => {
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeat('');
    },
  );
  return (
    <div>
      <h1>Settings</h1>
      <p>
        The store is encrypted with a key made from your passphrase. Changing it re-encrypts the whole store;
        session tokens made with <code>vrm unlock</code> before stop working.
      </p>
      {done ? (
        <p className="notice" role="status">
          Passphrase changed. Use the new one from now on.
        </p>
      ) : null}
      <FormShell
        title="Change the passphrase"
        onSubmit={form.submit}
        message={form.message}
        problems={form.problems}
        busy={form.busy}
        submitLabel="Change passphrase"
      >
        <PassphraseField
          label="Current passphrase"
          name="passphrase"
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
        />
        <PassphraseField
          label="New passphrase"
          name="newPassphrase"
          value={next}
          onChange={setNext}
          strength
          hint="At least 8 characters. A few words you will remember work well."
          autoComplete="new-password"
        />
        <PassphraseField
          label="Repeat the new passphrase"
          name="repeat"
          value={repeat}
          onChange={setRepeat}
          autoComplete="new-password"
        />
      </FormShell>
      <p>
        Download{' '}
        <a href="/api/backup" download="vrm-store.vrmbackup">
          an encrypted backup
        </a>{' '}
        of the whole store, mail and documents included: it opens with the passphrase the store has now, and
        the first-run screen or <code>vrm restore</code> reads it into a new store. Or download the records as
        JSON with <a href="/api/export">an export</a> (not encrypted, and without the messages: keep it safe),
        or read the <a href="/api/openapi.json">API reference</a>.
      </p>
      <Sending />
      <SessionLength />
      <CalendarFeed />
      <AuditLog />
    </div>
  );
}
