import { useState } from 'react';
import { api, type ApiOutput } from '../api';
import { Field, FormShell, opt, useSubmit } from '../components/Form';
import { dateText, plural } from '../format';
import { useLoad } from '../useLoad';
import { providerOptions, useProviders } from '../choices';
import { IdentityMail } from './IdentityMail';

type Identity = ApiOutput<'listIdentities'>[number];
type Report = ApiOutput<'importIdentities'>;
type Recognition = ApiOutput<'recogniseAddress'>;

/** The identity as people read it: a tagged postal address on one line. */
function shown(i: Identity): string {
  if (i.kind !== 'postal') return i.value;
  const v = JSON.parse(i.value) as { lines: string[]; locality?: string; postcode?: string };
  return [...v.lines, v.locality, v.postcode].filter(Boolean).join(', ');
}

function StrategyForm({ done, onCancel }: { done: () => void; onCancel: () => void }) {
  const [kind, setKind] = useState<'plus' | 'catchall'>('plus');
  const [base, setBase] = useState('');
  const form = useSubmit(() => api('addAliasStrategy', { body: { kind, base } }), done);
  return (
    <FormShell
      title="Set up aliases"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Set up"
      onCancel={onCancel}
    >
      <Field
        label="Kind"
        name="kind"
        value={kind}
        onChange={(k) => setKind(k as 'plus' | 'catchall')}
        options={[
          ['plus', 'Plus tags on my mailbox (me+shop7k@example.org)'],
          ['catchall', 'A catch-all domain of mine (shop.k3f9qx@mydomain.example)'],
        ]}
      />
      <Field
        label={kind === 'plus' ? 'Your mailbox' : 'Your domain'}
        name="base"
        value={base}
        onChange={setBase}
        required
        error={form.errors.base}
        hint={
          kind === 'plus'
            ? 'Such as you@example.org'
            : 'Such as yourname.example: every address there must reach you'
        }
      />
    </FormShell>
  );
}

function NewIdentity({ done, onCancel }: { done: (identity: Identity) => void; onCancel: () => void }) {
  const providers = useProviders();
  const facts = useLoad(() => api('listFacts', { query: {} }), []);
  const strategies = useLoad(() => api('listAliasStrategies'), []);
  const [strategy, setStrategy] = useState('');
  const [mode, setMode] = useState<'alias' | 'email' | 'phone' | 'postal'>('alias');
  const [provider, setProvider] = useState('');
  const [value, setValue] = useState('');
  const [country, setCountry] = useState('');
  const [factId, setFactId] = useState('');
  const [note, setNote] = useState('');
  const form = useSubmit(() => {
    const common = { provider: Number(provider), note: opt(note) ?? null };
    const body =
      mode === 'alias'
        ? { mode, ...common, strategy: strategy === '' ? undefined : Number(strategy) }
        : mode === 'email'
          ? { mode, ...common, address: value }
          : mode === 'phone'
            ? { mode, ...common, number: value, country: opt(country) }
            : { mode, ...common, factId: Number(factId), tag: value };
    return api('addIdentity', { body });
  }, done);
  const e = form.errors;
  return (
    <FormShell
      title="Give a provider its own identity"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Give"
      onCancel={onCancel}
    >
      <Field
        label="Provider"
        name="provider"
        value={provider}
        onChange={setProvider}
        required
        options={providerOptions(providers)}
      />
      <Field
        label="What"
        name="mode"
        value={mode}
        onChange={(m) => setMode(m as typeof mode)}
        options={[
          ['alias', 'A new e-mail alias'],
          ['email', 'An e-mail address I gave it'],
          ['phone', 'A phone number I gave it'],
          ['postal', 'My postal address with a tag line of its own'],
        ]}
      />
      {mode === 'alias' && (strategies.data ?? []).length > 1 ? (
        <Field
          label="Made with"
          name="strategy"
          value={strategy}
          onChange={setStrategy}
          options={[
            ['', 'The default set-up'],
            ...(strategies.data ?? []).map(
              (s) =>
                [
                  String(s.id),
                  s.kind === 'plus' ? `A plus tag on ${s.base}` : `A catch-all address at ${s.base}`,
                ] as const,
            ),
          ]}
          error={e.strategy}
        />
      ) : null}
      {mode === 'email' ? (
        <Field
          label="Address"
          name="address"
          type="email"
          value={value}
          onChange={setValue}
          error={e.address}
        />
      ) : null}
      {mode === 'phone' ? (
        <>
          <Field label="Number" name="number" value={value} onChange={setValue} error={e.number} />
          <Field
            label="Country, for a national number"
            name="country"
            value={country}
            onChange={setCountry}
            hint="Such as GB"
          />
        </>
      ) : null}
      {mode === 'postal' ? (
        <>
          <Field
            label="Postal address"
            name="factId"
            value={factId}
            onChange={setFactId}
            options={[
              ['', 'Choose…'],
              ...(facts.data ?? [])
                .filter((f) => f.kind === 'postal_address')
                .map((f) => [String(f.id), `${f.label}: ${f.current.summary}`] as const),
            ]}
            error={e.factId}
          />
          <Field
            label="Tag line"
            name="tag"
            value={value}
            onChange={setValue}
            hint='Such as "Dept AC7K": kept exactly as written'
            error={e.tag}
          />
        </>
      ) : null}
      <Field label="Note" name="note" value={note} onChange={setNote} />
    </FormShell>
  );
}

