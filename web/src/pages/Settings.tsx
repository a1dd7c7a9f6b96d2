import { useState } from 'react';
import { session } from '../api';
import { Field, FormShell, useSubmit } from '../components/Form';

export function Settings() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const form = useSubmit(
    async () => {
      if (next !== repeat) throw new Error('The two new passphrases differ.');
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
        busy={form.busy}
        submitLabel="Change passphrase"
      >
        <Field
          label="Current passphrase"
          name="passphrase"
          type="password"
          value={current}
          onChange={setCurrent}
          required
          autoComplete="current-password"
        />
        <Field
          label="New passphrase"
          name="newPassphrase"
          type="password"
          value={next}
          onChange={setNext}
          required
          hint="At least 8 characters"
          autoComplete="new-password"
        />
        <Field
          label="Repeat the new passphrase"
          name="repeat"
          type="password"
          value={repeat}
          onChange={setRepeat}
          required
          autoComplete="new-password"
        />
      </FormShell>
      <p>
        Download everything as JSON with <a href="/api/export">an export</a> (it is not encrypted: keep it
        safe), or read the <a href="/api/openapi.json">API reference</a>.
      </p>
    </div>
  );
}
