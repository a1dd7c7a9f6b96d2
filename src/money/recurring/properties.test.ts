import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CADENCES, Schedule, fromDay, matchWindow, periodDays, toDay } from './calendar.js';
import { detectRecurring } from './detect.js';
import type { Payment } from './types.js';

/**
 * Properties of detection over generated series: any cadence, drift within the tolerance (a day
 * for weekly cadences, where the tolerance is a matter of weekends), noise around it.
 */

const payment = (id: number, day: number, amountMinor: number, name: string): Payment => ({
  id,
  accountId: 1,
  bookedOn: fromDay(day),
  amountMinor,
  currency: 'EUR',
  providerId: null,
  providerName: null,
  creditorId: null,
  mandateReference: null,
  counterpartyIban: null,
  counterpartyName: name,
  text: null,
  contractId: null,
});

const scenario = fc
  .record({
    cadenceIndex: fc.integer({ min: 0, max: CADENCES.length - 1 }),
    start: fc.integer({ min: 0, max: 2000 }),
    dueDay: fc.integer({ min: 1, max: 28 }),
    amount: fc.integer({ min: 100, max: 50_000 }),
    count: fc.integer({ min: 0, max: 19 }),
    drifts: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 30, maxLength: 30 }),
    others: fc.array(
      fc.record({
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        amount: fc.integer({ min: 50, max: 90_000 }),
      }),
      {
        maxLength: 40,
      },
    ),
    extras: fc.array(
      fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), factor: fc.integer({ min: 3, max: 9 }) }),
      {
        maxLength: 3,
      },
    ),
  })
  .map((s) => {
    const def = CADENCES[s.cadenceIndex] ?? CADENCES[3];
    if (def === undefined) throw new Error('no cadence');
    const long = def.minPayments === 2;
    return { ...s, def, count: long ? 3 + (s.count % 4) : 5 + s.count };
  });

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** The series' payments (ids 1…count), their due days before drift, and the noise after them. */
function build(s: Scenario, driftScale = 1): { series: Payment[]; all: Payment[]; due: number[] } {
  const { cadence, toleranceDays } = s.def;
  const base = toDay('2019-01-01') + s.start;
  const anchor =
    cadence.kind === 'weekly'
      ? base
      : toDay(`${fromDay(base).slice(0, 8)}${String(s.dueDay).padStart(2, '0')}`);
  const schedule = new Schedule(cadence, anchor);
  const drift = cadence.kind === 'weekly' ? 1 : toleranceDays;
  const series = Array.from({ length: s.count }, (_, k) =>
    payment(
      k + 1,
      schedule.at(k) + Math.round((s.drifts[k] ?? 0) * drift * driftScale),
      -s.amount,
      'ACME STREAMING',
    ),
  );
  const span = schedule.at(s.count - 1) - anchor + 60;
  const noise = s.others.map((o, i) =>
    payment(
      100 + i,
      anchor - 30 + Math.floor(o.at * span),
      -o.amount,
      `SHOP ${String.fromCharCode(65 + (i % 26))}`,
    ),
  );
  // One-off purchases from the same payee at other prices, where the payee is paid often anyway.
  const frequent = periodDays(cadence) <= 31;
  const extras = frequent
    ? s.extras.map((e, i) =>
        payment(200 + i, anchor + Math.floor(e.at * span), -s.amount * e.factor - 1, 'ACME STREAMING'),
      )
    : [];
  return { series, all: [...series, ...noise, ...extras], due: series.map((_, k) => schedule.at(k)) };
}

const ofAcme = (found: ReturnType<typeof detectRecurring>) =>
  found.filter((f) => f.label === 'ACME STREAMING');

