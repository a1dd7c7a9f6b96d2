import { useState } from 'react';
import { api } from '../../api';
import { providerOptions, useProviders } from '../../choices';
import { Field, FormShell, opt, useSubmit } from '../../components/Form';
import type { Series } from './SubscriptionsWords';

/**
 * "Make it a contract": one step, the name and (when the payments are matched to none) the
 * provider the only questions; price, cycle, start and price history come from the bank.
 */
export function ConfirmForm({ series, done }: { series: Series; done: () => void }) {
  const providers = useProviders();
  const [name, setName] = useState('');
  const [provider, setProvider] = useState('');
  const form = useSubmit(
    () =>
      api('confirmSubscription', {
        id: series.number,
        body: {
          name: opt(name),
          ...(series.providerId === null ? { provider: Number(provider) || opt(provider) } : {}),
        },
      }),
    done,
  );
  return (
    <FormShell
      title={`Make ${series.providerName ?? series.label} a contract`}
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Make it a contract"
      onCancel={done}
    >
      <Field
        label="Name"
        name="name"
        value={name}
        onChange={setName}
        hint={`Empty: "${series.providerName ?? series.label}"`}
        error={form.errors.name}
      />
      {series.providerId === null ? (
        <Field
          label="Provider"
          name="provider"
          value={provider}
          onChange={setProvider}
          options={providerOptions(providers)}
          hint="Who these payments go to: the contract belongs to them"
          error={form.errors.provider}
        />
      ) : null}
    </FormShell>
  );
}
