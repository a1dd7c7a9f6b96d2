import { useState } from 'react';
import type { ApiOutput } from '../../api';
import { api } from '../../api';
import { Field, FormShell, opt, useSubmit } from '../../components/Form';

/** The forms of one provider's item on a campaign page: its notice, its failure, its sending. */
type Item = ApiOutput<'getCampaign'>['items'][number];

export const CHANNELS = { email: 'e-mail', letter: 'letter', web_form: 'web form' } as const;

/** A notice as it will go, editable while it is a draft. */
export function NoticeForm({ item, done }: { item: Item; done: () => void }) {
  const [subject, setSubject] = useState(item.subject);
  const [body, setBody] = useState(item.body);
  const [channel, setChannel] = useState<string>(item.channel ?? '');
  const form = useSubmit(
    () =>
      api('editCampaignItem', {
        id: item.id,
        body: { subject, body, channel: (opt(channel) as Item['channel'] | undefined) ?? undefined },
      }),
    done,
  );
  return (
    <FormShell
      title={`Notice to ${item.provider}`}
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Save notice"
      onCancel={done}
    >
      <Field
        label="Send by"
        name="channel"
        value={channel}
        onChange={setChannel}
        options={[['', 'Choose…'], ...Object.entries(CHANNELS)]}
        error={form.errors.channel}
      />
      <Field
        label="Subject"
        name="subject"
        value={subject}
        onChange={setSubject}
        error={form.errors.subject}
      />
      <Field label="Text" name="body" value={body} onChange={setBody} multiline error={form.errors.body} />
    </FormShell>
  );
}

export function FailForm({ item, done }: { item: Item; done: () => void }) {
  const [reason, setReason] = useState('');
  const form = useSubmit(() => api('failCampaignItem', { id: item.id, body: { reason } }), done);
  return (
    <FormShell
      title={`The notice to ${item.provider} failed`}
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Record the failure"
      onCancel={done}
    >
      <Field
        label="What went wrong"
        name="reason"
        value={reason}
        onChange={setReason}
        required
        hint="The bounce or the refusal, in its own words"
        error={form.errors.reason}
      />
    </FormShell>
  );
}

/** Today on this computer, as a date field takes it. */
const localToday = (): string => new Date().toLocaleDateString('en-CA');

/** The notice's text as it goes into a provider's web form: the e-mail text as it stands. */
function PasteText({ item }: { item: Item }) {
  const [copied, setCopied] = useState('');
  return (
    <div className="paste">
      <p>
        Open{' '}
        <a href={item.recipient ?? '#'} target="_blank" rel="noreferrer">
          {item.recipient}
        </a>
        , paste this text into its form and send it.
      </p>
      <pre className="notice-text" aria-label={`Text for ${item.provider}'s web form`}>
        {item.body}
      </pre>
      <button
        type="button"
        className="small secondary"
        onClick={() =>
          void navigator.clipboard
            .writeText(item.body)
            .then(() => setCopied('Text copied.'))
            .catch(() => setCopied('Copying was refused: select the text and copy it.'))
        }
      >
        Copy the text
      </button>
      {copied ? <small role="status"> {copied}</small> : null}
    </div>
  );
}

/** Records a letter posted or a web form filled in, on the day the person says. */
export function SentForm({ item, done }: { item: Item; done: () => void }) {
  const letter = item.channel === 'letter';
  const [on, setOn] = useState(localToday());
  const form = useSubmit(() => api('markCampaignItemSent', { id: item.id, body: { on: opt(on) } }), done);
  return (
    <FormShell
      title={
        letter ? `The letter to ${item.provider} is posted` : `The web form of ${item.provider} is filled in`
      }
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel={letter ? 'Mark posted' : 'Mark done'}
      onCancel={done}
    >
      {letter ? (
        <p className="hint">
          The letter, dated this day, is kept with {item.provider} and goes on its timeline.
        </p>
      ) : (
        <PasteText item={item} />
      )}
      <Field
        label={letter ? 'Posted on' : 'Done on'}
        name="on"
        type="date"
        value={on}
        onChange={setOn}
        error={form.errors.on}
      />
    </FormShell>
  );
}
