import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';

/** A clock the test moves: noon UTC of the day it is set to. */
function movableClock(day: string) {
  let now = new Date(`${day}T12:00:00.000Z`);
  return {
    clock: () => now,
    set: (next: string) => {
      now = new Date(`${next}T12:00:00.000Z`);
    },
  };
}

interface ParsedEvent {
  uid: string;
  sequence: number;
  date: string;
  summary: string;
  alarms: string[];
}

/** The feed's events as ical.js reads them, by summary. */
function eventsOf(text: string): Map<string, ParsedEvent> {
  const calendar = ICAL.Component.fromString(text);
  const events = calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return {
      uid: event.uid,
      sequence: event.sequence,
      date: event.startDate.toString(),
      summary: event.summary,
      alarms: v.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger'))),
    };
  });
  return new Map(events.map((e) => [e.summary, e]));
}

let stores: TestStore[] = [];
afterEach(async () => {
  await Promise.all(stores.map((s) => s.dispose()));
  stores = [];
});

async function storeOn(day: string) {
  const time = movableClock(day);
  const t = await freshStore(time.clock);
  stores.push(t);
  return { t, time, services: t.services };
}

/** Brightside Energy's yearly electricity contract, renewing on 1 June with three months' notice. */
async function brightside(t: TestStore) {
  const provider = await t.services.providers.add({ name: 'Brightside Energy' });
  const contract = await t.services.contracts.add({
    providerId: provider.id,
    name: 'Strom',
    price: '1.234,56',
    currency: 'EUR',
    billingCycle: 'yearly',
    startDate: '2025-06-01',
    noticePeriod: 'P3M',
  });
  return { provider, contract };
}

