import { useState } from 'react';
import { api, ApiError, postForFile, saveFile, type ApiOutput } from '../api';
import { Field, FormShell, opt, useSubmit } from '../components/Form';
import { providerOptions, useProviders } from '../choices';
import { dateText, plural } from '../format';
import { CHANNELS, FailForm, NoticeForm, SentForm } from './changes/ItemForms';
import { go } from '../router';
import { useLoad } from '../useLoad';

type Campaign = ApiOutput<'getCampaign'>;
type Item = Campaign['items'][number];

/** Facts a campaign tells providers about (src/changes/templates.ts). */
const CHANGEABLE = new Set(['postal_address', 'email', 'phone', 'bank_account', 'name']);

/** A state in words, with the class its badge takes. */
function stateBadge(item: Item) {
  if (item.overdue) return <span className="badge escalated">overdue since {dateText(item.dueOn)}</span>;
  const words = {
    drafted: [item.followUps > 0 ? 'follow-up drafted' : 'draft', 'waiting'],
    sent: [
      item.followedUpOn
        ? `sent ${dateText(item.sentOn)}, followed up ${dateText(item.followedUpOn)}`
        : `sent ${dateText(item.sentOn)}`,
      'open',
    ],
    acknowledged: [`reply ${dateText(item.acknowledgedOn)}`, 'open'],
    confirmed: [`confirmed ${dateText(item.confirmedOn)}`, 'resolved'],
    failed: ['failed', 'escalated'],
    dropped: ['dropped', ''],
  } as const;
  const [text, tone] = words[item.state];
  return <span className={`badge ${tone}`}>{text}</span>;
}

/** Starts a campaign from a fact with a newer version; the fact may come chosen (from the vault). */
function StartForm({ fact: chosen, onCancel }: { fact?: string | undefined; onCancel: () => void }) {
  const { data: facts } = useLoad(() => api('listFacts', { query: {} }), []);
  const [fact, setFact] = useState(chosen ?? '');
  const [language, setLanguage] = useState('en');
  const [wait, setWait] = useState('21');
  const form = useSubmit(
    () =>
      api('startCampaign', {
        body: { fact: Number(fact) || fact, language: language as 'en' | 'de', waitDays: opt(wait) },
      }),
    (campaign) => go(`changes/${String(campaign.id)}`),
  );
  const changed = (facts ?? []).filter((f) => CHANGEABLE.has(f.kind) && f.current.version > 1);
  return (
    <FormShell
      title="Tell providers what changed"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Start"
      onCancel={onCancel}
    >
      <Field
        label="What changed"
        name="fact"
        value={fact}
        onChange={setFact}
        options={[
          ['', changed.length > 0 ? 'Choose…' : 'No fact has a newer version yet'],
          ...changed.map((f) => [String(f.id), `${f.label}: ${f.current.summary}`] as const),
        ]}
        hint="Every provider that holds an older version gets a notice"
        error={form.errors.fact}
      />
      <Field
        label="Language"
        name="language"
        value={language}
        onChange={setLanguage}
        options={[
          ['en', 'English'],
          ['de', 'German'],
        ]}
        hint="Providers in Germany, Austria and Switzerland are written to in German"
        error={form.errors.language}
      />
      <Field
        label="Days to wait for an answer"
        name="waitDays"
        type="number"
        value={wait}
        onChange={setWait}
        error={form.errors.waitDays}
      />
    </FormShell>
  );
}

