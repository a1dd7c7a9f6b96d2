import type { Payment } from './types.js';

/**
 * Builds payments for detection tests: `pay('2026-03-14', -1299, { counterpartyName: 'X' })`. Ids
 * count up in call order, so a test can name the payments it expects back.
 */
export function paymentMaker(): (bookedOn: string, amountMinor: number, extra?: Partial<Payment>) => Payment {
  let id = 0;
  return (bookedOn, amountMinor, extra = {}) => ({
    id: ++id,
    accountId: 1,
    bookedOn,
    amountMinor,
    currency: 'GBP',
    providerId: null,
    providerName: null,
    creditorId: null,
    mandateReference: null,
    counterpartyIban: null,
    counterpartyName: null,
    text: null,
    contractId: null,
    ...extra,
  });
}

/** `months('2025-01-14', 3)` → 2025-01-14, 2025-02-14, 2025-03-14. */
export function months(first: string, count: number): string[] {
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, k) => {
    const date = new Date(Date.UTC(y, m - 1 + k, 1));
    const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(d, last));
    return date.toISOString().slice(0, 10);
  });
}

/** The date `days` after `date`. */
export const plusDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
