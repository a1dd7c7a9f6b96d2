import { z } from 'zod';

/**
 * Calendar dates are `YYYY-MM-DD` strings and periods are ISO 8601 durations of one unit (`P30D`,
 * `P2W`, `P1M`, `P1Y`). Arithmetic is done on UTC calendar days, so no time zone can shift a date.
 */
export type IsoDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const isoDateSchema = z
  .string()
  .trim()
  .refine(isValidDate, { error: 'must be a real date written YYYY-MM-DD' });

/** An instant: any ISO 8601 date-time with an offset, or a plain date (taken as midnight UTC). */
export const isoInstantSchema = z
  .string()
  .trim()
  .refine(
    (s) => (DATE_RE.test(s) ? isValidDate(s) : /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s))),
    {
      error: 'must be a date-time such as 2026-03-01T14:30:00Z (or a date YYYY-MM-DD)',
    },
  )
  .transform((s) => new Date(DATE_RE.test(s) ? `${s}T00:00:00Z` : s).toISOString());

const toUtc = (date: IsoDate): Date => new Date(`${date}T00:00:00Z`);
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const fromUtc = (date: Date): IsoDate =>
  `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

export const todayUtc = (now: Date = new Date()): IsoDate => fromUtc(now);

export type PeriodUnit = 'D' | 'W' | 'M' | 'Y';
export interface Period {
  readonly count: number;
  readonly unit: PeriodUnit;
}

const UNIT_WORDS: Record<string, PeriodUnit> = {
  d: 'D',
  day: 'D',
  days: 'D',
  w: 'W',
  week: 'W',
  weeks: 'W',
  m: 'M',
  month: 'M',
  months: 'M',
  y: 'Y',
  year: 'Y',
  years: 'Y',
};

/** Reads `P1M`, `1 month`, `30 days`, `2w` and the like; returns null when it cannot. */
export function parsePeriod(text: string): Period | null {
  const trimmed = text.trim().toLowerCase();
  const iso = /^p(\d+)([dwmy])$/.exec(trimmed);
  const words = /^(\d+)\s*([a-z]+)$/.exec(trimmed);
  const [count, unit] = iso ? [iso[1], iso[2]] : words ? [words[1], words[2]] : [undefined, undefined];
  const mapped = unit === undefined ? undefined : UNIT_WORDS[unit];
  if (count === undefined || mapped === undefined) return null;
  const n = Number(count);
  return n > 0 && n <= 1000 ? { count: n, unit: mapped } : null;
}

export const formatPeriod = (p: Period): string => `P${p.count}${p.unit}`;

export function describePeriod(p: Period): string {
  const word = { D: 'day', W: 'week', M: 'month', Y: 'year' }[p.unit];
  return `${p.count} ${word}${p.count === 1 ? '' : 's'}`;
}

/** A period given as text, stored in its ISO form. */
export const periodSchema = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const period = parsePeriod(s);
    if (!period) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a period such as "30 days", "1 month", "1 year" or P3M',
      });
      return z.NEVER;
    }
    return formatPeriod(period);
  });

/** The days a `YYYY-MM-DD` date can name: four-digit years, from year 1. */
export const FIRST_DATE: IsoDate = '0001-01-01';
export const LAST_DATE: IsoDate = '9999-12-31';

/** A date of any year, as `Date.UTC` would give it without moving years 0 to 99 into the 1900s. */
function utcDate(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date;
}

/**
 * Adds `times` periods to a date. Months and years clamp to the month's last day (31 Jan + 1 month
 * = 28 or 29 Feb), computed from the start each time so a series never drifts. Null when the
 * result falls outside FIRST_DATE … LAST_DATE: a year of five digits has no date to show.
 *
 * @example addPeriod('2025-01-31', { count: 1, unit: 'M' }) // → '2025-02-28'
 * @example addPeriod('9999-12-31', { count: 1, unit: 'D' }) // → null
 */
export function addPeriod(date: IsoDate, period: Period, times = 1): IsoDate | null {
  const d = toUtc(date);
  let result: Date;
  switch (period.unit) {
    case 'D':
    case 'W':
      d.setUTCDate(d.getUTCDate() + (period.unit === 'W' ? 7 : 1) * period.count * times);
      result = d;
      break;
    case 'M':
    case 'Y': {
      const months = (period.unit === 'Y' ? 12 : 1) * period.count * times;
      const day = d.getUTCDate();
      result = utcDate(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
      const lastDay = utcDate(result.getUTCFullYear(), result.getUTCMonth() + 1, 0).getUTCDate();
      result.setUTCDate(Math.min(day, lastDay));
      break;
    }
  }
  const year = result.getUTCFullYear();
  return Number.isNaN(year) || year < 1 || year > 9999 ? null : fromUtc(result);
}

export const daysBetween = (from: IsoDate, to: IsoDate): number =>
  Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
