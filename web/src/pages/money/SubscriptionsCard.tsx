import { api } from '../../api';
import { plural } from '../../format';
import { useLoad } from '../../useLoad';
import { alertText } from './SubscriptionsWords';

/**
 * The dashboard's "My money" card: how many alerts on the person's money are open (neither
 * dismissed nor taken up as a case), the most important one in words, and the way to all of them.
 */
export function MoneyCard() {
  const { data, error } = useLoad(() => api('listSubscriptions'), []);
  const open = data?.alerts.filter((a) => a.state === 'open') ?? [];
  const [first] = open;
  const series = first?.seriesKey ? data?.subscriptions.find((s) => s.key === first.seriesKey) : undefined;
  return (
    <section className="card" aria-labelledby="money-card">
      <h2 id="money-card">My money</h2>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : !data ? (
        <p className="loading">Loading…</p>
      ) : first ? (
        <>
          <p>
            <a href="#/money/subscriptions">{plural(open.length, 'open alert')}</a> on your recurring
            payments.
          </p>
          <p className={first.importance === 'high' ? 'error' : ''}>{alertText(first, series)}</p>
        </>
      ) : (
        <p className="empty">
          {data.subscriptions.length === 0
            ? 'No recurring payments found yet: import a few months of bank statements to find your subscriptions and their price rises.'
            : 'No open alerts on your '}
          {data.subscriptions.length === 0 ? null : (
            <a href="#/money/subscriptions">{plural(data.subscriptions.length, 'recurring payment')}</a>
          )}
          {data.subscriptions.length === 0 ? null : '.'}
        </p>
      )}
    </section>
  );
}
