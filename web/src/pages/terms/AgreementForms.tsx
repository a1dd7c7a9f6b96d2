import { useState } from 'react';
import { api, type ApiBody, type ApiOutput } from '../../api';
import { Field, FormShell, opt, useSubmit } from '../../components/Form';
import { useLoad } from '../../useLoad';
import { providerOptions, useProviders } from '../../choices';

type Agreement = ApiOutput<'listAgreements'>[number];
export function ProfferForm({ done, onCancel }: { done: () => void; onCancel: () => void }) {
  const providers = useProviders();
  const terms = useLoad(() => api('listTerms'), []);
  const [provider, setProvider] = useState('');
  const [code, setCode] = useState('SD-BASE');
  const [on, setOn] = useState('');
  const [evidence, setEvidence] = useState('');
  const form = useSubmit(
    () =>
      api('addAgreement', {
        body: { provider: Number(provider), terms: code, on: opt(on), evidence: opt(evidence) ?? null },
      }),
    done,
  );
  return (
    <FormShell
      title="Proffer your terms"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Record"
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
        label="Terms"
        name="terms"
        value={code}
        onChange={setCode}
        options={(terms.data ?? []).map((t) => [t.code, `${t.code}: ${t.name}`] as const)}
      />
      <Field
        label="On"
        name="on"
        type="date"
        value={on}
        onChange={setOn}
        hint="Empty: today"
        error={form.errors.on}
      />
      <Field
        label="How"
        name="evidence"
        value={evidence}
        onChange={setEvidence}
        hint="A message sent, a form filled in"
      />
    </FormShell>
  );
}

export function AnswerForm({ agreement, done }: { agreement: Agreement; done: () => void }) {
  const terms = useLoad(() => api('listTerms'), []);
  const [status, setStatus] = useState('accepted');
  const [counter, setCounter] = useState('');
  const [on, setOn] = useState('');
  const [evidence, setEvidence] = useState('');
  const form = useSubmit(
    () =>
      api('answerAgreement', {
        id: agreement.id,
        body: {
          status: status as ApiBody<'answerAgreement'>['status'],
          counterTerms: status === 'countered' ? (opt(counter) ?? null) : null,
          on: opt(on),
          evidence: opt(evidence) ?? null,
        },
      }),
    done,
  );
  return (
    <FormShell
      title={`${agreement.provider}'s answer`}
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Record answer"
      onCancel={done}
    >
      <Field
        label="Answer"
        name="status"
        value={status}
        onChange={setStatus}
        options={['accepted', 'rejected', 'countered']}
      />
      {status === 'countered' ? (
        <Field
          label="It offered instead"
          name="counter"
          value={counter}
          onChange={setCounter}
          options={[['', 'Choose…'], ...(terms.data ?? []).map((t) => [t.code, t.code] as const)]}
          error={form.errors.counterTerms}
        />
      ) : null}
      <Field label="On" name="answeredOn" type="date" value={on} onChange={setOn} hint="Empty: today" />
      <Field
        label="Evidence"
        name="evidence"
        value={evidence}
        onChange={setEvidence}
        hint="Such as a quote from their reply"
      />
    </FormShell>
  );
}
