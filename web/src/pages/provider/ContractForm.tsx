import { api } from '../../api';
import { BILLING_CYCLE_OPTIONS, CONTRACT_KINDS } from '../../choices';
import { cleared, Field, FormShell, opt, useFields, useSubmit } from '../../components/Form';
import { amountText, period } from '../../format';
import { DeleteButton, linkedText } from './DeleteButton';
import type { Contract, Overview } from './types';

/** Adds a contract, or edits one: its price, billing cycle, term, notice and end. */
export function ContractForm({
  view,
  done,
  contract,
}: {
  view: Overview;
  done: () => void;
  contract?: Contract;
}) {
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
    priceFrom: '',
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
  const priceChanged =
    contract !== undefined &&
    (v.price !== amountText(contract.priceMinor, contract.currency) || v.currency !== contract.currency);
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
              // A new price goes into the history from this day (the server's today when empty).
              priceFrom: priceChanged ? opt(v.priceFrom) : undefined,
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
      problems={form.problems}
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
        options={CONTRACT_KINDS}
        error={e.kind}
      />
      <Field
        label="Price per billing cycle"
        name="price"
        value={v.price}
        onChange={f.set('price')}
        required
        error={e.price ?? e.priceMinor}
        hint="Such as “12,99” or “12.99”"
      />
      {contract ? (
        <Field
          label="Price valid from"
          name="priceFrom"
          type="date"
          value={v.priceFrom}
          onChange={f.set('priceFrom')}
          error={e.priceFrom}
          hint="The day a new price applies from; empty: today. The old price stays in the price history."
        />
      ) : null}
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
        options={BILLING_CYCLE_OPTIONS}
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
      {contract ? (
        <DeleteButton
          what={`contract “${contract.name}”`}
          consequence={linkedText(view.documents.filter((d) => d.contractId === contract.id).length)}
          onDelete={() => api('deleteContract', { id: contract.id })}
          done={done}
        />
      ) : null}
    </FormShell>
  );
}
