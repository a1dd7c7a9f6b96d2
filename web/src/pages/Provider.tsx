import { useState, type ReactNode } from 'react';
import { api, documentUrl, type ApiOutput } from '../api';
import { Field, FormShell, opt, useFields, useSubmit } from '../components/Form';
import { amountText, cycleText, dateText, dateTimeText, money, period } from '../format';
import { useLoad } from '../useLoad';
import { ProviderKnows } from './WhoKnows';

type Overview = ApiOutput<'getProvider'>;
type Form = 'edit' | 'account' | 'contract' | 'interaction' | 'case' | 'document' | undefined;
interface Editing {
  kind: 'account' | 'contract' | 'interaction' | 'case' | 'document';
  id: number;
}

const CYCLES = [
  ['monthly', 'monthly'],
  ['weekly', 'weekly'],
  ['quarterly', 'quarterly'],
  ['yearly', 'yearly'],
  ['days', 'every N days'],
] as const;
const CHANNELS = ['email', 'phone', 'letter', 'chat', 'visit', 'web'] as const;
const CASE_STATUSES = ['open', 'waiting', 'escalated', 'resolved'] as const;

function EditProvider({ view, done }: { view: Overview; done: () => void }) {
  const p = view.provider;
  const f = useFields({
    name: p.name,
    category: p.category ?? '',
    website: p.website ?? '',
    status: p.status,
    domains: p.domains.join(' '),
    supportEmail: p.supportEmail ?? '',
    privacyEmail: p.privacyEmail ?? '',
    phone: p.phone ?? '',
    postalAddress: p.postalAddress ?? '',
    webForm: p.webForm ?? '',
    notes: p.notes ?? '',
  });
  const v = f.values;
  const form = useSubmit(
    () =>
      api('updateProvider', {
        id: p.id,
        body: { ...v, status: v.status as 'active', domains: v.domains.split(/[\s,]+/).filter(Boolean) },
      }),
    done,
  );
  const e = form.errors;
  return (
    <FormShell
      title="Edit provider"
      onSubmit={form.submit}
      message={form.message}
      busy={form.busy}
      submitLabel="Save"
      onCancel={done}
    >
      <Field label="Name" name="name" value={v.name} onChange={f.set('name')} required error={e.name} />
      <Field
        label="Category"
        name="category"
        value={v.category}
        onChange={f.set('category')}
        error={e.category}
      />
      <Field
        label="Status"
        name="status"
        value={v.status}
        onChange={f.set('status')}
        options={['active', 'former', 'prospect']}
        error={e.status}
      />
      <Field label="Website" name="website" value={v.website} onChange={f.set('website')} error={e.website} />
      <Field
        label="Mail domains"
        name="domains"
        value={v.domains}
        onChange={f.set('domains')}
        error={e.domains ?? e['domains[0]']}
      />
      <Field
        label="Support e-mail"
        name="supportEmail"
        value={v.supportEmail}
        onChange={f.set('supportEmail')}
        error={e.supportEmail}
      />
      <Field
        label="Privacy e-mail"
        name="privacyEmail"
        value={v.privacyEmail}
        onChange={f.set('privacyEmail')}
        error={e.privacyEmail}
      />
      <Field label="Phone" name="phone" value={v.phone} onChange={f.set('phone')} error={e.phone} />
      <Field
        label="Postal address"
        name="postalAddress"
        value={v.postalAddress}
        onChange={f.set('postalAddress')}
        multiline
        error={e.postalAddress}
      />
      <Field
        label="Web form"
        name="webForm"
        value={v.webForm}
        onChange={f.set('webForm')}
        error={e.webForm}
      />
      <Field label="Notes" name="notes" value={v.notes} onChange={f.set('notes')} multiline error={e.notes} />
    </FormShell>
  );
}

type Account = Overview['accounts'][number];

