import { describe, expect, it } from 'vitest';
import { findAlerts } from './alerts.js';
import { contractProposal, linkedContract } from './contracts.js';
import { detectRecurring } from './detect.js';
import { months, paymentMaker, plusDays } from './test-payments.js';
import type { ContractTerms, Payment, RecurringSeries } from './types.js';

const streamline = { providerId: 7, providerName: 'Streamline TV', counterpartyName: 'STREAMLINE TV LTD' };

function contract(terms: Partial<ContractTerms> = {}): ContractTerms {
  return {
    id: 70,
    providerId: 7,
    name: 'Streamline Premium',
    priceMinor: 1299,
    currency: 'GBP',
    billingCycle: 'monthly',
    billingIntervalDays: null,
    startDate: '2025-01-01',
    endDate: null,
    ...terms,
  };
}

function run(payments: Payment[], contracts: ContractTerms[], today: string) {
  const series = detectRecurring(payments, { today });
  return { series, alerts: findAlerts(series, payments, contracts, { today }) };
}

describe('findAlerts', () => {
  it('says when a price went up, with the payments before and after', () => {
    const pay = paymentMaker();
    const payments = months('2025-10-14', 8).map((d) => pay(d, d < '2026-03-14' ? -1099 : -1299, streamline));
    const { alerts } = run(payments, [contract()], '2026-05-20');
    const rises = alerts.filter((a) => a.kind === 'price-rise');
    expect(rises).toHaveLength(1);
    expect(rises[0]?.message).toBe('Streamline TV: 10.99 GBP → 12.99 GBP from 14 March 2026');
    expect(rises[0]?.paymentIds).toEqual([5, 6]);
    expect(rises[0]?.importance).toBe('normal');
  });

  it('reports a price drop as less important', () => {
    const pay = paymentMaker();
    const payments = months('2025-10-14', 6).map((d) => pay(d, d < '2026-01-14' ? -1299 : -999, streamline));
    const { alerts } = run(payments, [contract({ priceMinor: 999 })], '2026-03-20');
    expect(alerts.map((a) => [a.kind, a.importance])).toEqual([['price-drop', 'low']]);
  });

  it('finds a contract whose price is not what the bank takes', () => {
    const pay = paymentMaker();
    const payments = months('2025-10-14', 8).map((d) => pay(d, d < '2026-03-14' ? -1099 : -1299, streamline));
    const { alerts } = run(payments, [contract({ priceMinor: 1099 })], '2026-05-20');
    const [mismatch] = alerts.filter((a) => a.kind === 'mismatch');
    expect(mismatch?.message).toBe(
      'Streamline Premium: the contract says 10.99 GBP monthly, the bank takes 12.99 GBP (since 14 March 2026)',
    );
    expect(mismatch?.paymentIds).toEqual([6, 7, 8]);
    expect(mismatch?.contractId).toBe(70);
    const same = run(payments, [contract({ priceMinor: 1299 })], '2026-05-20').alerts;
    expect(same.some((a) => a.kind === 'mismatch')).toBe(false);
  });

  it('finds a contract in another currency than the payments as a mismatch', () => {
    const pay = paymentMaker();
    const payments = months('2025-10-14', 4).map((d) => pay(d, -1299, streamline));
    const { alerts } = run(payments, [contract({ currency: 'EUR' })], '2026-02-01');
    expect(alerts.map((a) => a.kind)).toEqual(['mismatch']);
    const linked = payments.map((p) => ({ ...p, contractId: 70 }));
    const byLink = run(linked, [contract({ currency: 'EUR' })], '2026-02-01').alerts;
    expect(byLink.map((a) => a.kind)).toEqual(['mismatch']);
    expect(byLink[0]?.message).toContain('the contract says 12.99 EUR monthly, the bank takes 12.99 GBP');
  });

  it('lists the payments after a contract ended, with their total', () => {
    const pay = paymentMaker();
    const payments = months('2025-10-14', 7).map((d) => pay(d, -1299, streamline));
    // Ended on 10 February: the payment of 14 February is within the grace, March and April are not.
    const ended = contract({ endDate: '2026-02-10' });
    const { alerts } = run(payments, [ended], '2026-04-20');
    const still = alerts.filter((a) => a.kind === 'still-charging');
    expect(still).toHaveLength(1);
    expect(still[0]?.paymentIds).toEqual([6, 7]);
    expect(still[0]?.totalMinor).toBe(2598);
    expect(still[0]?.importance).toBe('high');
    expect(still[0]?.message).toBe(
      'Streamline Premium: 2 payments after the contract ended on 10 February 2026, 25.98 GBP in total (14 Mar 2026, 14 Apr 2026)',
    );
    expect(alerts[0]?.kind).toBe('still-charging');
    // The payments outlived their contract: a charge after the end, not a new subscription.
    expect(alerts.map((a) => a.kind)).toEqual(['still-charging']);
  });

  it('tells two contracts of one provider and cycle apart by the price the bank takes', () => {
    const pay = paymentMaker();
    const contour = { providerId: 7, providerName: 'Contour Mobile', counterpartyName: 'CONTOUR MOBILE' };
    const sim = months('2025-10-05', 6).map((d) => pay(d, -1200, contour));
    const cover = months('2025-10-20', 6).map((d) => pay(d, -699, contour));
    const plan = contract({ id: 80, name: 'SIM only 30GB', priceMinor: 1200 });
    const insurance = contract({ id: 81, name: 'Handset insurance', priceMinor: 699 });
    const { series, alerts } = run([...sim, ...cover], [plan, insurance], '2026-03-25');
    expect(series.map((s) => linkedContract(s, [plan, insurance])?.name).sort()).toEqual([
      'Handset insurance',
      'SIM only 30GB',
    ]);
    expect(alerts).toEqual([]);
    // Same price twice: the choice is not clear, so neither is taken and the series is new.
    const twin = contract({ id: 82, name: 'Second SIM', priceMinor: 1200 });
    const unclear = run([...sim, ...cover], [plan, twin, insurance], '2026-03-25');
    expect(
      unclear.series.map((s) => linkedContract(s, [plan, twin, insurance])?.name ?? null).sort(),
    ).toEqual(['Handset insurance', null]);
  });

  it('counts payments the person linked to an ended contract even without a series', () => {
    const pay = paymentMaker();
    const payments = [pay('2026-03-02', -4500, { counterpartyName: 'GYM', contractId: 70 })];
    const { alerts } = run(payments, [contract({ endDate: '2026-02-01', priceMinor: 4500 })], '2026-04-01');
    expect(alerts.map((a) => [a.kind, a.paymentIds])).toEqual([['still-charging', [1]]]);
  });

  it('does not call a new plan with the same provider a charge after cancellation', () => {
    const pay = paymentMaker();
    const payments = months('2025-10-14', 7).map((d) => pay(d, -1299, streamline));
    const old = contract({ endDate: '2026-02-10' });
    const renewed = contract({ id: 71, name: 'Streamline Basic', startDate: '2026-02-11' });
    const { alerts } = run(payments, [old, renewed], '2026-04-20');
    expect(alerts.filter((a) => a.kind === 'still-charging')).toEqual([]);
  });

  it('flags a recurring payment no contract covers as a new subscription', () => {
    const pay = paymentMaker();
    const payments = months('2026-01-03', 4).map((d) => pay(d, -999, { counterpartyName: 'SPOTIFY' }));
    const { alerts } = run(payments, [], '2026-04-20');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'new-subscription', paymentIds: [1, 2, 3, 4], toMinor: 999 });
    expect(alerts[0]?.message).toBe(
      'SPOTIFY: 9.99 GBP monthly since 3 January 2026 (4 payments), and no contract for it',
    );
  });

  it('does not flag a series its provider has a contract for, an ended one, or the salary', () => {
    const pay = paymentMaker();
    const covered = months('2026-01-14', 4).map((d) => pay(d, -1299, streamline));
    const ended = months('2024-01-05', 5).map((d) => pay(d, -500, { counterpartyName: 'OLD APP' }));
    const salary = months('2026-01-28', 4).map((d) => pay(d, 300_000, { counterpartyName: 'ACME PAYROLL' }));
    const payments = [...covered, ...ended, ...salary];
    const series = detectRecurring(payments, { today: '2026-05-01', incoming: true });
    expect(series).toHaveLength(3);
    expect(findAlerts(series, payments, [contract()], { today: '2026-05-01' })).toEqual([]);
  });

  it('says when the payment of a running contract is overdue', () => {
    const pay = paymentMaker();
    const payments = months('2025-10-14', 6).map((d) => pay(d, -1299, streamline));
    const { alerts } = run(payments, [contract()], '2026-04-25');
    expect(alerts.map((a) => a.kind)).toEqual(['missed-payment']);
    expect(alerts[0]?.message).toBe(
      'Streamline Premium: no payment since 14 March 2026; 12.99 GBP was due around 14 April 2026',
    );
    expect(alerts[0]?.paymentIds).toEqual([6]);
    // Before the tolerance has passed, or once the contract ended, nothing is missing.
    expect(run(payments, [contract()], '2026-04-18').alerts).toEqual([]);
    expect(run(payments, [contract({ endDate: '2026-04-01' })], '2026-04-25').alerts).toEqual([]);
  });
});

