import { useState } from 'react';
import { api, type ApiOutput } from '../../api';
import { Table } from '../../components/Table';
import { money } from '../../format';
import { useLoad } from '../../useLoad';
import { MonthChart, monthText } from './SpendCharts';

type Report = ApiOutput<'moneySpend'>;
type CurrencySpend = Report['currencies'][number];
type Paid = ApiOutput<'moneyPaid'>;

const PERIODS = [
  { id: 'last12', label: 'Last 12 months' },
  { id: 'thisYear', label: 'This year' },
  { id: 'lastYear', label: 'Last year' },
  { id: 'all', label: 'All' },
] as const;
type Period = (typeof PERIODS)[number]['id'];

const monthOf = (date: Date) => date.toISOString().slice(0, 7);

/** A period as the months the API counts: `from` and `to` as YYYY-MM, none for all. */
function rangeOf(period: Period, today = new Date()): { from?: string; to?: string } {
  const year = today.getUTCFullYear();
  switch (period) {
    case 'last12':
      return { from: monthOf(new Date(Date.UTC(year, today.getUTCMonth() - 11, 15))), to: monthOf(today) };
    case 'thisYear':
      return { from: `${year}-01`, to: monthOf(today) };
    case 'lastYear':
      return { from: `${year - 1}-01`, to: `${year - 1}-12` };
    case 'all':
      return {};
  }
}

/** Who was paid, per currency: providers link to their page; unassigned payees say so. */
function Payees({ spend }: { spend: CurrencySpend }) {
  return (
    <Table
      caption={`Paid to, in ${spend.currency}`}
      rows={spend.payees}
      rowKey={(p) => `${p.kind}-${p.providerId ?? p.label}`}
      columns={[
        {
          heading: 'Paid to',
          cell: (p) =>
            p.kind === 'provider' && p.providerId !== null ? (
              <a href={`#/providers/${p.providerId}`}>{p.label}</a>
            ) : p.kind === 'payee' ? (
              <>
                {p.label} <small className="muted">· Not assigned</small>
              </>
            ) : (
              p.label
            ),
        },
        {
          heading: 'Spent',
          num: true,
          cell: (p) => (
            <>
              {money(p.spentMinor, spend.currency)}
              {p.receivedMinor > 0 ? (
                <small>{` · in ${money(p.receivedMinor, spend.currency)}`}</small>
              ) : null}
            </>
          ),
        },
        { heading: 'Bookings', num: true, cell: (p) => p.count },
      ]}
    />
  );
}

function Categories({ spend }: { spend: CurrencySpend }) {
  const max = Math.max(1, ...spend.categories.map((c) => c.spentMinor));
  return (
    <Table
      caption={`By category, in ${spend.currency}`}
      rows={spend.categories}
      rowKey={(c) => c.label}
      columns={[
        { heading: 'Category', cell: (c) => c.label },
        { heading: 'Spent', num: true, cell: (c) => money(c.spentMinor, spend.currency) },
        {
          heading: <span className="visually-hidden">Share</span>,
          key: 'share',
          cell: (c) => (
            <span className="share" style={{ width: `${Math.round((c.spentMinor / max) * 100)}%` }} />
          ),
        },
      ]}
    />
  );
}

/** The totals of each year, one column per currency: never added together. */
function Years({ report }: { report: Report }) {
  const years = [...new Set(report.currencies.flatMap((c) => c.years.map((y) => y.year)))].sort().reverse();
  return (
    <Table
      caption="Each year"
      captionHidden
      rows={years}
      rowKey={(year) => year}
      columns={[
        { heading: 'Year', cell: (year) => year },
        ...report.currencies.map((c) => ({
          heading: c.currency,
          num: true,
          cell: (year: string) => {
            const y = c.years.find((x) => x.year === year);
            return (
              <>
                {y ? money(y.spentMinor, c.currency) : '—'}
                {y && report.incoming ? <small>{` · in ${money(y.receivedMinor, c.currency)}`}</small> : null}
              </>
            );
          },
        })),
      ]}
    />
  );
}

/** "Paid 12,00 € more than the contract says", in the reader's number format. */
function differenceText(c: Paid['contracts'][number]): string {
  if (c.paidMinor === 0 && c.differenceMinor < 0)
    return `Nothing paid yet; the contract says ${money(-c.differenceMinor, c.currency)}`;
  if (c.differenceMinor === 0) return 'Paid what the contract says';
  return `Paid ${money(Math.abs(c.differenceMinor), c.currency)} ${c.differenceMinor > 0 ? 'more' : 'less'} than the contract says`;
}

