import { api } from '../../api';
import { Table } from '../../components/Table';
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
          <Table
            className="payment-years"
            caption="Paid each year"
            rows={data.years}
            rowKey={(y) => `${y.year}-${y.currency}`}
            columns={[
              {
                heading: 'Year',
                cell: (y) => (
                  <>
                    {y.year} <small>{y.currency}</small>
                  </>
                ),
              },
              { heading: 'Paid', num: true, cell: (y) => money(y.spentMinor, y.currency) },
              {
                heading: 'Received',
                num: true,
                cell: (y) => (y.receivedMinor > 0 ? money(y.receivedMinor, y.currency) : '—'),
              },
              { heading: 'Bookings', num: true, cell: (y) => y.count },
            ]}
          />
          <Table
            className="payments"
            caption="The latest payments"
            rows={data.items}
            rowKey={(p) => p.id}
            columns={[
              { heading: 'Date', cell: (p) => dateText(p.bookedOn) },
              { heading: 'Amount', num: true, cell: (p) => money(p.amountMinor, p.currency) },
              { heading: 'Booking text', cell: (p) => p.text },
              { heading: 'Account', cell: (p) => p.account },
            ]}
          />
        </>
      ) : null}
    </Section>
  );
}
