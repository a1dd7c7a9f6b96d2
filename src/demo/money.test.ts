import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../app.js';
import type { BankTransaction, MoneyAlert, Subscription } from '../money/service.js';
import { daysBetween } from '../platform/dates.js';
import { fixedClock, freshStore, type TestStore } from '../test/store.js';
import { demoBookings, FORGOTTEN_PAYEE, STREAMLINE_RISE_DAYS_AGO } from './bookings.js';
import { demoCalendar, MOVED_DAYS_AGO } from './calendar.js';
import { DEMO_CURRENT_ACCOUNT } from './money.js';
import { seedDemo, type DemoSummary } from './seed.js';

/**
 * Issue 17 point 8: two years of Alex's bookings, imported as statements, show what My money is
 * for: a yearly charge, a price rise, a subscription nobody remembers, and a gym still collecting
 * after it ended. Built on two days, one in a month of 30 days and one at a year's turn, so the
 * dates relative to the demo's day hold whatever day it is built on.
 */
const DAYS = ['2026-11-22', '2027-01-03'];

/** Every booking of the store, oldest first. */
async function allBookings(s: Services): Promise<BankTransaction[]> {
  const out: BankTransaction[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await s.money.transactions({ limit: 500, offset });
    out.push(...page.items);
    if (out.length >= page.total) break;
  }
  return out.sort((a, b) => a.bookedOn.localeCompare(b.bookedOn) || a.id - b.id);
}

