import { addPeriod, LAST_DATE, type IsoDate } from '../platform/dates.js';

/**
 * The demo's dates are written as offsets in days from the day the demo is built, so whenever it
 * is built there are renewals to act on, follow-ups due and complaints in progress.
 */
export interface DemoCalendar {
  readonly today: IsoDate;
  /** The day `days` before `today`. */
  readonly ago: (days: number) => IsoDate;
  /** The day `days` after `today` (negative: before it). */
  readonly inDays: (days: number) => IsoDate;
}

export function demoCalendar(today: IsoDate): DemoCalendar {
  const inDays = (days: number): IsoDate => addPeriod(today, { count: 1, unit: 'D' }, days) ?? LAST_DATE;
  return { today, inDays, ago: (days) => inDays(-days) };
}

/** Alex moved from Manchester to Bristol this many days before the demo's day. */
export const MOVED_DAYS_AGO = 45;
