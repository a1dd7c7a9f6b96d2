import { useState } from 'react';
import { api } from '../../api';
import { Table } from '../../components/Table';
import { money, plural } from '../../format';
import { useLoad } from '../../useLoad';
import { ConfirmForm } from './SubscriptionsConfirm';
import { AlertList } from './SubscriptionsAlerts';
import { cadenceText, longDate } from './SubscriptionsWords';

/**
 * One recurring payment (`#/money/subscriptions/N`): what it is, the words detection found it
 * with, its price changes and renames, its alerts, and every payment it rests on.
 */
export function SubscriptionDetail({ number }: { number: string }) {
  const { data, error, reload } = useLoad(
    () => api('getSubscription', { id: Number(number) || 0 }),
    [number],
  );
  const [confirming, setConfirming] = useState(false);
  const s = data?.subscription;
  const title = s ? (s.providerName ?? s.label) : 'Subscription';
  return (
    <div className="subscription">
      <p className="crumbs">
        <a href="#/money/subscriptions">Subscriptions</a>
      </p>
      <h2 className="page-title">{title}</h2>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {!data && !error ? <p className="loading">Loading…</p> : null}
      {data && s ? (
        <>
          <dl className="facts">
            <dt>How often</dt>
            <dd>{cadenceText(s.cadence)}</dd>
            <dt>Usual amount</dt>
            <dd>{money(s.amountMinor, s.currency)}</dd>
            <dt>{s.ended ? 'Ended' : 'Next expected'}</dt>
            <dd>{s.ended ? `last paid ${longDate(s.lastOn)}` : longDate(s.nextExpectedOn)}</dd>
            <dt>Contract</dt>
            <dd>
              {s.contract && s.providerId !== null ? (
                <a href={`#/providers/${String(s.providerId)}`}>{s.contract.name}</a>
              ) : s.contract ? (
                s.contract.name
              ) : (
                <>
                  No contract{' '}
                  <button type="button" className="small" onClick={() => setConfirming(true)}>
                    Make it a contract
                  </button>
                </>
              )}
            </dd>
          </dl>
          {confirming ? (
            <ConfirmForm
              series={s}
              done={() => {
                setConfirming(false);
                reload();
              }}
            />
          ) : null}
          <p>{s.explanation}</p>
          {s.priceChanges.length > 0 ? (
            <section className="card" aria-labelledby="series-prices">
              <h3 id="series-prices">Price changes</h3>
              <ul className="list">
                {s.priceChanges.map((c) => (
                  <li key={c.paymentId}>
                    {money(c.fromMinor, s.currency)} → {money(c.toMinor, s.currency)} from {longDate(c.on)}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {s.renamed.length > 0 ? (
            <section className="card" aria-labelledby="series-renames">
              <h3 id="series-renames">Renamed</h3>
              <ul className="list">
                {s.renamed.map((r) => (
                  <li key={r.on}>
                    “{r.from}” became “{r.to}” from {longDate(r.on)}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {data.alerts.length > 0 ? (
            <section className="card" aria-labelledby="series-alerts">
              <h3 id="series-alerts">Alerts</h3>
              <AlertList alerts={data.alerts} series={[s]} changed={reload} />
            </section>
          ) : null}
          <section className="card" aria-labelledby="series-payments">
            <h3 id="series-payments">The {plural(data.payments.length, 'payment')} it rests on</h3>
            <Table
              rows={data.payments}
              rowKey={(p) => p.id}
              columns={[
                { heading: 'Date', cell: (p) => longDate(p.bookedOn) },
                { heading: 'Amount', num: true, cell: (p) => money(p.amountMinor, p.currency) },
                {
                  heading: 'Purpose',
                  cell: (p) => (
                    <>
                      {p.purpose ?? p.payee ?? ''}
                      {p.outlier ? <small> · a one-off amount</small> : null}
                    </>
                  ),
                },
              ]}
            />
          </section>
        </>
      ) : null}
    </div>
  );
}
