import type { CalendarEvent } from '../../calendar/source.js';
import { DEFAULT_PORT } from '../../http/server.js';
import { writeFileWhole } from '../../platform/files.js';
import type { JsonOption } from '../options.js';
import { heading, printJson, printTable, say } from '../output.js';
import type { Session } from '../session.js';

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

/** "2026-12" → "December 2026". */
const monthName = (month: string): string =>
  `${MONTHS[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;

function printEvents(events: readonly CalendarEvent[]): void {
  printTable(events, [
    { header: 'day', value: (e) => e.date },
    { header: 'what', value: (e) => e.summary, maxWidth: 100 },
  ]);
}

/** `vrm calendar agenda`: the deadlines by month, late follow-ups first. */
export async function agenda(
  { services }: Session,
  o: JsonOption & { from?: string; until?: string },
): Promise<void> {
  const view = await services.calendar.agenda({ from: o.from, until: o.until });
  if (o.json) {
    printJson(view);
    return;
  }
  say(
    `Agenda from ${view.from} until ${view.until}: ${view.total} ${view.total === 1 ? 'day' : 'days'} to mind.`,
  );
  if (view.overdue.length > 0) {
    heading('Late follow-ups');
    printEvents(view.overdue);
  }
  for (const { month, events } of view.months) {
    heading(monthName(month));
    printEvents(events);
  }
  if (view.total === 0) say('Nothing is due in this window.');
}

/** `vrm calendar feed`: shows whether the feed has an address, or makes or ends one. */
export async function feed(
  { services }: Session,
  o: JsonOption & { renew?: boolean; revoke?: boolean; port?: number },
): Promise<void> {
  const { calendar } = services;
  if (o.revoke) {
    const status = await calendar.revokeFeed();
    if (o.json) printJson(status);
    else say('The calendar feed’s address is ended: calendar apps that use it now find nothing.');
    return;
  }
  const status = await calendar.feedStatus();
  if (status.active && !o.renew) {
    if (o.json) {
      printJson(status);
      return;
    }
    say(
      `The calendar feed has an address, made ${status.createdAt ?? ''}. vrm keeps only its hash, so it ` +
        'cannot show it again: run `vrm calendar feed --renew` for a new one (the old one stops working).',
    );
    return;
  }
  const made = await calendar.renewFeed();
  const url = `http://127.0.0.1:${o.port ?? DEFAULT_PORT}${made.path}`;
  if (o.json) {
    printJson({ ...made, url });
    return;
  }
  say(url);
  say(
    'Subscribe to this address in your calendar app. It works while `vrm serve` runs with the store ' +
      'unlocked, and is shown only now: keep it like a password.',
  );
}

/** `vrm calendar export --out FILE.ics`: the feed, written whole and readable by the owner only. */
export async function exportFeed({ services }: Session, o: { out: string }): Promise<void> {
  const text = await services.calendar.feed();
  writeFileWhole(o.out, text, 'the calendar');
  const events = text.split('BEGIN:VEVENT').length - 1;
  say(`Wrote ${o.out}: ${events} ${events === 1 ? 'event' : 'events'}.`);
}
