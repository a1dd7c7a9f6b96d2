import { CADENCES, Schedule, periodDays, toDay } from './calendar.js';
import {
  compareChains,
  followCadence,
  isDense,
  lowerBound,
  AMOUNT_STEP,
  type Chain,
  type Group,
} from './chain.js';
import { identityOf } from './identity.js';
import { describeSeries, type SeriesInput } from './series.js';
import type { DetectOptions, Payment, RecurringSeries } from './types.js';

/**
 * Finds the recurring payments in a person's bookings: weekly, every 2 or 4 weeks, monthly (on the
 * last day of the month too), every 2 months, quarterly, half-yearly and yearly, allowing a few
 * days' drift and price changes.
 *
 * 1. Group by payee (creditor id and mandate, creditor id, provider, IBAN, then the payee's name),
 *    per account, currency and direction.
 * 2. In each group, from each unclaimed payment, follow every cadence and keep the chain that
 *    explains the most payments with the fewest gaps; its payments are then claimed, so two
 *    subscriptions with one payee at different amounts become two series.
 * 3. Join name-only series where one payee's name stops and another continues the same cadence and
 *    amount at the next expected date: a renamed payee.
 *
 * Linear in the payments apart from sorting: chains follow expected dates by binary search and
 * stop early, and no two payments are ever compared all against all.
 *
 * @example detectRecurring(payments, { today: '2026-06-01' })
 *   // → [{ label: 'Streamline TV', cadence: { kind: 'monthly', every: 1 }, amountMinor: 1299, … }]
 */
export function detectRecurring(payments: readonly Payment[], options: DetectOptions): RecurringSeries[] {
  const today = toDay(options.today);
  const found: Found[] = [];
  for (const group of groupPayments(payments, options.incoming === true)) findInGroup(group, today, found);
  return joinRenamed(found, today)
    .map((f) => f.series)
    .sort(
      (a, b) =>
        a.label.localeCompare(b.label) || a.firstOn.localeCompare(b.firstOn) || a.key.localeCompare(b.key),
    );
}

interface Found {
  series: RecurringSeries;
  input: SeriesInput;
}

function groupPayments(payments: readonly Payment[], incoming: boolean): Group[] {
  const groups = new Map<string, { group: Group; dated: { payment: Payment; day: number }[] }>();
  for (const payment of payments) {
    if (payment.amountMinor === 0 || (payment.amountMinor > 0 && !incoming)) continue;
    const identity = identityOf(payment);
    if (identity === null) continue;
    const isIncoming = payment.amountMinor > 0;
    const key = `${payment.accountId}|${payment.currency}|${isIncoming ? 'in' : 'out'}|${identity.kind}:${identity.value}`;
    let entry = groups.get(key);
    if (entry === undefined) {
      const group: Group = {
        identity,
        accountId: payment.accountId,
        currency: payment.currency,
        incoming: isIncoming,
        payments: [],
        days: [],
        amounts: [],
        taken: new Uint8Array(0),
      };
      entry = { group, dated: [] };
      groups.set(key, entry);
    }
    entry.dated.push({ payment, day: toDay(payment.bookedOn) });
  }
  const result: Group[] = [];
  for (const { group, dated } of groups.values()) {
    if (dated.length < 2) continue;
    dated.sort((a, b) => a.day - b.day || a.payment.id - b.payment.id);
    result.push({
      ...group,
      payments: dated.map((d) => d.payment),
      days: dated.map((d) => d.day),
      amounts: dated.map((d) => Math.abs(d.payment.amountMinor)),
      taken: new Uint8Array(dated.length),
    });
  }
  return result;
}

/** Where each amount occurs in a group, by day, to tell a subscription's price from a shop's usual one. */
function amountDays(group: Group): Map<number, number[]> {
  const byAmount = new Map<number, number[]>();
  group.amounts.forEach((amount, i) => {
    const list = byAmount.get(amount);
    if (list === undefined) byAmount.set(amount, [group.days[i] ?? 0]);
    else list.push(group.days[i] ?? 0);
  });
  return byAmount;
}

const countBetween = (days: readonly number[], from: number, to: number): number =>
  lowerBound(days, to + 1) - lowerBound(days, from);

