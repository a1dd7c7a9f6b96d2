import { describe, expect, it } from 'vitest';
import { detectRecurring } from './detect.js';
import { months, paymentMaker, plusDays } from './test-payments.js';
import type { Payment } from './types.js';

const only = (payments: Payment[], today: string) => {
  const found = detectRecurring(payments, { today });
  expect(found).toHaveLength(1);
  const [series] = found;
  if (series === undefined) throw new Error('no series');
  return series;
};

describe('detectRecurring: the crafted cases of issue 17', () => {
  it('finds a yearly charge paid three years running, drifting a few days', () => {
    const pay = paymentMaker();
    const payments = ['2023-03-14', '2024-03-15', '2025-03-18'].map((d) =>
      pay(d, -8900, { counterpartyName: 'CLOUDVAULT BACKUP' }),
    );
    const series = only(payments, '2025-06-01');
    expect(series.cadence).toEqual({ kind: 'yearly', every: 1 });
    expect(series.paymentIds).toEqual([1, 2, 3]);
    expect(series.amountMinor).toBe(8900);
    expect(series.ended).toBe(false);
    expect(series.nextExpectedOn.slice(0, 7)).toBe('2026-03');
    expect(series.explanation).toMatch(
      /^Paid 3 times, yearly around 1\d March, from 14 Mar 2023; 89\.00 GBP each time/u,
    );
  });

  it('takes two payments a year apart with one amount as a yearly charge, less sure than three', () => {
    const pay = paymentMaker();
    const two = only(
      [
        pay('2024-05-02', -4999, { counterpartyName: 'DOMAINS R US' }),
        pay('2025-05-06', -4999, { counterpartyName: 'DOMAINS R US' }),
      ],
      '2025-06-01',
    );
    expect(two.cadence.kind).toBe('yearly');
    expect(two.explanation).toContain('Two payments one period apart with similar amounts: likely yearly');
    const three = only(
      ['2023-03-14', '2024-03-15', '2025-03-18'].map((d) =>
        pay(d, -8900, { counterpartyName: 'CLOUDVAULT' }),
      ),
      '2025-06-01',
    );
    expect(two.confidence).toBeLessThan(three.confidence);
  });

  it('finds a quarterly charge', () => {
    const pay = paymentMaker();
    const dates = ['2025-01-10', '2025-04-11', '2025-07-09', '2025-10-13', '2026-01-10'];
    const series = only(
      dates.map((d) =>
        pay(d, -3000, { creditorId: 'DE98ZZZ09999999999', counterpartyName: 'Stadtwerke Wasser' }),
      ),
      '2026-02-01',
    );
    expect(series.cadence).toEqual({ kind: 'monthly', every: 3 });
    expect(series.identity).toBe('creditor');
    expect(series.explanation).toContain('quarterly around 10 January');
  });

  it('finds a monthly debit moved to the next working day after weekends and bank holidays', () => {
    const pay = paymentMaker();
    // Due on the 1st; a Saturday or Sunday goes to Monday, and New Year's Day and the Easter
    // Monday of 2024 one day further: up to 3 days late, then on time again.
    const holidays = new Set(['2024-01-01', '2024-04-01', '2025-01-01']);
    const working = (date: string): string => {
      let d = date;
      while ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) || holidays.has(d)) d = plusDays(d, 1);
      return d;
    };
    const dates = months('2024-01-01', 15).map(working);
    expect(dates.filter((d) => !d.endsWith('-01')).length).toBeGreaterThanOrEqual(4);
    const series = only(
      dates.map((d) => pay(d, -4500, { counterpartyName: 'HARBOUR GYM' })),
      '2025-03-20',
    );
    expect(series.cadence).toEqual({ kind: 'monthly', every: 1 });
    expect(series.paymentIds).toHaveLength(15);
    expect(series.missed).toEqual([]);
  });

  it('reports a price rise with the date of the first higher payment', () => {
    const pay = paymentMaker();
    const dates = months('2025-10-14', 8);
    const payments = dates.map((d) =>
      pay(d, d < '2026-03-14' ? -1099 : -1299, { counterpartyName: 'STREAMLINE TV' }),
    );
    const series = only(payments, '2026-05-20');
    expect(series.amountMinor).toBe(1299);
    expect(series.priceChanges).toEqual([{ fromMinor: 1099, toMinor: 1299, on: '2026-03-14', paymentId: 6 }]);
    expect(series.outliers).toEqual([]);
    expect(series.explanation).toContain('10.99 GBP until 14 Feb 2026, 12.99 GBP since 14 Mar 2026');
  });

  it('keeps a payee renamed mid-year as one series, known by name only', () => {
    const pay = paymentMaker();
    const payments = months('2025-01-03', 12).map((d) =>
      pay(d, -799, { counterpartyName: d < '2025-07-01' ? 'MOVIEBOX LTD' : 'FILMHAUS STREAMING' }),
    );
    const series = only(payments, '2026-01-10');
    expect(series.paymentIds).toHaveLength(12);
    expect(series.renamed).toEqual([{ from: 'MOVIEBOX LTD', to: 'FILMHAUS STREAMING', on: '2025-07-03' }]);
    expect(series.label).toBe('FILMHAUS STREAMING');
    expect(series.explanation).toContain(
      'the payee\'s name changed from "MOVIEBOX LTD" to "FILMHAUS STREAMING" on 3 Jul 2025',
    );
  });

  it('keeps a payee renamed under one SEPA mandate as one series', () => {
    const pay = paymentMaker();
    const payments = months('2025-01-03', 8).map((d) =>
      pay(d, -2500, {
        creditorId: 'GB12ZZZSDDBARC0000007495895',
        mandateReference: 'M-1',
        counterpartyName: d < '2025-05-01' ? 'OLDGYM' : 'NEWGYM',
      }),
    );
    const series = only(payments, '2025-09-01');
    expect(series.identity).toBe('mandate');
    expect(series.renamed).toEqual([{ from: 'OLDGYM', to: 'NEWGYM', on: '2025-05-03' }]);
  });

  it('tells two subscriptions with one payee apart by amount', () => {
    const pay = paymentMaker();
    const payments = months('2025-01-05', 6).flatMap((d) => [
      pay(d, -999, { counterpartyName: 'APPLE.COM/BILL' }),
      pay(plusDays(d, 1), -299, { counterpartyName: 'APPLE.COM/BILL' }),
    ]);
    const found = detectRecurring(payments, { today: '2025-07-01' });
    expect(found.map((s) => s.amountMinor).sort()).toEqual([299, 999]);
    expect(found.every((s) => s.paymentIds.length === 6 && s.priceChanges.length === 0)).toBe(true);
    expect(new Set(found.map((s) => s.key)).size).toBe(2);
  });

  it('follows a charge on the last day of each month, February included', () => {
    const pay = paymentMaker();
    const dates = ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30'];
    const series = only(
      dates.map((d) => pay(d, -1500, { counterpartyName: 'RENTAL GARAGE' })),
      '2024-07-10',
    );
    expect(series.cadence).toEqual({ kind: 'monthly', every: 1, monthEnd: true });
    expect(series.nextExpectedOn).toBe('2024-07-31');
    expect(series.missed).toEqual([]);
    expect(series.explanation).toContain('monthly on the last day of the month');
  });

  it('finds a weekly payment with a day of drift', () => {
    const pay = paymentMaker();
    const payments = [0, 7, 15, 21, 27, 35, 42, 49].map((offset) =>
      pay(plusDays('2025-03-03', offset), -450, { counterpartyName: 'VEGBOX CO' }),
    );
    const series = only(payments, '2025-04-25');
    expect(series.cadence).toEqual({ kind: 'weekly', every: 1 });
    expect(series.paymentIds).toHaveLength(8);
    expect(series.explanation).toContain('weekly on Mondays');
  });

  it('tells every four weeks from monthly', () => {
    const pay = paymentMaker();
    const fourWeekly = Array.from({ length: 13 }, (_, k) =>
      pay(plusDays('2025-01-06', 28 * k), -1200, { counterpartyName: 'PHONE PLAN' }),
    );
    const monthly = months('2025-01-06', 12).map((d) => pay(d, -1200, { counterpartyName: 'GYM CLUB' }));
    const found = detectRecurring([...fourWeekly, ...monthly], { today: '2026-01-01' });
    const byLabel = Object.fromEntries(found.map((s) => [s.label, s]));
    expect(byLabel['PHONE PLAN']?.cadence).toEqual({ kind: 'weekly', every: 4 });
    expect(byLabel['PHONE PLAN']?.paymentIds).toHaveLength(13);
    expect(byLabel['GYM CLUB']?.cadence).toEqual({ kind: 'monthly', every: 1 });
    expect(byLabel['GYM CLUB']?.paymentIds).toHaveLength(12);
    expect(found).toHaveLength(2);
  });

  it('lists a missed payment inside the series and one that is overdue now', () => {
    const pay = paymentMaker();
    const dates = months('2025-01-10', 8).filter((d) => d !== '2025-04-10');
    const series = only(
      dates.map((d) => pay(d, -2000, { counterpartyName: 'INSURE DIRECT' })),
      '2025-09-20',
    );
    expect(series.missed).toEqual([{ expectedOn: '2025-04-10' }, { expectedOn: '2025-09-10' }]);
    expect(series.nextExpectedOn).toBe('2025-09-10');
    expect(series.ended).toBe(false);
  });

  it('marks a series whose payments stopped long ago as ended', () => {
    const pay = paymentMaker();
    const series = only(
      months('2024-01-10', 6).map((d) => pay(d, -2000, { counterpartyName: 'OLD MAGAZINE' })),
      '2025-01-01',
    );
    expect(series.ended).toBe(true);
    expect(series.nextExpectedOn).toBe('2024-07-10');
    expect(series.missed).toEqual([]);
    expect(series.explanation).toContain('seems to have ended');
  });

  it('takes a one-off different amount as an outlier, not a price rise', () => {
    const pay = paymentMaker();
    const payments = months('2025-01-10', 7).map((d) =>
      pay(d, d === '2025-04-10' ? -1499 : -999, { counterpartyName: 'MUSICFLOW' }),
    );
    const series = only(payments, '2025-08-01');
    expect(series.priceChanges).toEqual([]);
    expect(series.outliers).toEqual([{ paymentId: 4, amountMinor: 1499, on: '2025-04-10' }]);
    expect(series.amountMinor).toBe(999);
    expect(series.paymentIds).toHaveLength(7);
  });

  it.each([1, 7, 42, 1234, 99_999])(
    'finds no series in groceries bought at one shop on irregular days (seed %i)',
    (start) => {
      const pay = paymentMaker();
      let seed = start;
      const random = (): number => {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        return seed / 2_147_483_648;
      };
      const payments: Payment[] = [];
      let date = '2024-01-02';
      for (let i = 0; i < 300; i++) {
        date = plusDays(date, 1 + Math.floor(random() * 6));
        payments.push(
          pay(date, -(800 + Math.floor(random() * 9000)), {
            counterpartyName: `TESCO STORES ${3000 + i} LONDON`,
          }),
        );
      }
      expect(detectRecurring(payments, { today: '2026-01-01' })).toEqual([]);
    },
  );

  it('leaves the salary out, and flags it as incoming when asked for', () => {
    const pay = paymentMaker();
    const payments = months('2025-01-28', 10).map((d) =>
      pay(d, 310_000, { counterpartyName: 'ACME PAYROLL' }),
    );
    expect(detectRecurring(payments, { today: '2025-11-01' })).toEqual([]);
    const [salary] = detectRecurring(payments, { today: '2025-11-01', incoming: true });
    expect(salary?.incoming).toBe(true);
    expect(salary?.explanation).toMatch(/^Received 10 times, monthly/u);
  });

  it('takes a bill that varies a little every month as one varying series', () => {
    const pay = paymentMaker();
    const amounts = [-6120, -5890, -6433, -6010, -5702, -6255, -6188];
    const payments = months('2025-01-20', 7).map((d, i) =>
      pay(d, amounts[i] ?? 0, { counterpartyName: 'POWERGRID ENERGY' }),
    );
    const series = only(payments, '2025-08-01');
    expect(series.variable).toBe(true);
    expect(series.priceChanges).toEqual([]);
    expect(series.explanation).toContain('a varying amount between 57.02 GBP and 64.33 GBP');
  });

  it('keeps the key when a later statement adds payments', () => {
    const pay = paymentMaker();
    const payments = months('2025-01-10', 8).map((d) => pay(d, -999, { counterpartyName: 'MUSICFLOW' }));
    const before = only(payments.slice(0, 5), '2025-06-01');
    const after = only(payments, '2025-09-01');
    expect(after.key).toBe(before.key);
  });
});

describe('a yearly charge paid a day or two early', () => {
  it('is yearly however its two payments fall around the year (364, 365 or 366 days apart)', () => {
    for (const [first, second] of [
      ['2024-04-02', '2025-04-01'],
      ['2024-05-02', '2025-05-01'],
      ['2025-01-10', '2026-01-08'],
      ['2023-05-02', '2024-05-01'],
    ] as const) {
      const pay = paymentMaker();
      const found = detectRecurring(
        [
          pay(first, -5900, { counterpartyName: 'CLOUDVAULT' }),
          pay(second, -5900, { counterpartyName: 'CLOUDVAULT' }),
        ],
        { today: '2026-03-15' },
      );
      expect(
        found.map((s) => s.cadence.kind),
        `${first} → ${second}`,
      ).toEqual(['yearly']);
    }
  });
});
