import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VrmError } from '../platform/errors.js';
import { fixedClock, freshStore, type TestStore } from '../test/store.js';

/** Sunday 15 March 2026, noon UTC: every figure below is counted from this day. */
let t: TestStore;
beforeEach(async () => {
  t = await freshStore(fixedClock('2026-03-15T12:00:00.000Z'));
});
afterEach(async () => {
  await t.dispose();
});

const provider = (name: string) => t.services.providers.add({ name });

const monthly = (providerId: number, name: string, price: string, startDate: string, currency = 'GBP') =>
  t.services.contracts.add({ providerId, name, price, currency, billingCycle: 'monthly', startDate });

describe('DashboardService', () => {
  it('shows renewals in the next 60 days, follow-ups due in the next 7, open cases and the spend, for the clock’s day', async () => {
    const northwind = await provider('Northwind Energy');
    const contoso = await provider('Contoso Mobile');
    const fabrikam = await provider('Fabrikam Insurance');
    // Renews 1 April 2026; 14 days' notice, so the last day to cancel is 18 March.
    await t.services.contracts.add({
      providerId: northwind.id,
      name: 'Dual fuel',
      price: '84.50',
      currency: 'GBP',
      billingCycle: 'monthly',
      startDate: '2025-04-01',
      term: 'P12M',
      noticePeriod: 'P14D',
    });
    // Renews every month: next on 10 April, the day before is the last to cancel.
    await monthly(contoso.id, 'SIM only', '12.00', '2026-01-10');
    // Renews once a year, in November: outside the window.
    await t.services.contracts.add({
      providerId: fabrikam.id,
      name: 'Home insurance',
      price: '240.00',
      currency: 'EUR',
      billingCycle: 'yearly',
      startDate: '2025-11-20',
    });
    const interaction = (subject: string, followUpOn: string) =>
      t.services.interactions.add({
        providerId: northwind.id,
        channel: 'phone',
        direction: 'outbound',
        subject,
        occurredAt: '2026-03-01T10:00:00Z',
        followUpOn,
      });
    await interaction('Meter reading', '2026-03-12');
    await interaction('Refund promised', '2026-03-20');
    await interaction('Annual review', '2026-04-30');
    const dispute = await t.services.cases.add({
      providerId: fabrikam.id,
      kind: 'dispute',
      title: 'Claim refused',
      openedOn: '2026-02-02',
    });
    await t.services.cases.add({ providerId: contoso.id, title: 'Roaming charge', status: 'resolved' });
    const unlisted = await provider('Tailspin Parcels');
    await t.services.cases.add({ providerId: unlisted.id, title: 'Lost parcel', openedOn: '2026-03-01' });

    const view = await t.services.dashboard.build();
    expect(view.asOf).toBe('2026-03-15');
    expect(view.renewals.total).toBe(2);
    expect(
      view.renewals.items.map((r) => [
        r.providerName,
        r.contract.name,
        r.renewsOn,
        r.cancelBy,
        r.daysToCancel,
      ]),
    ).toEqual([
      ['Northwind Energy', 'Dual fuel', '2026-04-01', '2026-03-18', 3],
      ['Contoso Mobile', 'SIM only', '2026-04-10', '2026-04-09', 25],
    ]);
    // Only the contract fields the dashboard shows.
    expect(Object.keys(view.renewals.items[0]?.contract ?? {}).sort()).toEqual(
      ['billingCycle', 'billingIntervalDays', 'currency', 'id', 'name', 'priceMinor', 'providerId'].sort(),
    );
    expect(view.followUps.items.map((f) => [f.interaction.subject, f.overdue])).toEqual([
      ['Meter reading', true],
      ['Refund promised', false],
    ]);
    // Newest first; a provider without running contracts is named all the same.
    expect(view.openCases.items).toEqual([
      expect.objectContaining({ providerName: 'Tailspin Parcels', title: 'Lost parcel', status: 'open' }),
      expect.objectContaining({ id: dispute.id, providerName: 'Fabrikam Insurance', kind: 'dispute' }),
    ]);
    expect(view.openCases.total).toBe(2);
    expect(view.spend).toEqual([
      {
        currency: 'EUR',
        totalMinor: 24_000,
        top: [{ providerId: fabrikam.id, name: 'Fabrikam Insurance', minor: 24_000 }],
        others: { count: 0, minor: 0 },
      },
      {
        currency: 'GBP',
        totalMinor: 84_50 * 12 + 12_00 * 12,
        top: [
          { providerId: northwind.id, name: 'Northwind Energy', minor: 84_50 * 12 },
          { providerId: contoso.id, name: 'Contoso Mobile', minor: 12_00 * 12 },
        ],
        others: { count: 0, minor: 0 },
      },
    ]);
  });

  it('counts from the day asked, and refuses a day that is not a date', async () => {
    const northwind = await provider('Northwind Energy');
    await monthly(northwind.id, 'Broadband', '30.00', '2026-01-10');
    const later = await t.services.dashboard.build({ asOf: '2026-06-01' });
    expect(later.asOf).toBe('2026-06-01');
    expect(later.renewals.items.map((r) => r.renewsOn)).toEqual(['2026-06-10']);
    const error = await t.services.dashboard.build({ asOf: '2026-02-30' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VrmError);
    expect((error as VrmError).code).toBe('invalid_input');
  });

  it('shows the first 25 rows of a list with its total, and the 15 costliest providers of a currency with the rest summed', async () => {
    for (let n = 1; n <= 27; n++) {
      const p = await provider(`Provider ${String(n).padStart(2, '0')}`);
      await monthly(p.id, 'Plan', `${n}.00`, '2026-01-20');
    }
    const view = await t.services.dashboard.build();
    expect(view.renewals.total).toBe(27);
    expect(view.renewals.items).toHaveLength(25);
    const [gbp] = view.spend;
    expect(gbp?.top.map((b) => b.name)).toEqual(
      Array.from({ length: 15 }, (_, i) => `Provider ${String(27 - i).padStart(2, '0')}`),
    );
    // Providers 1 to 12: 12 of them, (1 + … + 12) × 12 months.
    expect(gbp?.others).toEqual({ count: 12, minor: 78 * 100 * 12 });
  });
});
