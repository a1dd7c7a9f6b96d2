import { describe, expect, it } from 'vitest';
import { addPeriod, parsePeriod } from '../platform/dates.js';
import {
  cancelBy,
  nextChanceToCancel,
  nextRenewal,
  yearlyCostMinor,
  type ContractTerms,
} from './renewals.js';

const base: ContractTerms = {
  startDate: '2025-01-31',
  billingCycle: 'monthly',
  billingIntervalDays: null,
  term: null,
  renewsOn: null,
  noticePeriod: null,
  autoRenews: true,
  endDate: null,
  priceMinor: 1000,
};

/** The plain definition: step one term at a time from the first renewal. */
function naiveNextRenewal(terms: ContractTerms, asOf: string): string | null {
  if (!terms.autoRenews || (terms.endDate !== null && terms.endDate <= asOf)) return null;
  const term = parsePeriod(terms.term ?? '') ?? { count: terms.billingIntervalDays ?? 1, unit: 'D' as const };
  const origin = terms.renewsOn ?? terms.startDate;
  let k = terms.renewsOn === null ? 1 : 0;
  let next = addPeriod(origin, term, k);
  while (next !== null && next < asOf) next = addPeriod(origin, term, ++k);
  return next === null || (terms.endDate !== null && terms.endDate <= next) ? null : next;
}

describe('nextRenewal', () => {
  it('rolls a monthly contract forward to the first renewal on or after the day asked, clamping month ends', () => {
    expect(nextRenewal(base, '2026-02-15')).toBe('2026-02-28');
    expect(nextRenewal(base, '2026-03-01')).toBe('2026-03-31');
    expect(nextRenewal(base, '2026-03-31')).toBe('2026-03-31');
    expect(nextRenewal({ ...base, startDate: '2024-01-31' }, '2024-02-10')).toBe('2024-02-29');
  });

  it('follows a known renewal date, and has none when the contract does not renew or ends first', () => {
    expect(nextRenewal({ ...base, term: 'P12M', renewsOn: '2026-06-01' }, '2026-03-15')).toBe('2026-06-01');
    expect(nextRenewal({ ...base, term: 'P12M', renewsOn: '2025-06-01' }, '2026-03-15')).toBe('2026-06-01');
    expect(nextRenewal({ ...base, autoRenews: false }, '2026-03-15')).toBeNull();
    expect(nextRenewal({ ...base, endDate: '2026-03-20' }, '2026-03-15')).toBeNull();
    expect(nextRenewal({ ...base, endDate: '2026-03-01' }, '2026-03-15')).toBeNull();
  });

  it('agrees with stepping one term at a time, for every kind of term over ten years', () => {
    const terms = ['P1D', 'P7D', 'P30D', 'P1W', 'P2W', 'P1M', 'P3M', 'P6M', 'P12M', 'P1Y', 'P2Y'];
    const starts = ['2016-01-31', '2016-02-29', '2019-12-31', '2020-06-15', '2023-03-30'];
    for (const term of terms) {
      for (const startDate of starts) {
        for (let day = 0; day < 3650; day += 97) {
          const asOf = addPeriod('2020-01-01', { count: 1, unit: 'D' }, day) ?? '';
          const t = { ...base, startDate, term };
          expect(nextRenewal(t, asOf), `${term} from ${startDate} as of ${asOf}`).toBe(
            naiveNextRenewal(t, asOf),
          );
        }
      }
    }
  });
});

describe('the ends of the calendar', () => {
  it('adds periods into years 1 to 99 as they are, not as the 1900s', () => {
    expect(addPeriod('0100-03-31', { count: 1, unit: 'M' }, -1)).toBe('0100-02-28');
    expect(addPeriod('0150-01-31', { count: 100, unit: 'Y' }, -1)).toBe('0050-01-31');
    expect(addPeriod('0050-01-31', { count: 1, unit: 'M' })).toBe('0050-02-28');
  });

  it('has no date past 9999-12-31 or before 0001-01-01', () => {
    expect(addPeriod('9999-12-30', { count: 1, unit: 'D' })).toBe('9999-12-31');
    expect(addPeriod('9999-12-31', { count: 1, unit: 'D' })).toBeNull();
    expect(addPeriod('9999-12-31', { count: 1, unit: 'M' })).toBeNull();
    expect(addPeriod('9999-06-30', { count: 1, unit: 'Y' })).toBeNull();
    expect(addPeriod('9999-12-25', { count: 1, unit: 'W' })).toBeNull();
    expect(addPeriod('0001-01-01', { count: 1, unit: 'D' }, -1)).toBeNull();
  });

  it('gives no renewal, and no last day to cancel, when the next renewal would fall after 9999-12-31', () => {
    const far = { ...base, startDate: '9999-12-31', term: 'P12M', noticePeriod: 'P30D' };
    expect(nextRenewal(far, '2026-03-15')).toBeNull();
    expect(cancelBy(far, '2026-03-15')).toBeNull();
    const monthly = { ...base, startDate: '2025-01-15' };
    expect(nextRenewal(monthly, '9999-12-10')).toBe('9999-12-15');
    expect(cancelBy(monthly, '9999-12-10')).toBe('9999-12-14');
    expect(nextRenewal(monthly, '9999-12-16')).toBeNull();
    expect(cancelBy(monthly, '9999-12-16')).toBeNull();
  });
});

