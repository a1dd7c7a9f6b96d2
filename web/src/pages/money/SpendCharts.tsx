import type { ApiOutput } from '../../api';
import { Table } from '../../components/Table';
import { money } from '../../format';

type Report = ApiOutput<'moneySpend'>;
type CurrencySpend = Report['currencies'][number];

/** `2025-03` → "Mar 2025" (or "Mar" when `short`), in the reader's language. */
export function monthText(month: string, short = false): string {
  return new Date(`${month}-15T12:00:00Z`).toLocaleDateString(undefined, {
    month: 'short',
    ...(short ? {} : { year: 'numeric' }),
  });
}

/** What the chart says, for a screen reader: the range, the total and the costliest month. */
function summary(c: CurrencySpend): string {
  const first = c.months[0];
  const last = c.months.at(-1);
  if (!first || !last) return `No spend in ${c.currency}`;
  const top = c.months.reduce((a, b) => (b.spentMinor > a.spentMinor ? b : a), first);
  const who = c.series
    .filter((s) => s.providerId !== null)
    .map((s) => s.label)
    .join(', ');
  return (
    `Spend in ${c.currency} per month, ${monthText(first.month)} to ${monthText(last.month)}: ` +
    `${money(c.total.spentMinor, c.currency)} in all; the most in ${monthText(top.month)}, ` +
    `${money(top.spentMinor, c.currency)}.` +
    (who ? ` Bars are split by provider: ${who}, and everything else.` : '')
  );
}

const WIDTH = 640;
const HEIGHT = 240;
const LEFT = 92;
const BOTTOM = 28;
const TOP = 10;

/**
 * One currency's spend per month as bars, each split by the top providers (stacked), drawn to the
 * currency's own scale. Plain SVG with a viewBox, so it shrinks to a phone's width; the figures are
 * in a table beneath for screen readers and small screens.
 */
export function MonthChart({ spend, index }: { spend: CurrencySpend; index: number }) {
  const { currency, months, series } = spend;
  const max = Math.max(1, ...months.map((m) => m.spentMinor));
  const plot = HEIGHT - BOTTOM - TOP;
  const step = (WIDTH - LEFT - 8) / Math.max(1, months.length);
  const barWidth = Math.max(2, step * 0.7);
  const labelEvery = Math.ceil(months.length / 12);
  const y = (minor: number) => TOP + plot - (minor / max) * plot;
  // Without top providers (none assigned yet) a month is one bar.
  const layers =
    series.length > 0
      ? series.map((s, i) => ({ label: s.label, values: s.monthsMinor, css: `series-${i}` }))
      : [{ label: 'Spent', values: months.map((m) => m.spentMinor), css: `series-0 currency-${index % 4}` }];
  return (
    <figure className="chart spend-chart" data-currency={currency}>
      <figcaption>
        Spend per month in {currency}: <strong>{money(spend.total.spentMinor, currency)}</strong>
        <small>{`Drawn to its own scale: the highest month is ${money(max, currency)}.`}</small>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary(spend)}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={LEFT} x2={WIDTH} y1={y(max * f)} y2={y(max * f)} className="grid" />
            <text x={LEFT - 6} y={y(max * f) + 4} textAnchor="end" className="value">
              {money(Math.round(max * f), currency)}
            </text>
          </g>
        ))}
        {months.map((m, i) => {
          let base = 0;
          const x = LEFT + i * step + (step - barWidth) / 2;
          return (
            <g key={m.month}>
              {layers.map((layer) => {
                const value = Math.max(0, layer.values[i] ?? 0);
                const top = y(base + value);
                const height = y(base) - top;
                base += value;
                return value > 0 ? (
                  <rect
                    key={layer.label}
                    x={x}
                    y={top}
                    width={barWidth}
                    height={height}
                    className={`bar ${layer.css}`}
                  />
                ) : null;
              })}
              {i % labelEvery === 0 ? (
                <text x={x + barWidth / 2} y={HEIGHT - 10} textAnchor="middle" className="label">
                  {monthText(m.month, months.length > 6)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      {series.length > 0 ? (
        <ul className="legend">
          {layers.map((layer) => (
            <li key={layer.label}>
              <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">
                <rect width="10" height="10" className={`bar ${layer.css}`} />
              </svg>{' '}
              {layer.label}
            </li>
          ))}
        </ul>
      ) : null}
      <details>
        <summary>Show as table</summary>
        <Table
          caption={`Spend per month in ${currency}`}
          captionHidden
          rows={months}
          rowKey={(m) => m.month}
          columns={[
            { heading: 'Month', cell: (m) => monthText(m.month) },
            { heading: 'Spent', num: true, cell: (m) => money(m.spentMinor, currency) },
            { heading: 'Bookings', num: true, cell: (m) => m.count },
          ]}
        />
      </details>
    </figure>
  );
}