function AccountForm({
  providerId,
  done,
  account,
}: {
  providerId: number;
  done: () => void;
  account?: Account;
}) {
  const f = useFields({
    customerNumber: account?.customerNumber ?? '',
    label: account?.label ?? '',
    openedOn: account?.openedOn ?? '',
    closedOn: account?.closedOn ?? '',
  });
  const v = f.values;
  const form = useSubmit(
    () =>
      account
        ? api('updateAccount', {
            id: account.id,
            body: {
              customerNumber: v.customerNumber,
              label: cleared(v.label),
              openedOn: cleared(v.openedOn),
              closedOn: cleared(v.closedOn),
            },
          })
        : api('addAccount', {
            body: {
              providerId,
              customerNumber: v.customerNumber,
              label: opt(v.label),
              openedOn: opt(v.openedOn),
            },
          }),
    done,
  );
  const e = form.errors;
  return (
    <FormShell
      title={account ? `Edit account ${account.customerNumber}` : 'Add an account'}
      onSubmit={form.submit}
      message={form.message}
      busy={form.busy}
      submitLabel={account ? 'Save' : 'Add account'}
      onCancel={done}
    >
      <Field
        label="Customer number"
        name="customerNumber"
        value={v.customerNumber}
        onChange={f.set('customerNumber')}
        required
        error={e.customerNumber}
      />
      <Field label="Label" name="label" value={v.label} onChange={f.set('label')} error={e.label} />
      <Field
        label="Opened on"
        name="openedOn"
        type="date"
        value={v.openedOn}
        onChange={f.set('openedOn')}
        error={e.openedOn}
      />
      {account ? (
        <Field
          label="Closed on"
          name="closedOn"
          type="date"
          value={v.closedOn}
          onChange={f.set('closedOn')}
          error={e.closedOn}
        />
      ) : null}
    </FormShell>
  );
}

type Contract = Overview['contracts'][number];

/** On update an emptied field is cleared (null); on create it is simply not given. */
const cleared = (value: string): string | null => (value.trim() === '' ? null : value.trim());

