import {
  addDays,
  badInput,
  dayFromParts,
  daysFrom,
  daysInMonth,
  longDay,
  longDayWithWeekday,
  MONTH_NAMES,
  ordinal,
  parseDay,
  partsOf,
  type IsoDay,
} from './days.js';
import { workingDaysIn, type HolidayPlace, type WorkingDays } from './holidays.js';

/**
 * The deadlines of a data-subject request, counted as the law counts them. Pure functions over
 * calendar days; nothing here reads the store or the clock.
 *
 * - GDPR Art. 12(3): the controller answers "without undue delay and in any event within one month
 *   of receipt of the request"; that "may be extended by two further months where necessary", if
 *   the controller tells the person so, with the reasons, within the first month.
 * - Regulation (EEC, Euratom) No 1182/71, Art. 3, counts the month: the day of receipt is not
 *   counted (3(1)); the period ends at the end of the day in the last month with the same date, or
 *   of that month's last day when it has no such date (3(2)(c)); a last day that is a Saturday,
 *   Sunday or public holiday moves to the end of the next working day (3(4)).
 */

export type { IsoDay } from './days.js';

/** Whole months a period may span here: a request's one month up to ten years. */
export const MAX_MONTHS = 120;
/** The most delivery days a letter may be given: more than any post takes inside Europe. */
export const MAX_DELIVERY_DAYS = 30;

/** A place code (`DE-BY`), its parts, or a calendar already made by `workingDaysIn`. */
export type PlaceInput = string | HolidayPlace | WorkingDays;

const calendarOf = (place: PlaceInput): WorkingDays =>
  typeof place === 'object' && 'isWorkingDay' in place ? place : workingDaysIn(place);

/** A day the law skipped on the way to a working day, with the reason in words. */
export interface SkippedDay {
  readonly day: IsoDay;
  /** "Sunday", "Monday, Easter Monday". */
  readonly why: string;
}

/**
 * The raw end of a period of months, Art. 3(2)(c) of Regulation 1182/71 alone (no weekends, no
 * holidays): the same date in the last month, or that month's last day when it has no such date.
 *
 * @example addMonths('2027-01-31', 1) // → { day: '2027-02-28', shortMonth: true }
 * @example addMonths('2028-01-31', 1) // → { day: '2028-02-29', shortMonth: true }
 */
export function addMonths(startInput: IsoDay, monthsInput: number): { day: IsoDay; shortMonth: boolean } {
  const start = parseDay(startInput, 'Start', 'start');
  const months = checkMonths(monthsInput);
  const { year, month, day } = partsOf(start);
  const index = year * 12 + (month - 1) + months;
  const target = { year: Math.floor(index / 12), month: (index % 12) + 1 };
  const last = daysInMonth(target.year, target.month);
  return { day: dayFromParts({ ...target, day: Math.min(day, last) }), shortMonth: day > last };
}

function checkMonths(months: unknown): number {
  if (typeof months !== 'number' || !Number.isInteger(months) || months < 1 || months > MAX_MONTHS) {
    throw badInput(
      'months',
      `Months must be a whole number from 1 to ${String(MAX_MONTHS)}, such as 1; got ${String(months)}`,
    );
  }
  return months;
}

/**
 * The first working day on or after `day` (Art. 3(4)), and the days passed over on the way.
 *
 * @example rollToWorkingDay('2027-02-28', 'DE') // → { day: '2027-03-01', skipped: [{ day: '2027-02-28', why: 'Sunday' }] }
 */
export function rollToWorkingDay(
  dayInput: IsoDay,
  place: PlaceInput,
): { day: IsoDay; skipped: readonly SkippedDay[] } {
  const calendar = calendarOf(place);
  let day = parseDay(dayInput, 'Day', 'day');
  const skipped: SkippedDay[] = [];
  for (let why = calendar.whyNotWorking(day); why !== undefined; why = calendar.whyNotWorking(day)) {
    skipped.push({ day, why });
    day = addDays(day, 1);
  }
  return { day, skipped };
}

/** The end of a period of months as the law counts it, with its reasoning. */
export interface PeriodEnd {
  /** The day of the event; not counted (Art. 3(1)). */
  readonly start: IsoDay;
  readonly months: number;
  /** The same date in the last month, or its last day (Art. 3(2)(c)). */
  readonly raw: IsoDay;
  /** The last month had no day with the start's date, so `raw` is that month's last day. */
  readonly shortMonth: boolean;
  /** The day the period ends with: `raw`, or the next working day after it (Art. 3(4)). */
  readonly end: IsoDay;
  /** The non-working days between `raw` and `end`, `raw` included. */
  readonly skipped: readonly SkippedDay[];
  /**
   * The reasoning in words, to show as it is: "31 January 2027 + 1 month = 28 February 2027
   * (February has no 31st) → Sunday → Monday 1 March 2027".
   */
  readonly explanation: string;
}

