import { useState } from 'react';
import { api, type ApiBody, type ApiOutput } from '../../api';
import { Field, FormShell, opt, useSubmit } from '../../components/Form';
import { useLoad } from '../../useLoad';
import { Ticks } from '../WhoKnows';
import { PURPOSE_OPTIONS, providerOptions, useProviders } from '../../choices';

type Check = ApiOutput<'checkPolicy'>;
export function PolicyForm({ done, onCancel }: { done: () => void; onCancel: () => void }) {
  const providers = useProviders();
  const terms = useLoad(() => api('listTerms'), []);
  const [scope, setScope] = useState('everyone');
  const [provider, setProvider] = useState('');
  const [category, setCategory] = useState('');
  const [facts, setFacts] = useState('*');
  const [allow, setAllow] = useState<string[]>([]);
  const [deny, setDeny] = useState<string[]>([]);
  const [termsCode, setTermsCode] = useState('');
  const form = useSubmit(
    () =>
      api('addPolicy', {
        body: {
          provider: scope === 'provider' ? Number(provider) : null,
          category: scope === 'category' ? (opt(category) ?? null) : null,
          facts: facts
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean),
          allow: allow as ApiBody<'addPolicy'>['allow'],
          deny: deny as ApiBody<'addPolicy'>['deny'],
          terms: opt(termsCode) ?? null,
        },
      }),
    done,
  );
  return (
    <FormShell
      title="Add a policy"
      onSubmit={form.submit}
      message={form.message}
      busy={form.busy}
      submitLabel="Add policy"
      onCancel={onCancel}
    >
      <Field
        label="For"
        name="scope"
        value={scope}
        onChange={setScope}
        options={[
          ['everyone', 'Every provider'],
          ['category', 'A category of providers'],
          ['provider', 'One provider'],
        ]}
      />
      {scope === 'provider' ? (
        <Field
          label="Provider"
          name="provider"
          value={provider}
          onChange={setProvider}
          options={providerOptions(providers)}
        />
      ) : null}
      {scope === 'category' ? (
        <Field
          label="Category"
          name="category"
          value={category}
          onChange={setCategory}
          hint="Such as bank, shop, utility"
        />
      ) : null}
      <Field
        label="Facts"
        name="facts"
        value={facts}
        onChange={setFacts}
        hint="Comma-separated: *, kinds (email, phone, postal_address…) or fact:ID"
        error={form.errors.facts ?? form.errors['facts[0]']}
      />
      <Ticks legend="Allow" options={PURPOSE_OPTIONS} value={allow} onChange={setAllow} />
      <Ticks legend="Deny (deny beats allow)" options={PURPOSE_OPTIONS} value={deny} onChange={setDeny} />
      <Field
        label="Only under terms"
        name="terms"
        value={termsCode}
        onChange={setTermsCode}
        options={[['', 'Any terms'], ...(terms.data ?? []).map((t) => [t.code, t.code] as const)]}
      />
    </FormShell>
  );
}

export function CheckForm() {
  const providers = useProviders();
  const [provider, setProvider] = useState('');
  const [fields, setFields] = useState('email, postal_address, phone');
  const [purposes, setPurposes] = useState<string[]>(['service']);
  const [terms, setTerms] = useState('');
  const [answer, setAnswer] = useState<Check | undefined>();
  const form = useSubmit(
    () =>
      api('checkPolicy', {
        body: {
          provider: Number(provider),
          fields: fields
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean),
          purposes,
          terms: opt(terms) ?? null,
        },
      }),
    setAnswer,
  );
  return (
    <div>
      <FormShell
        title="A provider asks for…"
        onSubmit={form.submit}
        message={form.message}
        busy={form.busy}
        submitLabel="Check"
      >
        <Field
          label="Provider"
          name="provider"
          value={provider}
          onChange={setProvider}
          options={providerOptions(providers)}
        />
        <Field
          label="Fields it asks for"
          name="fields"
          value={fields}
          onChange={setFields}
          hint="Kinds or fact ids, comma-separated"
        />
        <Ticks legend="For" options={PURPOSE_OPTIONS} value={purposes} onChange={setPurposes} />
        <Field
          label="Under terms"
          name="checkTerms"
          value={terms}
          onChange={setTerms}
          hint="A code, such as SD-BASE; empty: none"
        />
      </FormShell>
      {answer ? (
        <ul className="decisions" aria-label="The answer">
          {answer.decisions.map((d) => (
            <li key={d.field} className={d.allowed ? 'allowed' : 'refused'}>
              <strong>{d.allowed ? 'Allowed' : 'Refused'}</strong> {d.field}: {d.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
