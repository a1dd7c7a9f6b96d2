import { money } from '../format';

interface Row {
  providerId: number;
  name: string;
  costs: readonly { currency: string; yearlyMinor: number }[];
}

/**
 * Yearly spend by provider as horizontal bars, one chart per currency (amounts in different
 * currencies are never added or compared). Plain SVG: no chart library, nothing remote.
 */
export function SpendChart({ rows }: { rows: readonly Row[] }) {
  const currencies = [...new Set(rows.flatMap((r) => r.costs.map((c) => c.currency)))].sort();
  if (currencies.length === 0)
    return (
      <p className="empty">
        No running contracts yet: add one on a provider's page to see what it costs a year.
      </p>
    );
  return (
    <>
      {currencies.map((currency) => {
        const bars = rows
          .map((r) => ({
            id: r.providerId,
            name: r.name,
            minor: r.costs.find((c) => c.currency === currency)?.yearlyMinor ?? 0,
          }))
          .filter((b) => b.minor > 0)
          .sort((a, b) => b.minor - a.minor);
        const max = Math.max(...bars.map((b) => b.minor));
        const total = bars.reduce((sum, b) => sum + b.minor, 0);
        const rowHeight = 26;
        return (
          <figure key={currency} className="chart">
            <figcaption>
              Yearly spend in {currency}: <strong>{money(total, currency)}</strong>
            </figcaption>
            <svg
              viewBox={`0 0 600 ${bars.length * rowHeight}`}
              role="img"
              aria-label={`Yearly spend by provider in ${currency}`}
            >
              {bars.map((b, i) => {
                const width = Math.max(2, (b.minor / max) * 330);
                return (
                  <g key={b.id} transform={`translate(0 ${i * rowHeight})`}>
                    <title>{`${b.name}: ${money(b.minor, currency)} a year`}</title>
                    <text x="170" y="17" textAnchor="end" className="label">
                      {b.name.length > 24 ? `${b.name.slice(0, 23)}…` : b.name}
                    </text>
                    <rect x="180" y="5" width={width} height="16" rx="3" className="bar" />
                    <text x={186 + width} y="17" className="value">
                      {money(b.minor, currency)}
                    </text>
                  </g>
                );
              })}
            </svg>
          </figure>
        );
      })}
    </>
  );
}
