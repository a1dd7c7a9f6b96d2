import type { BILLING_CYCLES } from './choices.js';
import { addPeriod, daysBetween, parsePeriod, type IsoDate, type Period } from '../platform/dates.js';

/**
 * Figures derived from a contract's terms, never entered: the next renewal, the last day to cancel
 * before it, and the yearly cost. Pure functions of the terms and a date, so they are the same in
 * the CLI, the API and the tests.
 */
export interface ContractTerms {
  readonly startDate: IsoDate;
  readonly billingCycle: (typeof BILLING_CYCLES)[number];
  readonly billingIntervalDays: number | null;
  /** One term as an ISO period (`P12M`); null means one billing cycle. */
  readonly term: string | null;
  readonly renewsOn: IsoDate | null;
  readonly noticePeriod: string | null;
  readonly autoRenews: boolean;
  readonly endDate: IsoDate | null;
  readonly priceMinor: number;
}

export function billingPeriod(terms: Pick<ContractTerms, 'billingCycle' | 'billingIntervalDays'>): Period {
  switch (terms.billingCycle) {
    case 'weekly':
      return { count: 1, unit: 'W' };
    case 'monthly':
      return { count: 1, unit: 'M' };
    case 'quarterly':
      return { count: 3, unit: 'M' };
    case 'half-yearly':
      return { count: 6, unit: 'M' };
    case 'yearly':
      return { count: 1, unit: 'Y' };
    case 'days':
      return { count: terms.billingIntervalDays ?? 1, unit: 'D' };
  }
}

export const termPeriod = (terms: ContractTerms): Period =>
  (terms.term === null ? null : parsePeriod(terms.term)) ?? billingPeriod(terms);

/** Whether the contract still runs on `asOf`: it has no end date, or ends after that day. */
export const isActive = (terms: ContractTerms, asOf: IsoDate): boolean =>
  terms.endDate === null || terms.endDate > asOf;

/**
 * The first renewal on or after `asOf`, for a contract that renews by itself; null when it does
 * not renew, ends first, or renews only after LAST_DATE. Renewals fall every term after the start, or on `renewsOn` and every
 * term after it.
 */
export function nextRenewal(terms: ContractTerms, asOf: IsoDate): IsoDate | null {
  if (!terms.autoRenews || !isActive(terms, asOf)) return null;
  const term = termPeriod(terms);
  // Renewal k falls k terms after the start (or k ≥ 0 terms after a known renewal), computed
  // from that origin each time, so a contract begun on 31 January renews on each month's last day.
  const origin = terms.renewsOn ?? terms.startDate;
  const first = terms.renewsOn === null ? 1 : 0;
  // Jump close to `asOf` first (a daily contract of ten years would otherwise take 3,650 steps).
  let k = Math.max(first, origin < asOf ? stepsBetween(origin, asOf, term) - 1 : 0);
  let next = addPeriod(origin, term, k);
  while (next !== null && next < asOf) next = addPeriod(origin, term, ++k);
  // Null also when the renewal would fall after 9999-12-31: there is none a date can name.
  if (next === null || (terms.endDate !== null && terms.endDate <= next)) return null;
  return next;
}

/** How many whole periods fit between two dates (a lower bound, never more than the truth). */
function stepsBetween(from: IsoDate, to: IsoDate, period: Period): number {
  switch (period.unit) {
    case 'D':
      return Math.floor(daysBetween(from, to) / period.count);
    case 'W':
      return Math.floor(daysBetween(from, to) / (7 * period.count));
    case 'M':
    case 'Y': {
      const months =
        (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
        Number(to.slice(5, 7)) -
        Number(from.slice(5, 7));
      return Math.max(0, Math.floor(months / (period.unit === 'Y' ? 12 * period.count : period.count)) - 1);
    }
  }
}

/**
 * The last day on which notice still stops the next renewal: the renewal date less the notice
 * period, or the day before the renewal when there is no notice period. Null without a renewal
 * (or when the notice reaches back before FIRST_DATE, which the contract's checks refuse).
 */
export function cancelBy(
  terms: ContractTerms,
  asOf: IsoDate,
  renewal = nextRenewal(terms, asOf),
): IsoDate | null {
  if (renewal === null) return null;
  const notice = terms.noticePeriod === null ? null : parsePeriod(terms.noticePeriod);
  return notice === null ? addPeriod(renewal, { count: 1, unit: 'D' }, -1) : addPeriod(renewal, notice, -1);
}

/**
 * The next renewal that notice can still stop, and the last day to give it: the next renewal when
 * its last day to cancel is today or later, else the first renewal after it whose notice period has
 * not yet begun. What "notice period passed" leads to: a monthly contract with three months' notice
 * skips three renewals, a yearly one skips a year. Null when the contract does not renew, or ends
 * before such a renewal.
 *
 * @example nextChanceToCancel(yearlyWithThreeMonthsNotice, '2026-04-10') // { renewsOn: '2027-06-01', cancelBy: '2027-03-01' }
 */
export function nextChanceToCancel(
  terms: ContractTerms,
  asOf: IsoDate,
): { readonly renewsOn: IsoDate; readonly cancelBy: IsoDate } | null {
  let renewal = nextRenewal(terms, asOf);
  // Each step moves one term on; a notice period longer than a thousand terms is not a contract.
  for (let step = 0; renewal !== null && step < 1000; step++) {
    const lastDay = cancelBy(terms, asOf, renewal);
    if (lastDay !== null && lastDay >= asOf) return { renewsOn: renewal, cancelBy: lastDay };
    const dayAfter = addPeriod(renewal, { count: 1, unit: 'D' });
    renewal = dayAfter === null ? null : nextRenewal(terms, dayAfter);
  }
  return null;
}

/**
 * Billing cycles per year: 52 weeks, 12 months, 4 quarters, 2 half-years, 1 year, or 365/N for
 * every N days.
 * The yearly cost is rounded to whole minor units once, at the end.
 */
export function yearlyCostMinor(
  terms: Pick<ContractTerms, 'billingCycle' | 'billingIntervalDays' | 'priceMinor'>,
): number {
  switch (terms.billingCycle) {
    case 'weekly':
      return terms.priceMinor * 52;
    case 'monthly':
      return terms.priceMinor * 12;
    case 'quarterly':
      return terms.priceMinor * 4;
    case 'half-yearly':
      return terms.priceMinor * 2;
    case 'yearly':
      return terms.priceMinor;
    case 'days':
      return Math.round((terms.priceMinor * 365) / (terms.billingIntervalDays ?? 1));
  }
}