/** "→ Sunday → Monday 1 March 2027" after a raw day that is not a working day; "" when it is one. */
function rollWords(skipped: readonly SkippedDay[], end: IsoDay): string {
  if (skipped.length === 0) return '';
  return `${skipped.map((s) => ` → ${s.why}`).join('')} → ${longDayWithWeekday(end)}`;
}

/**
 * The end of a period of `months` months from `start` at `place`: Regulation 1182/71 Art. 3(1),
 * 3(2)(c) and 3(4) together.
 *
 * @example monthPeriodEnd('2027-01-31', 1, 'DE').explanation
 * // → '31 January 2027 + 1 month = 28 February 2027 (February has no 31st) → Sunday → Monday 1 March 2027'
 */
export function monthPeriodEnd(startInput: IsoDay, months: number, place: PlaceInput): PeriodEnd {
  const start = parseDay(startInput, 'Start', 'start');
  const calendar = calendarOf(place);
  const { day: raw, shortMonth } = addMonths(start, months);
  const { day: end, skipped } = rollToWorkingDay(raw, calendar);
  const { year, month } = partsOf(raw);
  const startDay = partsOf(start).day;
  // February 29th exists in some years: the year says which February had none.
  const monthWords =
    startDay === 29 ? `${MONTH_NAMES[month - 1] ?? ''} ${String(year)}` : MONTH_NAMES[month - 1];
  const short = shortMonth ? ` (${monthWords ?? ''} has no ${ordinal(startDay)})` : '';
  const rawWords = skipped.length === 0 ? longDayWithWeekday(raw) : longDay(raw);
  return {
    start,
    months,
    raw,
    shortMonth,
    end,
    skipped,
    explanation: `${longDay(start)} + ${String(months)} month${months === 1 ? '' : 's'} = ${rawWords}${short}${rollWords(skipped, end)}`,
  };
}

/** How the request went out, and when. */
export type RequestSending =
  /** E-mail and web forms arrive the moment they are sent. */
  | { readonly channel: 'email' | 'webform'; readonly sentOn: IsoDay }
  /** A letter arrives `deliveryDays` calendar days after posting, as the person estimates. */
  | { readonly channel: 'letter'; readonly postedOn: IsoDay; readonly deliveryDays: number | string };

/** The day of receipt that starts the Art. 12(3) period. */
export interface Receipt {
  readonly channel: RequestSending['channel'];
  /** The sending or posting day. */
  readonly sentOn: IsoDay;
  /** For a letter: the calendar days the person expects the post to take. */
  readonly deliveryDays: number;
  readonly day: IsoDay;
  /** For a letter that would arrive on a non-working day: the days passed over to the next one. */
  readonly skipped: readonly SkippedDay[];
  readonly explanation: string;
}

function checkDeliveryDays(value: unknown): number {
  const text = typeof value === 'string' ? value.trim() : value;
  const number =
    typeof text === 'string' && /^[+-]?\d+([.,]\d+)?$/u.test(text) ? Number(text.replace(',', '.')) : text;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw badInput(
      'deliveryDays',
      `Delivery days must be a number of days, such as 3; got "${String(value)}"`,
    );
  }
  if (!Number.isInteger(number)) {
    throw badInput('deliveryDays', `Delivery days must be whole days, such as 3; got ${String(value)}`);
  }
  if (number < 0) {
    throw badInput(
      'deliveryDays',
      `Delivery days cannot be negative (${String(number)}): give the days the post takes, such as 3`,
    );
  }
  if (number > MAX_DELIVERY_DAYS) {
    throw badInput(
      'deliveryDays',
      `Delivery days of ${String(number)} is more than any post takes: give at most ${String(MAX_DELIVERY_DAYS)}, such as 3`,
    );
  }
  return number;
}

/**
 * The day the controller receives the request. E-mail and web forms: the day they were sent. A
 * letter: the posting day plus the delivery days, counted as calendar days (the post runs on
 * Saturdays too, and a person reads "3 days" on a calendar); a letter that would arrive on a
 * Saturday, Sunday or public holiday at the controller's place is received on the next working day,
 * when someone is there to open it, so the deadline never starts before the controller could act.
 *
 * @example receiptOf({ channel: 'letter', postedOn: '2027-03-03', deliveryDays: 3 }, 'DE').day // → '2027-03-08'
 */
