import type { ApiOutput } from '../api';
import { money, plural } from '../format';

type Spend = ApiOutput<'dashboard'>['spend'];

/**
 * Yearly spend by provider as horizontal bars, one chart per currency (amounts in different
 * currencies are never added or compared): the providers that cost most, then the rest summed.
 * Each currency's chart has its own scale, its own bar colour, and says so, so that a full bar in
 * euros is never read against a full bar in pounds. Plain SVG: no chart library, nothing remote.
 */
export function SpendChart({ spend }: { spend: Spend }) {
  if (spend.length === 0) {
    return (
      <p className="empty">
        No running contracts yet: add one on a provider's page to see what it costs a year.
      </p>
    );
  }
  return (
    <>
      {spend.map(({ currency, totalMinor, top, others }, index) => {
        const bars = [
          ...top.map((b) => ({
            key: String(b.providerId),
            name: b.name,
            minor: b.minor,
            href: `#/providers/${b.providerId}`,
          })),
          ...(others.count > 0
            ? [
                {
                  key: 'others',
                  name: plural(others.count, 'other'),
                  minor: others.minor,
                  href: '#/providers',
                },
              ]
            : []),
        ];
        const max = Math.max(...bars.map((b) => b.minor));
        const rowHeight = 26;
        return (
          <figure key={currency} className="chart" data-currency={currency}>
            <figcaption>
              Yearly spend in {currency}: <strong>{money(totalMinor, currency)}</strong>
              {spend.length > 1 ? (
                <small>
                  {`Drawn to its own scale: the longest bar is ${money(max, currency)}. Compare bars only within ${currency}.`}
                </small>
              ) : null}
            </figcaption>
            {/* No role="img": the bars are links, and an image's parts cannot be controls. */}
            <svg
              viewBox={`0 0 600 ${bars.length * rowHeight}`}
              aria-label={`Yearly spend by provider in ${currency}`}
            >
              {bars.map((b, i) => {
                const width = Math.max(2, (b.minor / max) * 330);
                return (
                  <a key={b.key} href={b.href}>
                    <g transform={`translate(0 ${i * rowHeight})`}>
                      <title>{`${b.name}: ${money(b.minor, currency)} a year`}</title>
                      <text x="170" y="17" textAnchor="end" className="label">
                        {b.name.length > 24 ? `${b.name.slice(0, 23)}…` : b.name}
                      </text>
                      <rect
                        x="180"
                        y="5"
                        width={width}
                        height="16"
                        rx="3"
                        className={`bar currency-${index % 4}`}
                      />
                      <text x={186 + width} y="17" className="value">
                        {money(b.minor, currency)}
                      </text>
                    </g>
                  </a>
                );
              })}
            </svg>
          </figure>
        );
      })}
    </>
  );
}
