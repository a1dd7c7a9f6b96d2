import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';
import { cancelBy, nextRenewal, yearlyCostMinor, type ContractTerms } from './renewals.js';

/** Half-yearly billing (issue 17, point 3): insurers and some memberships bill twice a year. */
const halfYearly: ContractTerms = {
  startDate: '2025-08-31',
  billingCycle: 'half-yearly',
  billingIntervalDays: null,
  term: null,
  renewsOn: null,
  noticePeriod: null,
  autoRenews: true,
  endDate: null,
  priceMinor: 12_000,
};

describe('half-yearly terms', () => {
  it('renew every six months from the start, keeping the end of the month', () => {
    expect(nextRenewal(halfYearly, '2025-09-01')).toBe('2026-02-28');
    expect(nextRenewal(halfYearly, '2026-03-01')).toBe('2026-08-31');
    expect(nextRenewal(halfYearly, '2027-01-15')).toBe('2027-02-28');
    expect(nextRenewal({ ...halfYearly, renewsOn: '2026-01-10' }, '2026-03-01')).toBe('2026-07-10');
  });

  it('take notice from the half-yearly renewal', () => {
    expect(cancelBy({ ...halfYearly, noticePeriod: 'P1M' }, '2026-03-01')).toBe('2026-07-31');
  });

  it('cost twice the price a year', () => {
    expect(yearlyCostMinor(halfYearly)).toBe(24_000);
  });
});

describe('a half-yearly contract in the ledger', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore();
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('is stored, renews and counts in the yearly costs', async () => {
    const { providers, contracts } = t.services;
    const insurer = await providers.add({ name: 'Harbour Home Insurance' });
    const contract = await contracts.add({
      providerId: insurer.id,
      name: 'Contents cover',
      price: '60,50',
      currency: 'GBP',
      billingCycle: 'half-yearly',
      startDate: '2025-10-01',
      noticePeriod: 'P14D',
    });
    expect(contract.billingCycle).toBe('half-yearly');
    expect(contract.derived.nextRenewal).toBe('2026-04-01');
    expect(contract.derived.cancelBy).toBe('2026-03-18');
    expect(contract.derived.yearlyCostMinor).toBe(12_100);
    const costs = await contracts.yearlyCosts();
    expect(costs.totals).toEqual([{ currency: 'GBP', yearlyMinor: 12_100 }]);
    const renewals = await contracts.renewals({ withinDays: 30 });
    expect(renewals.map((r) => r.renewsOn)).toEqual(['2026-04-01']);
  });
});
