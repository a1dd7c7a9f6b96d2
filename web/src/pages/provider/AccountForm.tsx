import { api } from '../../api';
import { cleared, Field, FormShell, opt, useFields, useSubmit } from '../../components/Form';
import type { Account } from './types';

/** Adds an account, or edits one: its customer number, label and dates. */
export function AccountForm({
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
      problems={form.problems}
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
