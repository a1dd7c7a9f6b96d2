import type { Hono } from 'hono';
import { UnlockThrottle } from '../security.js';
import type { AppParts, Env } from './context.js';
import { fail } from './request.js';

/** `/calendar/<token>.ics`: 43 base64url characters, the 32 random bytes of the secret. */
const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;

/**
 * The calendar feed at its secret address, for calendar apps, which cannot log in: the one route
 * that needs no session (docs/security.md, "The calendar feed"). It answers only while this
 * server holds the store unlocked, and never keeps it unlocked: a calendar app that asks every
 * hour must not stop the idle lock.
 *
 * A wrong or revoked address is a plain 404, the same for a malformed one, so an answer tells
 * nothing of how close a guess came. Guesses are throttled as passphrases are: after three
 * without the right address, each must wait longer (up to 10 s), counted when it starts, so
 * parallel guesses do not slip through together. The address is never logged: the log line
 * names the route's pattern, `/calendar/:file`.
 */
export function calendarFeedRoute(app: Hono<Env>, { clock, state }: AppParts): void {
  const throttle = new UnlockThrottle(() => clock().getTime());
  app.get('/calendar/:file', async (c) => {
    c.header('Cache-Control', 'no-store');
    const wait = throttle.begin();
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return fail(c, 'rate_limited', `Too many requests for calendar feeds. Wait ${wait} s, then try again.`);
    }
    await state.lockIfIdle();
    const session = state.unlocked;
    if (!session) {
      c.header('Retry-After', '300');
      return fail(c, 'store_unavailable', 'the store is locked: unlock it in vrm to serve the calendar');
    }
    const token = FEED_FILE.exec(c.req.param('file'))?.[1];
    const { calendar } = session.services;
    if (token === undefined || !(await calendar.isFeedToken(token))) {
      return fail(c, 'not_found', 'nothing at this address');
    }
    throttle.succeeded();
    const text = await calendar.feed(new URL(c.req.url).origin);
    return c.body(text, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="vrm.ics"',
    });
  });
}