/** The list of campaigns, and the form that starts one. */
function CampaignList({ fact }: { fact?: string | undefined }) {
  const { data, error } = useLoad(() => api('listCampaigns'), []);
  const [starting, setStarting] = useState(fact !== undefined);
  return (
    <section>
      <div className="page-head">
        <h1>Changes</h1>
        {starting ? null : (
          <button type="button" onClick={() => setStarting(true)}>
            Tell providers what changed
          </button>
        )}
      </div>
      <p className="lead">
        Moved, or a new e-mail, phone, bank account or name? Say it once: every provider that holds the old
        one gets a notice, from the identity it knows, and each is followed until it confirms.
      </p>
      {starting ? <StartForm fact={fact} onCancel={() => setStarting(false)} /> : null}
      {error ? <p className="error">{error}</p> : null}
      {data?.length === 0 ? (
        <p className="empty">
          No campaign yet. Record the new version in the vault, then tell providers here.
        </p>
      ) : null}
      <ul className="campaigns">
        {(data ?? []).map((c) => (
          <li key={c.id} className="card">
            <a href={`#/changes/${String(c.id)}`}>{c.title}</a>
            <Progress campaign={c} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Progress({ campaign: c }: { campaign: ApiOutput<'listCampaigns'>[number] }) {
  const { total, updated, overdue, failed } = c.progress;
  return (
    <div className="progress">
      <progress
        max={Math.max(total, 1)}
        value={updated}
        aria-label={`${String(updated)} of ${String(total)} updated`}
      />
      <span>
        <strong>
          {updated} of {total} updated
        </strong>
        {overdue > 0 ? ` · ${String(overdue)} overdue` : ''}
        {failed > 0 ? ` · ${String(failed)} failed` : ''}
      </span>
    </div>
  );
}

function ItemRow({ item, reload }: { item: Item; reload: () => void }) {
  const [open, setOpen] = useState<'notice' | 'fail' | 'sent' | undefined>();
  const [message, setMessage] = useState('');
  const act = (call: () => Promise<unknown>) => {
    setMessage('');
    call()
      .then(reload)
      .catch((e: unknown) => setMessage(e instanceof ApiError ? e.message : String(e)));
  };
  const draft = item.state === 'drafted' || item.state === 'failed';
  return (
    <>
      <tr className={item.overdue ? 'overdue' : undefined}>
        <td data-label="Provider">
          <a href={`#/providers/${String(item.providerId)}`}>{item.provider}</a>
          {item.held ? <small className="muted"> holds {item.held}</small> : null}
        </td>
        <td data-label="By">
          {item.channel ? CHANNELS[item.channel] : 'no channel'}
          {item.recipient && item.channel === 'web_form' ? (
            <small>
              {' '}
              <a href={item.recipient} target="_blank" rel="noreferrer">
                {item.recipient}
              </a>
            </small>
          ) : item.recipient ? (
            <small className="muted"> {item.recipient.split('\n')[0]}</small>
          ) : null}
        </td>
        <td data-label="From">{item.from ?? ''}</td>
        <td data-label="State">
          {stateBadge(item)}
          {item.failure ? <small className="error"> {item.failure}</small> : null}
          {item.problem ? <small className="error"> {item.problem}</small> : null}
          {item.mayHaveConfirmed ? <small className="hint"> {item.mayHaveConfirmed}</small> : null}
          {item.uncertainOutboxId !== null ? (
            <small className="error">
              {' '}
              Its send stopped half-way: it may not have arrived.{' '}
              <a href={`#/outbox/${String(item.uncertainOutboxId)}`}>Check it in the outbox</a>
            </small>
          ) : null}
        </td>
        <td data-label="Actions" className="actions">
          {item.state !== 'dropped' && item.state !== 'confirmed' ? (
            <button
              type="button"
              className="small secondary"
              aria-expanded={open === 'notice'}
              onClick={() => setOpen(open === 'notice' ? undefined : 'notice')}
            >
              {draft ? 'Review notice' : 'Notice'}
            </button>
          ) : null}
          {item.channel === 'letter' && item.state !== 'dropped' ? (
            <button
              type="button"
              className="small secondary"
              onClick={() =>
                act(() =>
                  postForFile('campaignItemLetter', item.id, {}).then(({ blob, filename }) =>
                    saveFile(blob, filename),
                  ),
                )
              }
            >
              Letter (PDF)
            </button>
          ) : null}
          {draft && item.channel === 'email' ? (
            <button
              type="button"
              className="small"
              onClick={() => act(() => api('markCampaignItemSent', { id: item.id, body: {} }))}
            >
              Mark sent
            </button>
          ) : null}
          {draft && (item.channel === 'letter' || item.channel === 'web_form') ? (
            <button
              type="button"
              className="small"
              aria-expanded={open === 'sent'}
              onClick={() => setOpen(open === 'sent' ? undefined : 'sent')}
            >
              {item.channel === 'letter' ? 'Mark posted' : 'Mark done'}
            </button>
          ) : null}
          {item.state === 'sent' ? (
            <button
              type="button"
              className="small secondary"
              onClick={() => act(() => api('acknowledgeCampaignItem', { id: item.id, body: {} }))}
            >
              Reply arrived
            </button>
          ) : null}
          {item.state === 'sent' || item.state === 'acknowledged' ? (
            <button
              type="button"
              className="small"
              onClick={() => act(() => api('confirmCampaignItem', { id: item.id, body: {} }))}
            >
              Confirmed
            </button>
          ) : null}
          {item.state === 'sent' ? (
            <button
              type="button"
              className="small secondary"
              onClick={() =>
                act(() => api('followUpCampaign', { id: item.campaignId, body: { items: [item.id] } }))
              }
            >
              Follow up
            </button>
          ) : null}
          {item.state === 'sent' ? (
            <button type="button" className="small secondary" onClick={() => setOpen('fail')}>
              Failed…
            </button>
          ) : null}
          {item.state === 'drafted' || item.state === 'failed' ? (
            <button
              type="button"
              className="small secondary"
              onClick={() => act(() => api('dropCampaignItem', { id: item.id }))}
            >
              Drop
            </button>
          ) : null}
          {message ? (
            <small className="error" role="alert">
              {message}
            </small>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={5}>
            {open === 'sent' ? (
              <SentForm
                item={item}
                done={() => {
                  setOpen(undefined);
                  reload();
                }}
              />
            ) : open === 'fail' ? (
              <FailForm
                item={item}
                done={() => {
                  setOpen(undefined);
                  reload();
                }}
              />
            ) : draft ? (
              <NoticeForm
                item={item}
                done={() => {
                  setOpen(undefined);
                  reload();
                }}
              />
            ) : (
              <pre
                className="notice-text"
                aria-label={`Notice to ${item.provider}`}
              >{`Subject: ${item.subject}\n\n${item.body}`}</pre>
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}

function AddProvider({ campaign, done }: { campaign: Campaign; done: () => void }) {
  const providers = useProviders().filter(
    (p) => !campaign.items.some((i) => i.providerId === p.id && i.state !== 'dropped'),
  );
  const [provider, setProvider] = useState('');
  const form = useSubmit(
    () => api('addCampaignProvider', { id: campaign.id, body: { provider: Number(provider) || provider } }),
    done,
  );
  return (
    <FormShell
      title="Add a provider"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Add"
      onCancel={done}
    >
      <Field
        label="Provider"
        name="provider"
        value={provider}
        onChange={setProvider}
        options={providerOptions(providers)}
        error={form.errors.provider}
      />
    </FormShell>
  );
}

function CampaignPage({ id }: { id: number }) {
  const { data: c, error, reload } = useLoad(() => api('getCampaign', { id }), [id]);
  const [adding, setAdding] = useState(false);
  const [sending, setSending] = useState(false);
  const [sendMessage, setSendMessage] = useState('');
  const send = () => {
    setSending(true);
    setSendMessage('');
    api('sendCampaign', { id, body: {} })
      .then((answer) => {
        const sent = answer.sent.filter((o) => o.state === 'sent').length;
        const failed = answer.sent.length - sent;
        setSendMessage(
          `Sent ${plural(sent, 'e-mail')}${failed > 0 ? `; ${plural(failed, 'e-mail')} did not go: see each below` : ''}.`,
        );
      })
      .catch((e: unknown) => setSendMessage(e instanceof ApiError ? e.message : String(e)))
      .finally(() => {
        setSending(false);
        reload();
      });
  };
  const followUp = () => {
    setSendMessage('');
    api('followUpCampaign', { id, body: {} })
      .then(({ drafted }) =>
        setSendMessage(
          `Drafted ${plural(drafted.length, 'follow-up')}: review each notice, then send the e-mails and post the letters.`,
        ),
      )
      .catch((e: unknown) => setSendMessage(e instanceof ApiError ? e.message : String(e)))
      .finally(reload);
  };
  if (error) return <p className="error">{error}</p>;
  if (!c) return <p className="loading">Loading…</p>;
  const late = c.items.filter((i) => i.overdue);
  const ready = c.items.filter(
    (i) => (i.state === 'drafted' || i.state === 'failed') && i.channel === 'email' && i.problem === null,
  );
  return (
    <section>
      <p className="crumbs">
        <a href="#/changes">Changes</a> › {c.fact}
      </p>
      <div className="page-head">
        <h1>{c.title}</h1>
        <span className="actions">
          {ready.length > 0 ? (
            <button type="button" disabled={sending} onClick={send}>
              {sending ? 'Sending…' : `Send ${plural(ready.length, 'e-mail')}`}
            </button>
          ) : null}
          <button type="button" className="secondary" onClick={() => setAdding(true)}>
            Add a provider
          </button>
        </span>
      </div>
      {sendMessage ? (
        <p className="notice" role="status">
          {sendMessage}
        </p>
      ) : null}
      <p className="lead">
        From {dateText(c.validFrom)}. An answer is due {plural(c.waitDays, 'day')} after each notice is sent.
      </p>
      <Progress campaign={c} />
      {late.length > 0 ? (
        <p className="notice">
          {plural(late.length, 'provider')} did not answer in time: {late.map((i) => i.provider).join(', ')}.
          Follow them up, or mark them confirmed if they changed it.{' '}
          <button type="button" className="small" onClick={followUp}>
            Draft {late.length === 1 ? 'a follow-up' : `${String(late.length)} follow-ups`}
          </button>
        </p>
      ) : null}
      {adding ? (
        <AddProvider
          campaign={c}
          done={() => {
            setAdding(false);
            reload();
          }}
        />
      ) : null}
      <table className="campaign-items">
        <caption className="visually-hidden">Providers on this campaign</caption>
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">By</th>
            <th scope="col">From</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {c.items.map((item) => (
            <ItemRow key={item.id} item={item} reload={reload} />
          ))}
        </tbody>
      </table>
      {c.items.length === 0 ? (
        <p className="empty">Nobody holds an older version. Add providers by hand.</p>
      ) : null}
    </section>
  );
}

/** The Changes area: `#/changes`, `#/changes/start/:fact` (from the vault), `#/changes/:campaign`. */
export function Changes({ route }: { route: readonly string[] }) {
  const [, first, second] = route;
  if (first === 'start') return <CampaignList fact={second} />;
  if (first !== undefined) return <CampaignPage id={Number(first)} />;
  return <CampaignList />;
}
