import type { IsoDate } from '../../platform/dates.js';
import { formatAmount } from '../../platform/money.js';
import { describeCadence, formatDate, fromDay, toDay, toleranceOf } from './calendar.js';
import { cycleMatches, linkedContract, overlaps, runsOn } from './contracts.js';
import type { ContractTerms, Payment, RecurringSeries } from './types.js';

/**
 * What the bank shows that the contracts do not: a price that went up (or down), a contract whose
 * price is not what is taken, payments after a contract ended, a recurring payment no contract
 * covers, and a payment that did not come. Each alert names the payments it rests on.
 */

export const MONEY_ALERT_KINDS = [
  'price-rise',
  'price-drop',
  'mismatch',
  'still-charging',
  'new-subscription',
  'missed-payment',
] as const;
export type MoneyAlertKind = (typeof MONEY_ALERT_KINDS)[number];

export interface MoneyAlert {
  /** Stable across re-runs, so the person can dismiss an alert once. */
  readonly key: string;
  readonly kind: MoneyAlertKind;
  readonly importance: 'high' | 'normal' | 'low';
  readonly seriesKey: string | null;
  readonly providerId: number | null;
  readonly contractId: number | null;
  /** The payments the alert rests on, in date order. */
  readonly paymentIds: readonly number[];
  readonly currency: string;
  /** Price rise or drop: the old amount; mismatch: the contract's price. */
  readonly fromMinor: number | null;
  /** Price rise or drop: the new amount; mismatch: what the bank takes; missed: what was due. */
  readonly toMinor: number | null;
  /** Still charging: the payments' total. */
  readonly totalMinor: number | null;
  /** The day the alert is about: the change, the overdue date, the contract's end, the first payment. */
  readonly on: IsoDate;
  readonly message: string;
}

/**
 * A payment booked up to this many days after a contract's end date still belongs to it: banks
 * book card payments and direct debits a few days after the charge, and a last bill can be
 * collected just after the end. Later ones are charges after the end.
 */
export const STILL_CHARGING_GRACE_DAYS = 5;

const IMPORTANCE = { high: 0, normal: 1, low: 2 } as const;

export interface AlertOptions {
  readonly today: IsoDate;
}

/**
 * The alerts for a person's series, payments and contracts as of `today`, most important first.
 *
 * @example findAlerts(series, payments, contracts, { today: '2026-05-20' })
 *   // → [{ kind: 'price-rise', message: 'Streamline TV: 10.99 GBP → 12.99 GBP from 14 March 2026', … }]
 */
export function findAlerts(
  series: readonly RecurringSeries[],
  payments: readonly Payment[],
  contracts: readonly ContractTerms[],
  options: AlertOptions,
): MoneyAlert[] {
  const alerts: MoneyAlert[] = [];
  const outgoing = series.filter((s) => !s.incoming);
  for (const s of outgoing) {
    alerts.push(...priceAlerts(s));
    const running = linkedContract(s, contracts, (c) => runsOn(c, options.today));
    if (running !== null && !s.ended) alerts.push(...mismatch(s, running));
    if (running !== null) alerts.push(...missedPayment(s, running, options.today));
    if (!s.ended && isNew(s, contracts, options.today)) alerts.push(newSubscription(s));
  }
  alerts.push(...stillCharging(outgoing, payments, contracts));
  return alerts.sort(
    (a, b) => IMPORTANCE[a.importance] - IMPORTANCE[b.importance] || b.on.localeCompare(a.on),
  );
}

const money = (minor: number, currency: string): string => formatAmount({ minor, currency });

function base(s: RecurringSeries, contract: ContractTerms | null) {
  return {
    seriesKey: s.key,
    providerId: s.providerId ?? contract?.providerId ?? null,
    contractId: contract?.id ?? s.contractId,
    currency: s.currency,
    fromMinor: null,
    toMinor: null,
    totalMinor: null,
  };
}

function priceAlerts(s: RecurringSeries): MoneyAlert[] {
  return s.priceChanges.map((change) => {
    const at = s.paymentIds.indexOf(change.paymentId);
    const before = s.paymentIds[at - 1];
    const rise = change.toMinor > change.fromMinor;
    return {
      ...base(s, null),
      key: `${rise ? 'price-rise' : 'price-drop'}:${s.key}:${change.paymentId}`,
      kind: rise ? 'price-rise' : 'price-drop',
      importance: rise ? 'normal' : 'low',
      paymentIds: before === undefined ? [change.paymentId] : [before, change.paymentId],
      fromMinor: change.fromMinor,
      toMinor: change.toMinor,
      on: change.on,
      message: `${s.label}: ${money(change.fromMinor, s.currency)} → ${money(change.toMinor, s.currency)} from ${formatDate(change.on)}`,
    };
  });
}

/** The payments at the series' current amount: since its last price change. */
function currentPayments(s: RecurringSeries): number[] {
  const lastChange = s.priceChanges[s.priceChanges.length - 1];
  const from = lastChange === undefined ? 0 : s.paymentIds.indexOf(lastChange.paymentId);
  const outliers = new Set(s.outliers.map((o) => o.paymentId));
  return s.paymentIds.slice(Math.max(0, from)).filter((id) => !outliers.has(id));
}

