import { CADENCES, Schedule, dayOfMonth, fromDay, isLastDayOfMonth, periodDays, toDay } from './calendar.js';
import { VARIABLE_RATIO } from './chain.js';
import { explain } from './explain.js';
import { normalisePayee, type GroupIdentity } from './identity.js';
import type { Cadence, Outlier, Payment, PriceChange, RecurringSeries, Rename } from './types.js';

/**
 * Turns the payments of one chain into a series: which amounts are price changes and which are
 * one-offs, which expected dates went unpaid, whether it has ended, and how sure we are. Returns
 * null when the payments do not hold up as one recurring payment after all.
 */
export interface SeriesInput {
  readonly identity: GroupIdentity;
  readonly accountId: number;
  readonly currency: string;
  readonly incoming: boolean;
  /** In date order. */
  readonly payments: readonly Payment[];
  /** Index into CADENCES. */
  readonly cadenceIndex: number;
  /** The group is so busy that only exact repeated amounts count (no varying bills). */
  readonly dense: boolean;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

const cadenceCode = (c: Cadence): string => `${c.kind[0]?.toUpperCase() ?? ''}${c.every}`;

/** Each payment's slot on the schedule: the nearest expected date after the previous payment's. */
function assignSlots(schedule: Schedule, days: readonly number[]): number[] {
  const slots: number[] = [];
  let k = -1;
  for (const day of days) {
    k++;
    while (day - schedule.at(k) > schedule.at(k + 1) - day) k++;
    slots.push(k);
  }
  return slots;
}

/** The schedule a person would name: "around the 3rd", "on the last day", "on Mondays". */
function nominalSchedule(cadence: Cadence, days: readonly number[], slots: readonly number[]): Schedule {
  const first = days[0] ?? 0;
  if (cadence.kind === 'weekly') {
    const offsets = days.map((day, i) => day - first - 7 * cadence.every * (slots[i] ?? 0));
    return new Schedule(cadence, first + median(offsets));
  }
  const due = cadence.monthEnd === true ? 31 : median(days.map(dayOfMonth));
  const schedule = new Schedule(cadence, first, due);
  // A payment due on the 1st may come on the 28th before: then its due date is in the next month.
  const offset = schedule.at(0) - first;
  if (offset < -15) return new Schedule(cadence, first + 20, due);
  if (offset > 15) return new Schedule(cadence, first - 20, due);
  return schedule;
}

interface Amounts {
  readonly amountMinor: number;
  readonly priceChanges: PriceChange[];
  readonly outliers: Outlier[];
  readonly variable: boolean;
}

/**
 * A different amount is a price change when it lasts (the next payment repeats it, or it is the
 * latest payment), else a one-off outlier. A first monthly or weekly payment unlike the two after
 * it is a pro-rata or trial charge, not a price. Amounts that differ nearly every time but stay within a narrow band
 * make a varying bill instead, without price changes.
 */
function readAmounts(input: SeriesInput, amounts: readonly number[], misses: number): Amounts | null {
  const { payments } = input;
  const def = CADENCES[input.cadenceIndex];
  if (def === undefined) return null;
  const n = amounts.length;
  const outlierAt: number[] = [];
  const priceChanges: PriceChange[] = [];
  let current = amounts[0] ?? 0;
  // Only for monthly and shorter cadences, where a partial first month is common; a yearly fee
  // that differs once and then repeats is a price change.
  const frequent =
    def.cadence.kind === 'weekly' || (def.cadence.kind === 'monthly' && def.cadence.every === 1);
  if (frequent && n >= 4 && amounts[1] === amounts[2] && amounts[0] !== amounts[1]) {
    outlierAt.push(0);
    current = amounts[1] ?? 0;
  }
  for (let i = 1; i < n; i++) {
    const amount = amounts[i] ?? 0;
    if (amount === current) continue;
    const payment = payments[i];
    if (payment === undefined) continue;
    if (i === n - 1 || amounts[i + 1] === amount) {
      priceChanges.push({ fromMinor: current, toMinor: amount, on: payment.bookedOn, paymentId: payment.id });
      current = amount;
    } else outlierAt.push(i);
  }
  // Enough payments repeating the amount before them (a price change needs its old price shown
  // more than once), or two payments a long period apart at nearly one amount (a yearly charge).
  let repeats = 0;
  for (let i = 1; i < n; i++) if (amounts[i] === amounts[i - 1]) repeats++;
  const [a = 0, b = 0] = amounts;
  // In a busy group (a shop also paid for other things every week) two equal amounts half a year
  // apart happen by chance: there a long-period series needs a third payment.
  const minimum = input.dense ? Math.max(3, def.minPayments) : def.minPayments;
  const pair = n === 2 && minimum === 2 && Math.abs(a - b) <= 0.15 * Math.max(a, b);
  if (
    outlierAt.length <= Math.max(1, Math.floor(n / 4)) &&
    n - outlierAt.length >= minimum &&
    (pair || repeats >= minimum - 1)
  ) {
    const outliers = outlierAt.flatMap((i) => {
      const p = payments[i];
      return p === undefined ? [] : [{ paymentId: p.id, amountMinor: amounts[i] ?? 0, on: p.bookedOn }];
    });
    return { amountMinor: current, priceChanges, outliers, variable: false };
  }
  const { cadence } = def;
  // Varying bills (energy, water, phone) come monthly to quarterly.
  const short = cadence.kind === 'monthly' && cadence.every <= 3;
  const spread = Math.max(...amounts) <= VARIABLE_RATIO * Math.min(...amounts);
  // A varying amount is weaker evidence than a fixed one: ask for six payments and no gap.
  if (!short || n < 6 || misses > 0 || input.dense || !spread) return null;
  return { amountMinor: median(amounts.slice(-3)), priceChanges: [], outliers: [], variable: true };
}

/** Name changes that last: the bank's wording for the payee differs from here on. */
function readRenames(payments: readonly Payment[]): Rename[] {
  const printed = payments.map((p) => (p.counterpartyName ?? p.text ?? '').trim());
  const names = printed.map(normalisePayee);
  const renamed: Rename[] = [];
  let current = 0;
  for (let i = 1; i < payments.length; i++) {
    const name = names[i] ?? '';
    if (name === '' || name === names[current]) continue;
    if (i === payments.length - 1 || names[i + 1] === name) {
      renamed.push({ from: printed[current] ?? '', to: printed[i] ?? '', on: payments[i]?.bookedOn ?? '' });
      current = i;
    }
  }
  return renamed;
}

function mostCommon(values: readonly (number | null)[]): number | null {
  const counts = new Map<number, number>();
  let best: number | null = null;
  let bestCount = 0;
  for (const value of values) {
    if (value === null) continue;
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    // `>=` so that, on a tie, the latest value wins.
    if (count >= bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

export function describeSeries(input: SeriesInput, today: number): RecurringSeries | null {
  const def = CADENCES[input.cadenceIndex];
  const { payments } = input;
  const first = payments[0];
  const last = payments[payments.length - 1];
  if (def === undefined || first === undefined || last === undefined) return null;
  const n = payments.length;
  const tolerance = def.toleranceDays;
  const days = payments.map((p) => toDay(p.bookedOn));
  const amounts = payments.map((p) => Math.abs(p.amountMinor));

  let cadence: Cadence = def.cadence;
  if (cadence.kind === 'monthly') {
    const monthEnds = days.filter(isLastDayOfMonth).length;
    if (monthEnds >= 2 && monthEnds * 3 >= n * 2) cadence = { ...cadence, monthEnd: true };
  }
  const slots = assignSlots(new Schedule(cadence, days[0] ?? 0), days);
  const lastSlot = slots[n - 1] ?? 0;
  const misses = lastSlot + 1 - new Set(slots).size;
  if (misses > (n === 2 ? 0 : Math.max(1, Math.floor(n / 3)))) return null;

  const read = readAmounts(input, amounts, misses);
  if (read === null) return null;

  const schedule = nominalSchedule(cadence, days, slots);
  const lastDay = days[n - 1] ?? 0;
  const period = periodDays(cadence);
  const ended = today - lastDay > 2 * period + tolerance;
  const filled = new Set(slots);
  const missed: { expectedOn: string }[] = [];
  for (let k = 0; k < lastSlot; k++) if (!filled.has(k)) missed.push({ expectedOn: fromDay(schedule.at(k)) });
  if (!ended) {
    for (let k = lastSlot + 1; schedule.at(k) + tolerance < today; k++)
      missed.push({ expectedOn: fromDay(schedule.at(k)) });
  }

  let drift = 0;
  days.forEach((day, i) => (drift += Math.abs(day - schedule.at(slots[i] ?? 0))));
  const evidence = 1 - 0.5 ** (n - 1);
  const regularity = n / (n + misses);
  const precision = 1 - (0.3 * Math.min(drift / n, tolerance)) / tolerance;
  const oneOffs = 1 - (0.5 * read.outliers.length) / n;
  const confidence = evidence * regularity * precision * oneOffs * (read.variable ? 0.85 : 1);

  const latestNamed = [...payments].reverse().find((p) => p.providerName !== null);
  const label = (latestNamed?.providerName ?? last.counterpartyName ?? last.text ?? '').trim();
  const renamed = readRenames(payments);
  const series: Omit<RecurringSeries, 'explanation'> = {
    key: `${input.identity.kind}:${input.identity.value}|${input.accountId}|${input.currency}|${input.incoming ? 'in' : 'out'}|${cadenceCode(cadence)}|${first.id}`,
    label: label === '' ? input.identity.value : label,
    identity: input.identity.kind,
    accountId: input.accountId,
    providerId:
      latestNamed?.providerId ??
      [...payments].reverse().find((p) => p.providerId !== null)?.providerId ??
      null,
    contractId: mostCommon(payments.map((p) => p.contractId)),
    currency: input.currency,
    cadence,
    amountMinor: read.amountMinor,
    incoming: input.incoming,
    variable: read.variable,
    paymentIds: payments.map((p) => p.id),
    firstOn: first.bookedOn,
    lastOn: last.bookedOn,
    nextExpectedOn: fromDay(schedule.at(lastSlot + 1)),
    priceChanges: read.priceChanges,
    outliers: read.outliers,
    missed,
    renamed,
    ended,
    confidence: Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100,
  };
  return { ...series, explanation: explain(series, payments, schedule.at(lastSlot)) };
}
