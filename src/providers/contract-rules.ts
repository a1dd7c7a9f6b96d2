import { addPeriod, describePeriod, FIRST_DATE, LAST_DATE } from '../platform/dates.js';
import { VrmError } from '../platform/errors.js';
import { parseAmount } from '../platform/money.js';
import { cancelBy, termPeriod, type ContractTerms } from './renewals.js';

/**
 * The rules of a contract's fields that no single field's schema can see, and the reading of its
 * price: the contract service and the price history (prices.ts) share them.
 */

/** The price in minor units, from an amount as typed or from minor units; one of them. */
export function resolvePrice(
  price: string | undefined,
  priceMinor: number | undefined,
  currency: string,
  required: boolean,
): number {
  if (price !== undefined && priceMinor !== undefined) {
    throw new VrmError(
      'invalid_input',
      'contract: give the price either as an amount or in minor units, not both',
    );
  }
  if (priceMinor !== undefined) return priceMinor;
  if (price === undefined) {
    if (required) throw new VrmError('invalid_input', 'contract: price is required (such as 9.99)');
    return 0;
  }
  const minor = parseAmount(price, currency);
  if (typeof minor === 'string') {
    throw new VrmError('invalid_input', `contract: price: ${minor}`, {
      details: [{ path: 'price', message: minor }],
    });
  }
  return minor;
}

/** Rules across fields that no single field's schema can see. */
export function checkConsistency(c: {
  billingCycle: string;
  billingIntervalDays?: number | null | undefined;
  startDate: string;
  endDate?: string | null | undefined;
  renewsOn?: string | null | undefined;
  term?: string | null | undefined;
  noticePeriod?: string | null | undefined;
  autoRenews: boolean;
  priceMinor: number;
}): void {
  const fail = (path: string, message: string): never => {
    throw new VrmError('invalid_input', `contract: ${path}: ${message}`, { details: [{ path, message }] });
  };
  if (c.billingCycle === 'days' && !c.billingIntervalDays) {
    fail('billingIntervalDays', 'a billing cycle of "days" needs the number of days');
  }
  if (c.endDate && c.endDate < c.startDate)
    fail('endDate', `must not be before the start date ${c.startDate}`);
  if (c.renewsOn && c.renewsOn <= c.startDate)
    fail('renewsOn', `must be after the start date ${c.startDate}`);
  checkRenewalDates(
    {
      startDate: c.startDate,
      billingCycle: c.billingCycle as ContractTerms['billingCycle'],
      billingIntervalDays: c.billingIntervalDays ?? null,
      term: c.term ?? null,
      renewsOn: c.renewsOn ?? null,
      noticePeriod: c.noticePeriod ?? null,
      autoRenews: c.autoRenews,
      endDate: c.endDate ?? null,
      priceMinor: c.priceMinor,
    },
    fail,
  );
}

/**
 * A contract whose first renewal, or the last day to cancel it, has no date (after 9999-12-31 or
 * before 0001-01-01) is refused: its derived dates could never be shown.
 */
function checkRenewalDates(terms: ContractTerms, fail: (path: string, message: string) => never): void {
  if (!terms.autoRenews) return;
  const term = termPeriod(terms);
  const first = terms.renewsOn ?? addPeriod(terms.startDate, term);
  if (first === null) {
    fail(
      'startDate',
      `the first renewal, ${describePeriod(term)} after ${terms.startDate}, would fall after ${LAST_DATE}, ` +
        'the last date vrm can hold: give an earlier start, or --no-auto-renew',
    );
  }
  if (cancelBy(terms, first, first) === null) {
    fail('noticePeriod', `reaches back before ${FIRST_DATE} from the first renewal on ${first}`);
  }
}