describe('contractProposal', () => {
  const series = (cadence: RecurringSeries['cadence']): RecurringSeries => {
    const pay = paymentMaker();
    const [found] = detectRecurring(
      [0, 1, 2, 3].map((k) => pay(plusDays('2025-01-06', 7 * k), -450, streamline)),
      { today: '2025-02-01' },
    );
    if (found === undefined) throw new Error('no series');
    return { ...found, cadence };
  };

  it('makes a contract of a series in one step, in the contracts’ cycles', () => {
    const weekly = series({ kind: 'weekly', every: 1 });
    expect(contractProposal(weekly)).toEqual({
      providerId: 7,
      name: 'Streamline TV',
      priceMinor: 450,
      currency: 'GBP',
      billingCycle: 'weekly',
      billingIntervalDays: null,
      startDate: '2025-01-06',
    });
    const cycle = (c: RecurringSeries['cadence']) => {
      const p = contractProposal(series(c));
      return [p.billingCycle, p.billingIntervalDays];
    };
    expect(cycle({ kind: 'weekly', every: 2 })).toEqual(['days', 14]);
    expect(cycle({ kind: 'weekly', every: 4 })).toEqual(['days', 28]);
    expect(cycle({ kind: 'monthly', every: 1, monthEnd: true })).toEqual(['monthly', null]);
    expect(cycle({ kind: 'monthly', every: 2 })).toEqual(['days', 61]);
    expect(cycle({ kind: 'monthly', every: 3 })).toEqual(['quarterly', null]);
    expect(cycle({ kind: 'monthly', every: 6 })).toEqual(['half-yearly', null]);
    expect(cycle({ kind: 'yearly', every: 1 })).toEqual(['yearly', null]);
  });
});
