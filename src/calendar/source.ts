import type { IsoDate } from '../platform/dates.js';

/**
 * One day in the calendar: a renewal, a last day to cancel, a follow-up, a case's date, and what
 * later areas add (campaign reminders, request deadlines). Whole days only: a deadline is a day,
 * never an hour, so no time zone can move it.
 */
export interface CalendarEvent {
  /**
   * What the event is, stable for as long as it exists and unique among all sources: its kind and
   * its record (`renewal-12`). The feed's UID is made from it, so it must not hold the date: an
   * event whose day moves is the same event, moved (its SEQUENCE goes up).
   */
  readonly key: string;
  /** The kind a person reads and filters by (`renewal`, `cancel-by`, `follow-up`, `case`). */
  readonly kind: string;
  readonly date: IsoDate;
  /** In words, with labels rather than ids: "Renewal: Brightside Energy – Strom". */
  readonly summary: string;
  readonly description: string;
  /** The provider it is about, to link and group by; null when it is about none. */
  readonly provider: { readonly id: number; readonly name: string } | null;
  /** Where the web app shows the record, as its route (`providers/3`); null when nowhere else. */
  readonly route: string | null;
  /**
   * Reminders, each as days before the day (at 09:00 of that day, in the calendar's own zone):
   * `[7, 1]` a week and a day before. Empty for none.
   */
  readonly remindDaysBefore: readonly number[];
}

/**
 * What one area adds to the calendar: the extension point of the feed and the agenda, as
 * `TimelineSource` is of the provider page. Each area implements one where its records are
 * (the provider ledger in `src/providers/calendar-sources.ts`, …) and the composition root
 * (`src/app.ts`) hands the list to {@link CalendarService}, so the calendar area names no other
 * area's records. A later area (change campaigns, data-subject requests) adds a source there and
 * nothing else.
 *
 * `events` returns every event of the source as of `asOf` (the day "next renewal" counts from).
 * Each event's `key` must begin with the source's `kind`, so two sources never give one key.
 *
 * @example
 * const FOLLOW_UPS: CalendarSource = {
 *   kind: 'follow-up',
 *   events: async () => (await interactions.pending()).map(toEvent),
 * };
 */
export interface CalendarSource {
  readonly kind: string;
  events(asOf: IsoDate): Promise<readonly CalendarEvent[]>;
}
