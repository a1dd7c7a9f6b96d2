import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, checkExtensionNotice, monthPeriodEnd, requestDeadlines } from './deadlines.js';
import { workingDaysIn } from './holidays.js';

/**
 * Properties of the deadline arithmetic on generated days from 1990 to 2100, in the places a
 * controller is most often in. Each property states what the law promises, not how the code
 * computes it.
 */
const PLACES = ['DE', 'DE-BY', 'DE-BE', 'GB', 'GB-SCT', 'GB-NIR', 'FR', 'NL', 'AT', 'IE'] as const;

const FIRST = Date.UTC(1990, 0, 1);
const LAST = Date.UTC(2100, 11, 31);
const DAY_MS = 86_400_000;
const dayAt = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A day from 1990-01-01 to 2100-12-31. */
const day = fc.integer({ min: 0, max: (LAST - FIRST) / DAY_MS }).map((n) => dayAt(FIRST + n * DAY_MS));
/** Days at the ends of months, where the month rule bites, drawn as often as any other. */
const monthEnd = fc
  .record({
    year: fc.integer({ min: 1990, max: 2100 }),
    month: fc.integer({ min: 0, max: 11 }),
    back: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ year, month, back }) => dayAt(Date.UTC(year, month + 1, 0 - back)));
const anyDay = fc.oneof(day, monthEnd);
const place = fc.constantFrom(...PLACES);
const months = fc.integer({ min: 1, max: 12 });

/**
 * The raw month rule written a second, independent way: let `Date.UTC` overflow into the next
 * month, and when it did, step back to the last day of the month meant (day 0 of the next one).
 */
function rawByOverflow(start: string, count: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const overflowed = new Date(Date.UTC(y, m - 1 + count, d));
  const wanted = (((m - 1 + count) % 12) + 12) % 12;
  return overflowed.getUTCMonth() === wanted
    ? dayAt(overflowed.getTime())
    : dayAt(Date.UTC(y, m - 1 + count + 1, 0));
}

const daysBetween = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / DAY_MS;

/**
 * The longest run of consecutive non-working days at each place from 1990 to 2101: the most a
 * period's end can be moved on by Art. 3(4).
 */
const longestRun = new Map<string, number>(
  PLACES.map((code) => {
    const calendar = workingDaysIn(code);
    let longest = 0;
    let run = 0;
    for (let ms = FIRST; ms <= Date.UTC(2101, 11, 31); ms += DAY_MS) {
      run = calendar.isWorkingDay(dayAt(ms)) ? 0 : run + 1;
      longest = Math.max(longest, run);
    }
    return [code, longest];
  }),
);

describe('deadline arithmetic: properties', () => {
  it('knows the longest runs of non-working days, and they are short', () => {
    // Christmas on a Saturday in Britain: Sat, Sun and two substitute days.
    expect(longestRun.get('GB')).toBe(4);
    // Easter in Germany: Good Friday to Easter Monday.
    expect(longestRun.get('DE')).toBe(4);
    for (const run of longestRun.values()) expect(run).toBeLessThanOrEqual(5);
  });

  it('agrees with an independent implementation of the raw month rule', () => {
    fc.assert(
      fc.property(anyDay, months, (start, count) => {
        expect(addMonths(start, count).day).toBe(rawByOverflow(start, count));
      }),
      { numRuns: 5000 },
    );
  });

  it('ends on the start’s day of the month, or on the last day of a month that has none', () => {
    fc.assert(
      fc.property(anyDay, months, (start, count) => {
        const { day: raw, shortMonth } = addMonths(start, count);
        const startDay = Number(start.slice(8));
        const rawDay = Number(raw.slice(8));
        const lastOfMonth = new Date(
          Date.UTC(Number(raw.slice(0, 4)), Number(raw.slice(5, 7)), 0),
        ).getUTCDate();
        expect(rawDay === startDay || (shortMonth && rawDay === lastOfMonth && startDay > lastOfMonth)).toBe(
          true,
        );
        // It is a real day of its month, and the month is short exactly when it lacks the start's day.
        expect(rawDay).toBeLessThanOrEqual(lastOfMonth);
        expect(shortMonth).toBe(startDay > lastOfMonth);
        // The raw day lies in the month `count` months on.
        const monthsOn =
          (Number(raw.slice(0, 4)) - Number(start.slice(0, 4))) * 12 +
          Number(raw.slice(5, 7)) -
          Number(start.slice(5, 7));
        expect(monthsOn).toBe(count);
      }),
      { numRuns: 3000 },
    );
  });

  it('never ends on a weekend or public holiday, nor before the raw day, nor more than the longest run after it', () => {
    fc.assert(
      fc.property(anyDay, months, place, (start, count, where) => {
        const period = monthPeriodEnd(start, count, where);
        const weekday = new Date(`${period.end}T00:00:00Z`).getUTCDay();
        expect(weekday).not.toBe(0);
        expect(weekday).not.toBe(6);
        expect(workingDaysIn(where).holidayOn(period.end)).toBeUndefined();
        const moved = daysBetween(period.raw, period.end);
        expect(moved).toBeGreaterThanOrEqual(0);
        expect(moved).toBeLessThanOrEqual(longestRun.get(where) ?? 0);
        expect(period.skipped).toHaveLength(moved);
        // A raw day that is a working day is kept.
        if (workingDaysIn(where).isWorkingDay(period.raw)) expect(period.end).toBe(period.raw);
      }),
      { numRuns: 3000 },
    );
  });

  it('is monotonic in the start day', () => {
    fc.assert(
      fc.property(anyDay, anyDay, months, place, (a, b, count, where) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(addMonths(early, count).day <= addMonths(late, count).day).toBe(true);
        expect(monthPeriodEnd(early, count, where).end <= monthPeriodEnd(late, count, where).end).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives an extended deadline after the first, and a first deadline after receipt', () => {
    fc.assert(
      fc.property(
        anyDay,
        fc.integer({ min: 0, max: 30 }),
        fc.boolean(),
        place,
        (sent, deliveryDays, byLetter, where) => {
          const deadlines = requestDeadlines(
            byLetter
              ? { channel: 'letter', postedOn: sent, deliveryDays }
              : { channel: 'email', sentOn: sent },
            where,
          );
          expect(deadlines.receipt.day >= sent).toBe(true);
          expect(daysBetween(deadlines.receipt.day, deadlines.due.end)).toBeGreaterThanOrEqual(28);
          expect(daysBetween(deadlines.due.end, deadlines.extended.end)).toBeGreaterThan(0);
          // A notice on the last day of the first period counts; one the day after does not.
          const onLastDay = checkExtensionNotice(deadlines, {
            noticeOn: deadlines.due.end,
            reasonsGiven: true,
          });
          expect(onLastDay).toMatchObject({ counts: true, deadline: deadlines.extended.end });
          const dayAfter = dayAt(Date.parse(deadlines.due.end) + DAY_MS);
          const late = checkExtensionNotice(deadlines, { noticeOn: dayAfter, reasonsGiven: true });
          expect(late).toMatchObject({ counts: false, reason: 'late', deadline: deadlines.due.end });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
