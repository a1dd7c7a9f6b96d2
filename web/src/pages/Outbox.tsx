import { useState } from 'react';
import { api, type ApiOutput } from '../api';
import { dateText, dateTimeText } from '../format';
import { Field, FormShell, useSubmit } from '../components/Form';
import { go } from '../router';
import { useLoad } from '../useLoad';

type Item = ApiOutput<'getOutboxItem'>;

const CHANNEL = { email: 'E-mail', letter: 'Letter', web_form: 'Web form' } as const;
const STATE = {
  draft: 'Draft',
  queued: 'Waiting to send',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  uncertain: 'Uncertain: check your sent mail',
} as const;

/** The outbox: every message, letter and web-form text to a provider, from draft to sent. */
export function Outbox({ id }: { id?: string | undefined }) {
  return id === undefined ? <OutboxList /> : <OutboxItem id={Number(id)} />;
}

function OutboxList() {
  const { data, error, reload } = useLoad(() => api('listOutbox'), []);
  const [said, setSaid] = useState('');
  const drafts = (data ?? []).filter(
    (i) => i.channel === 'email' && (i.state === 'draft' || i.state === 'queued'),
  );
  const sendAll = useSubmit(
    () => api('sendOutbox', { body: {} }),
    (outcomes) => {
      const sent = outcomes.filter((o) => o.item.state === 'sent').length;
      setSaid(`${String(sent)} of ${String(outcomes.length)} sent.`);
      reload();
    },
  );
  return (
    <div>
      <h1>Outbox</h1>
      <p>
        What vrm writes to providers: read and change each draft, then send it. E-mail goes through your own
        SMTP server (Settings, Sending) from the alias each provider knows.
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {said ? (
        <p className="notice" role="status">
          {said}
        </p>
      ) : null}
      {sendAll.message ? (
        <p className="error" role="alert">
          {sendAll.message}
        </p>
      ) : null}
      {drafts.length > 0 ? (
        <form onSubmit={sendAll.submit}>
          <button type="submit" disabled={sendAll.busy}>
            {sendAll.busy ? 'Sending…' : `Send all ${String(drafts.length)} e-mail drafts`}
          </button>
        </form>
      ) : null}
      {data && data.length === 0 ? <p>The outbox is empty.</p> : null}
      {data && data.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">By</th>
              <th scope="col">State</th>
              <th scope="col">Sent</th>
            </tr>
          </thead>
          <tbody>
            {data.map((i) => (
              <tr key={i.id}>
                <td>
                  <a href={`#/providers/${String(i.providerId)}`}>{i.providerName}</a>
                </td>
                <td>
                  <a href={`#/outbox/${String(i.id)}`}>{i.subject}</a>
                </td>
                <td>{CHANNEL[i.channel]}</td>
                <td>{STATE[i.state]}</td>
                <td>{i.sentAt ? dateText(i.sentAt) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function OutboxItem({ id }: { id: number }) {
  const { data, error, reload } = useLoad(() => api('getOutboxItem', { id }), [id]);
  if (error)
    return (
      <div>
        <h1>Outbox</h1>
        <p className="error" role="alert">
          {error}
        </p>
        <p>
          <a href="#/outbox">Back to the outbox</a>
        </p>
      </div>
    );
  if (!data) return null;
  // Kept across a save (its note stays), new when the state moves on.
  return <ItemView key={`${String(data.id)}-${data.state}`} item={data} reload={reload} />;
}

function ItemView({ item, reload }: { item: Item; reload: () => void }) {
  const open = item.state === 'draft' || item.state === 'queued' || item.state === 'failed';
  return (
    <div>
      <p>
        <a href="#/outbox">Outbox</a>
      </p>
      <h1>{item.subject}</h1>
      <dl className="facts">
        <dt>To</dt>
        <dd>
          <a href={`#/providers/${String(item.providerId)}`}>{item.providerName}</a>
          {item.toAddress && item.channel === 'email' ? ` <${item.toAddress}>` : ''}
        </dd>
        <dt>By</dt>
        <dd>{CHANNEL[item.channel]}</dd>
        {item.fromAddress ? (
          <>
            <dt>From</dt>
            <dd>{item.fromAddress}</dd>
          </>
        ) : null}
        {item.channel === 'letter' && item.toAddress ? (
          <>
            <dt>Postal address</dt>
            <dd className="address">{item.toAddress}</dd>
          </>
        ) : null}
        {item.webForm ? (
          <>
            <dt>Web form</dt>
            <dd>
              <a href={item.webForm} target="_blank" rel="noreferrer noopener">
                {item.webForm}
              </a>
            </dd>
          </>
        ) : null}
        <dt>State</dt>
        <dd>{STATE[item.state]}</dd>
        {item.sentAt ? (
          <>
            <dt>Sent</dt>
            <dd>{dateTimeText(item.sentAt)}</dd>
          </>
        ) : null}
        {item.messageId ? (
          <>
            <dt>Message-ID</dt>
            <dd>&lt;{item.messageId}&gt;</dd>
          </>
        ) : null}
      </dl>
      {item.failure ? (
        <p className="error" role="alert">
          {item.failure}
        </p>
      ) : null}
      {open ? <DraftForm item={item} reload={reload} /> : <pre className="letter-text">{item.body}</pre>}
      {item.state === 'uncertain' ? <Uncertain item={item} reload={reload} /> : null}
    </div>
  );
}

function DraftForm({ item, reload }: { item: Item; reload: () => void }) {
  const [subject, setSubject] = useState(item.subject);
  const [body, setBody] = useState(item.body);
  const [on, setOn] = useState('');
  const [note, setNote] = useState('');
  const save = useSubmit(
    () => api('editOutboxItem', { id: item.id, body: { subject, body } }),
    () => {
      setNote('Draft saved.');
      reload();
    },
  );
  const act = useSubmit(
    async () => {
      if (subject !== item.subject || body !== item.body) {
        await api('editOutboxItem', { id: item.id, body: { subject, body } });
      }
      if (item.channel === 'email') return (await api('sendOutboxItem', { id: item.id }))?.item;
      return api('markOutboxItemSent', { id: item.id, body: { on: on === '' ? undefined : on } });
    },
    () => reload(),
  );
  const remove = useSubmit(
    () => api('deleteOutboxItem', { id: item.id }),
    () => go('outbox'),
  );
  return (
    <>
      {note ? (
        <p className="notice" role="status">
          {note}
        </p>
      ) : null}
      <FormShell
        title={item.channel === 'web_form' ? 'Text to paste into the form' : 'Draft'}
        onSubmit={save.submit}
        message={save.message || act.message || remove.message}
        problems={[...save.problems, ...act.problems]}
        busy={save.busy || act.busy}
        submitLabel="Save draft"
      >
        <Field
          label="Subject"
          name="subject"
          value={subject}
          onChange={setSubject}
          error={save.errors.subject}
          required
        />
        <Field
          label="Text"
          name="body"
          value={body}
          onChange={setBody}
          error={save.errors.body}
          multiline
          required
        />
        {item.channel === 'email' ? null : (
          <Field
            label="Sent on"
            name="on"
            type="date"
            value={on}
            onChange={setOn}
            error={act.errors.on}
            hint="Leave empty for today"
          />
        )}
      </FormShell>
      <div className="actions">
        <button type="button" disabled={act.busy} onClick={act.submit}>
          {item.channel === 'email'
            ? act.busy
              ? 'Sending…'
              : 'Send'
            : item.channel === 'letter'
              ? 'Posted'
              : 'Done'}
        </button>
        <button type="button" className="secondary" disabled={remove.busy} onClick={remove.submit}>
          Delete
        </button>
      </div>
    </>
  );
}

function Uncertain({ item, reload }: { item: Item; reload: () => void }) {
  const again = useSubmit(
    () => api('sendOutboxItemAgain', { id: item.id }),
    () => reload(),
  );
  const done = useSubmit(
    () => api('markOutboxItemSent', { id: item.id, body: {} }),
    () => reload(),
  );
  return (
    <div className="actions">
      {again.message || done.message ? (
        <p className="error" role="alert">
          {again.message || done.message}
        </p>
      ) : null}
      <button type="button" disabled={again.busy} onClick={again.submit}>
        Send again
      </button>
      <button type="button" className="secondary" disabled={done.busy} onClick={done.submit}>
        Mark as sent
      </button>
    </div>
  );
}