function mismatch(s: RecurringSeries, contract: ContractTerms): MoneyAlert[] {
  const sameCurrency = contract.currency === s.currency;
  // A varying bill matches when the contract's price lies within a fifth of what is taken lately.
  const off = s.variable
    ? Math.abs(contract.priceMinor - s.amountMinor) > 0.2 * s.amountMinor
    : contract.priceMinor !== s.amountMinor;
  if (sameCurrency && !off) return [];
  const ids = currentPayments(s);
  const since = s.priceChanges[s.priceChanges.length - 1]?.on ?? s.firstOn;
  return [
    {
      ...base(s, contract),
      key: `mismatch:${s.key}:${contract.id}:${contract.priceMinor}${contract.currency}:${s.amountMinor}`,
      kind: 'mismatch',
      importance: 'normal',
      paymentIds: ids,
      fromMinor: contract.priceMinor,
      toMinor: s.amountMinor,
      on: since,
      message: `${contract.name}: the contract says ${money(contract.priceMinor, contract.currency)} ${describeCadence(s.cadence)}, the bank takes ${s.variable ? 'about ' : ''}${money(s.amountMinor, s.currency)} (since ${formatDate(since)})`,
    },
  ];
}

function missedPayment(s: RecurringSeries, contract: ContractTerms, today: IsoDate): MoneyAlert[] {
  const due = s.nextExpectedOn;
  const overdue = toDay(due) + toleranceOf(s.cadence) < toDay(today);
  if (!overdue || due < contract.startDate || (contract.endDate !== null && due > contract.endDate))
    return [];
  const last = s.paymentIds[s.paymentIds.length - 1];
  return [
    {
      ...base(s, contract),
      key: `missed-payment:${s.key}:${due}`,
      kind: 'missed-payment',
      importance: 'high',
      paymentIds: last === undefined ? [] : [last],
      toMinor: s.amountMinor,
      on: due,
      message: `${contract.name}: no payment since ${formatDate(s.lastOn)}; ${money(s.amountMinor, s.currency)} was due around ${formatDate(due)}`,
    },
  ];
}

/**
 * No payment is linked to a contract, and the provider has no contract of its cycle or amount that
 * runs now or ran while the series was paid: a contract that ended as its payments stopped, or one
 * the payments outlived, which is a charge after the end ("still charging"), not a new subscription.
 */
function isNew(s: RecurringSeries, contracts: readonly ContractTerms[], today: IsoDate): boolean {
  if (s.contractId !== null) return false;
  if (s.providerId === null) return true;
  return !contracts.some(
    (c) =>
      c.providerId === s.providerId &&
      (runsOn(c, today) || overlaps(c, s)) &&
      (cycleMatches(c, s.cadence) || (c.priceMinor === s.amountMinor && c.currency === s.currency)),
  );
}

function newSubscription(s: RecurringSeries): MoneyAlert {
  const n = s.paymentIds.length;
  return {
    ...base(s, null),
    key: `new-subscription:${s.key}`,
    kind: 'new-subscription',
    importance: 'normal',
    paymentIds: s.paymentIds,
    toMinor: s.amountMinor,
    on: s.firstOn,
    message: `${s.label}: ${money(s.amountMinor, s.currency)} ${describeCadence(s.cadence)} since ${formatDate(s.firstOn)} (${n} payments), and no contract for it`,
  };
}

/**
 * Payments after a contract's end (plus the grace): those the person linked to it, and those of a
 * series that pays it, unless another contract of the provider ran on the payment's day (a new plan).
 */
function stillCharging(
  series: readonly RecurringSeries[],
  payments: readonly Payment[],
  contracts: readonly ContractTerms[],
): MoneyAlert[] {
  const byId = new Map(payments.map((p) => [p.id, p]));
  const byContract = new Map<number, Payment[]>();
  for (const p of payments) {
    if (p.contractId === null || p.amountMinor >= 0) continue;
    const list = byContract.get(p.contractId);
    if (list === undefined) byContract.set(p.contractId, [p]);
    else list.push(p);
  }
  const alerts: MoneyAlert[] = [];
  for (const contract of contracts) {
    if (contract.endDate === null) continue;
    const after = fromDay(toDay(contract.endDate) + STILL_CHARGING_GRACE_DAYS);
    const others = contracts.filter((c) => c.id !== contract.id && c.providerId === contract.providerId);
    const found = new Map<number, Payment>();
    for (const p of byContract.get(contract.id) ?? []) if (p.bookedOn > after) found.set(p.id, p);
    let seriesKey: string | null = null;
    for (const s of series) {
      if (linkedContract(s, [contract, ...others]) !== contract && s.contractId !== contract.id) continue;
      for (const id of s.paymentIds) {
        const p = byId.get(id);
        if (p === undefined || p.bookedOn <= after || others.some((c) => runsOn(c, p.bookedOn))) continue;
        found.set(id, p);
        seriesKey ??= s.key;
      }
    }
    if (found.size === 0) continue;
    const charged = [...found.values()].sort((a, b) => a.bookedOn.localeCompare(b.bookedOn) || a.id - b.id);
    const totals = new Map<string, number>();
    for (const p of charged) totals.set(p.currency, (totals.get(p.currency) ?? 0) - p.amountMinor);
    const total = [...totals].map(([currency, minor]) => money(minor, currency)).join(' and ');
    const dates = charged.slice(0, 3).map((p) => formatDate(p.bookedOn, true));
    const more = charged.length > 3 ? ` and ${charged.length - 3} more` : '';
    const count = charged.length === 1 ? 'a payment' : `${charged.length} payments`;
    alerts.push({
      key: `still-charging:${contract.id}:${charged[charged.length - 1]?.id ?? ''}`,
      kind: 'still-charging',
      importance: 'high',
      seriesKey,
      providerId: contract.providerId,
      contractId: contract.id,
      paymentIds: charged.map((p) => p.id),
      currency: contract.currency,
      fromMinor: null,
      toMinor: null,
      totalMinor: totals.get(contract.currency) ?? null,
      on: contract.endDate,
      message: `${contract.name}: ${count} after the contract ended on ${formatDate(contract.endDate)}, ${total} in total (${dates.join(', ')}${more})`,
    });
  }
  return alerts;
}
