import { useState } from 'react';
import { api, type ApiOutput } from '../api';
import { Field, FormShell, opt, useSubmit } from '../components/Form';
import { dateText } from '../format';
import { useLoad } from '../useLoad';
import { kindTitle } from '../../../src/vault/kind-names';

type Fact = ApiOutput<'listFacts'>[number];
type Kind = Fact['kind'];

/** The fields of each kind, as the vault's schemas name them (src/vault/kinds.ts). */
const KINDS: Record<Kind, { label: string; fields: readonly (readonly [string, string, string?])[] }> = {
  name: {
    label: kindTitle('name'),
    fields: [
      ['full', 'Full name'],
      ['given', 'Given name'],
      ['family', 'Family name'],
    ],
  },
  email: { label: kindTitle('email'), fields: [['address', 'Address', 'email']] },
  phone: {
    label: kindTitle('phone'),
    fields: [
      ['number', 'Number'],
      ['country', 'Country, for a national number (such as GB)'],
    ],
  },
  postal_address: {
    label: kindTitle('postal_address'),
    fields: [
      ['lines', 'Street (one line per row)', 'multiline'],
      ['locality', 'Town or city'],
      ['region', 'Region'],
      ['postcode', 'Postcode'],
      ['country', 'Country (such as GB)'],
    ],
  },
  date: { label: kindTitle('date'), fields: [['date', 'Date', 'date']] },
  bank_account: {
    label: kindTitle('bank_account'),
    fields: [
      ['iban', 'IBAN'],
      ['bic', 'BIC'],
      ['holder', 'Holder'],
      ['bank', 'Bank'],
    ],
  },
  identity_document: {
    label: kindTitle('identity_document'),
    fields: [
      ['document_type', 'Type (passport, national_id, driving_licence…)'],
      ['number', 'Number'],
      ['issuer', 'Issuer'],
      ['issued_on', 'Issued on', 'date'],
      ['expires_on', 'Expires on', 'date'],
    ],
  },
  custom: { label: kindTitle('custom'), fields: [['text', 'Text', 'multiline']] },
};

function toValue(kind: Kind, text: Record<string, string>): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [name] of KINDS[kind].fields) {
    const v = opt(text[name] ?? '');
    if (v === undefined) continue;
    value[name] =
      name === 'lines'
        ? v
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
        : v;
  }
  return value;
}

function fromValue(value: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v.join('\n') : String(v)]),
  );
}

function FactForm({ fact, done }: { fact?: Fact; done: () => void }) {
  const [kind, setKind] = useState<Kind>(fact?.kind ?? 'email');
  const [label, setLabel] = useState(fact?.label ?? '');
  const [validFrom, setValidFrom] = useState('');
  const [text, setText] = useState<Record<string, string>>(fact ? fromValue(fact.current.value) : {});
  const form = useSubmit(
    () =>
      fact
        ? api('updateFact', {
            id: fact.id,
            body: { value: toValue(kind, text), label, validFrom: opt(validFrom) },
          })
        : api('addFact', { body: { kind, label, value: toValue(kind, text), validFrom: opt(validFrom) } }),
    done,
  );
  const e = form.errors;
  return (
    <FormShell
      title={fact ? `New version of “${fact.label}”` : 'Add a fact'}
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel={fact ? 'Save new version' : 'Add fact'}
      onCancel={done}
    >
      {fact ? null : (
        <Field
          label="Kind"
          name="kind"
          value={kind}
          onChange={(k) => {
            setKind(k as Kind);
            setText({});
          }}
          options={Object.entries(KINDS).map(([k, d]) => [k, d.label] as const)}
        />
      )}
      <Field
        label="Label"
        name="label"
        value={label}
        onChange={setLabel}
        required
        hint="What it is to you: home, work, personal…"
        error={e.label}
      />
      {KINDS[kind].fields.map(([name, fieldLabel, type]) => (
        <Field
          key={name}
          label={fieldLabel}
          name={name}
          value={text[name] ?? ''}
          onChange={(v) => setText((t) => ({ ...t, [name]: v }))}
          type={type === 'multiline' ? undefined : type}
          multiline={type === 'multiline'}
          error={e[`value.${name}`] ?? (name === 'lines' ? e['value.lines[0]'] : undefined)}
        />
      ))}
      <Field
        label="True since"
        name="validFrom"
        type="date"
        value={validFrom}
        onChange={setValidFrom}
        hint="Empty: today"
        error={e.validFrom}
      />
    </FormShell>
  );
}

export function Vault() {
  const [showRetired, setShowRetired] = useState(false);
  const [editing, setEditing] = useState<number | 'new' | undefined>();
  const [open, setOpen] = useState<number | undefined>();
  const { data, error, reload } = useLoad(
    () => api('listFacts', { query: { all: showRetired ? 'true' : undefined } }),
    [showRetired],
  );
  // How far each fact has spread: shown on each card, with the providers holding an old version.
  const spread = useLoad(() => api('disclosureMatrix'), []);
  const held = new Map((spread.data?.facts ?? []).map((f) => [f.id, f]));
  const done = () => {
    setEditing(undefined);
    reload();
    spread.reload();
  };
  return (
    <div>
      <div className="page-head">
        <h1>Vault</h1>
        <button type="button" onClick={() => setEditing('new')}>
          Add fact
        </button>
      </div>
      <p>What is true about you: each change keeps the old version, with the dates it was true.</p>
      {editing === 'new' ? <FactForm done={done} /> : null}
      <label className="check">
        <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} />{' '}
        Show retired facts
      </label>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {data?.length === 0 ? (
        <p className="empty">
          Your vault is empty. Add your e-mail addresses, phones and address with <strong>Add fact</strong>.
        </p>
      ) : null}
      <ul className="vault">
        {(data ?? []).map((fact) => (
          <li key={fact.id} className={`card${fact.retiredAt ? ' retired' : ''}`}>
            <div className="fact-head">
              <span className="kind">{KINDS[fact.kind].label}</span> <strong>{fact.label}</strong>
              <span className="value">{fact.current.summary}</span>
              {held.get(fact.id)?.holders ? (
                <a className="spread" href="#/knows" title="Who holds it">
                  held by {held.get(fact.id)?.holders}
                  {held.get(fact.id)?.outdated ? (
                    <span className="badge waiting">{held.get(fact.id)?.outdated} outdated</span>
                  ) : null}
                </a>
              ) : null}
              <span className="actions">
                <button
                  type="button"
                  className="small secondary"
                  aria-expanded={open === fact.id}
                  onClick={() => setOpen(open === fact.id ? undefined : fact.id)}
                >
                  History ({fact.history.length})
                </button>
                {fact.retiredAt ? null : (
                  <>
                    <button type="button" className="small" onClick={() => setEditing(fact.id)}>
                      Change
                    </button>
                    {held.get(fact.id)?.outdated ? (
                      <a className="button small" href={`#/changes/start/${String(fact.id)}`}>
                        Tell providers
                      </a>
                    ) : null}
                    <button
                      type="button"
                      className="small secondary"
                      onClick={() => void api('retireFact', { id: fact.id, body: {} }).then(reload)}
                    >
                      Retire
                    </button>
                  </>
                )}
              </span>
            </div>
            {editing === fact.id ? <FactForm fact={fact} done={done} /> : null}
            {open === fact.id ? (
              <ol className="history">
                {fact.history.map((v) => (
                  <li key={v.version} className={v.version === fact.current.version ? 'current' : ''}>
                    <span className="when">since {dateText(v.validFrom)}</span> {v.summary}
                    {v.note ? <em> · {v.note}</em> : null}
                  </li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
