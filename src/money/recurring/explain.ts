import { formatAmount } from '../../platform/money.js';
import { dayOfMonth, describeCadence, formatDate, monthName, ordinal } from './calendar.js';
import type { Payment, RecurringSeries } from './types.js';

/**
 * The plain-English account of a series, naming the evidence: how many payments, when, what they
 * cost and when that changed, what was skipped or renamed, e.g. "Paid 14 times, monthly around the
 * 3rd, from 3 Feb 2025; 10.99 GBP until 3 Feb 2026, 12.99 GBP since 3 Mar 2026."
 */

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const TIMES = ['never', 'once', 'twice'];

/** When in its period the series is paid, as a person says it. */
function when(series: Omit<RecurringSeries, 'explanation'>, nominalDay: number): string {
  const { cadence } = series;
  const how = describeCadence(cadence);
  if (cadence.kind === 'weekly') return `${how} on ${WEEKDAYS[(nominalDay + 4) % 7] ?? ''}s`;
  if (cadence.monthEnd === true) return `${how} on the last day of the month`;
  if (cadence.kind === 'yearly' || cadence.every === 6 || cadence.every === 3) {
    const date = new Date(nominalDay * 86_400_000);
    return `${how} around ${date.getUTCDate()} ${monthName(date.getUTCMonth())}`;
  }
  return `${how} around the ${ordinal(dayOfMonth(nominalDay))}`;
}

function list(dates: readonly string[]): string {
  const shown = dates.slice(0, 3).map((d) => formatDate(d, true));
  const more = dates.length > 3 ? ` and ${dates.length - 3} more` : '';
  return `${shown.join(', ')}${more}`;
}

export function explain(
  series: Omit<RecurringSeries, 'explanation'>,
  payments: readonly Payment[],
  nominalDay: number,
): string {
  const money = (minor: number): string => formatAmount({ minor, currency: series.currency });
  const n = payments.length;
  const verb = series.incoming ? 'Received' : 'Paid';
  const parts: string[] = [
    `${verb} ${TIMES[n] ?? `${n} times`}, ${when(series, nominalDay)}, from ${formatDate(series.firstOn, true)}`,
  ];

  if (series.variable) {
    const amounts = payments.map((p) => Math.abs(p.amountMinor));
    parts.push(
      `a varying amount between ${money(Math.min(...amounts))} and ${money(Math.max(...amounts))}, lately about ${money(series.amountMinor)}`,
    );
  } else if (series.priceChanges.length === 0) {
    parts.push(`${money(series.amountMinor)} each time`);
  } else {
    // "10.99 GBP until 3 Feb 2026, 12.99 GBP since 3 Mar 2026": each price, to the payment before the next.
    const steps: string[] = [];
    let previousChange: string | null = null;
    for (const change of series.priceChanges) {
      const at = payments.findIndex((p) => p.id === change.paymentId);
      const before = payments[at - 1]?.bookedOn ?? change.on;
      steps.push(
        previousChange === null
          ? `${money(change.fromMinor)} until ${formatDate(before, true)}`
          : `${money(change.fromMinor)} from ${formatDate(previousChange, true)} until ${formatDate(before, true)}`,
      );
      previousChange = change.on;
    }
    steps.push(`${money(series.amountMinor)} since ${formatDate(previousChange ?? series.lastOn, true)}`);
    parts.push(steps.join(', '));
  }
  for (const outlier of series.outliers) {
    parts.push(
      `once ${money(outlier.amountMinor)} on ${formatDate(outlier.on, true)} (a one-off, not a new price)`,
    );
  }
  for (const rename of series.renamed) {
    parts.push(
      `the payee's name changed from "${rename.from}" to "${rename.to}" on ${formatDate(rename.on, true)}`,
    );
  }
  if (series.missed.length > 0)
    parts.push(`no payment around ${list(series.missed.map((m) => m.expectedOn))}`);
  if (series.ended) parts.push(`last paid on ${formatDate(series.lastOn, true)}, so it seems to have ended`);
  else parts.push(`next expected around ${formatDate(series.nextExpectedOn, true)}`);
  let text = `${parts.join('; ')}.`;
  if (n === 2) {
    text += ` Two payments one period apart with similar amounts: likely ${describeCadence(series.cadence)}, to be confirmed by the next payment.`;
  }
  return text;
}
