import { useState } from 'react';
import { api, type ApiOutput } from '../api';
import { dateText, plural } from '../format';
import { useLoad } from '../useLoad';

type Organisation = ApiOutput<'listDiscoveries'>[number];
type Added = ApiOutput<'addDiscovery'>;

/** The person's addresses it wrote to: an alias given to another provider says so, a leak loudly. */
function WroteTo({ organisation }: { organisation: Organisation }) {
  return (
    <ul>
      {organisation.wroteTo.map((w) => (
        <li key={w.address}>
          {w.address} <small>{w.label}</small>
          {w.leak ? (
            <>
              {' '}
              <span
                className="badge leak"
                title={`Only ${w.givenTo?.name ?? 'another provider'} had this address`}
              >
                Leak
              </span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Directory({ organisation }: { organisation: Organisation }) {
  const entry = organisation.directory;
  if (!entry) return <>Not in the directory</>;
  return (
    <>
      {entry.name}
      <br />
      <small>{entry.hasPrivacyContact ? 'has a privacy contact' : 'no privacy contact listed'}</small>
    </>
  );
}

/** What the row offers: add it, hide it, or (once added) the way to the new provider. */
function Actions({
  organisation,
  added,
  onAdd,
  onDismiss,
  busy,
}: {
  organisation: Organisation;
  added: Added | undefined;
  onAdd: () => void;
  onDismiss: () => void;
  busy: boolean;
}) {
  if (added) {
    return (
      <p role="status">
        Added: <a href={`#/providers/${added.provider.id}`}>{added.provider.name}</a> (
        {plural(added.messages, 'message')}). Ask it what it holds from its page.
      </p>
    );
  }
  return (
    <div className="actions">
      {/* The visible words start each name; the organisation tells the rows' buttons apart. */}
      <button
        type="button"
        className="small"
        disabled={busy}
        onClick={onAdd}
        aria-label={`Add to my providers: ${organisation.name}`}
      >
        Add to my providers
      </button>
      <button
        type="button"
        className="small secondary"
        disabled={busy}
        onClick={onDismiss}
        aria-label={`${organisation.dismissed ? 'List again' : 'Dismiss'}: ${organisation.name}`}
      >
        {organisation.dismissed ? 'List again' : 'Dismiss'}
      </button>
    </div>
  );
}

/**
 * "Who else has my data": organisations that wrote to the person's addresses in imported mail but
 * are not among their providers (`vrm discover`). Each can be added (from the directory when it is
 * there, its past mail given to it) and then asked what it holds.
 */
export function Discover() {
  const [all, setAll] = useState(false);
  const { data, error, reload } = useLoad(
    () => api('listDiscoveries', { query: all ? { all: 'true' } : {} }),
    [all],
  );
  const [added, setAdded] = useState<Record<string, Added>>({});
  const [busy, setBusy] = useState('');
  const [problem, setProblem] = useState('');

  const act = async (organisation: Organisation, what: 'add' | 'dismiss' | 'undismiss') => {
    setBusy(organisation.domain);
    setProblem('');
    try {
      const params = { domain: organisation.domain };
      if (what === 'add') {
        const result = await api('addDiscovery', { params });
        setAdded((a) => ({ ...a, [organisation.domain]: result }));
      } else {
        if (what === 'dismiss') await api('dismissDiscovery', { params });
        else await api('undismissDiscovery', { params });
        reload();
      }
    } catch (e: unknown) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy('');
    }
  };

  // Rows just added stay in view with their link, though the list no longer has them.
  const rows = data ?? [];
  return (
    <div>
      <h1>Who else has my data</h1>
      <p className="hint">
        Organisations that wrote to your addresses in the mail you imported, but are not among your{' '}
        <a href="#/providers">providers</a>. Add one to keep track of it and to ask it what it holds about
        you; dismiss one you do not care about.
      </p>
      <label className="check">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> Show dismissed ones
        too
      </label>
      {error || problem ? (
        <p className="error" role="alert">
          {problem || error}
        </p>
      ) : null}
      {!data && !error ? <p className="loading">Loading…</p> : null}
      {data && rows.length === 0 ? (
        <p className="empty">
          Nobody outside your providers wrote to your addresses. <a href="#/mail/import">Import more mail</a>{' '}
          to look further.
        </p>
      ) : null}
      {rows.length > 0 ? (
        <>
          <p className="counts">{plural(rows.length, 'organisation')}</p>
          <table className="discoveries">
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Messages</th>
                <th scope="col">Last</th>
                <th scope="col">Wrote to</th>
                <th scope="col">In the directory</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.domain}>
                  <td>
                    <strong>{o.name}</strong>
                    <br />
                    <small>{o.domain}</small>
                    {o.dismissed ? (
                      <>
                        {' '}
                        <span className="badge">Dismissed</span>
                      </>
                    ) : null}
                    {o.subjects.length > 0 ? (
                      <>
                        <br />
                        <small>{o.subjects.map((s) => `“${s}”`).join(', ')}</small>
                      </>
                    ) : null}
                  </td>
                  <td className="number">{o.messages}</td>
                  <td>
                    <time dateTime={o.lastAt}>{dateText(o.lastAt)}</time>
                  </td>
                  <td>
                    <WroteTo organisation={o} />
                  </td>
                  <td>
                    <Directory organisation={o} />
                  </td>
                  <td>
                    <Actions
                      organisation={o}
                      added={added[o.domain]}
                      busy={busy === o.domain}
                      onAdd={() => void act(o, 'add')}
                      onDismiss={() => void act(o, o.dismissed ? 'undismiss' : 'dismiss')}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