describe('CalendarService.feed', () => {
  it('gives every event the same UID on every fetch, and keeps SEQUENCE 0 while nothing changes', async () => {
    const { t, services } = await storeOn('2026-03-15');
    const { provider } = await brightside(t);
    await services.interactions.add({
      providerId: provider.id,
      channel: 'phone',
      direction: 'outbound',
      subject: 'Meter reading',
      followUpOn: '2026-03-20',
    });
    const first = eventsOf(await services.calendar.feed());
    const second = eventsOf(await services.calendar.feed());
    expect([...first.keys()].sort()).toEqual([
      'Follow up: Brightside Energy – Meter reading',
      'Last day to cancel: Brightside Energy – Strom',
      'Renewal: Brightside Energy – Strom',
    ]);
    expect([...second.values()]).toEqual([...first.values()]);
    for (const event of second.values()) expect(event.sequence).toBe(0);
    expect(first.get('Renewal: Brightside Energy – Strom')).toMatchObject({ date: '2026-06-01' });
    // The last day before June's renewal (1 March) has passed: the next chance is a year on.
    expect(first.get('Last day to cancel: Brightside Energy – Strom')).toMatchObject({ date: '2027-03-01' });
  });

  it('keeps the UID and raises SEQUENCE when a renewal moves; an unchanged event keeps its SEQUENCE', async () => {
    const { t, services } = await storeOn('2026-01-15');
    const { provider, contract } = await brightside(t);
    const other = await services.contracts.add({
      providerId: provider.id,
      name: 'Gas',
      price: '50',
      currency: 'EUR',
      billingCycle: 'monthly',
      startDate: '2026-01-05',
    });
    const before = eventsOf(await services.calendar.feed());
    await services.contracts.update(contract.id, { renewsOn: '2026-07-01' });
    const after = eventsOf(await services.calendar.feed());
    const renewal = 'Renewal: Brightside Energy – Strom';
    expect(before.get(renewal)).toMatchObject({ date: '2026-06-01', sequence: 0 });
    expect(after.get(renewal)).toMatchObject({
      date: '2026-07-01',
      sequence: 1,
      uid: before.get(renewal)?.uid,
    });
    const gas = 'Renewal: Brightside Energy – Gas';
    expect(after.get(gas)).toEqual(before.get(gas));
    // A third fetch with nothing changed raises nothing.
    expect(eventsOf(await services.calendar.feed()).get(renewal)?.sequence).toBe(1);
    expect(other.id).toBeGreaterThan(0);
  });

  it('shows the last day to cancel the dashboard shows, with reminders a week and a day before at 09:00', async () => {
    const { t, services } = await storeOn('2026-03-15');
    const { contract } = await brightside(t);
    const derived = (await services.contracts.get(contract.id)).derived;
    // The last day before the June renewal (1 March) has passed: the next chance is a year on.
    expect(derived.nextChance).toEqual({ renewsOn: '2027-06-01', cancelBy: '2027-03-01' });
    const events = eventsOf(await services.calendar.feed());
    expect(events.get('Last day to cancel: Brightside Energy – Strom')).toMatchObject({
      date: '2027-03-01',
      alarms: ['-P6DT15H', '-PT15H'],
    });
    expect(events.get('Renewal: Brightside Energy – Strom')?.alarms).toEqual([]);
  });

  it('gives two stores different UIDs for the same records', async () => {
    const a = await storeOn('2026-03-15');
    const b = await storeOn('2026-03-15');
    await brightside(a.t);
    await brightside(b.t);
    const uidsA = [...eventsOf(await a.services.calendar.feed()).values()].map((e) => e.uid);
    const uidsB = [...eventsOf(await b.services.calendar.feed()).values()].map((e) => e.uid);
    expect(uidsA).toHaveLength(2);
    expect(uidsA.filter((uid) => uidsB.includes(uid))).toEqual([]);
  });

  it('drops an event that is gone, and brings it back with a higher SEQUENCE', async () => {
    const { t, services } = await storeOn('2026-03-15');
    const provider = await t.services.providers.add({ name: 'Contoso Mobile' });
    const call = await services.interactions.add({
      providerId: provider.id,
      channel: 'phone',
      direction: 'outbound',
      subject: 'Roaming refund',
      followUpOn: '2026-03-22',
    });
    const summary = 'Follow up: Contoso Mobile – Roaming refund';
    const first = eventsOf(await services.calendar.feed()).get(summary);
    await services.interactions.completeFollowUp(call.id, '2026-03-16');
    expect(eventsOf(await services.calendar.feed()).has(summary)).toBe(false);
    await services.interactions.update(call.id, { followUpDoneOn: null });
    const back = eventsOf(await services.calendar.feed()).get(summary);
    expect(back).toMatchObject({ uid: first?.uid, sequence: 1, date: '2026-03-22' });
  });

  it('moves a renewal to the next one once its day has passed, as the same event', async () => {
    const { t, time, services } = await storeOn('2026-01-20');
    const provider = await t.services.providers.add({ name: 'Fabrikam Broadband' });
    await services.contracts.add({
      providerId: provider.id,
      name: 'Fibre 500',
      price: '39,99',
      currency: 'EUR',
      billingCycle: 'monthly',
      startDate: '2025-10-31',
    });
    const summary = 'Renewal: Fabrikam Broadband – Fibre 500';
    const january = eventsOf(await services.calendar.feed()).get(summary);
    expect(january?.date).toBe('2026-01-31');
    time.set('2026-02-01');
    const february = eventsOf(await services.calendar.feed()).get(summary);
    // 31 January + 1 month is 28 February, never 3 March.
    expect(february).toMatchObject({ date: '2026-02-28', sequence: 1, uid: january?.uid });
  });
});