export function receiptOf(sending: RequestSending, place: PlaceInput): Receipt {
  const calendar = calendarOf(place);
  if (sending.channel === 'letter') {
    const sentOn = parseDay(sending.postedOn, 'Posting day', 'postedOn');
    const deliveryDays = checkDeliveryDays(sending.deliveryDays);
    const arrives = addDays(sentOn, deliveryDays);
    const { day, skipped } = rollToWorkingDay(arrives, calendar);
    const plus = `${String(deliveryDays)} delivery day${deliveryDays === 1 ? '' : 's'}`;
    const arrival = skipped.length === 0 ? longDayWithWeekday(arrives) : longDay(arrives);
    return {
      channel: 'letter',
      sentOn,
      deliveryDays,
      day,
      skipped,
      explanation: `Posted ${longDayWithWeekday(sentOn)} + ${plus} = ${arrival}${rollWords(skipped, day)}`,
    };
  }
  const sentOn = parseDay(sending.sentOn, 'Sending day', 'sentOn');
  const how = sending.channel === 'email' ? 'by e-mail' : 'through the web form';
  return {
    channel: sending.channel,
    sentOn,
    deliveryDays: 0,
    day: sentOn,
    skipped: [],
    explanation: `Sent ${how} on ${longDayWithWeekday(sentOn)}, received the same day`,
  };
}

/** Both deadlines of a request, each explaining itself. */
export interface RequestDeadlines {
  /** The calendar used: the controller's country (and region), where the act is to be done. */
  readonly place: HolidayPlace;
  readonly placeName: string;
  /** Where the holidays come from, to show beside the deadline. */
  readonly source: string;
  readonly receipt: Receipt;
  /** One month from receipt (Art. 12(3), first sentence). */
  readonly due: PeriodEnd;
  /**
   * Three months from receipt: one month and two further months (Art. 12(3), second sentence),
   * counted from receipt as one period, not from the rolled first deadline.
   */
  readonly extended: PeriodEnd;
}

/**
 * The Art. 12(3) deadlines of a request sent to a controller at `place`.
 *
 * @example requestDeadlines({ channel: 'email', sentOn: '2027-01-31' }, 'DE').due.end // → '2027-03-01'
 */
export function requestDeadlines(sending: RequestSending, place: PlaceInput): RequestDeadlines {
  const calendar = calendarOf(place);
  const receipt = receiptOf(sending, calendar);
  return {
    place: calendar.place,
    placeName: calendar.placeName,
    source: calendar.source,
    receipt,
    due: monthPeriodEnd(receipt.day, 1, calendar),
    extended: monthPeriodEnd(receipt.day, 3, calendar),
  };
}

/** Whether a controller's notice extends the deadline, and why (not). */
export interface ExtensionCheck {
  readonly counts: boolean;
  /** Why it does not count; absent when it does. */
  readonly reason?: 'late' | 'no_reasons';
  /** The deadline that holds after the notice: the extended one when it counts, else the first. */
  readonly deadline: IsoDay;
  readonly explanation: string;
}

/**
 * Checks a controller's notice of extension against Art. 12(3): it counts only if it came within
 * the first month (by the end of `deadlines.due.end`) and gave the reasons for the delay.
 *
 * @example checkExtensionNotice(requestDeadlines({ channel: 'email', sentOn: '2027-01-31' }, 'DE'),
 *   { noticeOn: '2027-03-02', reasonsGiven: true }).reason // → 'late'
 */
export function checkExtensionNotice(
  deadlines: RequestDeadlines,
  notice: { readonly noticeOn: IsoDay; readonly reasonsGiven: boolean },
): ExtensionCheck {
  const noticeOn = parseDay(notice.noticeOn, 'Notice day', 'noticeOn');
  const { receipt, due, extended } = deadlines;
  if (daysFrom(receipt.sentOn, noticeOn) < 0) {
    throw badInput(
      'noticeOn',
      `Notice day ${noticeOn} is before the request was ${receipt.channel === 'letter' ? 'posted' : 'sent'} (${longDayWithWeekday(receipt.sentOn)}): check the day on the controller's notice`,
    );
  }
  const firstMonth = `the first month, which ends with ${longDayWithWeekday(due.end)}`;
  const stays = `the answer stays due by ${longDayWithWeekday(due.end)}`;
  if (daysFrom(due.end, noticeOn) > 0) {
    return {
      counts: false,
      reason: 'late',
      deadline: due.end,
      explanation: `The notice of ${longDayWithWeekday(noticeOn)} came after ${firstMonth}; Art. 12(3) GDPR allows an extension only when notified within it, so ${stays}`,
    };
  }
  if (!notice.reasonsGiven) {
    return {
      counts: false,
      reason: 'no_reasons',
      deadline: due.end,
      explanation: `The notice of ${longDayWithWeekday(noticeOn)} gives no reasons for the delay; Art. 12(3) GDPR allows an extension only with them, so ${stays}`,
    };
  }
  return {
    counts: true,
    deadline: extended.end,
    explanation: `The notice of ${longDayWithWeekday(noticeOn)} came within ${firstMonth}, with reasons, so the answer is due by ${longDayWithWeekday(extended.end)}: ${extended.explanation}`,
  };
}
