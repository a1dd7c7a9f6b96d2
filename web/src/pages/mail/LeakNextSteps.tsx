import { useState, type ReactNode } from 'react';
import { api, type ApiOutput } from '../../api';
import { Field, FormShell, useSubmit } from '../../components/Form';

type LeakEvent = ApiOutput<'getMailLeak'>;

interface StepProps {
  readonly leak: LeakEvent;
  /** The leak event changed (its identity retired): load it again. */
  readonly changed: () => void;
}

/** Retire the leaked address and give the provider a new one, after a confirmation; the new address is shown. */
function ReplaceIdentity({ leak, changed }: StepProps) {
  const [asking, setAsking] = useState(false);
  const [made, setMade] = useState<string>();
  const form = useSubmit(
    () => api('replaceIdentity', { id: leak.identityId }),
    (result) => {
      setAsking(false);
      setMade(result.replacement.value);
      changed();
    },
  );
  if (made)
    return (
      <p role="status" className="notice">
        Retired <code>{leak.identity}</code>. New address for {leak.ownerName}: <code>{made}</code>. Give it
        to them in your account there; mail to the old address is still recognised.
      </p>
    );
  if (leak.identityRetiredAt !== null) return null;
  if (!asking)
    return (
      <button type="button" onClick={() => setAsking(true)}>
        Retire this identity and give {leak.ownerName} a new one
      </button>
    );
  return (
    <FormShell
      title="Retire the leaked address"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Retire it and make a new address"
      onCancel={() => setAsking(false)}
    >
      <p>
        <code>{leak.identity}</code> is retired: vrm stops handing it out, and still recognises its mail and
        leaks. {leak.ownerName} gets a new address from the same alias strategy, recorded as given to it.
      </p>
    </FormShell>
  );
}

/** The provider's page: everything about it, the leak in its timeline. */
function OpenProvider({ leak }: StepProps) {
  return <a href={`#/providers/${leak.ownerProviderId}`}>Open {leak.ownerName}</a>;
}

/** A complaint case on the provider, drafted from the leak: the person edits it before it opens. */
function RecordComplaint({ leak }: StepProps) {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState<string>();
  const [title, setTitle] = useState(leak.complaint.title);
  const [description, setDescription] = useState(leak.complaint.description);
  const form = useSubmit(
    () =>
      api('addCase', {
        body: { providerId: leak.complaint.providerId, kind: 'complaint', title, description },
      }),
    (kase) => {
      setOpen(false);
      setOpened(kase.title);
    },
  );
  if (opened)
    return (
      <p role="status" className="notice">
        Opened the complaint “{opened}” on{' '}
        <a href={`#/providers/${leak.complaint.providerId}`}>{leak.ownerName}</a>.
      </p>
    );
  if (!open)
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Record a complaint
      </button>
    );
  return (
    <FormShell
      title={`Complaint to ${leak.ownerName}`}
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Open case"
      onCancel={() => setOpen(false)}
    >
      <Field
        label="Title"
        name="title"
        value={title}
        onChange={setTitle}
        required
        error={form.errors.title}
      />
      <Field
        label="Description"
        name="description"
        value={description}
        onChange={setDescription}
        multiline
        error={form.errors.description}
      />
    </FormShell>
  );
}

/**
 * What a suspected leak offers, in order: the extension point for later steps. Asking the
 * provider what it shared and with whom (a GDPR Art. 15 request) joins this list once data
 * requests exist, as a step like these; until then it is not shown, as a button that leads
 * nowhere would be.
 */
const NEXT_STEPS: readonly ((props: StepProps) => ReactNode)[] = [
  ReplaceIdentity,
  OpenProvider,
  RecordComplaint,
];

/** The next steps of a suspected leak. */
export function LeakNextSteps({ leak, changed }: StepProps) {
  return (
    <section aria-labelledby="leak-next" className="next-steps">
      <h3 id="leak-next">What you can do</h3>
      <div className="actions">
        {NEXT_STEPS.map((Step, i) => (
          <Step key={i} leak={leak} changed={changed} />
        ))}
      </div>
    </section>
  );
}