function PaidTable({ range }: { range: { from?: string; to?: string } }) {
  const { data, error } = useLoad(() => api('moneyPaid', { query: range }), [range.from, range.to]);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p className="loading">Loading…</p>;
  if (data.contracts.length === 0)
    return (
      <p className="empty">
        No contract to compare yet: add your contracts on the providers' pages, or make a recurring payment a
        contract on the Subscriptions page.
      </p>
    );
  return (
    <Table
      caption={`Paid against contracted, ${monthText(data.from)} to ${monthText(data.to)}`}
      rows={data.contracts}
      rowKey={(c) => c.contractId}
      columns={[
        {
          heading: 'Contract',
          cell: (c) => (
            <>
              {c.name} <small className="muted">· {c.billingCycle}</small>
            </>
          ),
        },
        { heading: 'Provider', cell: (c) => <a href={`#/providers/${c.providerId}`}>{c.provider}</a> },
        { heading: 'Contract says', num: true, cell: (c) => money(c.contractedMinor, c.currency) },
        { heading: 'Paid', num: true, cell: (c) => money(c.paidMinor, c.currency) },
        {
          heading: 'Difference',
          cell: differenceText,
          cellClass: (c) => (c.differenceMinor > 0 ? 'warn' : undefined),
        },
      ]}
    />
  );
}

/**
 * Spend over time (issue 17, point 4): per month (the top providers stacked), per provider and
 * category, each year's totals, each currency on its own; and what was paid against what the
 * contracts say.
 */
export function Spend() {
  const [period, setPeriod] = useState<Period>('last12');
  const [account, setAccount] = useState('');
  const [incoming, setIncoming] = useState(false);
  const range = rangeOf(period);
  const accounts = useLoad(() => api('listBankAccounts'), []);
  const { data, error } = useLoad(
    () =>
      api('moneySpend', {
        query: { ...range, ...(account ? { account } : {}), ...(incoming ? { incoming: 'true' } : {}) },
      }),
    [period, account, incoming],
  );
  return (
    <div className="spend">
      <h2 className="page-title">Spend</h2>
      <fieldset className="period">
        <legend>Period</legend>
        {PERIODS.map((p) => (
          <label key={p.id} className="check">
            <input
              type="radio"
              name="period"
              value={p.id}
              checked={period === p.id}
              onChange={() => setPeriod(p.id)}
            />
            {p.label}
          </label>
        ))}
      </fieldset>
      <div className="filters">
        {(accounts.data ?? []).length > 1 ? (
          <label>
            Account
            <select value={account} onChange={(e) => setAccount(e.target.value)}>
              <option value="">All accounts</option>
              {(accounts.data ?? []).map((a) => (
                <option key={a.id} value={String(a.id)}>
                  {a.title}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="check">
          <input type="checkbox" checked={incoming} onChange={(e) => setIncoming(e.target.checked)} />
          Money in too
        </label>
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {!data && !error ? <p className="loading">Loading…</p> : null}
      {data && data.currencies.length === 0 ? (
        <p className="empty">
          Nothing spent in this period. Import your bank statements (OFX, QIF, CAMT or CSV from your online
          banking) on the <a href="#/money/import">Import</a> page, or choose a longer period.
        </p>
      ) : null}
      {data && data.currencies.length > 0 ? (
        <>
          <p className="muted" aria-live="polite">
            {data.from && data.to ? `${monthText(data.from)} to ${monthText(data.to)}` : ''}
            {data.account ? ` · ${data.account.title}` : ''} ·{' '}
            {data.incoming ? 'money out and in' : 'money out'}, each currency on its own
          </p>
          <section>
            <h3>Over time</h3>
            {data.currencies.map((c, i) => (
              <MonthChart key={c.currency} spend={c} index={i} />
            ))}
          </section>
          <section>
            <h3>Each year</h3>
            <Years report={data} />
          </section>
          <section>
            <h3>By provider</h3>
            {data.currencies.map((c) => (
              <Payees key={c.currency} spend={c} />
            ))}
          </section>
          <section>
            <h3>By category</h3>
            {data.currencies.map((c) => (
              <Categories key={c.currency} spend={c} />
            ))}
          </section>
        </>
      ) : null}
      <section>
        <h3>Paid against contracted</h3>
        <PaidTable range={period === 'all' ? {} : range} />
      </section>
    </div>
  );
}
