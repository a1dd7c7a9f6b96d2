import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';
import { shaOf, statement } from '../test/statements.js';
import { importMarch, monthly, seedSubscriptions } from '../test/subscriptions.js';
import { BankTransactionRepository } from './repository.js';

/**
 * The person's decisions on the alerts about their money (issue 17, point 3): dismissed alerts
 * stay dismissed across imports, a case opened from a charge after a contract's end is opened
 * once, and a contract made of a recurring payment comes with its payments or not at all.
 */
let t: TestStore;

beforeEach(async () => {
  t = await freshStore();
  await seedSubscriptions(t.services);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.dispose();
});

const alertOf = async (kind: string) => {
  const { alerts } = await t.services.money.subscriptions({ all: true });
  const found = alerts.find((a) => a.kind === kind);
  if (!found) throw new Error(`no ${kind} alert in ${alerts.map((a) => a.kind).join(', ')}`);
  return found;
};

describe('dismissing an alert', () => {
  it('leaves it out of the overview, across the next import, until it is restored', async () => {
    const { money } = t.services;
    const rise = await alertOf('price-rise');
    expect(rise).toMatchObject({ state: 'open', title: 'Streamline TV', caseId: null });
    expect(rise.message).toMatch(/^Streamline TV: 10\.99 EUR → 12\.99 EUR from 14 January 2026/u);

    const dismissed = await money.dismissAlert(rise.number);
    expect(dismissed).toMatchObject({ key: rise.key, state: 'dismissed' });
    const after = await money.subscriptions();
    expect(after.alerts.map((a) => a.key)).not.toContain(rise.key);
    expect(after.dismissed).toBe(1);
    expect((await money.subscriptions({ all: 'true' })).alerts.find((a) => a.key === rise.key)?.state).toBe(
      'dismissed',
    );

    // Another statement, with one more payment of the series: the alert's key is the same.
    await importMarch(t.services);
    const streamline = (await money.subscriptions()).subscriptions.find(
      (s) => s.providerName === 'Streamline TV',
    );
    expect(streamline?.paymentIds).toHaveLength(11);
    expect((await money.subscriptions()).alerts.map((a) => a.key)).not.toContain(rise.key);

    await money.restoreAlert(rise.key);
    expect((await money.subscriptions()).alerts.find((a) => a.key === rise.key)?.state).toBe('open');
    await expect(money.restoreAlert(rise.key)).rejects.toThrow(/is not dismissed: nothing to restore/u);
    await expect(money.dismissAlert('99')).rejects.toThrow(/no alert is known by 99/u);
  });
});

