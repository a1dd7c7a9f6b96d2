import ical, { ICalAlarmType, ICalEventTransparency } from 'ical-generator';
import { addPeriod, type IsoDate } from '../platform/dates.js';
import type { CalendarEvent } from './source.js';

/** An event as the feed writes it: the event, its UID and SEQUENCE, and when it last changed. */
export interface FeedEvent {
  readonly event: CalendarEvent;
  readonly uid: string;
  readonly sequence: number;
  /** When its content last changed (an ISO instant): its DTSTAMP and LAST-MODIFIED. */
  readonly changedAt: string;
}

/** The hour of the day a reminder comes at, in the calendar app's own time zone. */
export const REMINDER_HOUR = 9;

/** How often a calendar app is asked to fetch the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 60 * 60;

/**
 * The seconds before the start of a whole day (its midnight) that a reminder `days` before it, at
 * REMINDER_HOUR, comes: 7 days before at 09:00 is `-P6DT15H`. A reminder at midnight would wake
 * no one, or go unseen.
 */
export const reminderSeconds = (days: number): number => days * 86_400 - REMINDER_HOUR * 3_600;

/**
 * The iCalendar text (RFC 5545) of the feed: one VEVENT per event, a whole day each
 * (`DTSTART;VALUE=DATE` and the day after as `DTEND`), with its UID, SEQUENCE, DTSTAMP and a
 * DISPLAY alarm per reminder. ical-generator escapes `,;\` and new lines and folds lines at 75
 * octets; `appUrl`, when given, links each event to its page in the web app.
 *
 * @example feedText([{ event, uid: 'renewal-12@1f…vrm.local', sequence: 0, changedAt }])
 */
export function feedText(events: readonly FeedEvent[], appUrl?: string): string {
  const calendar = ical({
    name: 'vrm: deadlines',
    description: 'Renewals, last days to cancel, follow-ups and case dates, from vrm',
    prodId: { company: 'vrm', product: 'calendar', language: 'EN' },
    ttl: REFRESH_SECONDS,
  });
  for (const { event, uid, sequence, changedAt } of events) {
    const stamp = new Date(changedAt);
    calendar.createEvent({
      id: uid,
      sequence,
      stamp,
      lastModified: stamp,
      start: event.date,
      end: nextDay(event.date),
      allDay: true,
      summary: event.summary,
      description: event.description,
      // A deadline takes no time: calendar apps show the day free.
      transparency: ICalEventTransparency.TRANSPARENT,
      categories: [{ name: event.kind }],
      url: appUrl === undefined || event.route === null ? null : `${appUrl}/#/${event.route}`,
      alarms: event.remindDaysBefore.map((days) => ({
        type: ICalAlarmType.display,
        trigger: reminderSeconds(days),
        description: `${days === 1 ? 'Tomorrow' : `In ${days} days`}: ${event.summary}`,
      })),
    });
  }
  return calendar.toString();
}

/** The day after (the exclusive end of a whole-day event); the day itself on the last day there is. */
const nextDay = (date: IsoDate): IsoDate => addPeriod(date, { count: 1, unit: 'D' }) ?? date;
