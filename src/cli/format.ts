import { describePeriod, parsePeriod } from '../platform/dates.js';
import { formatAmount } from '../platform/money.js';
import type { Contract, CurrencyTotal, PricePoint } from '../providers/contracts.js';

/** Shared renderings for the CLI's tables and records. */
export const money = (minor: number, currency: string): string => formatAmount({ minor, currency });

export const totals = (list: readonly CurrencyTotal[]): string =>
  list.map((t) => money(t.yearlyMinor, t.currency)).join(' + ') || '—';

export const period = (iso: string | null): string => {
  const p = iso === null ? null : parsePeriod(iso);
  return p ? describePeriod(p) : '';
};

export function cycle(contract: Pick<Contract, 'billingCycle' | 'billingIntervalDays'>): string {
  return contract.billingCycle === 'days'
    ? `every ${contract.billingIntervalDays ?? '?'} days`
    : contract.billingCycle;
}

export const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** `2026-03-15T12:00:00.000Z` → `2026-03-15 12:00` (UTC). */
export const instant = (iso: string): string => iso.replace('T', ' ').slice(0, 16);

/** `plural(1, 'message')` → `1 message`; `plural(1200, 'message')` → `1,200 messages`. */
export const plural = (count: number, word: string, many = `${word}s`): string =>
  `${count.toLocaleString('en-GB')} ${count === 1 ? word : many}`;
/**
 * The last day to cancel, and once it has passed, the next day on which cancelling is still
 * possible: `2026-01-20 (passed; next: 2027-01-20)`.
 */
export const cancelByText = ({
  cancelBy,
  nextChance,
}: Pick<Contract['derived'], 'cancelBy' | 'nextChance'>): string => {
  if (cancelBy === null) return '';
  return nextChance === null ? cancelBy : `${cancelBy} (passed; next: ${nextChance.cancelBy})`;
};

/** `+18.2 %`, `-5 %`: a change of price, signed, to one decimal as the service gives it. */
export const percentText = (change: number): string => `${change > 0 ? '+' : ''}${change} %`;

/**
 * A contract's prices, oldest first: `10.99 GBP from 2025-02-03, 12.99 GBP from 2026-03-14
 * (+18.2 %, bank)`, naming the bank where its payments showed the price.
 */
export function priceHistoryText(history: readonly PricePoint[]): string {
  return history
    .map((p) => {
      const notes = [
        ...(p.changePercent === null ? [] : [percentText(p.changePercent)]),
        ...(p.source === 'bank' ? ['bank'] : []),
      ];
      const price = `${money(p.priceMinor, p.currency)} from ${p.validFrom}`;
      return notes.length > 0 ? `${price} (${notes.join(', ')})` : price;
    })
    .join(', ');
}
