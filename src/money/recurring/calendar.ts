import type { IsoDate } from '../../platform/dates.js';
import type { Cadence } from './types.js';

/**
 * Day arithmetic for detection, on integer day numbers (days since 1970-01-01) so the hot loops
 * never build strings. Dates are parsed once per payment and formatted once per result.
 */

const MS_PER_DAY = 86_400_000;

export const toDay = (date: IsoDate): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;

export function fromDay(day: number): IsoDate {
  const d = new Date(day * MS_PER_DAY);
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${dd < 10 ? '0' : ''}${dd}`;
}

/** Days in a month; `month` counts from 0 and may run past 11 (Date.UTC rolls it into the next year). */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  return m === 1 && isLeap(y) ? 29 : (MONTH_DAYS[m] ?? 31);
}

/**
 * Year, month (from 0) and day of a day number, by arithmetic alone (H. Hinnant's civil_from_days),
 * as the hot loops cannot afford a Date per call.
 */
export function civil(day: number): [year: number, month: number, date: number] {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const date = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 2 : mp - 10;
  return [yoe + era * 400 + (month <= 1 ? 1 : 0), month, date];
}

export const dayOfMonth = (day: number): number => civil(day)[2];

export const isLastDayOfMonth = (day: number): boolean => dayOfMonth(day + 1) === 1;

/**
 * The cadences detection tries, with how far (in days) a payment may drift from its expected date
 * and still count. Weekly ±3: a debit due on a Saturday may book on Friday or Monday, with a bank
 * holiday next to it. Monthly ±5: weekends and holidays on both sides, and a few days of
 * collection lag. Quarterly ±7, half-yearly and yearly ±10: long periods are billed less precisely
 * (a yearly renewal often books a few days late and drifts a day or so each year). Every tolerance
 * stays below half the period, so two expected dates never claim the same payment.
 */
export const CADENCES: readonly {
  readonly cadence: Cadence;
  readonly toleranceDays: number;
  readonly minPayments: number;
}[] = [
  { cadence: { kind: 'weekly', every: 1 }, toleranceDays: 3, minPayments: 3 },
  { cadence: { kind: 'weekly', every: 2 }, toleranceDays: 3, minPayments: 3 },
  { cadence: { kind: 'weekly', every: 4 }, toleranceDays: 3, minPayments: 3 },
  { cadence: { kind: 'monthly', every: 1 }, toleranceDays: 5, minPayments: 3 },
  { cadence: { kind: 'monthly', every: 2 }, toleranceDays: 6, minPayments: 3 },
  // A quarterly, half-yearly or yearly charge is seen rarely: two payments a period apart with
  // similar amounts already make a series, with lower confidence than three.
  { cadence: { kind: 'monthly', every: 3 }, toleranceDays: 7, minPayments: 2 },
  { cadence: { kind: 'monthly', every: 6 }, toleranceDays: 10, minPayments: 2 },
  { cadence: { kind: 'yearly', every: 1 }, toleranceDays: 10, minPayments: 2 },
];

/**
 * How far from the chain's own pattern a payment may fall and still be matched while following a
 * cadence. The pattern is taken from the first payment, which may itself be drifted by the
 * tolerance one way while the next is drifted the other way, so the window is twice the tolerance,
 * kept below half the period so that two expected dates never compete for one payment (weekly: 3).
 */
export const matchWindow = (cadence: Cadence, toleranceDays: number): number =>
  // Two days more for months of unequal length between the first payment's month and a later one.
  Math.min(
    2 * toleranceDays + (cadence.kind === 'weekly' ? 0 : 2),
    Math.floor((periodDays(cadence) - 1) / 2),
  );

export function toleranceOf(cadence: Cadence): number {
  const found = CADENCES.find((c) => c.cadence.kind === cadence.kind && c.cadence.every === cadence.every);
  return found?.toleranceDays ?? 5;
}

/** The cadence's length in days, on average (a month is 30.44 days). */
export function periodDays(cadence: Cadence): number {
  switch (cadence.kind) {
    case 'weekly':
      return 7 * cadence.every;
    case 'monthly':
      return 30.44 * cadence.every;
    case 'yearly':
      return 365.25 * cadence.every;
  }
}

/**
 * The expected dates of a series: slot k falls k periods after the anchor. Months are counted
 * from the anchor each time (never from the previous slot), and a day past the month's end clamps
 * to its last day, so a series begun on 31 January is due on 28/29 February and 31 March.
 */
export class Schedule {
  private readonly year: number;
  private readonly month: number;
  private readonly months: number;

  constructor(
    readonly cadence: Cadence,
    private readonly anchor: number,
    /** Day of month the payment is due on (monthly kinds); 31 with `monthEnd` means the last day. */
    private readonly dueDay: number = dayOfMonth(anchor),
  ) {
    [this.year, this.month] = civil(anchor);
    this.months = cadence.kind === 'yearly' ? 12 * cadence.every : cadence.every;
  }

  /** The expected day number of slot `k` (k = 0 is the anchor's own period). */
  at(k: number): number {
    if (this.cadence.kind === 'weekly') return this.anchor + 7 * this.cadence.every * k;
    const month = this.month + this.months * k;
    const last = daysInMonth(this.year, month);
    const day = this.cadence.monthEnd === true ? last : Math.min(this.dueDay, last);
    return Date.UTC(this.year, month, day) / MS_PER_DAY;
  }
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-03-14` → `14 March 2026`; with `short`, `14 Mar 2026`. */
export function formatDate(date: IsoDate, short = false): string {
  const month = MONTHS[Number(date.slice(5, 7)) - 1] ?? '';
  return `${Number(date.slice(8, 10))} ${short ? month.slice(0, 3) : month} ${date.slice(0, 4)}`;
}

export const monthName = (month: number): string => MONTHS[month] ?? '';

/** 1 → `1st`, 22 → `22nd`, 13 → `13th`. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** `monthly`, `every 2 weeks`, `quarterly`, `half-yearly`, `yearly`. */
export function describeCadence(cadence: Cadence): string {
  if (cadence.kind === 'weekly') return cadence.every === 1 ? 'weekly' : `every ${cadence.every} weeks`;
  if (cadence.kind === 'yearly') return cadence.every === 1 ? 'yearly' : `every ${cadence.every} years`;
  switch (cadence.every) {
    case 1:
      return 'monthly';
    case 3:
      return 'quarterly';
    case 6:
      return 'half-yearly';
    default:
      return `every ${cadence.every} months`;
  }
}