function findInGroup(group: Group, today: number, found: Found[]): void {
  const periods = CADENCES.map((c) => periodDays(c.cadence));
  // Weekly payments are held to the busy group's standard (a fixed price, three payments, no
  // varying bill): a varying amount every week is shopping, not a subscription.
  const dense = CADENCES.map((c, i) => c.cadence.kind === 'weekly' || isDense(group, periods[i] ?? 1));
  // Amounts and cadences whose chain was already found to be a price the payee often charges.
  const common = new Set<string>();
  const byAmount = amountDays(group);
  for (let start = 0; start < group.payments.length; start++) {
    if (group.taken[start] === 1) continue;
    const sameAmount = byAmount.get(group.amounts[start] ?? 0) ?? [];
    const amountSpan = (sameAmount[sameAmount.length - 1] ?? 0) - (sameAmount[0] ?? 0) + 1;
    const chains = [];
    for (let c = 0; c < CADENCES.length; c++) {
      // In a busy group only a repeated exact amount can start a series (a one-off first payment
      // is found from the second payment instead), which spares following every purchase.
      if ((dense[c] === true && sameAmount.length < 2) || common.has(`${group.amounts[start] ?? 0}|${c}`))
        continue;
      // An amount paid many times per period (the daily coffee) cannot mark one series of that cadence.
      if (((sameAmount.length - 1) / amountSpan) * (periods[c] ?? 1) > 2) continue;
      const chain = followCadence(group, start, c, dense[c] ?? false);
      if (chain !== null) chains.push(chain);
    }
    chains.sort(compareChains);
    for (const chain of chains) {
      if (!worthDescribing(chain, dense[chain.cadenceIndex] ?? false)) continue;
      const input: SeriesInput = {
        identity: group.identity,
        accountId: group.accountId,
        currency: group.currency,
        incoming: group.incoming,
        payments: chain.members.map((i) => group.payments[i]).filter((p) => p !== undefined),
        cadenceIndex: chain.cadenceIndex,
        dense: dense[chain.cadenceIndex] ?? false,
      };
      // The cheap test first: most chains in a busy shop's group end here.
      const fixed = distinctive(group, chain.members, false, byAmount, dense[chain.cadenceIndex] ?? false);
      if (!fixed && !distinctive(group, chain.members, true, byAmount, dense[chain.cadenceIndex] ?? false)) {
        common.add(`${group.amounts[start] ?? 0}|${chain.cadenceIndex}`);
        continue;
      }
      const series = describeSeries(input, today);
      if (
        series === null ||
        (series.variable &&
          !distinctive(group, chain.members, true, byAmount, dense[chain.cadenceIndex] ?? false))
      )
        continue;
      if (!series.variable && !fixed) continue;
      for (const i of chain.members) group.taken[i] = 1;
      found.push({ series, input });
      break;
    }
  }
}

/**
 * What `describeSeries` will ask at least, checked cheaply first: repeated exact amounts for a
 * fixed price, two payments a long period apart in a quiet group, or six for a varying bill.
 */
function worthDescribing(chain: Chain, dense: boolean): boolean {
  const minimum = CADENCES[chain.cadenceIndex]?.minPayments ?? 3;
  const n = chain.members.length;
  if (dense) return chain.repeats >= Math.max(3, minimum) - 1;
  return chain.repeats >= minimum - 1 || n === 2 || n >= 6;
}

/**
 * Whether the series stands out from the payee's other payments: a varying bill must not be drowned
 * in other payments over its months (then it is shopping); a fixed amount must not recur
 * off-schedule as often as on it over its months, and the series must hold a good share (a third)
 * of all the payee's payments at its amounts, or it is a price the payee often charges (a café's
 * coffee) that happened to line up for a few weeks.
 */
function distinctive(
  group: Group,
  members: readonly number[],
  variable: boolean,
  byAmount: Map<number, number[]>,
  dense: boolean,
): boolean {
  const from = group.days[members[0] ?? 0] ?? 0;
  const to = group.days[members[members.length - 1] ?? 0] ?? 0;
  const n = members.length;
  if (variable) return countBetween(group.days, from, to) - n <= n / 2;
  const amounts = new Set(members.map((i) => group.amounts[i] ?? 0));
  let offSchedule = 0;
  let everywhere = 0;
  for (const amount of amounts) {
    const days = byAmount.get(amount) ?? [];
    offSchedule += countBetween(days, from, to);
    everywhere += days.length;
  }
  // In a busy group (a shop) the price must be the series' own: few payments of it elsewhere at all.
  return offSchedule - n <= n / 2 && (dense ? everywhere - n <= n / 2 : n * 3 >= everywhere);
}

/**
 * Joins series known only by the payee's name where one stops and the next continues it: same
 * account, currency and cadence, first payment at the next expected date of the other, amount within
 * a price step. The result keeps the earlier series' key and lists the rename.
 */
function joinRenamed(found: Found[], today: number): Found[] {
  const buckets = new Map<string, Found[]>();
  const result: Found[] = [];
  for (const f of found) {
    if (f.series.identity !== 'name' || f.series.variable) {
      result.push(f);
      continue;
    }
    const key = `${f.input.accountId}|${f.input.currency}|${f.input.incoming}|${f.input.cadenceIndex}`;
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, [f]);
    else bucket.push(f);
  }
  for (const bucket of buckets.values()) {
    bucket.sort((a, b) => a.series.firstOn.localeCompare(b.series.firstOn));
    const merged = new Set<Found>();
    for (let i = 0; i < bucket.length; i++) {
      let a = bucket[i];
      if (a === undefined || merged.has(a)) continue;
      for (let j = i + 1; j < bucket.length; j++) {
        const b = bucket[j];
        if (b === undefined || merged.has(b) || !continues(a, b)) continue;
        const series = describeSeries(
          { ...a.input, payments: [...a.input.payments, ...b.input.payments], dense: false },
          today,
        );
        if (series === null) continue;
        merged.add(b);
        a = { series, input: { ...a.input, payments: [...a.input.payments, ...b.input.payments] } };
      }
      result.push(a);
    }
  }
  return result;
}

/** Whether `b` starts at the next date `a` expected after its last payment, at about its amount. */
function continues(a: Found, b: Found): boolean {
  const def = CADENCES[a.input.cadenceIndex];
  const first = b.input.payments[0];
  if (def === undefined || first === undefined || first.bookedOn <= a.series.lastOn) return false;
  const expected = new Schedule(a.series.cadence, toDay(a.series.lastOn)).at(1);
  if (Math.abs(toDay(first.bookedOn) - expected) > def.toleranceDays) return false;
  return Math.abs(Math.abs(first.amountMinor) - a.series.amountMinor) <= AMOUNT_STEP * a.series.amountMinor;
}
