/** The HTTP routes of the calendar: name → method and path (see routes.ts). Imports nothing. */
export const CALENDAR_ROUTES = {
  agenda: {
    method: 'GET',
    path: '/api/calendar/agenda',
    summary:
      'Every deadline by day (renewals, last days to cancel, follow-ups, case dates), grouped by month: the next twelve months unless from/until say otherwise, late follow-ups first',
  },
  calendarFeed: {
    method: 'GET',
    path: '/api/calendar/feed',
    summary:
      'Whether the calendar feed has a secret address, and since when (the address itself is never kept)',
  },
  renewCalendarFeed: {
    method: 'POST',
    path: '/api/calendar/feed',
    summary: 'Make a new secret address for the calendar feed, shown this once; the one before stops working',
  },
  revokeCalendarFeed: {
    method: 'DELETE',
    path: '/api/calendar/feed',
    summary: 'End the calendar feed’s secret address: calendar apps that use it find nothing',
  },
} as const;
