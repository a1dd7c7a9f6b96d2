import { useState } from 'react';
import { session, type Status } from '../api';
import { FormShell, useSubmit } from '../components/Form';
import { PassphraseField } from '../components/Passphrase';

export function Unlock({ onDone, notice }: { onDone: (status: Status) => void; notice: string }) {
  const [passphrase, setPassphrase] = useState('');
  const form = useSubmit(() => session.unlock(passphrase), onDone);
  return (
    <div className="gate">
      <h1>vrm</h1>
      {notice ? <p className="notice">{notice}</p> : null}
      <FormShell
        title="Unlock your store"
        onSubmit={form.submit}
        message={form.message}
        problems={form.problems}
        busy={form.busy}
        submitLabel="Unlock"
      >
        <PassphraseField
          label="Passphrase"
          name="passphrase"
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="current-password"
        />
      </FormShell>
    </div>
  );
}

export function Setup({ onDone }: { onDone: (status: Status, notice?: string) => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [demo, setDemo] = useState(false);
  const [backup, setBackup] = useState<File | undefined>();
  const form = useSubmit(
    async () => {
      if (passphrase !== repeat) {
        throw new Error(
          'The repeated passphrase differs from the first: type the same passphrase in both fields.',
        );
      }
      if (!backup) return { status: await session.create(passphrase, demo) };
      const result = await session.restore(passphrase, backup);
      const said = result.backup
        ? `Restored the backup ${backup.name}: it opens with the passphrase it was made with.`
        : result.skipped.length
          ? `Restored ${result.restored} records; ${result.skipped.length} could not be: ${result.skipped
              .slice(0, 5)
              .map((s) => `${s.record}: ${s.message}`)
              .join('; ')}`
          : `Restored ${result.restored} records from ${backup.name}.`;
      // What the export left out (private keys, IMAP passwords) and what to do about it.
      const notice = [said, ...result.notes.map((n) => `${n}.`)].join(' ');
      return { status: result, notice };
    },
    (r) => onDone(r.status, r.notice),
  );
  return (
    <div className="gate">
      <h1>Welcome to vrm</h1>
      <p>
        vrm keeps your side of every customer relationship: the organisations you deal with, your contracts,
        renewals and costs, complaints, and the facts about you that they hold. It all stays on this machine,
        in one encrypted file.
      </p>
      <FormShell
        title="Create your store"
        onSubmit={form.submit}
        message={form.message}
        problems={form.problems}
        busy={form.busy}
        submitLabel={backup ? 'Restore my store' : demo ? 'Create a demo store' : 'Create my store'}
      >
        <PassphraseField
          label="Passphrase"
          name="passphrase"
          value={passphrase}
          onChange={setPassphrase}
          strength
          hint="At least 8 characters. Nobody can recover it for you: a few words you will remember work well."
          error={form.errors.passphrase}
          autoComplete="new-password"
        />
        <PassphraseField
          label="Repeat the passphrase"
          name="repeat"
          value={repeat}
          onChange={setRepeat}
          error={repeat && !passphrase.startsWith(repeat) ? 'Differs from the passphrase above.' : undefined}
          autoComplete="new-password"
        />
        <label className="check">
          <input type="checkbox" checked={demo} onChange={(e) => setDemo(e.target.checked)} /> Fill it with
          demo data (a fictional person, Alex Morgan) to look around first
        </label>
        <div className="field">
          <label htmlFor="restore-file">
            Or restore from a backup (give its passphrase above) or an export (a file written by vrm backup or
            vrm export)
          </label>
          <input
            id="restore-file"
            type="file"
            accept="application/json,.json,.vrmbackup"
            onChange={(e) => setBackup(e.target.files?.[0])}
          />
        </div>
      </FormShell>
    </div>
  );
}
