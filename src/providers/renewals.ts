import { addPeriod, parsePeriod, type IsoDate, type Period } from '../platform/dates.js';

/**
 * Figures derived from a contract's terms, never entered: the next renewal, the last day to cancel
 * before it, and the yearly cost. Pure functions of the terms and a date, so they are the same in
 * the CLI, the API and the tests.
 */
export interface ContractTerms {
  readonly startDate: IsoDate;
  readonly billingCycle: 'weekly' | 'monthly' | 'quarterly' | 'yearly' | 'days';
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
 * not renew, or ends first. Renewals fall on `renewsOn` (or the end of the first term) and every
 * term from there.
 */
export function nextRenewal(terms: ContractTerms, asOf: IsoDate): IsoDate | null {
  if (!terms.autoRenews || !isActive(terms, asOf)) return null;
  const term = termPeriod(terms);
  const anchor = terms.renewsOn ?? addPeriod(terms.startDate, term);
  let next = anchor;
  for (let k = 1; next < asOf; k++) {
    next = addPeriod(anchor, term, k);
  }
  if (terms.endDate !== null && terms.endDate <= next) return null;
  return next;
}

/**
 * The last day on which notice still stops the next renewal: the renewal date less the notice
 * period, or the day before the renewal when there is no notice period. Null without a renewal.
 */
export function cancelBy(terms: ContractTerms, asOf: IsoDate): IsoDate | null {
  const renewal = nextRenewal(terms, asOf);
  if (renewal === null) return null;
  const notice = terms.noticePeriod === null ? null : parsePeriod(terms.noticePeriod);
  return notice === null ? addPeriod(renewal, { count: 1, unit: 'D' }, -1) : addPeriod(renewal, notice, -1);
}

/**
 * Billing cycles per year: 52 weeks, 12 months, 4 quarters, 1 year, or 365/N for every N days.
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
    case 'yearly':
      return terms.priceMinor;
    case 'days':
      return Math.round((terms.priceMinor * 365) / (terms.billingIntervalDays ?? 1));
  }
}
