import type { z } from 'zod';
import { agendaQuery } from '../calendar/schemas.js';
import { endpoint, type Endpoint } from './endpoint.js';
import type { RouteName } from './routes.js';

/** What each route of the calendar does: its schemas and its one service call. */
export const CALENDAR_ENDPOINTS = {
  agenda: endpoint({
    query: agendaQuery,
    run: ({ services, query }) => services.calendar.agenda(query),
  }),
  calendarFeed: endpoint({ run: ({ services }) => services.calendar.feedStatus() }),
  renewCalendarFeed: endpoint({ run: ({ services }) => services.calendar.renewFeed() }),
  revokeCalendarFeed: endpoint({ run: ({ services }) => services.calendar.revokeFeed() }),
} satisfies Partial<Record<RouteName, Endpoint<z.ZodType, z.ZodType, unknown>>>;
