import { api } from '../../api';
import { PROVIDER_STATUSES } from '../../choices';
import { Field, FormShell, useFields, useSubmit } from '../../components/Form';
import type { Overview } from './types';

/** The provider's own details: name, status, contacts, domains, notes. */
export function EditProvider({ view, done }: { view: Overview; done: () => void }) {
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
      problems={form.problems}
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
        options={PROVIDER_STATUSES}
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
