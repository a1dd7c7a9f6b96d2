import { useState, type SyntheticEvent } from 'react';
import { api, type ApiOutput } from '../../api';
import { providerOptions, useProviders } from '../../choices';
import { Field, FormShell, useSubmit } from '../../components/Form';
import { count, dateText, plural } from '../../format';
import { useLoad } from '../../useLoad';
import { useHashQuery } from '../../router';
import {
  accountText,
  EVIDENCE_WORDS,
  NO_STATEMENTS,
  short,
  signedAmount,
  suggestedName,
  type Booking,
} from './words';

const PAGE = 50;

type Assignment = ApiOutput<'assignBankTransaction'>;

/** What an assignment did, in one sentence: the booking, the rule it saved, the others it matched. */
export function assignmentText(a: Assignment): string {
  const t = a.transaction;
  const who = t.provider ?? 'no provider of yours';
  const booking = `The booking of ${dateText(t.bookedOn)} (${signedAmount(t.amountMinor, t.currency).text}) pays ${who}.`;
  if (!a.rule)
    return `${booking} It has nothing a rule could go by (no creditor id, mandate, IBAN or payee).`;
  return `${booking} Rule saved: when the ${a.rule.fieldLabel} is ${a.rule.value}, it pays ${a.rule.provider ?? 'no provider'}; ${plural(a.rematched, 'other booking')} matched again, and the next imports follow it.`;
}

/** "Assign…": a provider picker; the choice confirms the booking and becomes a rule. */
function AssignForm(props: {
  booking: Booking;
  providers: readonly { id: number; name: string }[];
  onDone: (a: Assignment) => void;
  onCancel: () => void;
}) {
  const b = props.booking;
  const [chosen, setChosen] = useState(b.providerId === null ? '' : String(b.providerId));
  const form = useSubmit(
    () =>
      chosen === ''
        ? Promise.reject(new Error('Choose the provider this booking paid, or “None of my providers”.'))
        : api('assignBankTransaction', {
            id: b.id,
            body: { provider: chosen === 'none' ? null : Number(chosen) },
          }),
    props.onDone,
  );
  return (
    <FormShell
      title={`Who ${b.counterpartyName ?? b.payee} was paid`}
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Assign"
      onCancel={props.onCancel}
    >
      <Field
        label="Provider"
        name="provider"
        value={chosen}
        onChange={setChosen}
        options={[...providerOptions(props.providers), ['none', 'None of my providers']]}
        hint="Saved as a rule: the next imports assign bookings like this one the same way"
        error={form.errors.provider}
      />
    </FormShell>
  );
}

