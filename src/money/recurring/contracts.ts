import type { IsoDate } from '../../platform/dates.js';
import { periodDays, toleranceOf } from './calendar.js';
import type { Cadence, ContractTerms, RecurringSeries } from './types.js';

/**
 * How detected series meet the contracts the person keeps: which contract a series pays, and the
 * contract a series would make in one step.
 */

/** Whether a contract's billing cycle is the series' cadence (a contract of N days: within the tolerance). */
export function cycleMatches(
  contract: Pick<ContractTerms, 'billingCycle' | 'billingIntervalDays'>,
  cadence: Cadence,
): boolean {
  switch (contract.billingCycle) {
    case 'weekly':
      return cadence.kind === 'weekly' && cadence.every === 1;
    case 'monthly':
      return cadence.kind === 'monthly' && cadence.every === 1;
    case 'quarterly':
      return cadence.kind === 'monthly' && cadence.every === 3;
    case 'half-yearly':
      return cadence.kind === 'monthly' && cadence.every === 6;
    case 'yearly':
      return cadence.kind === 'yearly' && cadence.every === 1;
    case 'days':
      return (
        contract.billingIntervalDays !== null &&
        Math.abs(contract.billingIntervalDays - periodDays(cadence)) <= toleranceOf(cadence)
      );
  }
}

/** The contract runs on `date`: it has begun and not yet ended. */
export const runsOn = (contract: ContractTerms, date: IsoDate): boolean =>
  contract.startDate <= date && (contract.endDate === null || contract.endDate >= date);

/**
 * The contract a series pays: the one its payments were linked to by the person, else, for a
 * series matched to a provider, that provider's only contract of the same billing cycle that
 * `accept` admits (running today, for instance), or of several such the only one at the series'
 * price. Null when none, or when the choice is not clear.
 */
export function linkedContract(
  series: RecurringSeries,
  contracts: readonly ContractTerms[],
  accept: (contract: ContractTerms) => boolean = () => true,
): ContractTerms | null {
  if (series.contractId !== null) {
    const linked = contracts.find((c) => c.id === series.contractId);
    return linked !== undefined && accept(linked) ? linked : null;
  }
  if (series.providerId === null) return null;
  const candidates = contracts.filter(
    (c) => c.providerId === series.providerId && cycleMatches(c, series.cadence) && accept(c),
  );
  if (candidates.length <= 1) return candidates[0] ?? null;
  // Two contracts of one provider on the same cycle (a SIM plan and a handset insurance): the one
  // whose price is what the bank takes, when only one is.
  const priced = candidates.filter(
    (c) => c.priceMinor === series.amountMinor && c.currency === series.currency,
  );
  return priced.length === 1 ? (priced[0] ?? null) : null;
}

/** Whether a contract ran on some day between a series' first and last payment. */
export const overlaps = (contract: ContractTerms, series: RecurringSeries): boolean =>
  contract.startDate <= series.lastOn && (contract.endDate === null || contract.endDate >= series.firstOn);

/** The contract a confirmed series becomes, in the contracts' own terms. */
export interface ContractProposal {
  /** Null when the payments were matched to no provider yet: the person picks or creates one. */
  readonly providerId: number | null;
  readonly name: string;
  readonly priceMinor: number;
  readonly currency: string;
  readonly billingCycle: ContractTerms['billingCycle'];
  readonly billingIntervalDays: number | null;
  readonly startDate: IsoDate;
}

/**
 * The one-step "make it a contract" of a series: its payee, what it costs now, its cycle and its
 * first payment. Weekly, monthly, quarterly, half-yearly and yearly map to those cycles; every 2 or
 * 4 weeks to 14 or 28 days, which is exact. Every 2 months has no cycle of its own and becomes 61
 * days: two months are 59 to 62 days long, and 61 keeps six payments within a day of a year
 * (366 days), so reminders stay on the right week.
 *
 * @example contractProposal(series) // → { name: 'Streamline TV', priceMinor: 1299, billingCycle: 'monthly', … }
 */
export function contractProposal(series: RecurringSeries): ContractProposal {
  const { cadence } = series;
  let billingCycle: ContractTerms['billingCycle'] = 'days';
  let billingIntervalDays: number | null = null;
  if (cadence.kind === 'weekly') {
    if (cadence.every === 1) billingCycle = 'weekly';
    else billingIntervalDays = 7 * cadence.every;
  } else if (cadence.kind === 'yearly') {
    if (cadence.every === 1) billingCycle = 'yearly';
    else billingIntervalDays = Math.round(365.25 * cadence.every);
  } else if (cadence.every === 1) billingCycle = 'monthly';
  else if (cadence.every === 3) billingCycle = 'quarterly';
  else if (cadence.every === 6) billingCycle = 'half-yearly';
  else if (cadence.every === 12) billingCycle = 'yearly';
  else billingIntervalDays = cadence.every === 2 ? 61 : Math.round(30.44 * cadence.every);
  return {
    providerId: series.providerId,
    name: series.label,
    priceMinor: series.amountMinor,
    currency: series.currency,
    billingCycle,
    billingIntervalDays,
    startDate: series.firstOn,
  };
}
