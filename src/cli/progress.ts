/**
 * A progress bar on stderr for long work (mail and statement imports): counts, rate and, when the total is
 * known, a bar and the time left. Drawn only on a terminal; in a pipe or a script it stays quiet,
 * so stdout and logs hold only results.
 */
export interface ProgressState {
  readonly done: number;
  readonly total: number | null;
  readonly unit: 'messages' | 'bytes' | 'bookings';
  /** Counts shown after the bar: `imported 5,120 · duplicates 3 · skipped 1`. */
  readonly counts: Readonly<Record<string, number>>;
  /** Messages (or bookings) so far, for the rate. */
  readonly messages: number;
  readonly elapsedMs: number;
}

const number = new Intl.NumberFormat('en-GB');
const WIDTH = 24;

function size(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit] ?? 'B'}`;
}

const duration = (ms: number): string => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};

/** One line of progress, without the carriage return: `[██████░░░░] 42% 12.0 MB/28.5 MB · 3,210 msg/s · …`. */
export function progressLine(p: ProgressState): string {
  const amount = (n: number) => (p.unit === 'bytes' ? size(n) : number.format(n));
  const rate = p.elapsedMs > 0 ? Math.round((p.messages / p.elapsedMs) * 1000) : 0;
  const parts: string[] = [];
  if (p.total !== null && p.total > 0) {
    const share = Math.min(1, p.done / p.total);
    const filled = Math.round(share * WIDTH);
    parts.push(`[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${Math.floor(share * 100)}%`);
    parts.push(`${amount(p.done)}/${amount(p.total)}`);
    if (share > 0.01 && share < 1) parts.push(`${duration((p.elapsedMs / share) * (1 - share))} left`);
  } else {
    parts.push(amount(p.done));
  }
  parts.push(`${number.format(rate)} ${p.unit === 'bookings' ? 'bookings' : 'msg'}/s`);
  parts.push(
    Object.entries(p.counts)
      .map(([k, v]) => `${k} ${number.format(v)}`)
      .join(' · '),
  );
  return parts.join(' · ');
}

/** A bar redrawn in place on a terminal; `done()` leaves the last state on its own line. */
export function progressBar(enabled = process.stderr.isTTY) {
  let last = '';
  return {
    update(p: ProgressState): void {
      if (!enabled) return;
      last = progressLine(p);
      const columns = process.stderr.columns || 100;
      process.stderr.write(
        `\r${last.slice(0, columns - 1).padEnd(Math.min(columns - 1, last.length))}\x1b[K`,
      );
    },
    done(): void {
      if (enabled && last) process.stderr.write('\n');
    },
  };
}