describe('detectRecurring, properties', () => {
  it('finds a series of any cadence with drift within tolerance, with all its payments, among noise', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        // Drift up to 40 % of the tolerance (2 days for monthly payments). Wider, a short series
        // is truly ambiguous: a monthly payment on 4 Jan, 1 Feb, 1 Mar, 1 Apr and 28 Apr is
        // 3 days off its months at most, and as far off four-weekly dates (4 Jan, 1 Feb, 1 Mar,
        // 29 Mar, 26 Apr); either answer is a guess. The crafted cases in detect.test.ts hold the
        // wider drifts banks really show (weekends, holidays), each with a cadence that is clear.
        const { series, all } = build(s, 0.4);
        const last = series[series.length - 1]?.bookedOn ?? '2030-01-01';
        const found = ofAcme(detectRecurring(all, { today: last }));
        expect(found).toHaveLength(1);
        const [one] = found;
        expect({ kind: one?.cadence.kind, every: one?.cadence.every }).toEqual(s.def.cadence);
        expect([...(one?.paymentIds ?? [])].sort((a, b) => a - b)).toEqual(series.map((p) => p.id));
        expect(one?.amountMinor).toBe(s.amount);
        expect(one?.priceChanges).toEqual([]);
        expect(one?.missed).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('takes a payment moved half a period away as missed, not as a crash or a new cadence', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 100 }), (s, which) => {
        const { series, all, due } = build(s, 0.5);
        // With fewer, what is left may fairly read as another cadence: a pair of a longer one, or
        // four-weekly payments as monthly ones over a few months.
        if (series.length < (s.def.minPayments === 2 ? 5 : 8)) return;
        // A weekly payment moved by half a week is only three or four days off: still its week. A
        // four-weekly series cut in two by a gap may read as monthly for a few months on one side.
        if (s.def.cadence.kind === 'weekly' && s.def.cadence.every !== 2) return;
        const moved = 1 + (which % (series.length - 2));
        const target = series[moved];
        if (target === undefined) return;
        // Half a period: beyond the match window of its own date; nearer the next, whose own payment is nearer still.
        const half = Math.ceil(periodDays(s.def.cadence) / 2);
        expect(half).toBeGreaterThan(matchWindow(s.def.cadence, s.def.toleranceDays) - 1);
        // From its due day, not from where drift put it: drift back towards the due day would
        // bring it inside the window again (a monthly payment 16 days on and 1 day back).
        const shifted = all.map((p) =>
          p.id === target.id ? { ...p, bookedOn: fromDay((due[moved] ?? toDay(p.bookedOn)) + half) } : p,
        );
        const last = series[series.length - 1]?.bookedOn ?? '2030-01-01';
        const found = ofAcme(detectRecurring(shifted, { today: last }));
        const holding = found.find((f) => f.paymentIds.includes(series[series.length - 1]?.id ?? -1));
        expect({ kind: holding?.cadence.kind, every: holding?.cadence.every }).toEqual(s.def.cadence);
        if (holding === undefined) return;
        expect(holding.paymentIds).not.toContain(target.id);
        expect(holding.missed.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('takes one payment at another amount in the middle as an outlier, not a price change', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 100 }), (s, which) => {
        // Drift within 40 % of the tolerance, as in the first property: beyond it a series' first
        // and last payments may fairly read as a month apart from the rest (a payment 4 days early
        // and one 5 days late, 14 months apart: seed 1573153481), and this property is about the
        // amount, not the dates.
        const { series, all } = build(s, 0.4);
        if (series.length < 6) return;
        const target = series[3 + (which % (series.length - 5))];
        if (target === undefined) return;
        const changed = all.map((p) =>
          p.id === target.id ? { ...p, amountMinor: Math.round(p.amountMinor * 1.5) } : p,
        );
        const last = series[series.length - 1]?.bookedOn ?? '2030-01-01';
        const [one, ...rest] = ofAcme(detectRecurring(changed, { today: last }));
        expect(rest).toEqual([]);
        expect(one?.outliers.map((o) => o.paymentId)).toEqual([target.id]);
        expect(one?.priceChanges).toEqual([]);
        expect(one?.paymentIds).toHaveLength(series.length);
      }),
      { numRuns: 200 },
    );
  });
});
