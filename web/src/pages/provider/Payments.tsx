import { api } from '../../api';
import { dateText, money, plural } from '../../format';
import { useLoad } from '../../useLoad';
import { Section } from './Section';

/** How many of the latest payments the page lists; the bookings page has them all. */
const SHOWN = 12;

/**
 * The bookings that paid this provider (issue 17, point 4): each year's total per currency (never
 * added across currencies), the latest payments, and a link to all of them on the bookings page.
 * They are on the timeline too, among the calls and letters.
 */
export function ProviderPayments({ providerId, version }: { providerId: number; version: number }) {
  const { data, error } = useLoad(
    () => api('providerPayments', { query: { provider: String(providerId), limit: SHOWN } }),
    [providerId, version],
  );
  const all = `#/money/bookings?provider=${providerId}`;
  return (
    <Section
      title="Payments"
      action={
        data && data.total > 0 ? (
          <a href={all} className="small">
            All {plural(data.total, 'booking')}
          </a>
        ) : undefined
      }
    >
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {!data && !error ? <p className="loading">Loading…</p> : null}
      {data && data.total === 0 ? (
        <p className="empty">
          No payments seen. Import your bank statements on the <a href="#/money/import">Import</a> page: the
          bookings that paid this provider show here.
        </p>
      ) : null}
      {data && data.total > 0 ? (
        <>
          <table className="payment-years">
            <caption>Paid each year</caption>
            <thead>
              <tr>
                <th scope="col">Year</th>
                <th scope="col" className="num">
                  Paid
                </th>
                <th scope="col" className="num">
                  Received
                </th>
                <th scope="col" className="num">
                  Bookings
                </th>
              </tr>
            </thead>
            <tbody>
              {data.years.map((y) => (
                <tr key={`${y.year}-${y.currency}`}>
                  <td>
                    {y.year} <small>{y.currency}</small>
                  </td>
                  <td className="num">{money(y.spentMinor, y.currency)}</td>
                  <td className="num">{y.receivedMinor > 0 ? money(y.receivedMinor, y.currency) : '—'}</td>
                  <td className="num">{y.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="payments">
            <caption>The latest payments</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Booking text</th>
                <th scope="col">Account</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={p.id}>
                  <td>{dateText(p.bookedOn)}</td>
                  <td className="num">{money(p.amountMinor, p.currency)}</td>
                  <td>{p.text}</td>
                  <td>{p.account}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Section>
  );
}