describe('cancelBy', () => {
  it('is the renewal less the notice period, or the day before the renewal without one', () => {
    expect(cancelBy({ ...base, noticePeriod: 'P1M' }, '2026-03-15')).toBe('2026-02-28');
    expect(cancelBy({ ...base, noticePeriod: 'P14D' }, '2026-03-15')).toBe('2026-03-17');
    expect(cancelBy(base, '2026-03-15')).toBe('2026-03-30');
    expect(cancelBy({ ...base, autoRenews: false }, '2026-03-15')).toBeNull();
  });
});

describe('yearlyCostMinor', () => {
  it('multiplies the price by the cycles in a year', () => {
    expect(yearlyCostMinor({ ...base, billingCycle: 'weekly' })).toBe(52_000);
    expect(yearlyCostMinor(base)).toBe(12_000);
    expect(yearlyCostMinor({ ...base, billingCycle: 'quarterly' })).toBe(4_000);
    expect(yearlyCostMinor({ ...base, billingCycle: 'yearly' })).toBe(1_000);
    expect(yearlyCostMinor({ ...base, billingCycle: 'days', billingIntervalDays: 28 })).toBe(13_036);
  });
});

describe('nextChanceToCancel', () => {
  it('is the next renewal and its last day to cancel while there is still time to give notice', () => {
    const yearly = { ...base, startDate: '2024-06-01', term: 'P12M', noticePeriod: 'P3M' };
    expect(nextChanceToCancel(yearly, '2026-02-01')).toEqual({
      renewsOn: '2026-06-01',
      cancelBy: '2026-03-01',
    });
  });

  it('skips a yearly renewal whose notice period has passed: cancelling is possible for the one after', () => {
    const yearly = { ...base, startDate: '2024-06-01', term: 'P12M', noticePeriod: 'P3M' };
    expect(cancelBy(yearly, '2026-04-10')).toBe('2026-03-01');
    expect(nextChanceToCancel(yearly, '2026-04-10')).toEqual({
      renewsOn: '2027-06-01',
      cancelBy: '2027-03-01',
    });
  });

  it('steps a monthly contract with a longer notice period as many months as the notice needs', () => {
    const monthly = { ...base, startDate: '2025-01-15', noticePeriod: 'P3M' };
    // Renews on the 15th; three months' notice: for 15 July, notice by 15 April.
    expect(nextChanceToCancel(monthly, '2026-04-20')).toEqual({
      renewsOn: '2026-08-15',
      cancelBy: '2026-05-15',
    });
  });

  it('keeps month ends: a contract begun on 31 January renews on each last day', () => {
    const monthly = { ...base, noticePeriod: 'P1M' };
    // Renewal 2026-03-31, notice by 2026-02-28 (passed on 2026-03-05); the next is 2026-04-30 by 2026-03-30.
    expect(nextChanceToCancel(monthly, '2026-03-05')).toEqual({
      renewsOn: '2026-04-30',
      cancelBy: '2026-03-30',
    });
  });

  it('counts the last day to cancel itself as still possible', () => {
    const yearly = { ...base, startDate: '2024-06-01', term: 'P12M', noticePeriod: 'P3M' };
    expect(nextChanceToCancel(yearly, '2026-03-01')).toEqual({
      renewsOn: '2026-06-01',
      cancelBy: '2026-03-01',
    });
  });

  it('is null when the contract does not renew, or ends before the next chance', () => {
    const yearly = { ...base, startDate: '2024-06-01', term: 'P12M', noticePeriod: 'P3M' };
    expect(nextChanceToCancel({ ...yearly, autoRenews: false }, '2026-04-10')).toBeNull();
    expect(nextChanceToCancel({ ...yearly, endDate: '2027-01-01' }, '2026-04-10')).toBeNull();
  });
});