function ContractForm({ view, done, contract }: { view: Overview; done: () => void; contract?: Contract }) {
  const f = useFields({
    name: contract?.name ?? '',
    kind: contract?.kind ?? 'contract',
    price: contract ? amountText(contract.priceMinor, contract.currency) : '',
    currency: contract?.currency ?? view.contracts[0]?.currency ?? 'GBP',
    billingCycle: contract?.billingCycle ?? 'monthly',
    billingIntervalDays: String(contract?.billingIntervalDays ?? ''),
    startDate: contract?.startDate ?? new Date().toISOString().slice(0, 10),
    term: contract ? period(contract.term) : '',
    noticePeriod: contract ? period(contract.noticePeriod) : '',
    autoRenews: contract?.autoRenews === false ? 'no' : 'yes',
    paymentMethod: contract?.paymentMethod ?? '',
    accountId: String(contract?.accountId ?? ''),
    endDate: contract?.endDate ?? '',
  });
  const v = f.values;
  const fields = {
    name: v.name,
    kind: v.kind as 'contract',
    price: v.price,
    currency: v.currency,
    billingCycle: v.billingCycle as 'monthly',
    billingIntervalDays: v.billingCycle === 'days' ? Number(v.billingIntervalDays) || undefined : undefined,
    startDate: v.startDate,
    autoRenews: v.autoRenews === 'yes',
  };
  const form = useSubmit(
    () =>
      contract
        ? api('updateContract', {
            id: contract.id,
            body: {
              ...fields,
              term: cleared(v.term),
              noticePeriod: cleared(v.noticePeriod),
              paymentMethod: cleared(v.paymentMethod),
              accountId: v.accountId ? Number(v.accountId) : null,
              endDate: cleared(v.endDate),
            },
          })
        : api('addContract', {
            body: {
              ...fields,
              providerId: view.provider.id,
              term: opt(v.term),
              noticePeriod: opt(v.noticePeriod),
              paymentMethod: opt(v.paymentMethod),
              accountId: v.accountId ? Number(v.accountId) : undefined,
            },
          }),
    done,
  );
  const e = form.errors;
  return (
    <FormShell
      title={contract ? `Edit ${contract.name}` : 'Add a contract'}
      onSubmit={form.submit}
      message={form.message}
      busy={form.busy}
      submitLabel={contract ? 'Save' : 'Add contract'}
      onCancel={done}
    >
      <Field
        label="Name"
        name="name"
        value={v.name}
        onChange={f.set('name')}
        required
        error={e.name}
        hint="Such as “Broadband 500”"
      />
      <Field
        label="Kind"
        name="kind"
        value={v.kind}
        onChange={f.set('kind')}
        options={['contract', 'subscription']}
        error={e.kind}
      />
      <Field
        label="Price per billing cycle"
        name="price"
        value={v.price}
        onChange={f.set('price')}
        required
        error={e.price ?? e.priceMinor}
        hint="Such as 9.99"
      />
      <Field
        label="Currency"
        name="currency"
        value={v.currency}
        onChange={f.set('currency')}
        required
        error={e.currency}
        hint="ISO code: GBP, EUR, USD…"
      />
      <Field
        label="Billing cycle"
        name="billingCycle"
        value={v.billingCycle}
        onChange={f.set('billingCycle')}
        options={CYCLES}
        error={e.billingCycle}
      />
      {v.billingCycle === 'days' ? (
        <Field
          label="Every how many days"
          name="billingIntervalDays"
          value={v.billingIntervalDays}
          onChange={f.set('billingIntervalDays')}
          error={e.billingIntervalDays}
        />
      ) : null}
      <Field
        label="Start date"
        name="startDate"
        type="date"
        value={v.startDate}
        onChange={f.set('startDate')}
        required
        error={e.startDate}
      />
      <Field
        label="Term"
        name="term"
        value={v.term}
        onChange={f.set('term')}
        error={e.term}
        hint="Such as “12 months”; empty: one billing cycle"
      />
      <Field
        label="Notice period"
        name="noticePeriod"
        value={v.noticePeriod}
        onChange={f.set('noticePeriod')}
        error={e.noticePeriod}
        hint="Such as “30 days” or “1 month”"
      />
      <Field
        label="Renews by itself"
        name="autoRenews"
        value={v.autoRenews}
        onChange={f.set('autoRenews')}
        options={['yes', 'no']}
      />
      <Field
        label="Payment method"
        name="paymentMethod"
        value={v.paymentMethod}
        onChange={f.set('paymentMethod')}
        error={e.paymentMethod}
      />
      {contract ? (
        <Field
          label="Ends on"
          name="endDate"
          type="date"
          value={v.endDate}
          onChange={f.set('endDate')}
          error={e.endDate}
          hint="When it was cancelled or runs out"
        />
      ) : null}
      {view.accounts.length > 0 ? (
        <Field
          label="Account"
          name="accountId"
          value={v.accountId}
          onChange={f.set('accountId')}
          options={[['', 'none'], ...view.accounts.map((a) => [String(a.id), a.customerNumber] as const)]}
          error={e.accountId}
        />
      ) : null}
    </FormShell>
  );
}

type Interaction = Overview['timeline'][number];

