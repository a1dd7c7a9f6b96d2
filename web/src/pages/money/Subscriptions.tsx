import { useState } from 'react';
import { api } from '../../api';
import { money, plural } from '../../format';
import { useLoad } from '../../useLoad';
import { AlertList } from './SubscriptionsAlerts';
import { ConfirmForm } from './SubscriptionsConfirm';
import { SubscriptionDetail } from './SubscriptionsDetail';
import { cadenceText, longDate, type Series } from './SubscriptionsWords';

function SeriesTable({ list, changed }: { list: readonly Series[]; changed: () => void }) {
  const [confirming, setConfirming] = useState<number | undefined>();
  const chosen = list.find((s) => s.number === confirming);
  return (
    <>
      {chosen ? (
        <ConfirmForm
          series={chosen}
          done={() => {
            setConfirming(undefined);
            changed();
          }}
        />
      ) : null}
      <table>
        <thead>
          <tr>
            <th scope="col">Payee</th>
            <th scope="col">How often</th>
            <th scope="col" className="num">
              Usual amount
            </th>
            <th scope="col">Next expected</th>
            <th scope="col">Contract</th>
          </tr>
        </thead>
        <tbody>
          {list.map((s) => (
            <tr key={s.key} className={s.ended ? 'ended' : ''}>
              <td>
                <a href={`#/money/subscriptions/${String(s.number)}`}>{s.providerName ?? s.label}</a>
                <br />
                <small>{plural(s.paymentIds.length, 'payment')}</small>
              </td>
              <td>{cadenceText(s.cadence)}</td>
              <td className="num">{money(s.amountMinor, s.currency)}</td>
              <td>{s.ended ? `ended: last paid ${longDate(s.lastOn)}` : longDate(s.nextExpectedOn)}</td>
              <td>
                {s.contract && s.providerId !== null ? (
                  <a href={`#/providers/${String(s.providerId)}`}>{s.contract.name}</a>
                ) : s.contract ? (
                  s.contract.name
                ) : (
                  <>
                    No contract{' '}
                    <button
                      type="button"
                      className="small"
                      onClick={() => setConfirming(s.number)}
                      aria-label={`Make it a contract: ${s.providerName ?? s.label}`}
                    >
                      Make it a contract
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * My money → Subscriptions (`#/money/subscriptions`): the alerts first, then every recurring
 * payment found in the bookings; `#/money/subscriptions/N` is one of them with its payments.
 */
export function Subscriptions({ route }: { route: readonly string[] }) {
  const series = route[2];
  if (series !== undefined) return <SubscriptionDetail number={series} />;
  return <SubscriptionList />;
}

function SubscriptionList() {
  const [all, setAll] = useState(false);
  const { data, error, reload } = useLoad(() => api('listSubscriptions', { query: { all } }), [all]);
  const running = data?.subscriptions.filter((s) => !s.ended) ?? [];
  const ended = data?.subscriptions.filter((s) => s.ended) ?? [];
  return (
    <div className="subscriptions">
      <h2 className="page-title">Subscriptions</h2>
      <p className="hint">
        Payments that come again and again, found in your bank statements: what they cost, how often, and what
        the bank shows that your contracts do not.
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {!data && !error ? <p className="loading">Loading…</p> : null}
      {data ? (
        <>
          <section className="card" aria-labelledby="money-alerts">
            <div className="section-head">
              <h3 id="money-alerts">Alerts</h3>
              <label className="check">
                <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
                Show dismissed
              </label>
            </div>
            {data.alerts.length === 0 ? (
              <p className="empty">
                {data.dismissed > 0
                  ? `Nothing new. ${plural(data.dismissed, 'dismissed alert')}: tick "Show dismissed" to see them.`
                  : 'Nothing to look at: no price changes, no charges after a contract ended, nothing missed.'}
              </p>
            ) : (
              <AlertList alerts={data.alerts} series={data.subscriptions} changed={reload} />
            )}
          </section>
          <section className="card" aria-labelledby="money-recurring">
            <h3 id="money-recurring">Recurring payments</h3>
            {data.subscriptions.length === 0 ? (
              <p className="empty">
                No recurring payments found yet: import a few months of statements in My money → Import.
              </p>
            ) : running.length === 0 ? (
              <p className="empty">None of them is running now; the ended ones are below.</p>
            ) : (
              <SeriesTable list={running} changed={reload} />
            )}
          </section>
          {ended.length > 0 ? (
            <section className="card" aria-labelledby="money-ended">
              <h3 id="money-ended">Ended</h3>
              <SeriesTable list={ended} changed={reload} />
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
