import { useState } from 'react';
import { api } from '../api';
import { dateTimeText } from '../format';
import { Field, FormShell, opt, useFields, useSubmit } from '../components/Form';
import { useLoad } from '../useLoad';

const SECURITY = [
  ['starttls', 'STARTTLS (port 587)'],
  ['tls', 'TLS from the start (port 465)'],
  ['none', 'None (a server on 127.0.0.1 only)'],
] as const;

/**
 * The Settings page's "Sending" section: the person's own SMTP server. The password field is
 * always empty: the server says only whether one is kept, and an empty field keeps it.
 */
export function Sending() {
  const { data, error, reload } = useLoad(() => api('sendingSettings'), []);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (data === undefined) return null;
  return (
    <section className="card" aria-labelledby="sending">
      <h2 id="sending">Sending</h2>
      <p className="hint">
        vrm sends your e-mail to providers through your own SMTP server, from the alias each provider knows.
        The password is kept only in your encrypted store.
      </p>
      {data ? (
        <p role="status">
          Sending through {data.host}:{data.port} as {data.username}; password{' '}
          {data.passwordSet ? 'kept' : 'missing: give it below'}. Checked {dateTimeText(data.updatedAt)}.
        </p>
      ) : (
        <p>Sending is not set up yet.</p>
      )}
      <SendingForm key={data?.updatedAt ?? 'new'} current={data} onSaved={reload} />
      {data ? <TestMessage /> : null}
    </section>
  );
}

type Current = Awaited<ReturnType<typeof api<'sendingSettings'>>>;

function SendingForm({ current, onSaved }: { current: Current; onSaved: () => void }) {
  const f = useFields({
    host: current?.host ?? '',
    port: current ? String(current.port) : '',
    security: current?.security ?? 'starttls',
    username: current?.username ?? '',
    password: '',
    displayName: current?.displayName ?? '',
  });
  const [selfSigned, setSelfSigned] = useState(current?.allowSelfSigned ?? false);
  const [saved, setSaved] = useState(false);
  const form = useSubmit(
    () =>
      api('setupSending', {
        body: {
          host: f.values.host,
          port: opt(f.values.port) === undefined ? undefined : Number(f.values.port.trim()),
          security: f.values.security as 'starttls' | 'tls' | 'none',
          username: f.values.username,
          password: f.values.password === '' ? undefined : f.values.password,
          displayName: f.values.displayName,
          allowSelfSigned: selfSigned,
        },
      }),
    () => {
      setSaved(true);
      onSaved();
    },
  );
  return (
    <>
      {saved ? (
        <p className="notice" role="status">
          Logged in to the server: the settings are kept.
        </p>
      ) : null}
      <FormShell
        title={current ? 'Change the SMTP server' : 'Set up sending'}
        onSubmit={form.submit}
        message={form.message}
        problems={form.problems}
        busy={form.busy}
        submitLabel="Check and save"
      >
        <Field
          label="Server"
          name="host"
          value={f.values.host}
          onChange={f.set('host')}
          error={form.errors.host}
          required
          hint="Such as smtp.example.org"
        />
        <Field
          label="Security"
          name="security"
          value={f.values.security}
          onChange={f.set('security')}
          error={form.errors.security}
          options={SECURITY}
        />
        <Field
          label="Port"
          name="port"
          value={f.values.port}
          onChange={f.set('port')}
          error={form.errors.port}
          hint="Leave empty for 587 (STARTTLS) or 465 (TLS)"
        />
        <Field
          label="User name"
          name="username"
          value={f.values.username}
          onChange={f.set('username')}
          error={form.errors.username}
          required
          autoComplete="username"
        />
        <Field
          label="Password"
          name="password"
          type="password"
          value={f.values.password}
          onChange={f.set('password')}
          error={form.errors.password}
          autoComplete="new-password"
          hint={
            current?.passwordSet
              ? 'A password is kept: leave this empty to keep it.'
              : 'The password of your SMTP account.'
          }
        />
        <Field
          label="Display name"
          name="displayName"
          value={f.values.displayName}
          onChange={f.set('displayName')}
          error={form.errors.displayName}
          hint="The name your messages go out with, such as Alex Example"
        />
        <div className="field">
          <label>
            <input type="checkbox" checked={selfSigned} onChange={(e) => setSelfSigned(e.target.checked)} />{' '}
            Trust the server&apos;s own (self-signed) certificate
          </label>
        </div>
      </FormShell>
    </>
  );
}

function TestMessage() {
  const [to, setTo] = useState('');
  const [answer, setAnswer] = useState('');
  const form = useSubmit(
    () => api('testSending', { body: { to } }),
    (r) => setAnswer(`Test message sent to ${r.to}. The server said: ${r.response}`),
  );
  return (
    <>
      {answer ? (
        <p className="notice" role="status">
          {answer}
        </p>
      ) : null}
      <FormShell
        title="Send a test message"
        onSubmit={form.submit}
        message={form.message}
        problems={form.problems}
        busy={form.busy}
        submitLabel="Send test message"
      >
        <Field
          label="To"
          name="to"
          type="email"
          value={to}
          onChange={setTo}
          error={form.errors.to}
          required
        />
      </FormShell>
    </>
  );
}
