import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPeriod } from '../platform/dates.js';
import { booking, CURRENT_ACCOUNT, shaOf, statement } from '../test/statements.js';
import { freshStore, type TestStore } from '../test/store.js';
import type { StatementAccount, StatementTransaction } from './statement.js';

/**
 * Spend over time and paid against contracted (issue 17, point 4), on crafted bookings in two
 * currencies. Today is 15 March 2026 (the test clock).
 */
let t: TestStore;
let key = 0;

const CARD: StatementAccount = {
  ...CURRENT_ACCOUNT,
  key: 'GB33BUKB20201555555555',
  iban: 'GB33BUKB20201555555555',
  currency: 'GBP',
  name: 'Travel card',
};

function monthly(payee: string, first: string, count: number, amount: (i: number) => number) {
  return Array.from({ length: count }, (_, i) =>
    booking({
      key: `ref:${String(++key)}`,
      bookedOn: addPeriod(first, { count: 1, unit: 'M' }, i) ?? first,
      amountMinor: -amount(i),
      counterpartyName: payee,
    }),
  );
}
const one = (fields: Partial<StatementTransaction> & { bookedOn: string; amountMinor: number }) =>
  booking({ key: `ref:${String(++key)}`, ...fields });

/** Non-breaking spaces (what Intl puts before €) as plain ones, to compare words. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

beforeEach(async () => {
  t = await freshStore();
  const { providers, contracts, money } = t.services;
  const tv = await providers.add({ name: 'Streamline TV', category: 'Streaming' });
  const power = await providers.add({ name: 'Stadtwerke', category: 'Energy' });
  await providers.add({ name: 'Cloudvault' });
  // The contract says 10,99 a month, 12,99 from October; the bank took 12,99 from September.
  const film = await contracts.add({
    providerId: tv.id,
    name: 'Streamline Premium',
    price: '10,99',
    currency: 'EUR',
    billingCycle: 'monthly',
    startDate: '2024-12-05',
  });
  await contracts.update(film.id, { price: '12,99', priceFrom: '2025-10-01' });
  // Half-yearly: 60,00 in January and July; July took 72,00.
  await contracts.add({
    providerId: power.id,
    name: 'Strom',
    price: '60,00',
    currency: 'EUR',
    billingCycle: 'half-yearly',
    startDate: '2025-01-15',
  });
  const euro = statement([
    ...monthly('Streamline TV', '2024-12-05', 13, (i) => (i < 9 ? 1099 : 1299)),
    one({ bookedOn: '2025-01-15', amountMinor: -6000, counterpartyName: 'Stadtwerke' }),
    one({ bookedOn: '2025-07-15', amountMinor: -7200, counterpartyName: 'Stadtwerke' }),
    // Paid to no provider of the ledger: two bookings, one payee.
    one({ bookedOn: '2025-02-20', amountMinor: -4000, counterpartyName: 'Q-PARK SEASON' }),
    one({ bookedOn: '2025-03-20', amountMinor: -4000, counterpartyName: 'Q-PARK SEASON' }),
    // Money in: not spend unless asked.
    one({ bookedOn: '2025-03-31', amountMinor: 250_000, counterpartyName: 'ACME PAYROLL' }),
  ]);
  await money.importStatement(euro, { name: 'giro.xml', sha256: shaOf(euro) });
  const pounds = statement(
    [
      one({
        accountKey: CARD.key,
        bookedOn: '2025-04-01',
        amountMinor: -5900,
        currency: 'GBP',
        counterpartyName: 'Cloudvault',
      }),
    ],
    { accounts: [CARD] },
  );
  await money.importStatement(pounds, { name: 'card.xml', sha256: shaOf(pounds) });
});
afterEach(() => t.dispose());

describe('MoneyService.spend', () => {
  it('keeps each currency apart, every month of the range present, zero where nothing was paid', async () => {
    const report = await t.services.money.spend({ from: '2025-01', to: '2025-12' });
    expect(report.months).toHaveLength(12);
    expect(report.currencies.map((c) => c.currency)).toEqual(['EUR', 'GBP']);
    const gbp = report.currencies.find((c) => c.currency === 'GBP');
    expect(gbp?.months.map((m) => m.spentMinor)).toEqual([0, 0, 0, 5900, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(gbp?.total).toEqual({ spentMinor: 5900, receivedMinor: 0, count: 1 });
    const eur = report.currencies.find((c) => c.currency === 'EUR');
    // 2025: eight months at 10,99, four at 12,99, the power bills and the parking; never the pounds.
    const tv = 8 * 1099 + 4 * 1299;
    expect(eur?.total.spentMinor).toBe(tv + 6000 + 7200 + 8000);
    expect(eur?.months[0]).toEqual({ month: '2025-01', spentMinor: 1099 + 6000, receivedMinor: 0, count: 2 });
    expect(eur?.years).toEqual([{ year: '2025', spentMinor: tv + 21_200, receivedMinor: 0, count: 16 }]);
  });

  it('groups by provider, the unassigned by payee, and by category', async () => {
    const eur = (await t.services.money.spend({ from: '2025-01', to: '2025-12' })).currencies[0];
    expect(eur?.payees.map((p) => [p.kind, p.label, p.spentMinor, p.count])).toEqual([
      ['provider', 'Streamline TV', 8 * 1099 + 4 * 1299, 12],
      ['provider', 'Stadtwerke', 13_200, 2],
      ['payee', 'Q-PARK SEASON', 8000, 2],
    ]);
    expect(eur?.categories.map((c) => [c.label, c.spentMinor])).toEqual([
      ['streaming', 8 * 1099 + 4 * 1299],
      ['energy', 13_200],
      ['No category', 8000],
    ]);
    // The chart over time: the top providers month by month, and the rest.
    expect(eur?.series.map((s) => s.label)).toEqual(['Streamline TV', 'Stadtwerke', 'Everything else']);
    expect(eur?.series[1]?.monthsMinor).toEqual([6000, 0, 0, 0, 0, 0, 7200, 0, 0, 0, 0, 0]);
    expect(eur?.series[2]?.monthsMinor.slice(0, 3)).toEqual([0, 4000, 4000]);
  });

  it('spans the bookings when no range is given, with a total per year, and counts money in when asked', async () => {
    const report = await t.services.money.spend({ incoming: true });
    expect([report.from, report.to]).toEqual(['2024-12', '2025-12']);
    const eur = report.currencies.find((c) => c.currency === 'EUR');
    expect(eur?.years.map((y) => [y.year, y.spentMinor, y.receivedMinor])).toEqual([
      ['2025', 8 * 1099 + 4 * 1299 + 21_200, 250_000],
      ['2024', 1099, 0],
    ]);
  });

  it('narrows to one account, one currency and one grouping', async () => {
    const card = await t.services.money.spend({ account: 'GB33 BUKB 2020 1555 5555 55' });
    expect(card.account?.title).toBe('Travel card');
    expect(card.currencies.map((c) => c.currency)).toEqual(['GBP']);
    const byMonth = await t.services.money.spend({ by: 'month', currency: 'EUR' });
    expect(byMonth.currencies.map((c) => c.currency)).toEqual(['EUR']);
    expect(byMonth.currencies[0]?.payees).toEqual([]);
  });

  it('names the field of a bad query', async () => {
    await expect(t.services.money.spend({ from: '2025-13' })).rejects.toThrow(
      /from: must be a month as YYYY-MM/,
    );
    await expect(t.services.money.spend({ from: '2025-06', to: '2025-01' })).rejects.toThrow(
      /to: must not be before from/,
    );
    await expect(t.services.money.spend({ by: 'week' as 'month' })).rejects.toThrow(
      /by: must be month, provider or category/,
    );
  });
});

describe('MoneyService.paidVersusContracted', () => {
  it('prices each charge by the price history and billing cycle, and says the difference in words', async () => {
    const report = await t.services.money.paidVersusContracted({ from: '2025-01', to: '2025-12' });
    const rows = report.contracts.map((c) => ({
      name: c.name,
      charges: c.charges,
      contracted: c.contractedMinor,
      paid: c.paidMinor,
      words: plain(c.words),
    }));
    expect(rows).toEqual([
      // Half-yearly: two charges of 60,00; the July bill was 72,00.
      {
        name: 'Strom',
        charges: 2,
        contracted: 12_000,
        paid: 13_200,
        words: 'Paid 12.00 EUR more than the contract says',
      },
      // Nine months at 10,99 and three at 12,99 the contract says; the bank took 12,99 in September already.
      {
        name: 'Streamline Premium',
        charges: 12,
        contracted: 9 * 1099 + 3 * 1299,
        paid: 8 * 1099 + 4 * 1299,
        words: 'Paid 2.00 EUR more than the contract says',
      },
    ]);
  });

  it('defaults to the last 12 months and says when nothing was paid', async () => {
    const report = await t.services.money.paidVersusContracted();
    expect([report.from, report.to]).toEqual(['2025-04', '2026-03']);
    const power = report.contracts.find((c) => c.name === 'Strom');
    // Charges on 15 July 2025 and 15 January 2026; only July was paid.
    expect(power?.contractedMinor).toBe(12_000);
    expect(power?.paidMinor).toBe(7200);
    expect(plain(power?.words ?? '')).toBe('Paid 48.00 EUR less than the contract says');
  });
});

describe('MoneyService.payments', () => {
  it("lists a provider's payments, the latest first, with the totals of each year", async () => {
    const payments = await t.services.money.payments({ provider: 'Stadtwerke' });
    expect(payments.items.map((p) => [p.bookedOn, p.amountMinor, p.account])).toEqual([
      ['2025-07-15', -7200, 'Girokonto'],
      ['2025-01-15', -6000, 'Girokonto'],
    ]);
    expect(payments.years).toEqual([
      { year: '2025', currency: 'EUR', spentMinor: 13_200, receivedMinor: 0, count: 2 },
    ]);
  });

  it("puts the payments on the provider's timeline", async () => {
    const page = await t.services.providerTimeline.page('Stadtwerke', { kinds: ['payment'] });
    expect(page.items.map((i) => [i.at.slice(0, 10), plain(i.title)])).toEqual([
      ['2025-07-15', 'Paid 72.00 EUR'],
      ['2025-01-15', 'Paid 60.00 EUR'],
    ]);
  });
});
