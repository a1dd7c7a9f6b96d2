import { useState } from 'react';
import { api, type ApiBody } from '../api';
import { Field, FormShell, opt, useSubmit } from '../components/Form';
import { dateText, period } from '../format';
import { useLoad } from '../useLoad';
import { Ticks } from './WhoKnows';
import { PURPOSE_OPTIONS, useProviders } from '../choices';

import { ProfferForm, AnswerForm } from './terms/AgreementForms';
import { PolicyForm, CheckForm } from './terms/PolicyForms';

const yes = (b: boolean) => (b ? 'yes' : 'no');

function TermsForm({
  done,
  onCancel,
  roster,
}: {
  done: () => void;
  onCancel: () => void;
  roster: readonly string[];
}) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [summary, setSummary] = useState('');
  const [purposes, setPurposes] = useState<string[]>(['service']);
  const [thirdParties, setThirdParties] = useState('none');
  const [retention, setRetention] = useState('');
  const [basedOn, setBasedOn] = useState('');
  const [flags, setFlags] = useState<string[]>([]);
  const form = useSubmit(
    () =>
      api('addTerms', {
        body: {
          code,
          name,
          summary,
          // The choices offer only the values the API accepts.
          purposes: purposes as ApiBody<'addTerms'>['purposes'],
          thirdParties: thirdParties as ApiBody<'addTerms'>['thirdParties'],
          retention: opt(retention) ?? null,
          profiling: flags.includes('profiling'),
          aiTraining: flags.includes('aiTraining'),
          tracking: flags.includes('tracking'),
          basedOn: opt(basedOn) ?? null,
        },
      }),
    done,
  );
  const e = form.errors;
  return (
    <FormShell
      title="Write your own terms"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Add terms"
      onCancel={onCancel}
    >
      <Field
        label="Code"
        name="code"
        value={code}
        onChange={setCode}
        required
        hint="Such as MY-DELIVERY"
        error={e.code}
      />
      <Field label="Name" name="name" value={name} onChange={setName} required error={e.name} />
      <Field
        label="What they say"
        name="summary"
        value={summary}
        onChange={setSummary}
        multiline
        required
        error={e.summary}
      />
      <Field
        label="Based on"
        name="basedOn"
        value={basedOn}
        onChange={setBasedOn}
        options={[['', 'Nothing'], ...roster.map((c) => [c, c] as const)]}
      />
      <Ticks legend="Allowed purposes" options={PURPOSE_OPTIONS} value={purposes} onChange={setPurposes} />
      <Field
        label="Third parties"
        name="thirdParties"
        value={thirdParties}
        onChange={setThirdParties}
        options={[
          ['none', 'None: the data stays with the provider'],
          ['processors', 'Only processors acting on its instructions'],
          ['allowed', 'Allowed'],
        ]}
      />
      <Field
        label="Kept at most"
        name="retention"
        value={retention}
        onChange={setRetention}
        hint="Such as 2 years, 18 months or 30 days; empty: as long as needed"
        error={e.retention}
      />
      <Ticks
        legend="Also allowed"
        options={[
          ['profiling', 'Profiling'],
          ['aiTraining', 'AI training'],
          ['tracking', 'Tracking'],
        ]}
        value={flags}
        onChange={setFlags}
      />
    </FormShell>
  );
}

