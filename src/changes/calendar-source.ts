import type { CalendarEvent, CalendarSource } from '../calendar/source.js';
import type { ChangeService } from './service.js';

/**
 * Campaign reminders in the calendar: for each notice sent and not yet answered, the day its
 * answer is due (sent + the campaign's wait), with a reminder the day before. Once answered,
 * confirmed, failed or dropped, the event leaves the feed.
 */
export function changeCalendarSource(changes: ChangeService): CalendarSource {
  return {
    kind: 'change',
    events: async () => {
      const events: CalendarEvent[] = [];
      for (const campaign of await changes.list()) {
        const detail = await changes.get(campaign.id);
        for (const item of detail.items) {
          if (item.state !== 'sent' || item.dueOn === null) continue;
          events.push({
            key: `change-${String(item.id)}`,
            kind: 'change',
            date: item.dueOn,
            summary: `Answer due: ${item.provider} – ${campaign.fact} changed`,
            description:
              `The notice of the new ${campaign.fact} (${campaign.to}) went to ${item.provider} on ${item.sentOn ?? ''}` +
              (item.followedUpOn ? `, and a follow-up on ${item.followedUpOn}. ` : '. ') +
              'No answer yet: follow it up, or mark it confirmed if they changed it.',
            provider: { id: item.providerId, name: item.provider },
            route: `changes/${String(campaign.id)}`,
            remindDaysBefore: [1],
          });
        }
      }
      return events;
    },
  };
}
