import type { ApiOutput } from '../../api';
import { money, plural } from '../../format';

/** What the Subscriptions pages and the dashboard's card say, in words (issue 17, point 3). */
export type Overview = ApiOutput<'listSubscriptions'>;
export type Series = Overview['subscriptions'][number];
export type Alert = Overview['alerts'][number];

/** "14 March 2026", in the reader's own order of day, month and year. */
export const longDate = (iso: string): string =>
  new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });

/** "monthly, on the last day", "every 2 weeks", "yearly". */
export function cadenceText(cadence: Series['cadence']): string {
  const { kind, every } = cadence;
  if (kind === 'weekly') return every === 1 ? 'weekly' : `every ${String(every)} weeks`;
  if (kind === 'yearly') return every === 1 ? 'yearly' : `every ${String(every)} years`;
  const base =
    every === 1
      ? 'monthly'
      : every === 3
        ? 'quarterly'
        : every === 6
          ? 'half-yearly'
          : `every ${String(every)} months`;
  return cadence.monthEnd === true ? `${base}, on the last day` : base;
}

/** The kind of an alert, as its badge says it. */
export const ALERT_KIND_WORDS: Record<Alert['kind'], string> = {
  'price-rise': 'Price rise',
  'price-drop': 'Price drop',
  mismatch: 'Not what the contract says',
  'still-charging': 'Still charging',
  'new-subscription': 'New subscription',
  'missed-payment': 'Missed payment',
};

/**
 * The alert in words, amounts and dates as the reader writes them:
 * "Streamline TV: 10,99 £ → 12,99 £ from 14 March 2026".
 */
export function alertText(alert: Alert, series?: Series): string {
  const amount = (minor: number | null) => (minor === null ? '' : money(minor, alert.currency));
  const payments = plural(alert.paymentIds.length, 'payment');
  switch (alert.kind) {
    case 'price-rise':
    case 'price-drop':
      return `${alert.title}: ${amount(alert.fromMinor)} → ${amount(alert.toMinor)} from ${longDate(alert.on)}`;
    case 'mismatch':
      return `${alert.title}: the contract says ${amount(alert.fromMinor)}, the bank takes ${amount(alert.toMinor)} since ${longDate(alert.on)}`;
    case 'still-charging':
      return `${alert.title}: ${payments} after the contract ended on ${longDate(alert.on)}, ${amount(alert.totalMinor)} in total`;
    case 'new-subscription':
      return `${alert.title}: ${amount(alert.toMinor)}${series ? ` ${cadenceText(series.cadence)}` : ''} since ${longDate(alert.on)} (${payments}), and no contract for it`;
    case 'missed-payment':
      return `${alert.title}: ${amount(alert.toMinor)} was due around ${longDate(alert.on)}, and no payment came`;
  }
}