describe.each(DAYS)('the demo money on %s', (today) => {
  const cal = demoCalendar(today);
  let t: TestStore;
  let s: Services;
  let summary: DemoSummary;
  let subscriptions: readonly Subscription[];
  let alerts: readonly MoneyAlert[];
  let bookings: BankTransaction[];
  const series = (payee: string) => subscriptions.filter((x) => (x.providerName ?? x.label) === payee);
  const alertsOf = (kind: MoneyAlert['kind']) => alerts.filter((a) => a.kind === kind);

  beforeAll(async () => {
    t = await freshStore(fixedClock(`${today}T12:00:00.000Z`));
    s = t.services;
    summary = await seedDemo(s, today);
    ({ subscriptions, alerts } = await s.money.subscriptions());
    bookings = await allBookings(s);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('imports two years of statements of the current account and the card, as files, with nothing skipped', async () => {
    const imports = (await s.money.imports({ limit: 100 })).items;
    expect(imports.length).toBeGreaterThanOrEqual(16);
    expect(new Set(imports.map((i) => i.format))).toEqual(new Set(['camt', 'ofx']));
    expect(imports.every((i) => i.status === 'done' && i.skipped === 0)).toBe(true);
    expect(imports.reduce((n, i) => n + i.imported, 0)).toBe(summary.bookings);
    expect(bookings.length).toBe(summary.bookings);
    expect(summary.bookings).toBeGreaterThan(600);
    const first = bookings[0]?.bookedOn ?? today;
    expect(daysBetween(first, today)).toBeGreaterThanOrEqual(720);
    expect(bookings.every((b) => b.bookedOn <= today)).toBe(true);
    // Each statement was imported after the period it covers, not all on the demo's day.
    expect(imports.filter((i) => i.startedAt.slice(0, 10) < today).length).toBeGreaterThanOrEqual(14);
  });

  it('links the current account to the vault fact by its IBAN', async () => {
    const accounts = await s.money.accounts();
    const current = accounts.find((a) => a.iban === DEMO_CURRENT_ACCOUNT.iban);
    expect(current).toMatchObject({
      factLabel: 'current account',
      title: 'current account',
      currency: 'GBP',
    });
    const fact = await s.vault.resolve('current account');
    expect(current?.factId).toBe(fact.id);
    expect(accounts).toHaveLength(2);
  });

  it('finds the card’s yearly fee and pays it to its contract', () => {
    const [fee] = series('Kestrel Card').filter((x) => x.cadence.kind === 'yearly');
    expect(fee).toMatchObject({ amountMinor: 9500, currency: 'GBP', ended: false });
    expect(fee?.contract?.name).toBe('Rewards card annual fee');
    expect(fee?.paymentIds).toHaveLength(2);
  });

  it('catches Streamline TV’s rise from 10.99 to 12.99, on the day of the first dearer payment', () => {
    const rises = alertsOf('price-rise').filter((a) => a.message.startsWith('Streamline TV: '));
    const rise = rises.find((a) => a.toMinor === 1299);
    expect(rise).toMatchObject({ fromMinor: 1099, currency: 'GBP', importance: 'normal' });
    const dearer = bookings.filter((b) => b.counterpartyName === 'STREAMLINE TV' && b.amountMinor === -1299);
    expect(rise?.on).toBe(dearer[0]?.bookedOn);
    expect(daysBetween(rise?.on ?? '', cal.ago(STREAMLINE_RISE_DAYS_AGO))).toBeLessThanOrEqual(0);
    expect(rise?.message).toMatch(/^Streamline TV: 10\.99 GBP → 12\.99 GBP from \d{1,2} \w+ \d{4}$/u);
    // The contract still says 10.99: the bank's price is shown against it.
    const mismatch = alertsOf('mismatch').find((a) => a.message.startsWith('Standard plan:'));
    expect(mismatch).toMatchObject({ fromMinor: 1099, toMinor: 1299 });
    // And the earlier rise, from 9.99, is there too: the price has gone up twice.
    expect(rises.map((a) => `${a.fromMinor} → ${a.toMinor}`)).toEqual(['1099 → 1299', '999 → 1099']);
  });

  it('flags the app subscription no contract covers as new', () => {
    const alert = alertsOf('new-subscription').find((a) => a.message.startsWith(`${FORGOTTEN_PAYEE}:`));
    expect(alert).toMatchObject({ providerId: null, toMinor: 499, currency: 'GBP' });
    expect(alert?.paymentIds.length).toBeGreaterThanOrEqual(9);
    expect(series(FORGOTTEN_PAYEE)[0]).toMatchObject({
      cadence: { kind: 'monthly', every: 1 },
      contract: null,
    });
  });

  it('catches the Ironworks Gym still collecting twice after its contract ended', async () => {
    const contract = (await s.contracts.list({ includeEnded: true })).find(
      (c) => c.name === 'Anytime membership',
    );
    expect(contract?.endDate).toBe(cal.ago(MOVED_DAYS_AGO + 5));
    const charging = alertsOf('still-charging');
    expect(charging).toHaveLength(1);
    const [alert] = charging;
    expect(alert).toMatchObject({ contractId: contract?.id, importance: 'high', totalMinor: 6400 });
    const paid = bookings.filter((b) => alert?.paymentIds.includes(b.id));
    expect(paid).toHaveLength(2);
    expect(paid.every((b) => b.amountMinor === -3200 && b.bookedOn > (contract?.endDate ?? ''))).toBe(true);
    expect(paid.every((b) => b.providerId === contract?.providerId)).toBe(true);
  });

  it('finds a half-yearly and a quarterly series, each paying its contract', () => {
    const [saver] = series('Railway Saver Cards');
    expect(saver).toMatchObject({ cadence: { kind: 'monthly', every: 6 }, amountMinor: 1500 });
    expect(saver?.contract?.name).toBe('Off-peak saver card');
    const [water] = series('Pennine Water');
    expect(water).toMatchObject({ cadence: { kind: 'monthly', every: 3 }, amountMinor: 11670 });
    expect(water?.contract?.name).toBe('Water and sewerage');
  });

  it('links each of Contour Mobile’s two monthly payments to the contract at its price', () => {
    const names = series('Contour Mobile').map((x) => x.contract?.name ?? null);
    expect(names.sort()).toEqual(['Handset insurance', 'SIM only 30GB']);
  });

  it('raises no alert beyond what the demo plants', () => {
    const planted = alerts.filter(
      (a) =>
        a.message.startsWith('Streamline TV:') ||
        a.message.startsWith('Standard plan:') ||
        a.message.startsWith(`${FORGOTTEN_PAYEE}:`) ||
        a.message.startsWith('Anytime membership:'),
    );
    expect(alerts.filter((a) => !planted.includes(a)).map((a) => a.message)).toEqual([]);
  });

  it('matches most bookings to their providers and leaves some with a suggestion from the directory', () => {
    const byCustomerNumber = bookings.filter((b) => b.matchBy === 'customer_number');
    expect(new Set(byCustomerNumber.map((b) => b.provider))).toContain('Brightside Energy');
    expect(bookings.filter((b) => b.matchBy === 'name').length).toBeGreaterThan(100);
    const suggested = bookings.filter((b) => b.providerId === null && b.matchBy === 'directory');
    expect(suggested.length).toBeGreaterThan(10);
    expect(new Set(suggested.map((b) => b.evidence?.matched))).toEqual(
      new Set([
        'directory entry Marks and Spencer plc',
        'directory entry Roofoods Limited',
        'directory entry Uber Technologies Inc.',
      ]),
    );
    expect(bookings.filter((b) => b.providerId === null && b.matchBy === null).length).toBeGreaterThan(50);
  });
});

describe('the demo bookings', () => {
  it('are the same for the same day and all fall within the two years before it', () => {
    const cal = demoCalendar('2026-11-22');
    const a = demoBookings(cal);
    expect(demoBookings(demoCalendar('2026-11-22'))).toEqual(a);
    for (const b of [...a.current, ...a.card]) {
      expect(b.on <= cal.today && b.on >= cal.ago(730), b.on).toBe(true);
      expect(Number.isSafeInteger(b.minor) && b.minor !== 0).toBe(true);
    }
  });
});
