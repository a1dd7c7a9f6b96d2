import { useState } from 'react';
import { api, type ApiBody, type ApiOutput } from '../../api';
import { Field, FormShell, opt, useSubmit } from '../../components/Form';
import { useLoad } from '../../useLoad';
import { Ticks } from '../WhoKnows';
import { PURPOSE_OPTIONS, providerOptions, useProviders } from '../../choices';
import { FACT_KINDS, KIND_LABELS } from '../../../../src/vault/kind-names';

type Check = ApiOutput<'checkPolicy'>;

/**
 * What a policy can be about, as ticks: every fact, each kind, and each of the vault's facts by its
 * label and kind. The values are what the API stores (`*`, a kind's id, `fact:ID`).
 */
function useFactChoices(withEvery: boolean): (readonly [string, string])[] {
  const facts = useLoad(() => api('listFacts', { query: {} }), []);
  return [
    ...(withEvery ? [['*', 'Every fact'] as const] : []),
    ...FACT_KINDS.map((k) => [k, `Any ${KIND_LABELS[k]}`] as const),
    ...(facts.data ?? []).map((f) => [`fact:${f.id}`, `“${f.label}” (${KIND_LABELS[f.kind]})`] as const),
  ];
}

/** The person's terms as a select's options, with `empty` first. */
function useTermsOptions(empty: string): (readonly [string, string])[] {
  const terms = useLoad(() => api('listTerms'), []);
  return [['', empty], ...(terms.data ?? []).map((t) => [t.code, `${t.code}: ${t.name}`] as const)];
}
export function PolicyForm({ done, onCancel }: { done: () => void; onCancel: () => void }) {
  const providers = useProviders();
  const factChoices = useFactChoices(true);
  const termsOptions = useTermsOptions('Any terms');
  const [scope, setScope] = useState('everyone');
  const [provider, setProvider] = useState('');
  const [category, setCategory] = useState('');
  const [facts, setFacts] = useState<string[]>(['*']);
  const [allow, setAllow] = useState<string[]>([]);
  const [deny, setDeny] = useState<string[]>([]);
  const [termsCode, setTermsCode] = useState('');
  const form = useSubmit(
    () =>
      api('addPolicy', {
        body: {
          provider: scope === 'provider' ? Number(provider) : null,
          category: scope === 'category' ? (opt(category) ?? null) : null,
          facts,
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
      problems={form.problems}
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
      <Ticks legend="Facts" options={factChoices} value={facts} onChange={setFacts} />
      {(form.errors.facts ?? form.errors['facts[0]']) ? (
        <p className="error">{form.errors.facts ?? form.errors['facts[0]']}</p>
      ) : null}
      <Ticks legend="Allow" options={PURPOSE_OPTIONS} value={allow} onChange={setAllow} />
      <Ticks legend="Deny (deny beats allow)" options={PURPOSE_OPTIONS} value={deny} onChange={setDeny} />
      <Field
        label="Only under terms"
        name="terms"
        value={termsCode}
        onChange={setTermsCode}
        options={termsOptions}
      />
    </FormShell>
  );
}

export function CheckForm() {
  const providers = useProviders();
  const fieldChoices = useFactChoices(false);
  const termsOptions = useTermsOptions('No terms');
  const [provider, setProvider] = useState('');
  const [fields, setFields] = useState<string[]>(['email', 'postal_address', 'phone']);
  const [purposes, setPurposes] = useState<string[]>(['service']);
  const [terms, setTerms] = useState('');
  const [answer, setAnswer] = useState<Check | undefined>();
  const form = useSubmit(
    () =>
      api('checkPolicy', {
        body: {
          provider: Number(provider),
          fields,
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
        problems={form.problems}
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
        <Ticks legend="Fields it asks for" options={fieldChoices} value={fields} onChange={setFields} />
        <Ticks legend="For" options={PURPOSE_OPTIONS} value={purposes} onChange={setPurposes} />
        <Field
          label="Under terms"
          name="checkTerms"
          value={terms}
          onChange={setTerms}
          options={termsOptions}
        />
      </FormShell>
      {answer ? (
        <ul className="decisions" aria-label="The answer">
          {answer.decisions.map((d) => (
            <li key={d.field} className={d.allowed ? 'allowed' : 'refused'}>
              <strong>{d.allowed ? 'Allowed' : 'Refused'}</strong> {d.label}: {d.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