function InteractionForm({
  view,
  done,
  interaction,
}: {
  view: Overview;
  done: () => void;
  interaction?: Interaction;
}) {
  const f = useFields({
    channel: interaction?.channel ?? 'phone',
    direction: interaction?.direction ?? 'outbound',
    subject: interaction?.subject ?? '',
    occurredAt: '',
    notes: interaction?.notes ?? '',
    outcome: interaction?.outcome ?? '',
    followUpOn: interaction?.followUpOn ?? '',
    caseId: String(interaction?.caseId ?? ''),
  });
  const v = f.values;
  const fields = {
    channel: v.channel as 'phone',
    direction: v.direction as 'outbound',
    subject: v.subject,
    occurredAt: opt(v.occurredAt),
  };
  const form = useSubmit(
    () =>
      interaction
        ? api('updateInteraction', {
            id: interaction.id,
            body: {
              ...fields,
              notes: cleared(v.notes),
              outcome: cleared(v.outcome),
              followUpOn: cleared(v.followUpOn),
              caseId: v.caseId ? Number(v.caseId) : null,
            },
          })
        : api('addInteraction', {
            body: {
              ...fields,
              providerId: view.provider.id,
              notes: opt(v.notes),
              outcome: opt(v.outcome),
              followUpOn: opt(v.followUpOn),
              caseId: v.caseId ? Number(v.caseId) : undefined,
            },
          }),
    done,
  );
  const e = form.errors;
  return (
    <FormShell
      title={interaction ? `Edit: ${interaction.subject}` : 'Log an interaction'}
      onSubmit={form.submit}
      message={form.message}
      busy={form.busy}
      submitLabel={interaction ? 'Save' : 'Log it'}
      onCancel={done}
    >
      <Field
        label="Channel"
        name="channel"
        value={v.channel}
        onChange={f.set('channel')}
        options={CHANNELS}
        error={e.channel}
      />
      <Field
        label="Direction"
        name="direction"
        value={v.direction}
        onChange={f.set('direction')}
        options={[
          ['outbound', 'I contacted them'],
          ['inbound', 'They contacted me'],
        ]}
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
        label="When"
        name="occurredAt"
        type="datetime-local"
        value={v.occurredAt}
        onChange={f.set('occurredAt')}
        error={e.occurredAt}
        hint={interaction ? 'Empty: unchanged' : 'Empty: now'}
      />
      <Field label="Notes" name="notes" value={v.notes} onChange={f.set('notes')} multiline error={e.notes} />
      <Field label="Outcome" name="outcome" value={v.outcome} onChange={f.set('outcome')} error={e.outcome} />
      <Field
        label="Follow up on"
        name="followUpOn"
        type="date"
        value={v.followUpOn}
        onChange={f.set('followUpOn')}
        error={e.followUpOn}
      />
      {view.cases.length > 0 ? (
        <Field
          label="Case"
          name="caseId"
          value={v.caseId}
          onChange={f.set('caseId')}
          options={[['', 'none'], ...view.cases.map((c) => [String(c.id), c.title] as const)]}
        />
      ) : null}
    </FormShell>
  );
}

type Case = Overview['cases'][number];

function CaseForm({ providerId, done, kase }: { providerId: number; done: () => void; kase?: Case }) {
  const f = useFields({
    title: kase?.title ?? '',
    kind: kase?.kind ?? 'complaint',
    description: kase?.description ?? '',
    reference: kase?.reference ?? '',
    status: kase?.status ?? 'open',
    resolution: kase?.resolution ?? '',
  });
  const v = f.values;
  const form = useSubmit(
    () =>
      kase
        ? api('updateCase', {
            id: kase.id,
            body: {
              title: v.title,
              kind: v.kind as 'complaint',
              description: cleared(v.description),
              reference: cleared(v.reference),
              status: v.status as 'open',
              resolution: cleared(v.resolution),
            },
          })
        : api('addCase', {
            body: {
              providerId,
              title: v.title,
              kind: v.kind as 'complaint',
              description: opt(v.description),
              reference: opt(v.reference),
            },
          }),
    done,
  );
  const e = form.errors;
  return (
    <FormShell
      title={kase ? `Edit case: ${kase.title}` : 'Open a case'}
      onSubmit={form.submit}
      message={form.message}
      busy={form.busy}
      submitLabel={kase ? 'Save' : 'Open case'}
      onCancel={done}
    >
      <Field label="Title" name="title" value={v.title} onChange={f.set('title')} required error={e.title} />
      <Field
        label="Kind"
        name="kind"
        value={v.kind}
        onChange={f.set('kind')}
        options={['complaint', 'dispute']}
      />
      <Field
        label="Description"
        name="description"
        value={v.description}
        onChange={f.set('description')}
        multiline
        error={e.description}
      />
      <Field
        label="Their reference"
        name="reference"
        value={v.reference}
        onChange={f.set('reference')}
        error={e.reference}
      />
      {kase ? (
        <>
          <Field
            label="Status"
            name="status"
            value={v.status}
            onChange={f.set('status')}
            options={CASE_STATUSES}
            error={e.status}
          />
          <Field
            label="Resolution"
            name="resolution"
            value={v.resolution}
            onChange={f.set('resolution')}
            multiline
            error={e.resolution ?? e.resolvedOn}
          />
        </>
      ) : null}
    </FormShell>
  );
}

