import type { CalendarEvent, CalendarSource } from '../calendar/source.js';
import type { RequestService } from './service.js';

/**
 * Request deadlines in the calendar (issue 16, part 2): for each request sent and not yet
 * answered, the day its answer is due as the law counts it (one month from receipt, three after
 * a valid extension), and for an admonition the day it set; each with reminders a week and a day
 * before. Once answered, done or withdrawn, the event leaves the feed.
 */
export function requestCalendarSource(requests: RequestService): CalendarSource {
  return {
    kind: 'request',
    events: async () => {
      const events: CalendarEvent[] = [];
      for (const p of await requests.list()) {
        if (p.dueOn === null || !['sent', 'extended', 'admonished'].includes(p.state)) continue;
        const what =
          p.state === 'admonished' ? 'Admonition' : p.state === 'extended' ? 'Extended deadline' : 'Deadline';
        const counted = p.deadlines.find((d) => d.day === p.dueOn)?.explanation ?? '';
        events.push({
          key: `request-${String(p.id)}`,
          kind: 'request',
          date: p.dueOn,
          summary: `${what}: ${p.provider} – ${p.title}`,
          description:
            `${p.title} request to ${p.provider}, sent on ${p.sentOn ?? ''}. The answer is due by ${p.dueOn}` +
            (counted ? ` (${counted}).` : '.') +
            ' If nothing has come by then, admonish them; after an admonition, complain to the supervisory authority.',
          provider: { id: p.providerId, name: p.provider },
          route: `requests/${String(p.id)}`,
          remindDaysBefore: [7, 1],
        });
      }
      return events;
    },
  };
}