/** Who a booking paid, with the evidence in words, or the directory's suggestion, or nobody yet. */
function WhoPaid(props: {
  booking: Booking;
  providers: readonly { id: number; name: string }[];
  onDone: (a: Assignment) => void;
  onProblem: (message: string) => void;
}) {
  const b = props.booking;
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const evidence = b.matchBy ? EVIDENCE_WORDS[b.matchBy] : '';
  const accept = () => {
    setBusy(true);
    api('acceptBankSuggestion', { id: b.id })
      .then(props.onDone)
      .catch((e: unknown) => props.onProblem(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  if (open)
    return (
      <AssignForm
        booking={b}
        providers={props.providers}
        onDone={(a) => {
          setOpen(false);
          props.onDone(a);
        }}
        onCancel={() => setOpen(false)}
      />
    );
  const assign = (
    <button type="button" className="secondary" onClick={() => setOpen(true)}>
      {b.providerId === null ? 'Assign…' : 'Change…'}
    </button>
  );
  if (b.providerId !== null)
    return (
      <div className="who-paid">
        <a href={`#/providers/${String(b.providerId)}`}>{b.provider}</a>{' '}
        <small title={b.evidence?.sentence}>
          {b.matchBy === 'person' ? 'you said so' : `by ${evidence}`}
          {b.confirmed && b.matchBy !== 'person' ? ', confirmed by you' : ''}
        </small>{' '}
        {assign}
      </div>
    );
  if (b.matchBy === 'directory')
    return (
      <div className="who-paid">
        Suggested: <strong>{suggestedName(b)}</strong>{' '}
        <small title={b.evidence?.sentence}>(from the provider directory, not yet yours)</small>{' '}
        <button type="button" disabled={busy} onClick={accept}>
          Accept
        </button>{' '}
        {assign}
      </div>
    );
  return (
    <div className="who-paid">
      <span className="muted">
        {b.matchBy === 'rule' ? 'None of your providers (your rule)' : 'Not known'}
      </span>{' '}
      {assign}
    </div>
  );
}

interface Filter {
  account: string;
  provider: string;
  from: string;
  to: string;
  search: string;
  unmatched: boolean;
}
const NO_FILTER: Filter = { account: '', provider: '', from: '', to: '', search: '', unmatched: false };

/** `#/money/bookings`: every booking, the latest first, with who it paid; filters and pages. */
export function Bookings() {
  const accounts = useLoad(() => api('listBankAccounts'), []);
  const providers = useProviders();
  // A link may open the page filtered: `#/money/bookings?provider=3` from a provider's payments.
  const linked = { ...NO_FILTER, provider: useHashQuery().get('provider') ?? '' };
  const [draft, setDraft] = useState<Filter>(linked);
  const [filter, setFilter] = useState<Filter>(linked);
  const [offset, setOffset] = useState(0);
  const [said, setSaid] = useState('');
  const [problem, setProblem] = useState('');
  const list = useLoad(
    () =>
      api('listBankTransactions', {
        query: {
          account: filter.account || undefined,
          provider: filter.provider || undefined,
          from: filter.from || undefined,
          to: filter.to || undefined,
          search: filter.search || undefined,
          unmatched: filter.unmatched || undefined,
          limit: PAGE,
          offset,
        },
      }),
    [filter, offset],
  );
  const set = (key: keyof Filter) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const show = (event: SyntheticEvent) => {
    event.preventDefault();
    setOffset(0);
    setFilter(draft);
  };
  const done = (a: Assignment) => {
    setProblem('');
    setSaid(assignmentText(a));
    list.reload();
  };
  const filtered = JSON.stringify(filter) !== JSON.stringify(NO_FILTER);
  const data = list.data;
  return (
    <section>
      <h2 className="page-title">Bookings</h2>
      <p className="lead">
        Each booking with the provider it paid and how vrm knows. Say who a booking paid and vrm keeps it as a
        rule for the next imports: <a href="#/money/rules">your rules</a>.
      </p>
      <form className="card filters money-filters" aria-label="Which bookings" onSubmit={show} noValidate>
        <Field
          label="Account"
          name="account"
          value={draft.account}
          onChange={set('account')}
          options={[
            ['', 'All accounts'],
            ...(accounts.data ?? []).map((a) => [String(a.id), a.title] as const),
          ]}
        />
        <Field
          label="Provider"
          name="provider"
          value={draft.provider}
          onChange={set('provider')}
          options={providerOptions(providers, 'Any provider')}
        />
        <Field label="From" name="from" type="date" value={draft.from} onChange={set('from')} />
        <Field label="To" name="to" type="date" value={draft.to} onChange={set('to')} />
        <Field
          label="Search"
          name="search"
          value={draft.search}
          onChange={set('search')}
          hint="Payee, purpose or provider"
        />
        <label className="check">
          <input
            type="checkbox"
            checked={draft.unmatched}
            onChange={(e) => setDraft((d) => ({ ...d, unmatched: e.target.checked }))}
          />{' '}
          Only bookings no provider is known for
        </label>
        <div className="actions">
          <button type="submit">Show</button>
          {filtered ? (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setDraft(NO_FILTER);
                setFilter(NO_FILTER);
                setOffset(0);
              }}
            >
              Show all
            </button>
          ) : null}
        </div>
      </form>
      {said ? (
        <p className="notice" role="status">
          {said} <a href="#/money/rules">See the rules</a>.
        </p>
      ) : null}
      {problem || list.error ? (
        <p className="error" role="alert">
          {problem || list.error}
        </p>
      ) : null}
      {data?.total === 0 ? (
        <p className="empty">
          {filtered ? (
            'No bookings fit these filters.'
          ) : (
            <>
              {NO_STATEMENTS} <a href="#/money/import">Import a statement</a>.
            </>
          )}
        </p>
      ) : null}
      {data && data.items.length > 0 ? (
        <>
          <p>
            <small>
              {count(data.offset + 1)}–{count(data.offset + data.items.length)} of{' '}
              {plural(data.total, 'booking')}
            </small>
          </p>
          <table className="bookings">
            <caption className="visually-hidden">Bookings, the latest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Payee</th>
                <th scope="col">Purpose</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Who was paid</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((b) => {
                const amount = signedAmount(b.amountMinor, b.currency);
                return (
                  <tr key={b.id}>
                    <td>{dateText(b.bookedOn)}</td>
                    <td className="change">
                      {b.counterpartyName ?? b.payee}
                      <br />
                      <small>{accountText(b.account)}</small>
                    </td>
                    <td className="change">
                      <span title={b.text ?? undefined}>{short(b.text)}</span>
                    </td>
                    <td className="num">
                      <span className={amount.className}>{amount.text}</span>
                    </td>
                    <td>
                      <WhoPaid booking={b} providers={providers} onDone={done} onProblem={setProblem} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="actions paging">
            <button
              type="button"
              className="secondary"
              disabled={data.offset === 0}
              onClick={() => setOffset(Math.max(0, data.offset - PAGE))}
            >
              Newer
            </button>
            <button
              type="button"
              className="secondary"
              disabled={data.offset + data.items.length >= data.total}
              onClick={() => setOffset(data.offset + PAGE)}
            >
              Older
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
