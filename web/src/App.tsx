import { useCallback, useEffect, useRef, useState } from 'react';
import { session, setCsrfToken, whenLocked, type Status } from './api';
import { useCellLabels } from './components/tables';
import { Changes } from './pages/Changes';
import { Agenda } from './pages/Agenda';
import { Dashboard } from './pages/Dashboard';
import { Discover } from './pages/Discover';
import { Identities } from './pages/Identities';
import { Intents } from './pages/Intents';
import { Mail } from './pages/Mail';
import { Money } from './pages/Money';
import { Outbox } from './pages/Outbox';
import { ProviderPage } from './pages/provider/ProviderPage';
import { Providers } from './pages/Providers';
import { Requests } from './pages/Requests';
import { Setup, Unlock } from './pages/Unlock';
import { Settings } from './pages/Settings';
import { Signed } from './pages/Signed';
import { TermsPage } from './pages/Terms';
import { Vault } from './pages/Vault';
import { WhoKnows } from './pages/WhoKnows';
import { go, useRoute } from './router';
import { AREAS, documentTitle, matchRoute } from './routes';

export function App() {
  const [status, setStatus] = useState<Status | undefined>();
  const [notice, setNotice] = useState('');
  const route = useRoute();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const main = useRef<HTMLElement>(null);
  useCellLabels(main, status?.unlocked === true);

  // Every page has its own title, so tabs, history and screen readers tell them apart.
  const locked = !status?.storeExists ? 'Welcome' : !status.unlocked ? 'Unlock' : '';
  useEffect(() => {
    document.title = locked ? `${locked} · vrm` : documentTitle(route);
    setMenuOpen(false);
  }, [route, locked]);

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

  const closeMenu = (event: { key: string }) => {
    if (event.key !== 'Escape' || !menuOpen) return;
    setMenuOpen(false);
    menuButton.current?.focus();
  };

  if (!status) return <p className="loading">Loading…</p>;
  if (!status.storeExists) return <Setup onDone={entered} />;
  if (!status.unlocked) return <Unlock onDone={entered} notice={notice} />;

  // An address the route table does not know shows "Nothing here", never a page half-matched.
  const known = matchRoute(route) !== undefined;
  const [area = '', id] = known ? route : ['?'];
  const lock = async () => {
    const next = await session.lock();
    setCsrfToken(next.csrfToken);
    setStatus({ ...status, unlocked: false });
  };

  return (
    <div className="shell">
      {/* The hash is the route, so the skip link moves focus itself instead of following `#content`. */}
      <a
        className="skip"
        href="#content"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="top" onKeyDown={closeMenu}>
        <a className="brand" href="#/">
          vrm
        </a>
        {/* On a phone the areas fold behind this button; on a wider screen it is hidden. */}
        <button
          ref={menuButton}
          type="button"
          className="secondary menu-button"
          aria-expanded={menuOpen}
          aria-controls="top-menu"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        <div id="top-menu" className={`top-menu${menuOpen ? ' open' : ''}`}>
          <nav aria-label="Areas">
            {AREAS.map((a) => (
              <a
                key={a.path}
                href={`#/${a.path}`}
                aria-current={area === a.path ? 'page' : undefined}
                onClick={() => setMenuOpen(false)}
              >
                {a.label}
              </a>
            ))}
          </nav>
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
        </div>
        <button type="button" className="secondary lock" onClick={() => void lock()}>
          Lock
        </button>
      </header>
      <main id="content" ref={main} tabIndex={-1}>
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
        {area === 'changes' ? <Changes route={route} /> : null}
        {area === 'mail' ? <Mail /> : null}
        {area === 'outbox' ? <Outbox id={id} /> : null}
        {area === 'terms' ? <TermsPage /> : null}
        {area === 'signed' ? <Signed /> : null}
        {area === 'settings' ? <Settings /> : null}
        {area === 'agenda' ? <Agenda /> : null}
        {area === 'discover' ? <Discover /> : null}
        {area === 'requests' ? <Requests route={route} /> : null}
        {area === 'money' ? <Money route={route} /> : null}
        {area === 'intents' ? <Intents id={id} /> : null}
        {!known ? (
          <p>
            Nothing here. <a href="#/">Back to the dashboard</a>.
          </p>
        ) : null}
      </main>
      <footer>Your data stays on this machine, encrypted. Nothing is sent anywhere unless you ask.</footer>
    </div>
  );
}
