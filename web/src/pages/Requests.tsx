import { useState } from 'react';
import { api, type ApiOutput } from '../api';
import { Field, FormShell, opt, useSubmit } from '../components/Form';
import { providerOptions, useProviders } from '../choices';
import { dateText } from '../format';
import { go } from '../router';
import { useLoad } from '../useLoad';
import { RequestCampaignPage } from './requests/Campaign';
import { ProceedingPage } from './requests/Proceeding';
import { CHANNEL_WORDS, KIND_OPTIONS, STATUS_WORDS, kindName, type Proceeding } from './requests/words';

/** A status badge: its words say it all, the colour only repeats it. */
export function StatusBadge({ p }: { p: Pick<Proceeding, 'status' | 'dueOn'> }) {
  const [words, tone] = STATUS_WORDS[p.status];
  return (
    <span className={`badge ${tone}`}>
      {p.status === 'overdue' && p.dueOn ? `late: was due ${dateText(p.dueOn)}` : words}
    </span>
  );
}

/** "New request": a provider, a kind in plain words, and how it goes. */
export function NewRequestForm({ provider, onCancel }: { provider?: number; onCancel: () => void }) {
  const providers = useProviders();
  const [chosen, setChosen] = useState(provider === undefined ? '' : String(provider));
  const [kind, setKind] = useState('access');
  const [channel, setChannel] = useState('');
  const [language, setLanguage] = useState('');
  const form = useSubmit(
    () =>
      api('draftRequest', {
        body: {
          provider: Number(chosen) || chosen,
          kind: kind as Proceeding['kind'],
          channel: opt(channel) as Proceeding['channel'] & string,
          language: opt(language) as 'en' | 'de' | undefined,
        },
      }),
    (p) => go(`requests/${String(p.id)}`),
  );
  return (
    <FormShell
      title="New request"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Draft the request"
      onCancel={onCancel}
    >
      {provider === undefined ? (
        <Field
          label="Provider"
          name="provider"
          value={chosen}
          onChange={setChosen}
          options={providerOptions(providers)}
          error={form.errors.provider}
        />
      ) : null}
      <Field
        label="What to ask"
        name="kind"
        value={kind}
        onChange={setKind}
        options={KIND_OPTIONS}
        error={form.errors.kind}
      />
      <Field
        label="Send by"
        name="channel"
        value={channel}
        onChange={setChannel}
        options={[['', 'As the provider asks (its privacy contact)'], ...Object.entries(CHANNEL_WORDS)]}
        hint="An e-mail goes from the address this provider knows; a letter is a PDF to post"
        error={form.errors.channel}
      />
      <Field
        label="Language"
        name="language"
        value={language}
        onChange={setLanguage}
        options={[
          ['', "The provider's country's"],
          ['en', 'English'],
          ['de', 'German'],
        ]}
        error={form.errors.language}
      />
    </FormShell>
  );
}

/** "Ask everyone who holds …": a fact, or every provider of a category, as one campaign. */
function BulkForm({ onCancel }: { onCancel: () => void }) {
  const { data: facts } = useLoad(() => api('listFacts', { query: {} }), []);
  const providers = useProviders();
  const categories = [
    ...new Set(providers.map((p) => p.category).filter((c): c is string => Boolean(c))),
  ].sort();
  const [scope, setScope] = useState('fact');
  const [fact, setFact] = useState('');
  const [category, setCategory] = useState('');
  const [kind, setKind] = useState('access');
  const form = useSubmit(
    () =>
      api('startRequestCampaign', {
        body: {
          kind: kind as Proceeding['kind'],
          ...(scope === 'fact' ? { fact: Number(fact) || fact } : { category }),
        },
      }),
    (c) => go(`requests/campaigns/${String(c.id)}`),
  );
  return (
    <FormShell
      title="Ask many providers at once"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Draft the requests"
      onCancel={onCancel}
    >
      <Field
        label="Ask"
        name="scope"
        value={scope}
        onChange={setScope}
        options={[
          ['fact', 'Everyone who holds a fact about me'],
          ['category', 'Every provider of a category'],
        ]}
      />
      {scope === 'fact' ? (
        <Field
          label="Everyone who holds"
          name="fact"
          value={fact}
          onChange={setFact}
          options={[
            ['', 'Choose…'],
            ...(facts ?? []).map((f) => [String(f.id), `${f.label}: ${f.current.summary}`] as const),
          ]}
          error={form.errors.fact}
        />
      ) : (
        <Field
          label="Category"
          name="category"
          value={category}
          onChange={setCategory}
          options={[['', 'Choose…'], ...categories]}
          error={form.errors.category}
        />
      )}
      <Field
        label="What to ask"
        name="kind"
        value={kind}
        onChange={setKind}
        options={KIND_OPTIONS}
        error={form.errors.kind}
      />
    </FormShell>
  );
}