describe('opening a case from a charge after the contract ended', () => {
  it('opens one case with the payments as evidence, and only one however often it is asked', async () => {
    const { money, cases } = t.services;
    const still = await alertOf('still-charging');
    const first = await money.openCaseFromAlert(still.key);
    expect(first.created).toBe(true);
    expect(first.case).toMatchObject({
      title: 'Charged after the contract ended: Membership',
      kind: 'dispute',
      status: 'open',
    });
    expect(first.case.description).toContain('ended on 31 December 2025');
    expect(first.case.description).toContain('- 1 February 2026: 25.00 EUR (IRONWORKS GYM');
    expect(first.case.description).toContain('- 1 March 2026: 25.00 EUR');
    expect(first.case.description).toContain('In total 50.00 EUR');

    const again = await money.openCaseFromAlert(still.number);
    expect(again).toMatchObject({ created: false, case: { id: first.case.id } });
    expect(await cases.list({ provider: 'Ironworks Gym' })).toHaveLength(1);
    expect(await alertOf('still-charging')).toMatchObject({ state: 'case', caseId: first.case.id });

    // Dismissed and restored, it still knows its case.
    await money.dismissAlert(still.key);
    await money.restoreAlert(still.key);
    expect(await alertOf('still-charging')).toMatchObject({ state: 'case', caseId: first.case.id });
    // The case deleted, the alert can have a new one.
    await cases.delete(first.case.id);
    expect(await alertOf('still-charging')).toMatchObject({ caseId: null });
    expect((await money.openCaseFromAlert(still.key)).created).toBe(true);
  });

  it('opens one case when it is asked twice at once, as two tabs or a double click ask', async () => {
    const { money, cases } = t.services;
    const still = await alertOf('still-charging');
    const both = await Promise.all([money.openCaseFromAlert(still.key), money.openCaseFromAlert(still.key)]);
    expect(both.map((b) => b.created).sort()).toEqual([false, true]);
    expect(both[0].case.id).toBe(both[1].case.id);
    expect(await cases.list({ provider: 'Ironworks Gym' })).toHaveLength(1);
  });

  it('keeps one case for the contract when the provider charges again afterwards', async () => {
    let now = new Date('2026-03-15T12:00:00Z');
    const later = await freshStore(() => now);
    try {
      const { money, cases } = later.services;
      await seedSubscriptions(later.services);
      const stillOf = async () =>
        (await money.subscriptions({ all: true })).alerts.find((a) => a.kind === 'still-charging');
      const first = await stillOf();
      const opened = await money.openCaseFromAlert(first?.key ?? '');
      expect(opened.created).toBe(true);

      // April's statement: the gym takes its 25,00 once more.
      now = new Date('2026-04-15T12:00:00Z');
      const read = statement(monthly('IRONWORKS GYM', '2026-04-01', 1, () => 2500));
      await money.importStatement(read, { name: 'april.xml', sha256: shaOf(read) });
      const again = await stillOf();
      // A new charge is a new alert (one dismissed would come back), about the same matter.
      expect(again?.key).not.toBe(first?.key);
      expect(again?.paymentIds).toHaveLength(3);
      expect(again).toMatchObject({ state: 'case', caseId: opened.case.id });
      expect(await money.openCaseFromAlert(again?.key ?? '')).toMatchObject({
        created: false,
        case: { id: opened.case.id },
      });
      expect(await cases.list({ provider: 'Ironworks Gym' })).toHaveLength(1);
    } finally {
      await later.dispose();
    }
  });

  it('refuses alerts that are not about a charge after the end', async () => {
    const rise = await alertOf('price-rise');
    await expect(t.services.money.openCaseFromAlert(rise.key)).rejects.toThrow(
      /a case can be opened for a charge after a contract ended, not for this alert \(price rise\)/u,
    );
  });
});

describe('one recurring payment', () => {
  it('names the payments it rests on, oldest first, with their purpose, and its alerts', async () => {
    const { money } = t.services;
    const { subscriptions } = await money.subscriptions();
    const streamline = subscriptions.find((s) => s.providerName === 'Streamline TV');
    const detail = await money.subscription(String(streamline?.paymentIds[3]));
    expect(detail.subscription.key).toBe(streamline?.key);
    expect(detail.payments).toHaveLength(10);
    expect(detail.payments[0]).toMatchObject({
      bookedOn: '2025-05-14',
      amountMinor: -1099,
      payee: 'STREAMLINE TV',
      purpose: 'STREAMLINE TV 2025-05-14',
      outlier: false,
    });
    expect(detail.alerts.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['price-rise', 'new-subscription']),
    );
    await expect(money.subscription('99999')).rejects.toThrow(/no recurring payment is known by 99999/u);
  });
});

describe('making a recurring payment a contract', () => {
  it('is one transaction: when linking the payments fails, no contract is left behind', async () => {
    const { money, contracts } = t.services;
    const before = await contracts.list({ includeEnded: true });
    const { subscriptions } = await money.subscriptions();
    const streamline = subscriptions.find((s) => s.providerName === 'Streamline TV');
    vi.spyOn(BankTransactionRepository.prototype, 'linkContract').mockRejectedValueOnce(
      new Error('disk full'),
    );
    await expect(money.confirmSubscription(String(streamline?.number))).rejects.toThrow('disk full');
    expect(await contracts.list({ includeEnded: true })).toHaveLength(before.length);

    const contract = await money.confirmSubscription(String(streamline?.number));
    const linked = await money.transactions({ provider: 'Streamline TV', limit: 50 });
    expect(linked.items.every((b) => b.contractId === contract.id)).toBe(true);
  });
});