function DocumentForm({ document, done }: { document: Overview['documents'][number]; done: () => void }) {
  const f = useFields({ title: document.title, filename: document.filename, notes: document.notes ?? '' });
  const form = useSubmit(
    () =>
      api('updateDocument', {
        id: document.id,
        body: { title: f.values.title, filename: f.values.filename, notes: cleared(f.values.notes) },
      }),
    done,
  );
  return (
    <FormShell
      title={`Edit ${document.title}`}
      onSubmit={form.submit}
      message={form.message}
      busy={form.busy}
      submitLabel="Save"
      onCancel={done}
    >
      <Field
        label="Title"
        name="title"
        value={f.values.title}
        onChange={f.set('title')}
        required
        error={form.errors.title}
      />
      <Field
        label="File name"
        name="filename"
        value={f.values.filename}
        onChange={f.set('filename')}
        required
        error={form.errors.filename}
      />
      <Field
        label="Notes"
        name="notes"
        value={f.values.notes}
        onChange={f.set('notes')}
        multiline
        error={form.errors.notes}
      />
    </FormShell>
  );
}

function UploadDocument({ providerId, done }: { providerId: number; done: () => void }) {
  const [file, setFile] = useState<File | undefined>();
  const [title, setTitle] = useState('');
  const form = useSubmit(async () => {
    if (!file) throw new Error('Choose a file first.');
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return api('addDocument', {
      body: {
        providerId,
        filename: file.name,
        title: opt(title),
        mediaType: file.type || undefined,
        contentBase64: btoa(binary),
      },
    });
  }, done);
  return (
    <FormShell
      title="Upload a document"
      onSubmit={form.submit}
      message={form.message}
      busy={form.busy}
      submitLabel="Upload"
      onCancel={done}
    >
      <div className="field">
        <label htmlFor="document-file">File (up to 50 MiB)</label>
        <input id="document-file" type="file" onChange={(e) => setFile(e.target.files?.[0])} />
      </div>
      <Field label="Title" name="title" value={title} onChange={setTitle} hint="Empty: the file name" />
    </FormShell>
  );
}

function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  const id = title.toLowerCase().replace(/\W+/g, '-');
  return (
    <section className="card" aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id}>{title}</h2>
        {action}
      </div>
      {children}
    </section>
  );
}

