import { useEffect, useState } from 'react';
import { api, type ApiOutput } from '../api';
import { Field, FormShell, opt, useFields, useSubmit } from '../components/Form';
import { go } from '../router';
import { useLoad } from '../useLoad';

const STATUSES = ['active', 'former', 'prospect'] as const;

type DirectoryEntry = ApiOutput<'searchDirectory'>[number];

/** Suggestions from the organisation directory for the name being typed. */
function DirectorySuggestions({ name, onPick }: { name: string; onPick: (entry: DirectoryEntry) => void }) {
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(name.trim()), 250);
    return () => clearTimeout(timer);
  }, [name]);
  const { data } = useLoad(
    () =>
      query.length < 2 ? Promise.resolve([]) : api('searchDirectory', { query: { q: query, limit: 6 } }),
    [query],
  );
  if (!data || data.length === 0) return null;
  return (
    <div className="suggestions" role="group" aria-label="From the organisation directory">
      <small className="hint">From the organisation directory (CC0, datarequests.org):</small>
      <ul>
        {data.map((entry) => (
          <li key={entry.slug}>
            <button type="button" className="small secondary" onClick={() => onPick(entry)}>
              {entry.name}
            </button>{' '}
            <small>{entry.web}</small>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ProviderForm({ onDone, onCancel }: { onDone: (id: number) => void; onCancel: () => void }) {
  const [directorySlug, setDirectorySlug] = useState<string | undefined>();
  const f = useFields({
    name: '',
    category: '',
    website: '',
    domains: '',
    country: '',
    status: 'active',
    supportEmail: '',
    privacyEmail: '',
    phone: '',
    postalAddress: '',
    webForm: '',
  });
  const form = useSubmit(
    () =>
      api('addProvider', {
        body: {
          name: f.values.name,
          category: opt(f.values.category),
          website: opt(f.values.website),
          domains: f.values.domains.split(/[\s,]+/).filter(Boolean),
          country: opt(f.values.country),
          status: f.values.status as (typeof STATUSES)[number],
          supportEmail: opt(f.values.supportEmail),
          privacyEmail: opt(f.values.privacyEmail),
          phone: opt(f.values.phone),
          postalAddress: opt(f.values.postalAddress),
          webForm: opt(f.values.webForm),
          directorySlug,
        },
      }),
    (p) => onDone(p.id),
  );
  const pick = ({ provider }: DirectoryEntry) => {
    f.set('name')(provider.name);
    f.set('website')(provider.website ?? '');
    f.set('privacyEmail')(provider.privacyEmail ?? '');
    f.set('phone')(provider.phone ?? '');
    f.set('category')(provider.category ?? '');
    f.set('country')(provider.country ?? '');
    f.set('domains')(provider.domains.join(' '));
    // Everything the entry knows goes into the form, the postal address (for letters) included.
    f.set('postalAddress')(provider.postalAddress ?? '');
    f.set('webForm')(provider.webForm ?? '');
    setDirectorySlug(provider.directorySlug);
  };
  const e = form.errors;
  return (
    <FormShell
      title="Add a provider"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Add provider"
      onCancel={onCancel}
    >
      <Field
        label="Name"
        name="name"
        value={f.values.name}
        onChange={f.set('name')}
        required
        error={e.name}
        hint={directorySlug ? `Linked to the directory entry ${directorySlug}` : undefined}
      />
      {directorySlug ? null : <DirectorySuggestions name={f.values.name} onPick={pick} />}
      <Field
        label="Category"
        name="category"
        value={f.values.category}
        onChange={f.set('category')}
        hint="bank, energy, telecom…"
        error={e.category}
      />
      <Field
        label="Status"
        name="status"
        value={f.values.status}
        onChange={f.set('status')}
        options={STATUSES}
        error={e.status}
      />
      <Field
        label="Website"
        name="website"
        value={f.values.website}
        onChange={f.set('website')}
        error={e.website}
      />
      <Field
        label="Mail domains"
        name="domains"
        value={f.values.domains}
        onChange={f.set('domains')}
        hint="The domains its e-mail comes from, separated by spaces"
        error={e.domains ?? e['domains[0]']}
      />
      <Field
        label="Country"
        name="country"
        value={f.values.country}
        onChange={f.set('country')}
        hint="Two letters, such as GB or DE"
        error={e.country}
      />
      <Field
        label="Support e-mail"
        name="supportEmail"
        value={f.values.supportEmail}
        onChange={f.set('supportEmail')}
        type="email"
        error={e.supportEmail}
      />
      <Field
        label="Privacy e-mail"
        name="privacyEmail"
        value={f.values.privacyEmail}
        onChange={f.set('privacyEmail')}
        type="email"
        error={e.privacyEmail}
      />
      <Field label="Phone" name="phone" value={f.values.phone} onChange={f.set('phone')} error={e.phone} />
      <Field
        label="Postal address"
        name="postalAddress"
        value={f.values.postalAddress}
        onChange={f.set('postalAddress')}
        multiline
        error={e.postalAddress}
      />
      <Field
        label="Web form"
        name="webForm"
        value={f.values.webForm}
        onChange={f.set('webForm')}
        error={e.webForm}
      />
    </FormShell>
  );
}

export function Providers() {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [category, setCategory] = useState('');
  const [adding, setAdding] = useState(false);
  const all = useLoad(() => api('listProviders', { query: { limit: 5000 } }), []);
  const shown = useLoad(
    () =>
      api('listProviders', {
        query: { search: search || undefined, status: status || undefined, category: category || undefined },
      }),
    [search, status, category],
  );
  const categories = [
    ...new Set((all.data?.items ?? []).map((p) => p.category).filter((c): c is string => Boolean(c))),
  ].sort();
  const list = shown.data?.items ?? [];
  return (
    <div>
      <div className="page-head">
        <h1>Providers</h1>
        <button type="button" onClick={() => setAdding(true)}>
          Add provider
        </button>
      </div>
      {adding ? (
        <ProviderForm onDone={(id) => go(`providers/${id}`)} onCancel={() => setAdding(false)} />
      ) : null}
      <div className="filters" role="search">
        <label>
          Search
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="name, category or domain"
          />
        </label>
        <label>
          Category
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">all</option>
            {categories.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">all</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      </div>
      {shown.error ? (
        <p className="error" role="alert">
          {shown.error}
        </p>
      ) : null}
      <p className="counts" aria-live="polite">
        {shown.data?.total ?? 0} of {all.data?.total ?? 0} providers
        {list.length < (shown.data?.total ?? 0) ? ` (the first ${list.length} shown: search to narrow)` : ''}
      </p>
      {all.data?.total === 0 ? (
        <p className="empty">
          No providers yet. Add the organisations you deal with (your bank, energy supplier, phone company…)
          with <strong>Add provider</strong>.
        </p>
      ) : (
        <table className="providers">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Category</th>
              <th scope="col">Status</th>
              <th scope="col">Domains</th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.id}>
                <td>
                  <a href={`#/providers/${p.id}`}>{p.name}</a>
                </td>
                <td>{p.category}</td>
                <td>
                  <span className={`badge ${p.status}`}>{p.status}</span>
                </td>
                <td>{p.domains.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
