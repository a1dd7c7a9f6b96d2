import { CADENCES, Schedule, matchWindow } from './calendar.js';
import type { GroupIdentity } from './identity.js';
import type { Payment } from './types.js';

/**
 * Chains: from one payment, the payments of the same group that fall on a cadence's expected
 * dates. Work is bounded per start (a chain stops after a few misses, or as soon as its amounts
 * show it is shopping rather than a subscription), so a group of n payments costs O(n log n),
 * never a comparison of all pairs.
 */

/** The payments of one payee on one account, in one currency and one direction, by date. */
export interface Group {
  readonly identity: GroupIdentity;
  readonly accountId: number;
  readonly currency: string;
  readonly incoming: boolean;
  readonly payments: Payment[];
  /** Day numbers, ascending, parallel to `payments`. */
  readonly days: number[];
  /** Absolute amounts in minor units, parallel to `payments`. */
  readonly amounts: number[];
  /** Payments already claimed by a series. */
  readonly taken: Uint8Array;
}

export interface Chain {
  /** Index into CADENCES. */
  readonly cadenceIndex: number;
  /** Indexes into the group, ascending. */
  readonly members: number[];
  /** Expected dates with no payment between the first and the last member. */
  readonly misses: number;
  /** Sum of the members' distance in days from their expected dates. */
  readonly drift: number;
  /** Members whose amount is exactly the previous member's. */
  readonly repeats: number;
}

/** A step may change the amount by this much and still be the same payment (price rises included). */
export const AMOUNT_STEP = 0.35;
/** A varying bill (electricity, phone) stays within this ratio of its smallest to its largest amount. */
export const VARIABLE_RATIO = 1.5;

/** First index whose day is ≥ `day`. */
export function lowerBound(days: readonly number[], day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((days[mid] ?? 0) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether the group has so many payments per period of this cadence (a shop visited every few
 * days) that a near amount in each window proves nothing: then only repeated exact amounts count.
 */
export function isDense(group: Group, period: number): boolean {
  const n = group.days.length;
  const span = (group.days[n - 1] ?? 0) - (group.days[0] ?? 0) + 1;
  // Intervals per period, not payments: two payments a year apart (364 days) are one interval,
  // and counting the two of them made every yearly pair "busy" and so never a yearly charge.
  return ((n - 1) / span) * period > 2;
}

/** The best candidate for one expected date: an exact amount first, then the nearest date and amount. */
function pick(
  group: Group,
  expected: number,
  tolerance: number,
  current: number,
  pending: number | null,
  exactOnly: boolean,
): number {
  const { days, amounts, taken } = group;
  let best = -1;
  let bestScore = Infinity;
  for (let i = lowerBound(days, expected - tolerance); i < days.length; i++) {
    const day = days[i] ?? 0;
    if (day > expected + tolerance) break;
    if (taken[i] === 1) continue;
    const amount = amounts[i] ?? 0;
    const exact = amount === current || amount === pending;
    if (exactOnly && !exact) continue;
    // Beyond a price step, up to double or half: a one-off extra charge, which the series may
    // still absorb as an outlier; further apart it is another payment altogether.
    const near = Math.abs(amount - current) <= AMOUNT_STEP * current;
    if (!exact && !near && (amount > 2 * current || 2 * amount < current)) continue;
    const rank = exact ? 0 : near ? 1 : 2;
    const score =
      rank * 1_000_000 + Math.abs(day - expected) * 1000 + Math.min(999, Math.abs(amount - current));
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

/** Follows one cadence from `start` as far as the group's payments carry it. */
export function followCadence(
  group: Group,
  start: number,
  cadenceIndex: number,
  dense: boolean,
): Chain | null {
  const def = CADENCES[cadenceIndex];
  if (def === undefined) return null;
  const { days, amounts } = group;
  const lastDay = days[days.length - 1] ?? 0;
  const schedule = new Schedule(def.cadence, days[start] ?? 0);
  // A busy group gets the plain tolerance: every extra day there is another chance coincidence.
  const window = dense ? def.toleranceDays : matchWindow(def.cadence, def.toleranceDays);
  const members = [start];
  let current = amounts[start] ?? 0;
  let pending: number | null = null;
  let unsteady = 0;
  let min = current;
  let max = current;
  const deviations = [0];
  let lastSlot = 0;
  let repeats = 0;
  for (let k = 1; ; k++) {
    const expected = schedule.at(k);
    if (expected - window > lastDay) break;
    // In a busy group a series must first show its fixed price twice before a change may join.
    const j = pick(group, expected, window, current, pending, dense && repeats < 2);
    if (j < 0) {
      // One gap may follow the first payment, two in a row anywhere later; more end the chain.
      if (k - lastSlot > (members.length === 1 ? 1 : 2)) break;
      continue;
    }
    members.push(j);
    lastSlot = k;
    deviations.push((days[j] ?? 0) - expected);
    const amount = amounts[j] ?? 0;
    if (amount === amounts[members[members.length - 2] ?? 0]) repeats++;
    if (amount === current) pending = null;
    else if (amount === pending) {
      current = amount;
      pending = null;
    } else {
      unsteady++;
      pending = amount;
    }
    min = Math.min(min, amount);
    max = Math.max(max, amount);
    // Mostly changing amounts: shopping, unless it is a varying bill in a sparse group. In a busy
    // group only a fixed price can stand out, so two changes more than repeats already end it.
    if (
      dense
        ? unsteady - repeats >= 2
        : unsteady > 3 && unsteady * 2 > members.length && max > VARIABLE_RATIO * min
    ) {
      return null;
    }
  }
  if (members.length < def.minPayments) return null;
  // Drift from the pattern that fits best (the median offset), not from the first payment, which
  // may itself be late: else a monthly series that began late reads as every four weeks.
  const sorted = [...deviations].sort((a, b) => a - b);
  const centre = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
  let drift = 0;
  for (const d of deviations) drift += Math.abs(d - centre);
  return { cadenceIndex, members, misses: lastSlot + 1 - members.length, drift, repeats };
}

/** Orders chains best first: more payments, fewer gaps, less drift, then the shorter cadence. */
export function compareChains(a: Chain, b: Chain): number {
  return (
    b.members.length - a.members.length ||
    a.misses - b.misses ||
    a.drift / a.members.length - b.drift / b.members.length ||
    a.cadenceIndex - b.cadenceIndex
  );
}
