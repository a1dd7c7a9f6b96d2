import { plural } from '../../format';

/** The bookings an import skipped, each named by its file and line and why, as the API says them. */
export function Skips({
  skips,
  skipped,
  open = false,
}: {
  skips: readonly { location: string; reason: string }[];
  /** How many were skipped in all: more than the kept list when an import skipped very many. */
  skipped: number;
  open?: boolean;
}) {
  if (skipped === 0) return null;
  return (
    <details className="skips" open={open}>
      <summary>{plural(skipped, 'skipped record')}: where and why</summary>
      <ul className="problems" aria-label="Skipped records">
        {skips.map((s, i) => (
          <li key={i}>
            <code>{s.location}</code>: {s.reason}
          </li>
        ))}
        {skipped > skips.length ? <li>… and {plural(skipped - skips.length, 'more')}</li> : null}
      </ul>
    </details>
  );
}
