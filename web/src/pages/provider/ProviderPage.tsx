import { useState } from 'react';
import { api, documentUrl } from '../../api';
import { dateText } from '../../format';
import { useRoute } from '../../router';
import { useLoad } from '../../useLoad';
import { ProviderKnows } from '../WhoKnows';
import { AccountForm } from './AccountForm';
import { CaseForm } from './CaseForm';
import { ContractForm } from './ContractForm';
import { ContractTable } from './ContractTable';
import { DocumentForm } from './DocumentForm';
import { EditProvider } from './EditProvider';
import { ProviderHeader } from './Header';
import { InteractionForm } from './InteractionForm';
import { LetterForm } from './LetterForm';
import { ProviderPayments } from './Payments';
import { Section } from './Section';
import { ProviderRequests } from './Requests';
import { ProviderSummary } from './Summary';
import { Timeline } from './Timeline';
import { UploadDocument } from './UploadDocument';

type Form = 'edit' | 'account' | 'contract' | 'interaction' | 'case' | 'document' | 'letter' | undefined;
interface Editing {
  kind: 'account' | 'contract' | 'interaction' | 'case' | 'document';
  id: number;
}

/**
 * One provider's page: its details, accounts, contracts, timeline, who knows what about the
 * person there, and documents. One form is open at a time, to add or to edit a record.
 */
export function ProviderPage({ id, onDeleted }: { id: number; onDeleted: () => void }) {
  const { data: view, error, reload } = useLoad(() => api('getProvider', { id }), [id]);
  // `#/providers/3/fact/7`: Who knows what's "tell them what changed" names the fact in question.
  const [, , sub, subId] = useRoute();
  const highlight = sub === 'fact' && subId !== undefined ? Number(subId) : undefined;
  const [form, setForm] = useState<Form>();
  const [editing, setEditing] = useState<Editing>();
  // Bumped whenever a record changes, so the timeline (loaded apart, in pages) loads again too.
  const [version, setVersion] = useState(0);
  const changed = () => {
    setVersion((v) => v + 1);
    reload();
  };
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
    changed();
  };
  const add = (which: Form, label: string) => (
    <button type="button" className="small" onClick={() => setForm(which)}>
      {label}
    </button>
  );

  return (
    <div className="provider">
      <ProviderHeader provider={p} onEdit={() => setForm('edit')} onChanged={reload} onDeleted={onDeleted} />
      {form === 'edit' ? <EditProvider view={view} done={done} /> : null}

      <ProviderSummary view={view} />

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
        <ContractTable contracts={view.contracts} onEdit={(id) => setEditing({ kind: 'contract', id })} />
      </Section>

      <ProviderPayments providerId={p.id} version={version} />

      <Section
        title="Timeline"
        action={
          <span className="actions">
            {add('interaction', 'Log interaction')}
            {add('case', 'Open case')}
            {add('letter', 'Write a letter')}
          </span>
        }
      >
        {form === 'interaction' ? <InteractionForm view={view} done={done} /> : null}
        {form === 'case' ? <CaseForm providerId={p.id} done={done} /> : null}
        {form === 'letter' ? <LetterForm providerId={p.id} done={done} /> : null}
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
        <Timeline providerId={p.id} version={version} edit={edit} changed={changed} />
      </Section>

      <ProviderKnows id={id} highlight={highlight} />
      <ProviderRequests providerId={p.id} />
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