function ImportForm({ done }: { done: () => void }) {
  const [file, setFile] = useState<File | undefined>();
  const [format, setFormat] = useState<'auto' | 'simplelogin' | 'addy'>('auto');
  const [report, setReport] = useState<Report | undefined>();
  const form = useSubmit(
    async () => {
      if (!file) throw new Error('Choose the CSV file your alias service exported.');
      return api('importIdentities', { body: { csv: await file.text(), filename: file.name, format } });
    },
    (r) => {
      setReport(r);
      done();
    },
  );
  return (
    <div>
      <form className="card form" onSubmit={form.submit} aria-label="Import aliases">
        <h3>Import aliases from SimpleLogin or addy.io</h3>
        <div className="fields">
          <div className="field">
            <label htmlFor="alias-file">Export (CSV)</label>
            <input
              id="alias-file"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFile(e.target.files?.[0])}
            />
          </div>
          <Field
            label="Service"
            name="format"
            value={format}
            onChange={(f) => setFormat(f as typeof format)}
            options={[
              ['auto', 'Tell by the header'],
              ['simplelogin', 'SimpleLogin'],
              ['addy', 'addy.io'],
            ]}
          />
        </div>
        {form.message ? (
          <p className="error" role="alert">
            {form.message}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" disabled={form.busy}>
            {form.busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      {report ? (
        <div className="card" role="status" aria-label="Import report">
          <p>
            <strong>{report.imported}</strong> imported from {report.file}: {report.suggested} with a
            suggested provider, {report.unmatched} with none; {report.duplicates} already known;{' '}
            {plural(report.problems.length, 'line')} skipped.
          </p>
          {report.problems.length > 0 ? (
            <ul className="problems">
              {report.problems.map((p) => (
                <li key={p.line}>{p.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function ReviewQueue({ changed, version }: { changed: () => void; version: number }) {
  const providers = useProviders();
  const { data, reload } = useLoad(() => api('identityReview'), [version]);
  const [choice, setChoice] = useState<Record<number, string>>({});
  const [error, setError] = useState('');
  const act = (p: Promise<unknown>) => {
    setError('');
    p.then(() => {
      reload();
      changed();
    }).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  if (!data || data.length === 0) return null;
  const names = new Map(providers.map((p) => [p.id, p.name]));
  return (
    <section className="card" aria-label="To review">
      <h2>To review ({data.length})</h2>
      <p>Imported aliases: confirm the provider each was given to. Confirming records it as disclosed.</p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <table>
        <tbody>
          {data.map((i) => (
            <tr key={i.id}>
              <td>
                {i.value}
                {i.note ? <small> · {i.note}</small> : null}
              </td>
              <td>
                {i.providerId !== null ? <strong>{names.get(i.providerId)}</strong> : null}
                <small> {i.reviewReason ?? 'no match'}</small>
              </td>
              <td>
                <label className="visually-hidden" htmlFor={`review-${i.id}`}>
                  Provider for {i.value}
                </label>
                <select
                  id={`review-${i.id}`}
                  value={choice[i.id] ?? ''}
                  onChange={(e) => setChoice((c) => ({ ...c, [i.id]: e.target.value }))}
                >
                  <option value="">{i.reviewReason ? 'As suggested' : 'Choose…'}</option>
                  {providers.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </td>
              <td className="actions">
                <button
                  type="button"
                  className="small"
                  onClick={() =>
                    act(
                      api('confirmIdentity', {
                        id: i.id,
                        body: { provider: choice[i.id] ? Number(choice[i.id]) : null },
                      }),
                    )
                  }
                >
                  Confirm
                </button>
                {i.reviewReason ? (
                  <button
                    type="button"
                    className="small secondary"
                    onClick={() => act(api('rejectIdentity', { id: i.id }))}
                  >
                    Reject
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Recognise() {
  const [address, setAddress] = useState('');
  const [found, setFound] = useState<Recognition | undefined>();
  const form = useSubmit(() => api('recogniseAddress', { query: { address } }), setFound);
  return (
    <div>
      <FormShell
        title="Whose address is this?"
        onSubmit={form.submit}
        message={form.message}
        problems={form.problems}
        busy={form.busy}
        submitLabel="Look up"
      >
        <Field
          label="E-mail address"
          name="lookup"
          value={address}
          onChange={setAddress}
          hint="As it appeared, in any case"
        />
      </FormShell>
      {found ? (
        <p className="card" role="status">
          <strong>{found.address}</strong>: {found.reason}
        </p>
      ) : null}
    </div>
  );
}

export function Identities() {
  const providers = useProviders();
  const strategies = useLoad(() => api('listAliasStrategies'), []);
  const [provider, setProvider] = useState('');
  const identities = useLoad(() => api('listIdentities', { query: { provider: opt(provider) } }), [provider]);
  const [form, setForm] = useState<'strategy' | 'identity' | 'import' | undefined>();
  const [made, setMade] = useState<Identity | undefined>();
  const [version, setVersion] = useState(0);
  const [problem, setProblem] = useState('');
  const mailCounts = useLoad(() => api('identityMailCounts'), [version]);
  const [open, setOpen] = useState<number | undefined>();
  const mailOf = new Map((mailCounts.data ?? []).map((c) => [c.identityId, c]));
  /** What the mail column shows, and its button says after the address: "3 messages from 2 senders". */
  const mailCount = (id: number): string =>
    `${plural(mailOf.get(id)?.messages ?? 0, 'message')} from ${plural(mailOf.get(id)?.senders ?? 0, 'sender')}`;
  const reload = () => {
    setProblem('');
    strategies.reload();
    identities.reload();
    setVersion((v) => v + 1);
  };
  const names = new Map(providers.map((p) => [p.id, p.name]));
  return (
    <div>
      <div className="page-head">
        <h1>Identities</h1>
        <span className="actions">
          <button type="button" onClick={() => setForm('identity')}>
            Give a provider its own identity
          </button>
          <button type="button" className="secondary" onClick={() => setForm('import')}>
            Import aliases
          </button>
          <button type="button" className="secondary" onClick={() => setForm('strategy')}>
            Set up aliases
          </button>
        </span>
      </div>
      <p>
        A different address for each organisation: when mail to one arrives from someone else, you know who
        passed it on. Each identity you give is recorded as disclosed to that provider.
      </p>
      <p>
        {strategies.data?.length === 0 ? 'No alias set-up yet. ' : 'Aliases are made '}
        {(strategies.data ?? []).map((s) => (
          <span key={s.id} className="badge active">
            {s.kind === 'plus' ? `plus tags on ${s.base}` : `at ${s.base}`}
            {s.isDefault ? ' (default)' : ''}{' '}
            {s.isDefault ? null : (
              <button
                type="button"
                className="link"
                aria-label={`Make the ${s.kind} set-up on ${s.base} the default`}
                onClick={() =>
                  void api('makeDefaultAliasStrategy', { id: s.id })
                    .then(reload)
                    .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)))
                }
              >
                make default
              </button>
            )}{' '}
            <button
              type="button"
              className="link"
              aria-label={`Remove the ${s.kind} set-up on ${s.base}`}
              onClick={() =>
                void api('deleteAliasStrategy', { id: s.id })
                  .then(reload)
                  .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)))
              }
            >
              ×
            </button>
          </span>
        ))}
      </p>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      {form === 'strategy' ? (
        <StrategyForm
          onCancel={() => setForm(undefined)}
          done={() => {
            setForm(undefined);
            reload();
          }}
        />
      ) : null}
      {form === 'identity' ? (
        <NewIdentity
          onCancel={() => setForm(undefined)}
          done={(identity) => {
            setForm(undefined);
            setMade(identity);
            reload();
          }}
        />
      ) : null}
      {made ? (
        <p className="notice" role="status">
          {names.get(made.providerId ?? 0)} gets <code>{shown(made)}</code>{' '}
          <button
            type="button"
            className="small secondary"
            onClick={() => void navigator.clipboard.writeText(made.value)}
          >
            Copy
          </button>
        </p>
      ) : null}
      {form === 'import' ? <ImportForm done={reload} /> : null}
      <ReviewQueue changed={reload} version={version} />
      <section>
        <div className="filters">
          <Field
            label="Provider"
            name="filter-provider"
            value={provider}
            onChange={setProvider}
            options={providerOptions(providers, 'All')}
          />
        </div>
        {identities.data?.length === 0 ? <p className="empty">No identities yet.</p> : null}
        <table aria-label="Identities">
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Identity</th>
              <th scope="col">Kind</th>
              <th scope="col">Made</th>
              <th scope="col">Since</th>
              <th scope="col">Mail</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {(identities.data ?? []).map((i) => (
              <tr key={i.id} className={i.retiredAt ? 'ended' : ''}>
                <td>{i.providerId === null ? '—' : names.get(i.providerId)}</td>
                <td>
                  <code>{shown(i)}</code>
                </td>
                <td>{i.kind}</td>
                <td>
                  {i.origin}
                  {i.review === 'confirmed' ? '' : ' · to review'}
                </td>
                <td>{dateText(i.createdAt)}</td>
                <td>
                  {i.kind === 'email' ? (
                    <button
                      type="button"
                      className="link"
                      aria-expanded={open === i.id}
                      aria-label={`Mail to ${i.value}: ${mailCount(i.id)}`}
                      onClick={() => setOpen(open === i.id ? undefined : i.id)}
                    >
                      {mailCount(i.id)}
                    </button>
                  ) : null}
                  {i.switchedOffAt ? <span className="badge"> switched off</span> : null}
                </td>
                <td className="actions">
                  {i.retiredAt ? (
                    `retired ${dateText(i.retiredAt)}`
                  ) : (
                    <button
                      type="button"
                      className="small secondary"
                      onClick={() => void api('retireIdentity', { id: i.id }).then(identities.reload)}
                    >
                      Retire
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {(identities.data ?? [])
          .filter((i) => i.id === open)
          .map((i) => (
            <IdentityMail key={i.id} identity={i} changed={reload} />
          ))}
      </section>
      <Recognise />
    </div>
  );
}
