import { useState } from 'react';
import { api, ApiError, type ApiBody, type ApiOutput } from '../api';
import { Field, FormShell, opt } from '../components/Form';
import { dateText, plural } from '../format';
import { useLoad } from '../useLoad';
import { PURPOSE_OPTIONS, providerOptions, useProviders } from '../choices';
import { KIND_LABELS } from '../../../src/vault/kind-names';

type Matrix = ApiOutput<'disclosureMatrix'>;
type Evaluation = ApiOutput<'previewDisclosure'>['evaluation'];

const CHANNELS = ['web', 'email', 'phone', 'letter', 'in_person', 'app', 'other'] as const;

/** Ticks for a set of values: purposes, facts. */
export function Ticks<T extends string | number>(props: {
  legend: string;
  options: readonly (readonly [T, string])[];
  value: readonly T[];
  onChange: (next: T[]) => void;
}) {
  return (
    <fieldset className="ticks">
      <legend>{props.legend}</legend>
      {props.options.map(([value, label]) => (
        <label key={String(value)} className="check">
          <input
            type="checkbox"
            checked={props.value.includes(value)}
            onChange={(e) =>
              props.onChange(
                e.target.checked ? [...props.value, value] : props.value.filter((v) => v !== value),
              )
            }
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The who-knows-what grid as a heat map: a row per provider, a column per fact. A filled cell
 * holds the current version, a hatched amber one an outdated version; the column and row totals
 * say how widely each fact has spread and how much each provider holds.
 */
function MatrixView({
  matrix,
  onFact,
  onProvider,
}: {
  matrix: Matrix;
  onFact: (id: number) => void;
  onProvider: (id: number) => void;
}) {
  const cells = new Map(matrix.cells.map((c) => [`${c.providerId}:${c.factId}`, c]));
  const facts = matrix.facts.filter((f) => f.holders > 0 || !f.retired);
  return (
    <div className="matrix-wrap" data-scroll="">
      <table className="matrix" aria-label="Who knows what: providers by facts">
        <thead>
          <tr>
            <th scope="col">Provider</th>
            {facts.map((f) => (
              <th key={f.id} scope="col" className="fact-col">
                <button
                  type="button"
                  className="link"
                  onClick={() => onFact(f.id)}
                  title={`${f.label} (${f.kind})`}
                >
                  <span>{f.label}</span>
                </button>
              </th>
            ))}
            <th scope="col" className="num">
              Identities
            </th>
          </tr>
        </thead>
        <tbody>
          {matrix.providers.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <button type="button" className="link" onClick={() => onProvider(p.id)}>
                  {p.name}
                </button>
                {p.outdated > 0 ? <span className="badge waiting">{p.outdated} outdated</span> : null}
              </th>
              {facts.map((f) => {
                const c = cells.get(`${p.id}:${f.id}`);
                const label = c
                  ? `${p.name} holds ${f.label}, version ${c.version}${c.outdated ? ' (outdated)' : ''}, since ${c.since}`
                  : `${p.name} does not hold ${f.label}`;
                return (
                  <td
                    key={f.id}
                    className={`cell ${c ? (c.outdated ? 'outdated' : 'held') : ''}`}
                    title={label}
                  >
                    {c?.outdated ? (
                      // Until change campaigns exist, telling them leads to the provider, the fact named.
                      <a
                        href={`#/providers/${p.id}/fact/${f.id}`}
                        aria-label={`${label}: tell them what changed`}
                      >
                        ○
                      </a>
                    ) : (
                      <>
                        <span className="visually-hidden">{label}</span>
                        {c ? '●' : ''}
                      </>
                    )}
                  </td>
                );
              })}
              <td className="num">{p.identities || ''}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Held by</th>
            {facts.map((f) => (
              <td key={f.id} className="num">
                {f.holders || ''}
              </td>
            ))}
            <td />
          </tr>
        </tfoot>
      </table>
      <p className="legend">
        <span className="cell held">●</span> holds the current version{' '}
        <span className="cell outdated">○</span> holds an outdated version — select it to tell them what
        changed
      </p>
    </div>
  );
}

function FactHolders({ id }: { id: number }) {
  const { data, error } = useLoad(() => api('factHolders', { id }), [id]);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="loading">Loading…</p>;
  return (
    <section className="card" aria-label={`Who holds ${data.fact.label}`}>
      <h2>
        Who holds “{data.fact.label}”
        <small>
          {' '}
          · now v{data.fact.current.version}: {data.fact.current.summary}
        </small>
      </h2>
      {data.holders.length === 0 ? <p className="empty">No provider was recorded as given it.</p> : null}
      <table>
        <tbody>
          {data.holders.map((h) => (
            <tr key={h.providerId} className={h.outdated ? 'urgent' : ''}>
              <td>{h.provider}</td>
              <td>v{h.version}</td>
              <td>{h.value}</td>
              <td>since {dateText(h.since)}</td>
              <td>{h.termsCode ?? ''}</td>
              <td>
                {h.outdated ? (
                  <>
                    <span className="badge waiting">outdated</span>{' '}
                    <a href={`#/changes/start/${data.fact.id}`}>Tell them what changed</a>
                  </>
                ) : (
                  'current'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * What one provider knows about the person. `highlight` names a fact it holds an outdated version
 * of (from Who knows what's "tell them what changed"): its row is marked and named above the table.
 */
export function ProviderKnows({ id, highlight }: { id: number; highlight?: number | undefined }) {
  const { data, error, reload } = useLoad(() => api('providerKnows', { id }), [id]);
  const named = data?.facts.find((h) => h.factId === highlight);
  const [problem, setProblem] = useState('');
  // The provider erased a fact (or was told to): every disclosure of it to this provider is withdrawn.
  const withdraw = async (factId: number): Promise<void> => {
    const given = await api('listDisclosures', { query: { provider: String(id), fact: factId } });
    for (const d of given) await api('withdrawDisclosure', { id: d.id, body: {} });
  };
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="loading">Loading…</p>;
  return (
    <section className="card" aria-label={`What ${data.provider.name} knows`}>
      <h2>
        What {data.provider.name} knows
        {data.since ? <small> · since {dateText(data.since)}</small> : null}
      </h2>
      {data.facts.length + data.identities.length === 0 ? (
        <p className="empty">Nothing recorded as given to it yet.</p>
      ) : null}
      {named ? (
        <p
          className="notice"
          role="note"
          aria-label="What changed"
          // Who knows what led here for this fact: bring it into view below the page's other parts.
          ref={(el) => el?.scrollIntoView({ block: 'center' })}
        >
          {named.outdated ? (
            <>
              Tell {data.provider.name} what changed: it holds your {named.label} as it was in version{' '}
              {named.version} ({named.value}). Write or call with the new one, log it in the timeline, and
              record the disclosure, so this row turns current.
            </>
          ) : (
            <>
              {data.provider.name} holds the current version of your {named.label}: nothing to tell.
            </>
          )}
        </p>
      ) : null}
      <table>
        <tbody>
          {data.facts.map((h) => (
            <tr
              key={h.factId}
              className={`${h.outdated ? 'urgent' : ''}${h.factId === highlight ? ' highlight' : ''}`}
              aria-current={h.factId === highlight ? 'true' : undefined}
            >
              <td>{h.label}</td>
              <td>
                v{h.version}: {h.value}
              </td>
              <td>since {dateText(h.since)}</td>
              <td>{h.purposes.join(', ')}</td>
              <td>{h.termsCode ?? 'no terms'}</td>
              <td>{h.outdated ? <span className="badge waiting">outdated</span> : ''}</td>
              <td>
                <button
                  type="button"
                  className="small secondary"
                  title="It erased this, or was told to"
                  onClick={() =>
                    void withdraw(h.factId)
                      .then(reload)
                      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)))
                  }
                >
                  Withdrawn
                </button>
              </td>
            </tr>
          ))}
          {data.identities.map((i) => (
            <tr key={`i${i.identityId}`}>
              <td>identity ({i.kind})</td>
              <td>{i.value}</td>
              <td>since {dateText(i.since)}</td>
              <td colSpan={4}>{i.retired ? 'retired' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

/**
 * Records a disclosure that already happened. What was given is a fact, so it is recorded whatever
 * the policies say; what they would have said is shown before (on request) and after recording.
 */
function RecordForm({ done, onCancel }: { done: (verdict: string) => void; onCancel: () => void }) {
  const providers = useProviders();
  const facts = useLoad(() => api('listFacts', { query: {} }), []);
  const terms = useLoad(() => api('listTerms'), []);
  const [provider, setProvider] = useState('');
  const [chosen, setChosen] = useState<number[]>([]);
  const [purposes, setPurposes] = useState<string[]>(['service']);
  const [termsCode, setTermsCode] = useState('');
  const [channel, setChannel] = useState<string>('web');
  const [on, setOn] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [check, setCheck] = useState<Evaluation | undefined>();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  // The choices offer only the purposes and channels the API accepts.
  const body = (): ApiBody<'addDisclosure'> => ({
    provider: Number(provider),
    facts: chosen,
    purposes: purposes as ApiBody<'addDisclosure'>['purposes'],
    terms: opt(termsCode) ?? null,
    channel: channel as ApiBody<'addDisclosure'>['channel'],
    on: opt(on),
    note: opt(note) ?? null,
    override: opt(reason) ?? null,
  });
  const preview = (): void => {
    setMessage('');
    api('previewDisclosure', { body: body() })
      .then((answer) => setCheck(answer.evaluation))
      .catch((e: unknown) => setMessage(e instanceof Error ? e.message : String(e)));
  };
  return (
    <FormShell
      title="Record a disclosure"
      busy={busy}
      message={message}
      submitLabel="Record"
      onCancel={onCancel}
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        setMessage('');
        api('addDisclosure', { body: body() })
          .then((recorded) => done(recorded.verdict))
          .catch((e: unknown) => setMessage(e instanceof ApiError ? e.message : String(e)))
          .finally(() => setBusy(false));
      }}
    >
      <p className="hint">
        Record what you already gave. It is recorded whatever your policies say; they decide only what you
        share from now on.
      </p>
      <Field
        label="Provider"
        name="provider"
        value={provider}
        onChange={setProvider}
        required
        options={providerOptions(providers)}
      />
      <Ticks
        legend="Facts given"
        options={(facts.data ?? []).map(
          (f) => [f.id, `${f.label} (${KIND_LABELS[f.kind]}): ${f.current.summary}`] as const,
        )}
        value={chosen}
        onChange={setChosen}
      />
      <Ticks legend="Purposes" options={PURPOSE_OPTIONS} value={purposes} onChange={setPurposes} />
      <Field
        label="Terms"
        name="terms"
        value={termsCode}
        onChange={setTermsCode}
        options={[
          ['', 'No terms (or the accepted agreement)'],
          ...(terms.data ?? []).map((t) => [t.code, `${t.code}: ${t.name}`] as const),
        ]}
      />
      <Field label="Channel" name="channel" value={channel} onChange={setChannel} options={CHANNELS} />
      <Field label="Given on" name="on" type="date" value={on} onChange={setOn} hint="Empty: today" />
      <Field label="Note" name="note" value={note} onChange={setNote} />
      <Field
        label="Why you gave it"
        name="reason"
        value={reason}
        onChange={setReason}
        hint="Optional. Kept with the record where your policies would have said no."
      />
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={!provider || chosen.length === 0}
          onClick={preview}
        >
          What would my policies say?
        </button>
      </div>
      {check ? (
        <ul className="decisions" aria-label="Policy check">
          {check.decisions.map((d) => (
            <li key={d.field} className={d.allowed ? 'allowed' : 'refused'}>
              <strong>{d.allowed ? 'Allowed' : 'Would refuse'}</strong> {d.label}: {d.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </FormShell>
  );
}

export function WhoKnows() {
  const { data, error, reload } = useLoad(() => api('disclosureMatrix'), []);
  const [recording, setRecording] = useState(false);
  const [verdict, setVerdict] = useState('');
  const [focus, setFocus] = useState<{ fact: number } | { provider: number } | undefined>();
  const outdated = data?.cells.filter((c) => c.outdated).length ?? 0;
  return (
    <div>
      <div className="page-head">
        <h1>Who knows what</h1>
        <button
          type="button"
          onClick={() => {
            setVerdict('');
            setRecording(true);
          }}
        >
          Record a disclosure
        </button>
      </div>
      <p>
        Which organisation holds which of your facts, since when, and under whose terms.
        {data ? (
          <>
            {' '}
            <strong>{plural(data.providers.length, 'provider')}</strong>{' '}
            {data.providers.length === 1 ? 'holds' : 'hold'} <strong>{data.cells.length}</strong> of your
            facts; <strong>{outdated}</strong> {outdated === 1 ? 'is' : 'are'} out of date.
          </>
        ) : null}
      </p>
      {recording ? (
        <RecordForm
          onCancel={() => setRecording(false)}
          done={(said) => {
            setRecording(false);
            setVerdict(said);
            reload();
          }}
        />
      ) : null}
      {verdict ? (
        <p className="notice" role="status">
          Recorded. {verdict}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {data && data.providers.length === 0 ? (
        <p className="empty">Nothing recorded yet. Record what you gave whom with “Record a disclosure”.</p>
      ) : null}
      {data && data.providers.length > 0 ? (
        <MatrixView
          matrix={data}
          onFact={(id) => setFocus({ fact: id })}
          onProvider={(id) => setFocus({ provider: id })}
        />
      ) : null}
      {focus && 'fact' in focus ? <FactHolders id={focus.fact} /> : null}
      {focus && 'provider' in focus ? <ProviderKnows id={focus.provider} /> : null}
    </div>
  );
}
