import { z } from 'zod';
import { isoDateSchema } from '../platform/dates.js';

/** The agenda's window: from a day (default today) until a day (default twelve months on). */
export const agendaQuery = z
  .object({
    from: isoDateSchema.optional(),
    until: isoDateSchema.optional(),
  })
  .strict();
export type AgendaQuery = z.input<typeof agendaQuery>;

/**
 * The feed's secret, as it stands in the address `/calendar/<token>.ics`: 32 random bytes in
 * base64url, 43 characters. Anything else is no token, refused before the store is asked.
 */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;
