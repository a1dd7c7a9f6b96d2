import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { booking, shaOf, statement } from '../test/statements.js';
import { freshStore, type TestStore } from '../test/store.js';
import { monthly as monthlyWithText, seedLedger } from '../test/subscriptions.js';

/**
 * Recurring payments found in stored bookings (issue 17, point 3), as the money service answers
 * them, and a contract made of one in one step. Today is 15 March 2026 (the test clock).
 */
let t: TestStore;

/** Monthly payments without a purpose text: the payee alone names them here. */
const monthly = (payee: string, first: string, count: number, amount: (i: number) => number) =>
  monthlyWithText(payee, first, count, amount, { text: null });

beforeEach(async () => {
  t = await freshStore();
  await seedLedger(t.services);
  const read = statement([
    // 10,99 a month from May 2025, 12,99 from 14 February 2026.
    ...monthly('STREAMLINE TV', '2025-05-14', 11, (i) => (i < 9 ? 1099 : 1299)),
    // Once a year.
    booking({ key: 'ref:y1', bookedOn: '2024-04-02', amountMinor: -5900, counterpartyName: 'CLOUDVAULT' }),
    booking({ key: 'ref:y2', bookedOn: '2025-04-01', amountMinor: -5900, counterpartyName: 'CLOUDVAULT' }),
    // The membership ended on 31 December 2025, and the gym still takes it.
    ...monthly('IRONWORKS GYM', '2025-01-01', 15, () => 2500),
    // A season ticket paid to a payee that is no provider of the ledger.
    ...monthly('Q-PARK SEASON', '2025-09-20', 6, () => 4000),
  ]);
  await t.services.money.importStatement(read, { name: 'year.xml', sha256: shaOf(read) });
});
afterEach(async () => {
  await t.dispose();
});

describe('recurring payments in the bookings', () => {
  it('finds monthly and yearly ones with their price changes, and the alerts on them', async () => {
    const { subscriptions, alerts } = await t.services.money.subscriptions();
    const streamline = subscriptions.find((s) => s.providerName === 'Streamline TV');
    expect(streamline).toMatchObject({
      cadence: { kind: 'monthly', every: 1 },
      amountMinor: 1299,
      firstOn: '2025-05-14',
      contract: null,
      priceChanges: [{ fromMinor: 1099, toMinor: 1299, on: '2026-02-14' }],
    });
    expect(streamline?.paymentIds).toHaveLength(11);
    expect(streamline?.number).toBe(streamline?.paymentIds[0]);
    expect(subscriptions.find((s) => s.providerName === 'Cloudvault')).toMatchObject({
      cadence: { kind: 'yearly', every: 1 },
      amountMinor: 5900,
    });
    expect(subscriptions.find((s) => s.providerName === 'Ironworks Gym')?.contract?.name).toBe('Membership');

    const kinds = alerts.map((a) => `${a.kind} ${a.message}`);
    expect(kinds).toContainEqual(
      expect.stringMatching(/^price-rise Streamline TV: 10\.99 EUR → 12\.99 EUR from 14 February 2026/u),
    );
    const still = alerts.find((a) => a.kind === 'still-charging');
    // The payment on 1 January may be the last bill, booked a day after the end (5 days' grace).
    expect(still).toMatchObject({ totalMinor: 5000, on: '2025-12-31' });
    expect(still?.message).toMatch(/^Membership: 2 payments after the contract ended on 31 December 2025/u);
    expect(kinds).toContainEqual(expect.stringMatching(/^new-subscription .*Streamline TV/u));
  });

  it('makes one a contract in one step, with the price history from the bank', async () => {
    const { money } = t.services;
    const before = await money.subscriptions();
    const streamline = before.subscriptions.find((s) => s.providerName === 'Streamline TV');
    const contract = await money.confirmSubscription(String(streamline?.number));
    expect(contract).toMatchObject({
      name: 'Streamline TV',
      priceMinor: 1299,
      currency: 'EUR',
      billingCycle: 'monthly',
      startDate: '2025-05-14',
    });
    expect(contract.priceHistory.map((p) => [p.priceMinor, p.validFrom, p.source])).toEqual([
      [1099, '2025-05-14', 'bank'],
      [1299, '2026-02-14', 'bank'],
    ]);

    const after = await money.subscriptions();
    expect(after.subscriptions.find((s) => s.providerName === 'Streamline TV')?.contract).toEqual({
      id: contract.id,
      name: 'Streamline TV',
    });
    expect(
      after.alerts.some((a) => a.kind === 'new-subscription' && a.providerId === contract.providerId),
    ).toBe(false);
    const linked = await money.transactions({ provider: 'Streamline TV', limit: 50 });
    expect(linked.items.every((b) => b.contractId === contract.id)).toBe(true);

    await expect(money.confirmSubscription(String(streamline?.number))).rejects.toThrow(
      'these payments already pay the contract "Streamline TV"',
    );
  });

  it('asks for a provider when the payments have none, and names what it does not know', async () => {
    const { money, providers } = t.services;
    const { subscriptions } = await money.subscriptions();
    const parking = subscriptions.find((s) => s.label.includes('Q-PARK') || s.label.includes('Q-Park'));
    expect(parking?.providerId).toBeNull();
    const ref = String(parking?.paymentIds[2]);
    await expect(money.confirmSubscription(ref)).rejects.toThrow(
      /matched to no provider yet: say which one/u,
    );
    await providers.add({ name: 'Q-Park' });
    const contract = await money.confirmSubscription(ref, { provider: 'Q-Park', name: 'Season ticket' });
    expect(contract).toMatchObject({ name: 'Season ticket', priceMinor: 4000, startDate: '2025-09-20' });

    await expect(money.confirmSubscription('99999')).rejects.toThrow(
      /no recurring payment is known by 99999/u,
    );
    await expect(money.confirmSubscription(ref, { name: ' ' })).rejects.toThrow(/name must not be empty/u);
  });
});
