import { useId, useState } from 'react';
import { api, postForFile, saveFile, type ApiOutput } from '../../api';
import { Field, FormShell, opt, useFields, useSubmit } from '../../components/Form';
import { useLoad } from '../../useLoad';

type Options = ApiOutput<'letterOptions'>;

const LAYOUT_CHOICES = [
  ['din5008-b', 'DIN 5008 form B (Germany, Austria, Switzerland)'],
  ['din5008-a', 'DIN 5008 form A'],
  ['uk', 'UK (DL or C5 window envelope)'],
] as const;
const LANGUAGE_CHOICES = [
  ['en', 'English'],
  ['de', 'German'],
] as const;

/**
 * "Write a letter": the provider's window lines, the person's postal addresses to write from, a
 * subject and a text; it downloads the PDF for a window envelope. Once posted, "Mark as posted"
 * puts it on the timeline with the PDF kept as a document.
 */
export function LetterForm({ providerId, done }: { providerId: number; done: () => void }) {
  const { data, error } = useLoad(() => api('letterOptions', { id: providerId }), [providerId]);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p className="loading">Loading…</p>;
  return <LetterFields options={data} providerId={providerId} done={done} />;
}

function LetterFields({
  options,
  providerId,
  done,
}: {
  options: Options;
  providerId: number;
  done: () => void;
}) {
  const f = useFields({
    from: options.suggestedFactId === null ? '' : String(options.suggestedFactId),
    subject: '',
    body: '',
    layout: options.layout,
    language: options.language,
    date: options.date,
    senderName: options.senderName ?? '',
    postedOn: options.date,
  });
  const v = f.values;
  const [downloaded, setDownloaded] = useState<{ filename: string; warnings: string[] }>();
  const toId = useId();
  const letter = () => ({
    from: { factId: v.from === '' ? '' : Number(v.from) },
    subject: v.subject,
    body: v.body,
    layout: v.layout as 'uk',
    language: v.language as 'en',
    date: opt(v.date),
    senderName: opt(v.senderName),
  });
  const write = useSubmit(
    () => postForFile('writeLetter', providerId, letter()),
    ({ blob, filename, warnings }) => {
      saveFile(blob, filename);
      setDownloaded({ filename, warnings });
    },
  );
  const posted = useSubmit(
    () => api('letterPosted', { id: providerId, body: { ...letter(), postedOn: v.postedOn } }),
    done,
  );
  const e = write.errors;
  return (
    <>
      <FormShell
        title="Write a letter"
        onSubmit={write.submit}
        message={write.message}
        problems={write.problems}
        busy={write.busy}
        submitLabel="Download PDF"
        onCancel={done}
      >
        <div className="field letter-to" role="group" aria-labelledby={toId}>
          <span className="label" id={toId}>
            To
          </span>
          {options.recipientProblem ? (
            <p className="error">{options.recipientProblem}</p>
          ) : (
            <address>
              {options.recipient.map((line) => (
                <span key={line}>
                  {line}
                  <br />
                </span>
              ))}
            </address>
          )}
        </div>
        {options.senders.length === 0 ? (
          <p className="error">
            Your vault has no postal address to write from: add one on the Vault page (kind “postal address”).
          </p>
        ) : (
          <Field
            label="Send from"
            name="from"
            value={v.from}
            onChange={f.set('from')}
            required
            error={e.from ?? e['from.factId']}
            options={[
              ['', 'Choose one of your postal addresses'],
              ...options.senders.map(
                (s) =>
                  [String(s.factId), `${s.label}: ${s.summary}${s.tag ? ` (tagged ${s.tag})` : ''}`] as const,
              ),
            ]}
          />
        )}
        <Field
          label="Your name"
          name="senderName"
          value={v.senderName}
          onChange={f.set('senderName')}
          error={e.senderName}
        />
        <Field
          label="Subject"
          name="subject"
          value={v.subject}
          onChange={f.set('subject')}
          required
          error={e.subject}
        />
        <Field
          label="Text"
          name="body"
          value={v.body}
          onChange={f.set('body')}
          multiline
          required
          error={e.body}
          hint={`A blank line starts a new paragraph. The letter opens with its salutation and closes with your name.${
            options.customerNumber
              ? ` Your customer number ${options.customerNumber} is printed beside the address.`
              : ''
          }`}
        />
        <Field
          label="Layout"
          name="layout"
          value={v.layout}
          onChange={f.set('layout')}
          options={LAYOUT_CHOICES}
          error={e.layout}
        />
        <Field
          label="Language"
          name="language"
          value={v.language}
          onChange={f.set('language')}
          options={LANGUAGE_CHOICES}
          error={e.language}
        />
        <Field label="Date" name="date" type="date" value={v.date} onChange={f.set('date')} error={e.date} />
      </FormShell>
      {downloaded ? (
        <FormShell
          title="Mark as posted"
          onSubmit={posted.submit}
          message={posted.message}
          problems={posted.problems}
          busy={posted.busy}
          submitLabel="Mark as posted"
        >
          <p role="status">
            Downloaded {downloaded.filename}. Print it, fold it at the marks and post it; then record the day
            it went.
          </p>
          {downloaded.warnings.length > 0 ? (
            <ul className="notes">
              {downloaded.warnings.map((w) => (
                <li key={w}>{w.replace(/^body: /, 'Text: ')}</li>
              ))}
            </ul>
          ) : null}
          <Field
            label="Posted on"
            name="postedOn"
            type="date"
            value={v.postedOn}
            onChange={f.set('postedOn')}
            required
            error={posted.errors.postedOn}
          />
        </FormShell>
      ) : null}
    </>
  );
}
