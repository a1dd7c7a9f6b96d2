import { useState } from 'react';
import { api, type ApiOutput } from '../../api';
import { Field, FormShell, useSubmit } from '../../components/Form';
import { errorText, ErrorLine } from './common';

type Source = ApiOutput<'listMailSources'>[number];
export type StartBody = { path: string; kind?: 'mbox' | 'maildir' | 'eml' } | { sourceId: number };
export function AccountForm({ done, onCancel }: { done: () => void; onCancel: () => void }) {
  const [v, setV] = useState({
    label: '',
    host: '',
    port: '',
    security: 'tls',
    username: '',
    password: '',
    folders: 'INBOX',
  });
  const [selfSigned, setSelfSigned] = useState(false);
  const set = (key: keyof typeof v) => (value: string) => setV((prev) => ({ ...prev, [key]: value }));
  const form = useSubmit(() => {
    const folders = v.folders
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    return api('addMailAccount', {
      body: {
        label: v.label.trim() || undefined,
        host: v.host,
        port: v.port.trim() ? Number(v.port) : undefined,
        security: v.security as 'tls' | 'starttls' | 'none',
        username: v.username,
        password: v.password,
        folders: folders.length > 0 ? folders : undefined,
        allowSelfSigned: selfSigned || undefined,
      },
    });
  }, done);
  const e = form.errors;
  return (
    <FormShell
      title="Add an IMAP account"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Log in and add"
      onCancel={onCancel}
    >
      <Field label="Name" name="label" value={v.label} onChange={set('label')} hint="Empty: user at host" />
      <Field label="Server" name="host" value={v.host} onChange={set('host')} required error={e.host} />
      <Field
        label="Port"
        name="port"
        type="number"
        value={v.port}
        onChange={set('port')}
        hint="Empty: 993 with TLS, else 143"
        error={e.port}
      />
      <Field
        label="Security"
        name="security"
        value={v.security}
        onChange={set('security')}
        options={[
          ['tls', 'TLS'],
          ['starttls', 'STARTTLS'],
          ['none', 'None (only on this machine or your own network)'],
        ]}
        error={e.security}
      />
      <Field
        label="User name"
        name="username"
        value={v.username}
        onChange={set('username')}
        required
        error={e.username}
        autoComplete="username"
      />
      <Field
        label="Password"
        name="password"
        type="password"
        value={v.password}
        onChange={set('password')}
        required
        error={e.password}
        autoComplete="current-password"
        hint="Kept only in the encrypted store"
      />
      <Field
        label="Folders"
        name="folders"
        value={v.folders}
        onChange={set('folders')}
        hint="Comma-separated"
        error={e.folders}
      />
      <label className="check">
        <input type="checkbox" checked={selfSigned} onChange={(ev) => setSelfSigned(ev.target.checked)} />{' '}
        Trust a self-signed certificate (a home or test server)
      </label>
    </FormShell>
  );
}

export function Sources({
  sources,
  busy,
  onImport,
  onChanged,
}: {
  sources: readonly Source[];
  busy: boolean;
  onImport: (body: StartBody) => void;
  onChanged: () => void;
}) {
  const [adding, setAdding] = useState(false);
  const [problem, setProblem] = useState('');
  return (
    <section className="card" aria-labelledby="mail-sources">
      <div className="section-head">
        <h3 id="mail-sources">Accounts and files</h3>
        <button type="button" className="secondary" onClick={() => setAdding(true)}>
          Add an IMAP account
        </button>
      </div>
      {adding ? (
        <AccountForm
          onCancel={() => setAdding(false)}
          done={() => {
            setAdding(false);
            onChanged();
          }}
        />
      ) : null}
      <ErrorLine text={problem} />
      {sources.length === 0 ? (
        <p className="empty">No IMAP account, and nothing imported yet.</p>
      ) : (
        <table aria-label="Mail sources">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Where</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id}>
                <td>{s.label}</td>
                <td>{s.kind === 'imap' ? 'IMAP' : s.kind}</td>
                <td className="change">
                  <code>{s.location}</code>
                  {s.folders ? <small> · {s.folders.join(', ')}</small> : null}
                  {s.allowSelfSigned === 1 ? <small> · self-signed certificate trusted</small> : null}
                </td>
                <td className="actions">
                  {/* An upload or the demo's mail is not a path: it is sent again, not read again. */}
                  {/^(upload|vrm):/.test(s.location) ? null : (
                    <button
                      type="button"
                      className="small"
                      disabled={busy}
                      onClick={() =>
                        onImport(s.kind === 'imap' ? { sourceId: s.id } : { path: s.location, kind: s.kind })
                      }
                    >
                      {s.kind === 'imap' ? 'Fetch new mail' : 'Import again'}
                      <span className="visually-hidden"> from {s.label}</span>
                    </button>
                  )}
                  <button
                    type="button"
                    className="small danger"
                    onClick={() => {
                      if (!window.confirm(`Forget ${s.label}? Its messages stay.`)) return;
                      setProblem('');
                      api('deleteMailSource', { id: s.id })
                        .then(onChanged)
                        .catch((err: unknown) => setProblem(errorText(err)));
                    }}
                  >
                    Remove<span className="visually-hidden"> {s.label}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