export function ProviderPage({ id, onDeleted }: { id: number; onDeleted: () => void }) {
  const { data: view, error, reload } = useLoad(() => api('getProvider', { id }), [id]);
  const [form, setForm] = useState<Form>();
  const [editing, setEditing] = useState<Editing>();
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!view) return <p className="loading">Loading…</p>;
  const p = view.provider;
  const find = <T extends { id: number }>(kind: Editing['kind'], list: readonly T[]): T | undefined =>
    editing?.kind === kind ? list.find((x) => x.id === editing.id) : undefined;
  const editedContract = find('contract', view.contracts);
  const editedAccount = find('account', view.accounts);
  const editedInteraction = find('interaction', view.timeline);
  const editedCase = find('case', view.cases);
  const editedDocument = find('document', view.documents);
  const edit = (kind: Editing['kind'], id: number, label: string) => (
    <button
      type="button"
      className="small secondary"
      onClick={() => setEditing({ kind, id })}
      aria-label={`Edit ${label}`}
    >
      Edit
    </button>
  );
  const done = () => {
    setForm(undefined);
    setEditing(undefined);
    reload();
  };
  const add = (which: Form, label: string) => (
    <button type="button" className="small" onClick={() => setForm(which)}>
      {label}
    </button>
  );
  const timeline = [
    ...view.timeline.map((i) => ({ at: i.occurredAt, key: `i${i.id}`, kind: 'interaction' as const, i })),
    ...view.cases.map((c) => ({
      at: `${c.openedOn}T00:00:00.000Z`,
      key: `c${c.id}`,
      kind: 'case' as const,
      c,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));

  return (
    <div className="provider">
      <p className="crumbs">
        <a href="#/providers">Providers</a> › {p.name}
      </p>
      <div className="page-head">
        <h1>
          {p.name} <span className={`badge ${p.status}`}>{p.status}</span>
        </h1>
        <div className="actions">
          {add('edit', 'Edit')}
          {p.status !== 'former' ? (
            <button
              type="button"
              className="small secondary"
              onClick={() => void api('retireProvider', { id }).then(reload)}
            >
              Mark as former
            </button>
          ) : null}
          <button
            type="button"
            className="small danger"
            onClick={() => {
              if (window.confirm(`Delete ${p.name} and all its records? The audit log keeps a trace.`)) {
                void api('deleteProvider', { id, query: { cascade: 'true' } }).then(onDeleted);
              }
            }}
          >
            Delete
          </button>
        </div>
      </div>
      {form === 'edit' ? <EditProvider view={view} done={done} /> : null}

      <div className="grid">
        <Section title="Profile">
          <dl className="facts">
            <dt>Category</dt>
            <dd>{p.category ?? '—'}</dd>
            <dt>Yearly cost</dt>
            <dd>{view.yearlyCosts.map((c) => money(c.yearlyMinor, c.currency)).join(' + ') || '—'}</dd>
            <dt>Website</dt>
            <dd>
              {p.website ? (
                <a href={p.website} rel="noreferrer noopener" target="_blank">
                  {p.website}
                </a>
              ) : (
                '—'
              )}
            </dd>
            <dt>Mail domains</dt>
            <dd>{p.domains.join(', ') || '—'}</dd>
            <dt>Country</dt>
            <dd>{p.country ?? '—'}</dd>
            {p.notes ? (
              <>
                <dt>Notes</dt>
                <dd>{p.notes}</dd>
              </>
            ) : null}
          </dl>
        </Section>
        <Section title="Contacts">
          <dl className="facts">
            <dt>Support</dt>
            <dd>{p.supportEmail ?? '—'}</dd>
            <dt>Privacy</dt>
            <dd>{p.privacyEmail ?? '—'}</dd>
            <dt>Phone</dt>
            <dd>{p.phone ?? '—'}</dd>
            <dt>Post</dt>
            <dd className="address">{p.postalAddress ?? '—'}</dd>
            <dt>Web form</dt>
            <dd>{p.webForm ?? '—'}</dd>
          </dl>
        </Section>
      </div>

      <Section title="Accounts" action={add('account', 'Add account')}>
        {form === 'account' ? <AccountForm providerId={p.id} done={done} /> : null}
        {editedAccount ? (
          <AccountForm key={editedAccount.id} providerId={p.id} done={done} account={editedAccount} />
        ) : null}
        {view.accounts.length === 0 ? (
          <p className="empty">No accounts. Add your customer number, so it is at hand when you call them.</p>
        ) : (
          <ul className="list">
            {view.accounts.map((a) => (
              <li key={a.id}>
                <strong>{a.customerNumber}</strong> {a.label ? `· ${a.label}` : ''}{' '}
                {a.closedOn ? `· closed ${dateText(a.closedOn)}` : ''}
                {edit('account', a.id, `account ${a.customerNumber}`)}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Contracts" action={add('contract', 'Add contract')}>
        {form === 'contract' ? <ContractForm view={view} done={done} /> : null}
        {editedContract ? (
          <ContractForm key={editedContract.id} view={view} done={done} contract={editedContract} />
        ) : null}
        {view.contracts.length === 0 ? (
          <p className="empty">
            No contracts. Add one to see its renewal, the last day to cancel and what it costs a year.
          </p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Contract</th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col">Term · notice</th>
                <th scope="col">Next renewal</th>
                <th scope="col">Cancel by</th>
                <th scope="col" className="num">
                  A year
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.contracts.map((c) => (
                <tr key={c.id} className={c.derived.active ? '' : 'ended'}>
                  <td>
                    {c.name}
                    <br />
                    <small>
                      {c.kind}
                      {c.paymentMethod ? ` · ${c.paymentMethod}` : ''}
                    </small>
                  </td>
                  <td className="num">
                    {money(c.priceMinor, c.currency)}
                    <br />
                    <small>{cycleText(c)}</small>
                  </td>
                  <td>
                    {period(c.term) || 'one cycle'} · {period(c.noticePeriod) || 'no notice'}
                  </td>
                  <td>
                    {c.derived.active
                      ? c.derived.nextRenewal
                        ? dateText(c.derived.nextRenewal)
                        : 'does not renew'
                      : `ended ${dateText(c.endDate)}`}
                  </td>
                  <td>{dateText(c.derived.cancelBy)}</td>
                  <td className="num">
                    {c.derived.active ? money(c.derived.yearlyCostMinor, c.currency) : '—'}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="small secondary"
                      onClick={() => setEditing({ kind: 'contract', id: c.id })}
                      aria-label={`Edit ${c.name}`}
                    >
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section
        title="Timeline"
        action={
          <span className="actions">
            {add('interaction', 'Log interaction')}
            {add('case', 'Open case')}
          </span>
        }
      >
        {form === 'interaction' ? <InteractionForm view={view} done={done} /> : null}
        {form === 'case' ? <CaseForm providerId={p.id} done={done} /> : null}
        {editedInteraction ? (
          <InteractionForm
            key={`i${editedInteraction.id}`}
            view={view}
            done={done}
            interaction={editedInteraction}
          />
        ) : null}
        {editedCase ? (
          <CaseForm key={`c${editedCase.id}`} providerId={p.id} done={done} kase={editedCase} />
        ) : null}
        {timeline.length === 0 ? (
          <p className="empty">
            Nothing yet. Log each call, letter and e-mail, and open a case when something goes wrong.
          </p>
        ) : (
          <ol className="timeline">
            {timeline.map((entry) =>
              entry.kind === 'interaction' ? (
                <li key={entry.key}>
                  <span className="when">{dateTimeText(entry.i.occurredAt)}</span>
                  <span className="channel">
                    {entry.i.direction === 'inbound' ? '←' : '→'} {entry.i.channel}
                  </span>{' '}
                  <strong>{entry.i.subject}</strong>
                  {entry.i.outcome ? <span> · {entry.i.outcome}</span> : null}
                  {entry.i.followUpOn && !entry.i.followUpDoneOn ? (
                    <>
                      <span className="badge waiting">follow up {dateText(entry.i.followUpOn)}</span>
                      <button
                        type="button"
                        className="small secondary"
                        onClick={() =>
                          void api('completeFollowUp', { id: entry.i.id, body: {} }).then(reload)
                        }
                      >
                        Done
                      </button>
                    </>
                  ) : null}
                  {edit('interaction', entry.i.id, entry.i.subject)}
                </li>
              ) : (
                <li key={entry.key} className="case">
                  <span className="when">{dateText(entry.c.openedOn)}</span>
                  <span className={`badge ${entry.c.status}`}>{entry.c.kind}</span>{' '}
                  <strong>{entry.c.title}</strong>
                  <label className="inline">
                    status
                    <select
                      value={entry.c.status}
                      onChange={(e) =>
                        void api('updateCase', {
                          id: entry.c.id,
                          body: { status: e.target.value as 'open' },
                        }).then(reload)
                      }
                    >
                      {CASE_STATUSES.map((s) => (
                        <option key={s}>{s}</option>
                      ))}
                    </select>
                  </label>
                  {edit('case', entry.c.id, `case ${entry.c.title}`)}
                </li>
              ),
            )}
          </ol>
        )}
      </Section>

      <ProviderKnows id={id} />
      <Section title="Documents" action={add('document', 'Upload')}>
        {form === 'document' ? <UploadDocument providerId={p.id} done={done} /> : null}
        {editedDocument ? (
          <DocumentForm key={editedDocument.id} document={editedDocument} done={done} />
        ) : null}
        {view.documents.length === 0 ? (
          <p className="empty">
            No documents. Upload contracts, letters and bills: they are kept encrypted in your store.
          </p>
        ) : (
          <ul className="list">
            {view.documents.map((d) => (
              <li key={d.id}>
                <a href={documentUrl(d.id)} download={d.filename}>
                  {d.title}
                </a>{' '}
                <small>
                  {d.mediaType} · {(d.size / 1024).toFixed(1)} KiB · {dateText(d.addedAt)}
                </small>
                {edit('document', d.id, d.title)}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