/** The requests as rows: provider, kind, status (late in words), due date, next step. */
export function RequestTable({ requests, caption }: { requests: readonly Proceeding[]; caption: string }) {
  return (
    <table className="requests">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Provider</th>
          <th scope="col">Request</th>
          <th scope="col">Status</th>
          <th scope="col">Due</th>
          <th scope="col">Next step</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((p) => (
          <tr key={p.id} className={p.overdue ? 'overdue' : undefined}>
            <td data-label="Provider">
              <a href={`#/providers/${String(p.providerId)}`}>{p.provider}</a>
            </td>
            <td data-label="Request">
              <a href={`#/requests/${String(p.id)}`}>{kindName(p.kind)}</a>
            </td>
            <td data-label="Status">
              <StatusBadge p={p} />
            </td>
            <td data-label="Due">{p.dueOn ? dateText(p.dueOn) : ''}</td>
            <td data-label="Next step">
              <small>{p.next}</small>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RequestList() {
  const { data, error } = useLoad(() => api('listRequests', { query: {} }), []);
  const campaigns = useLoad(() => api('listRequestCampaigns'), []);
  const [open, setOpen] = useState<'new' | 'bulk' | undefined>();
  // The late ones first, then by their deadline: what needs the person comes first.
  const rows = [...(data ?? [])].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'),
  );
  return (
    <section>
      <div className="page-head">
        <h1>My data requests</h1>
        {open ? null : (
          <span className="actions">
            <button type="button" onClick={() => setOpen('new')}>
              New request
            </button>
            <button type="button" className="secondary" onClick={() => setOpen('bulk')}>
              Ask many at once
            </button>
          </span>
        )}
      </div>
      <p className="lead">
        Ask what an organisation holds about you, or have it corrected, erased or left alone. vrm counts the
        deadline as the law does, reminds you, and reads their answer against what you gave them.
      </p>
      {open === 'new' ? <NewRequestForm onCancel={() => setOpen(undefined)} /> : null}
      {open === 'bulk' ? <BulkForm onCancel={() => setOpen(undefined)} /> : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {data?.length === 0 ? (
        <p className="empty">
          No request yet. Open a provider and choose “Ask what they hold”, or start one here.
        </p>
      ) : null}
      {rows.length > 0 ? <RequestTable requests={rows} caption="Your data requests" /> : null}
      {(campaigns.data ?? []).length > 0 ? (
        <>
          <h2>Asked at once</h2>
          <ul className="list">
            {(campaigns.data ?? []).map((c) => (
              <li key={c.id}>
                <a href={`#/requests/campaigns/${String(c.id)}`}>{c.title}</a>{' '}
                <small>
                  {c.scope} · {dateText(c.createdAt)}
                </small>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** The Requests area: `#/requests`, `#/requests/:request`, `#/requests/campaigns/:requestCampaign`. */
export function Requests({ route }: { route: readonly string[] }) {
  const [, first, second] = route;
  if (first === 'campaigns' && second !== undefined) return <RequestCampaignPage id={Number(second)} />;
  if (first !== undefined) return <ProceedingPage id={Number(first)} />;
  return <RequestList />;
}

export type RequestCampaign = ApiOutput<'getRequestCampaign'>;
