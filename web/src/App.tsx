import { useCallback, useEffect, useState } from 'react';
import { session, setCsrfToken, whenLocked, type Status } from './api';
import { Dashboard } from './pages/Dashboard';
import { Identities } from './pages/Identities';
import { Mail } from './pages/Mail';
import { ProviderPage } from './pages/provider/ProviderPage';
import { Providers } from './pages/Providers';
import { Setup, Unlock } from './pages/Unlock';
import { Settings } from './pages/Settings';
import { Signed } from './pages/Signed';
import { TermsPage } from './pages/Terms';
import { Vault } from './pages/Vault';
import { WhoKnows } from './pages/WhoKnows';
import { go, useRoute } from './router';

const AREAS = [
  { path: '', label: 'Dashboard' },
  { path: 'providers', label: 'Providers' },
  { path: 'vault', label: 'Vault' },
  { path: 'identities', label: 'Identities' },
  { path: 'knows', label: 'Who knows what' },
  { path: 'mail', label: 'Mail' },
  { path: 'terms', label: 'Terms' },
  { path: 'signed', label: 'Signed' },
  { path: 'settings', label: 'Settings' },
] as const;

export function App() {
  const [status, setStatus] = useState<Status | undefined>();
  const [notice, setNotice] = useState('');
  const route = useRoute();

  const refresh = useCallback(async () => {
    const next = await session.status();
    setCsrfToken(next.csrfToken);
    setStatus(next);
  }, []);

  useEffect(() => {
    whenLocked(() => {
      setNotice('The store locked itself. Unlock it to go on.');
      void refresh();
    });
    void refresh();
  }, [refresh]);

  const entered = (next: Status, message = '') => {
    setCsrfToken(next.csrfToken);
    setNotice(message);
    setStatus((s) => ({ ...(s ?? next), ...next, storeExists: true, unlocked: true }));
  };

  if (!status) return <p className="loading">Loading…</p>;
  if (!status.storeExists) return <Setup onDone={entered} />;
  if (!status.unlocked) return <Unlock onDone={entered} notice={notice} />;

  const [area = '', id] = route;
  const lock = async () => {
    const next = await session.lock();
    setCsrfToken(next.csrfToken);
    setStatus({ ...status, unlocked: false });
  };

  return (
    <div className="shell">
      <header className="top">
        <a className="brand" href="#/">
          vrm
        </a>
        <nav aria-label="Areas">
          {AREAS.map((a) => (
            <a key={a.path} href={`#/${a.path}`} aria-current={area === a.path ? 'page' : undefined}>
              {a.label}
            </a>
          ))}
        </nav>
        <div className="session">
          <label className="idle">
            Lock after
            <select
              value={status.idleMinutes}
              onChange={(e) => {
                void session
                  .settings({ idleMinutes: Number(e.target.value) })
                  .then((s) => setStatus({ ...status, idleMinutes: s.idleMinutes }));
              }}
            >
              {[5, 15, 30, 60, 240].map((m) => (
                <option key={m} value={m}>
                  {m} min
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="secondary" onClick={() => void lock()}>
            Lock
          </button>
        </div>
      </header>
      <main>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        {area === '' ? <Dashboard /> : null}
        {area === 'providers' && id === undefined ? <Providers /> : null}
        {area === 'providers' && id !== undefined ? (
          <ProviderPage id={Number(id)} onDeleted={() => go('providers')} />
        ) : null}
        {area === 'vault' ? <Vault /> : null}
        {area === 'identities' ? <Identities /> : null}
        {area === 'knows' ? <WhoKnows /> : null}
        {area === 'mail' ? <Mail /> : null}
        {area === 'terms' ? <TermsPage /> : null}
        {area === 'signed' ? <Signed /> : null}
        {area === 'settings' ? <Settings /> : null}
        {!AREAS.some((a) => a.path === area) ? (
          <p>
            Nothing here. <a href="#/">Back to the dashboard</a>.
          </p>
        ) : null}
      </main>
      <footer>Your data stays on this machine, encrypted. Nothing is sent anywhere unless you ask.</footer>
    </div>
  );
}