export function TermsPage() {
  const terms = useLoad(() => api('listTerms'), []);
  const policies = useLoad(() => api('listPolicies', { query: {} }), []);
  // A policy's provider by name, as the forms name it.
  const providerNames = new Map(useProviders().map((p) => [p.id, p.name]));
  const agreements = useLoad(() => api('listAgreements', { query: {} }), []);
  const [form, setForm] = useState<'terms' | 'policy' | 'proffer' | undefined>();
  const [answering, setAnswering] = useState<number | undefined>();
  const [verified, setVerified] = useState<Record<number, string>>({});
  const [termsProblem, setTermsProblem] = useState('');
  const close = () => {
    setForm(undefined);
    setAnswering(undefined);
    terms.reload();
    policies.reload();
    agreements.reload();
  };
  const roster = (terms.data ?? []).filter((t) => t.source === 'roster').map((t) => t.code);
  return (
    <div>
      <div className="page-head">
        <h1>Your terms</h1>
        <span className="actions">
          <button type="button" onClick={() => setForm('proffer')}>
            Proffer terms
          </button>
          <button type="button" className="secondary" onClick={() => setForm('terms')}>
            Write your own
          </button>
          <button type="button" className="secondary" onClick={() => setForm('policy')}>
            Add a policy
          </button>
        </span>
      </div>
      <p>
        You set the terms: organisations accept them, not the other way round (IEEE 7012). Policies say what
        may go to whom, for what; anything no policy allows stays with you.
      </p>
      {form === 'terms' ? <TermsForm done={close} onCancel={close} roster={roster} /> : null}
      {form === 'policy' ? <PolicyForm done={close} onCancel={close} /> : null}
      {form === 'proffer' ? <ProfferForm done={close} onCancel={close} /> : null}

      <section>
        <h2>Agreements</h2>
        {agreements.data?.length === 0 ? <p className="empty">No terms proffered yet.</p> : null}
        <table>
          <tbody>
            {(agreements.data ?? []).map((a) => (
              <tr key={a.id}>
                <td>{a.provider}</td>
                <td>{a.termsCode}</td>
                <td>proffered {dateText(a.profferedOn)}</td>
                <td>
                  <span
                    className={`badge ${a.status === 'accepted' ? 'active' : a.status === 'proffered' ? 'waiting' : 'escalated'}`}
                  >
                    {a.status}
                  </span>
                  {a.counterTermsCode ? ` → ${a.counterTermsCode}` : ''}{' '}
                  {a.answeredOn ? dateText(a.answeredOn) : ''}
                </td>
                <td>{a.evidence ?? ''}</td>
                <td className="actions">
                  {a.status === 'proffered' ? (
                    <button type="button" className="small" onClick={() => setAnswering(a.id)}>
                      Record answer
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="small secondary"
                    onClick={() =>
                      void api('verifyAgreement', { id: a.id })
                        .then(() =>
                          setVerified((v) => ({ ...v, [a.id]: 'Signature valid; matches the store' })),
                        )
                        .catch((e: unknown) =>
                          setVerified((v) => ({ ...v, [a.id]: e instanceof Error ? e.message : String(e) })),
                        )
                    }
                  >
                    Verify
                  </button>
                  {verified[a.id] ? <small role="status"> {verified[a.id]}</small> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {(agreements.data ?? [])
          .filter((a) => a.id === answering)
          .map((a) => (
            <AnswerForm key={a.id} agreement={a} done={close} />
          ))}
      </section>

      <section>
        <h2>Policies</h2>
        {policies.data?.length === 0 ? (
          <p className="empty">No policy yet: nothing may go anywhere until one allows it.</p>
        ) : null}
        <table>
          <tbody>
            {(policies.data ?? []).map((p) => (
              <tr key={p.id}>
                <td>
                  {p.providerId !== null
                    ? (providerNames.get(p.providerId) ?? `provider ${p.providerId}`)
                    : p.category !== null
                      ? `category ${p.category}`
                      : 'everyone'}
                </td>
                <td>{p.factNames.join(', ')}</td>
                <td>{p.allowPurposes.length ? `allows ${p.allowPurposes.join(', ')}` : ''}</td>
                <td>{p.denyPurposes.length ? `denies ${p.denyPurposes.join(', ')}` : ''}</td>
                <td>{p.termsCode ? `under ${p.termsCode}` : ''}</td>
                <td>
                  <button
                    type="button"
                    className="small secondary"
                    onClick={() => void api('deletePolicy', { id: p.id }).then(policies.reload)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <CheckForm />
      </section>

      <section>
        <h2>Roster and your own terms</h2>
        {termsProblem ? (
          <p className="error" role="alert">
            {termsProblem}
          </p>
        ) : null}
        <div className="grid">
          {(terms.data ?? []).map((t) => (
            <article key={t.code} className="card">
              <h3>
                {t.code} <small>{t.name}</small>
              </h3>
              <p>{t.summary}</p>
              <dl className="facts">
                <dt>Purposes</dt>
                <dd>{t.purposes.join(', ')}</dd>
                <dt>Third parties</dt>
                <dd>{t.thirdParties}</dd>
                <dt>Kept</dt>
                <dd>{t.retention ? period(t.retention) || t.retention : 'as long as needed'}</dd>
                <dt>Profiling · AI · tracking</dt>
                <dd>
                  {yes(t.profiling)} · {yes(t.aiTraining)} · {yes(t.tracking)}
                </dd>
              </dl>
              {t.source === 'own' ? (
                <p className="actions">
                  <small>Your own{t.basedOn ? `, based on ${t.basedOn}` : ''}</small>
                  <button
                    type="button"
                    className="small secondary"
                    onClick={() =>
                      void api('deleteTerms', { query: { code: t.code } })
                        .then(terms.reload)
                        .catch((e: unknown) => setTermsProblem(e instanceof Error ? e.message : String(e)))
                    }
                  >
                    Delete
                  </button>
                </p>
              ) : null}
            </article>
          ))}
        </div>
      </section>
    </div>
  );
}
