import { useState } from 'react';
import { api, uploadAnswer, type ApiOutput } from '../../api';
import { Field, FormShell, opt, useSubmit } from '../../components/Form';
import { plural } from '../../format';
import { useLoad } from '../../useLoad';
import { ACCESS_ITEM_OPTIONS, CHANNEL_WORDS, type Proceeding } from './words';

/** The forms of a proceeding's page, one open at a time; each reloads the page when done. */
interface Props {
  p: Proceeding;
  done: () => void;
}

/** Today on this computer, as a date field takes it. */
export const localToday = (): string => new Date().toLocaleDateString('en-CA');

/** The drafted message, changed before it goes: subject, text, channel, the post's days. */
export function EditForm({ p, done }: Props) {
  const pending = [...p.messages].reverse().find((m) => m.state === 'drafted');
  const [subject, setSubject] = useState(pending?.subject ?? '');
  const [body, setBody] = useState(pending?.body ?? '');
  const [channel, setChannel] = useState<string>(p.channel ?? '');
  const [deliveryDays, setDeliveryDays] = useState(p.deliveryDays === null ? '' : String(p.deliveryDays));
  const form = useSubmit(
    () =>
      api('editRequest', {
        id: p.id,
        body: {
          subject,
          body,
          channel: (opt(channel) as (Proceeding['channel'] & string) | undefined) ?? undefined,
          deliveryDays: opt(deliveryDays),
        },
      }),
    done,
  );
  return (
    <FormShell
      title="Change the request"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Save"
      onCancel={done}
    >
      <Field
        label="Send by"
        name="channel"
        value={channel}
        onChange={setChannel}
        options={[['', 'Choose…'], ...Object.entries(CHANNEL_WORDS)]}
        error={form.errors.channel}
      />
      {channel === 'letter' ? (
        <Field
          label="Days the post takes"
          name="deliveryDays"
          type="number"
          value={deliveryDays}
          onChange={setDeliveryDays}
          hint="The month runs from the day the letter arrives"
          error={form.errors.deliveryDays}
        />
      ) : null}
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

/** A letter posted, a web form filled in, a complaint sent: on which day (and the post's days). */
export function SentForm({ p, done }: Props) {
  const letter = p.channel === 'letter';
  const [on, setOn] = useState(localToday());
  const [deliveryDays, setDeliveryDays] = useState(String(p.deliveryDays ?? 3));
  const form = useSubmit(
    () =>
      api('markRequestSent', {
        id: p.id,
        body: { on: opt(on), ...(letter ? { deliveryDays: opt(deliveryDays) } : {}) },
      }),
    done,
  );
  return (
    <FormShell
      title={letter ? 'The letter is posted' : 'It is sent'}
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel={letter ? 'Mark posted' : 'Mark done'}
      onCancel={done}
    >
      <Field
        label={letter ? 'Posted on' : 'Sent on'}
        name="on"
        type="date"
        value={on}
        onChange={setOn}
        error={form.errors.on}
      />
      {letter ? (
        <Field
          label="Days the post takes"
          name="deliveryDays"
          type="number"
          value={deliveryDays}
          onChange={setDeliveryDays}
          hint="The month runs from the day the letter arrives"
          error={form.errors.deliveryDays}
        />
      ) : null}
    </FormShell>
  );
}

/** "They asked for more time": the day of their notice, and its reasons (Art. 12(3)). */
export function ExtensionForm({ p, done }: Props) {
  const [on, setOn] = useState(localToday());
  const [reasons, setReasons] = useState('');
  const form = useSubmit(
    () => api('requestExtension', { id: p.id, body: { on, reasons: opt(reasons) } }),
    done,
  );
  return (
    <FormShell
      title="They asked for more time"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Record the notice"
      onCancel={done}
    >
      <Field
        label="Their notice came on"
        name="on"
        type="date"
        value={on}
        onChange={setOn}
        error={form.errors.on}
      />
      <Field
        label="Reasons they gave"
        name="reasons"
        value={reasons}
        onChange={setReasons}
        multiline
        hint="Two more months count only with reasons, given within the first month"
        error={form.errors.reasons}
      />
    </FormShell>
  );
}

/** "Mark answered": complete, or which Art. 15 items were missing. */
export function AnsweredForm({ p, done }: Props) {
  const [on, setOn] = useState(localToday());
  const [missing, setMissing] = useState<string[]>([]);
  const form = useSubmit(
    () =>
      api('requestAnswered', {
        id: p.id,
        body: {
          on: opt(on),
          complete: missing.length === 0,
          missing: missing as Proceeding['missingItems'][number][],
        },
      }),
    done,
  );
  return (
    <FormShell
      title="They answered"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Mark answered"
      onCancel={done}
    >
      <Field label="Answered on" name="on" type="date" value={on} onChange={setOn} error={form.errors.on} />
      {p.kind === 'access' ? (
        <fieldset className="checks">
          <legend>What their answer left out (none ticked: it is complete)</legend>
          {ACCESS_ITEM_OPTIONS.map((item) => (
            <label key={item.key}>
              <input
                type="checkbox"
                name="missing"
                checked={missing.includes(item.key)}
                onChange={(e) =>
                  setMissing(
                    e.target.checked ? [...missing, item.key] : missing.filter((k) => k !== item.key),
                  )
                }
              />{' '}
              {item.label}
            </label>
          ))}
          {form.errors.missing ? (
            <small className="error" role="alert">
              {form.errors.missing}
            </small>
          ) : null}
        </fieldset>
      ) : null}
    </FormShell>
  );
}

type AnswerImport = Awaited<ReturnType<typeof uploadAnswer>>;

/** "Import their answer": a ZIP or one file; every problem is named with its file. */
export function ImportForm({ p, done }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<AnswerImport>();
  const form = useSubmit(
    () => (file ? uploadAnswer(p.id, file) : Promise.reject(new Error('Choose the file they sent'))),
    setResult,
  );
  if (result)
    return (
      <div className="card" role="status">
        <h3>Their answer is imported</h3>
        <p>
          {plural(result.files, 'file')} kept, {plural(result.findings, 'item')} found in them.
        </p>
        {result.problems.length > 0 ? (
          <>
            <p>{plural(result.problems.length, 'file')} could not be read:</p>
            <ul>
              {result.problems.map((x) => (
                <li key={`${x.path}:${x.message}`}>
                  <strong>{x.path}</strong>: {x.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <button type="button" onClick={done}>
          See what they hold
        </button>
      </div>
    );
  return (
    <FormShell
      title="Import their answer"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Import"
      onCancel={done}
    >
      <div className="field">
        <label htmlFor={`answer-file-${String(p.id)}`}>Their answer</label>
        <input
          id={`answer-file-${String(p.id)}`}
          type="file"
          accept=".zip,.json,.csv,.html,.htm,.pdf,.txt"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <small className="hint">A ZIP of JSON, CSV, HTML, PDF and text files, or one such file</small>
      </div>
    </FormShell>
  );
}

/** "Admonish": the reasons beyond what the dates and the comparison say already. */
export function AdmonishForm({ p, done }: Props) {
  const [days, setDays] = useState('14');
  const [excessiveId, setExcessiveId] = useState('');
  const [wrongMedium, setWrongMedium] = useState('');
  const [wrongLanguage, setWrongLanguage] = useState('');
  const form = useSubmit(
    () =>
      api('admonishRequest', {
        id: p.id,
        body: {
          days: opt(days),
          excessiveId: opt(excessiveId),
          wrongMedium: opt(wrongMedium),
          wrongLanguage: opt(wrongLanguage),
        },
      }),
    done,
  );
  return (
    <FormShell
      title="Admonish them"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Draft the admonition"
      onCancel={done}
    >
      <p className="hint">Lateness, missing items and what their answer left out are said already.</p>
      <Field
        label="Days they get now"
        name="days"
        type="number"
        value={days}
        onChange={setDays}
        error={form.errors.days}
      />
      <Field
        label="They asked for more ID than needed"
        name="excessiveId"
        value={excessiveId}
        onChange={setExcessiveId}
        hint="What they asked for, such as a copy of your passport"
        error={form.errors.excessiveId}
      />
      <Field
        label="They answered the wrong way"
        name="wrongMedium"
        value={wrongMedium}
        onChange={setWrongMedium}
        hint="How it came, such as on paper when you asked by e-mail"
        error={form.errors.wrongMedium}
      />
      <Field
        label="They answered in another language"
        name="wrongLanguage"
        value={wrongLanguage}
        onChange={setWrongLanguage}
        error={form.errors.wrongLanguage}
      />
    </FormShell>
  );
}

/** "Complain": the supervisory authority, chosen by your country or theirs, or by name. */
export function ComplainForm({ p, done }: Props) {
  const { data: authorities } = useLoad(() => api('listAuthorities', { query: {} }), []);
  const [authority, setAuthority] = useState('');
  const [by, setBy] = useState('residence');
  const form = useSubmit(
    () =>
      api('complainRequest', {
        id: p.id,
        body: { authority: opt(authority), by: by as 'residence' | 'controller' },
      }),
    done,
  );
  const options: (readonly [string, string])[] = [
    ['', 'The competent one, by the country below'],
    ...(authorities ?? []).map((a: ApiOutput<'listAuthorities'>[number]) => [a.slug, a.name] as const),
  ];
  return (
    <FormShell
      title="Complain to the supervisory authority"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Draft the complaint"
      onCancel={done}
    >
      <Field
        label="Authority"
        name="authority"
        value={authority}
        onChange={setAuthority}
        options={options}
        error={form.errors.authority}
      />
      <Field
        label="Chosen by"
        name="by"
        value={by}
        onChange={setBy}
        options={[
          ['residence', 'Where you live'],
          ['controller', `Where ${p.provider} is`],
        ]}
        error={form.errors.by}
      />
    </FormShell>
  );
}

/** "They wrote": a letter that came or a call written down, recorded as their response. */
export function ReceivedForm({ p, done }: Props) {
  const [on, setOn] = useState(localToday());
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const form = useSubmit(
    () => api('requestReceived', { id: p.id, body: { on, subject, body: opt(body) } }),
    done,
  );
  return (
    <FormShell
      title="They wrote"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Record it"
      onCancel={done}
    >
      <Field label="It came on" name="on" type="date" value={on} onChange={setOn} error={form.errors.on} />
      <Field
        label="Subject"
        name="subject"
        value={subject}
        onChange={setSubject}
        error={form.errors.subject}
      />
      <Field
        label="What they said"
        name="body"
        value={body}
        onChange={setBody}
        multiline
        error={form.errors.body}
      />
    </FormShell>
  );
}

/** Their answer attached to a message already in your mail: chosen from their messages. */
export function FromMailForm({ p, done }: Props) {
  const { data: messages } = useLoad(
    () => api('listMessages', { query: { provider: String(p.providerId), limit: 100 } }),
    [p.providerId],
  );
  const [mailId, setMailId] = useState('');
  const form = useSubmit(
    () => api('importRequestAnswerFromMail', { id: p.id, body: { mailId: Number(mailId) || 0 } }),
    done,
  );
  return (
    <FormShell
      title="Import their answer from your mail"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Import"
      onCancel={done}
    >
      <Field
        label="Message"
        name="mailId"
        value={mailId}
        onChange={setMailId}
        options={[
          ['', (messages ?? []).length === 0 ? `No mail from ${p.provider} yet` : 'Choose…'],
          ...(messages ?? []).map(
            (m) =>
              [
                String(m.id),
                `${m.sentAt ? m.sentAt.slice(0, 10) : ''} ${m.subject || '(no subject)'}`,
              ] as const,
          ),
        ]}
        hint="Its attachments (a ZIP, JSON, CSV, HTML, PDF or text) are imported"
        error={form.errors.mailId}
      />
    </FormShell>
  );
}
