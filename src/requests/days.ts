import { VrmError } from '../platform/errors.js';

/**
 * Calendar days for the deadline arithmetic: `YYYY-MM-DD` strings, computed on UTC days so that no
 * time zone or clock change can move a date. Every function here is pure.
 */
export type IsoDay = string;

/** The years a deadline may start or end in: the holiday data and the law are both modern. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

/** English month names, January first, as the explanations write them. */
export const MONTH_NAMES = [
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
] as const;

/** English weekday names in `getUTCDay` order: Sunday is 0. */
export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** One bad value, named by the label a form would show ("Sending day") and its field (`sentOn`). */
export function badInput(path: string, message: string): VrmError {
  return new VrmError('invalid_input', message, { details: [{ path, message }] });
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Days in a month (1–12) of a proleptic Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A day as numbers: month 1–12, day 1–31. */
export interface DayParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** `{ year: 2027, month: 3, day: 1 }` → `'2027-03-01'`. */
export const dayFromParts = ({ year, month, day }: DayParts): IsoDay =>
  `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** The parts of a day already known to be valid (as `parseDay` returns it). */
export function partsOf(day: IsoDay): DayParts {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) };
}

/**
 * Checks a day a person gave and says what is wrong in words, naming the field by its label:
 * "Sending day 2027-02-30 does not exist: February 2027 has 28 days".
 *
 * @example parseDay(' 2027-03-01 ', 'Sending day', 'sentOn') // → '2027-03-01'
 */
export function parseDay(value: unknown, label: string, path: string): IsoDay {
  if (typeof value !== 'string' || value.trim() === '') {
    throw badInput(path, `${label} is required: give a day written YYYY-MM-DD, such as 2027-03-01`);
  }
  const text = value.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    throw badInput(path, `${label} "${text}" is not a day written YYYY-MM-DD, such as 2027-03-01`);
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) {
    throw badInput(path, `${label} ${text} has no month ${match[2]}: months run from 01 to 12`);
  }
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    throw badInput(
      path,
      `${label} ${text} does not exist: ${MONTH_NAMES[month - 1]} ${String(year)} has ${String(last)} days`,
    );
  }
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw badInput(
      path,
      `${label} ${text} is out of range: deadlines are counted for the years ${String(FIRST_YEAR)} to ${String(LAST_YEAR)}`,
    );
  }
  return text;
}

const toUtc = (day: IsoDay): number =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));

function fromUtc(ms: number): IsoDay {
  const date = new Date(ms);
  return dayFromParts({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

/** The day `count` calendar days after `day` (before it when negative). */
export const addDays = (day: IsoDay, count: number): IsoDay => fromUtc(toUtc(day) + count * 86_400_000);

/** Calendar days from `from` to `to`: 0 for the same day, negative when `to` is earlier. */
export const daysFrom = (from: IsoDay, to: IsoDay): number =>
  Math.round((toUtc(to) - toUtc(from)) / 86_400_000);

/** The day of the week, 0 = Sunday … 6 = Saturday. */
export const weekdayIndex = (day: IsoDay): number => new Date(toUtc(day)).getUTCDay();

export const weekdayName = (day: IsoDay): WeekdayName => WEEKDAY_NAMES[weekdayIndex(day)] ?? 'Sunday';

/** "1 March 2027", as the explanations write a day. */
export function longDay(day: IsoDay): string {
  const { year, month, day: date } = partsOf(day);
  return `${String(date)} ${MONTH_NAMES[month - 1] ?? ''} ${String(year)}`;
}

/** "Monday 1 March 2027". */
export const longDayWithWeekday = (day: IsoDay): string => `${weekdayName(day)} ${longDay(day)}`;

/** "1st", "2nd", "3rd", "31st": the day of a month in words ("February has no 31st"). */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${String(n)}th`;
  const suffix = ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${String(n)}${suffix}`;
}