describe('month ends and leap years', () => {
  const renewalOn = async (asOf: string, fields: Record<string, string>) => {
    const { t, services } = await storeOn(asOf);
    const provider = await t.services.providers.add({ name: 'Northwind Insurance' });
    await services.contracts.add({
      providerId: provider.id,
      name: 'Contents',
      price: '10',
      currency: 'GBP',
      billingCycle: 'monthly',
      ...fields,
    });
    const agenda = await services.calendar.agenda({ from: asOf });
    const events = agenda.months.flatMap((m) => m.events);
    return {
      renewal: events.find((e) => e.kind === 'renewal')?.date,
      cancelBy: events.find((e) => e.kind === 'cancel-by')?.date,
    };
  };

  it('renews a contract begun on 31 January on 28 February, and on 29 February in a leap year', async () => {
    expect((await renewalOn('2027-02-01', { startDate: '2027-01-31' })).renewal).toBe('2027-02-28');
    expect((await renewalOn('2028-02-01', { startDate: '2028-01-31' })).renewal).toBe('2028-02-29');
    // And on 31 March after that: each renewal counts from the start, so it never drifts to the 28th.
    expect((await renewalOn('2027-03-01', { startDate: '2027-01-31' })).renewal).toBe('2027-03-31');
  });

  it('counts a month’s notice back across a month end: 31 March less a month is 28 February', async () => {
    const days = await renewalOn('2027-02-01', {
      startDate: '2026-03-31',
      billingCycle: 'yearly',
      noticePeriod: 'P1M',
    });
    expect(days).toEqual({ renewal: '2027-03-31', cancelBy: '2027-02-28' });
    const leap = await renewalOn('2028-02-01', {
      startDate: '2027-03-31',
      billingCycle: 'yearly',
      noticePeriod: 'P1M',
    });
    expect(leap).toEqual({ renewal: '2028-03-31', cancelBy: '2028-02-29' });
  });

  it('renews a yearly contract begun on 29 February on 28 February, and on 29 February again in a leap year', async () => {
    const yearly = { startDate: '2024-02-29', billingCycle: 'yearly' };
    expect((await renewalOn('2025-01-01', yearly)).renewal).toBe('2025-02-28');
    expect((await renewalOn('2028-01-01', yearly)).renewal).toBe('2028-02-29');
  });
});

describe('CalendarService.agenda', () => {
  it('lists the next twelve months by month, with late follow-ups first', async () => {
    const { t, services } = await storeOn('2026-03-15');
    const { provider } = await brightside(t);
    await services.interactions.add({
      providerId: provider.id,
      channel: 'email',
      direction: 'outbound',
      subject: 'Final bill',
      followUpOn: '2026-03-01',
    });
    const agenda = await services.calendar.agenda();
    expect(agenda.from).toBe('2026-03-15');
    expect(agenda.until).toBe('2027-03-15');
    expect(agenda.overdue.map((e) => e.summary)).toEqual(['Follow up: Brightside Energy – Final bill']);
    expect(agenda.months.map((m) => [m.month, m.events.map((e) => e.summary)])).toEqual([
      ['2026-06', ['Renewal: Brightside Energy – Strom']],
      ['2027-03', ['Last day to cancel: Brightside Energy – Strom']],
    ]);
    expect(agenda.months[0]?.events[0]).toMatchObject({ route: `providers/${provider.id}` });
    expect(agenda.total).toBe(3);
  });

  it('refuses a window that ends before it begins, naming the field', async () => {
    const { services } = await storeOn('2026-03-15');
    await expect(services.calendar.agenda({ from: '2026-05-01', until: '2026-04-01' })).rejects.toThrow(
      /^until: 2026-04-01 is before from/,
    );
    await expect(services.calendar.agenda({ from: '2026-02-30' })).rejects.toThrow(/from.*real date/);
  });
});

describe('the feed’s secret address', () => {
  it('is shown once, kept only as its hash, replaced on renewal and ended on revocation', async () => {
    const { services } = await storeOn('2026-03-15');
    expect(await services.calendar.feedStatus()).toEqual({ active: false, createdAt: null });
    const first = await services.calendar.renewFeed();
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.path).toBe(`/calendar/${first.token}.ics`);
    expect(await services.calendar.isFeedToken(first.token)).toBe(true);
    expect(JSON.stringify(await services.calendar.feedStatus())).not.toContain(first.token);
    const second = await services.calendar.renewFeed();
    expect(await services.calendar.isFeedToken(first.token)).toBe(false);
    expect(await services.calendar.isFeedToken(second.token)).toBe(true);
    await services.calendar.revokeFeed();
    expect(await services.calendar.isFeedToken(second.token)).toBe(false);
    expect(await services.calendar.isFeedToken('x'.repeat(10_000))).toBe(false);
  });
});
