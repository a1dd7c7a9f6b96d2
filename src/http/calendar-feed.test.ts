import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Browser, http } from '../test/http.js';
import { startServer, type RunningServer } from './server.js';

let dir: string;
let server: RunningServer;
let browser: Browser;
let log: string[];
let now: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-http-calendar-'));
  log = [];
  now = Date.parse('2026-03-15T12:00:00.000Z');
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    clock: () => new Date(now),
    log: (line) => log.push(line),
    warn: (line) => log.push(line),
  });
  browser = new Browser(server.url);
  await browser.open();
  expect((await browser.call('POST', '/api/store', { passphrase: 'calendar over http' })).status).toBe(200);
  const provider = (await browser.call('POST', '/api/providers', { name: 'Brightside Energy' })).json<{
    id: number;
  }>().id;
  await browser.call('POST', '/api/contracts', {
    providerId: provider,
    name: 'Strom',
    price: '89,50',
    currency: 'EUR',
    billingCycle: 'monthly',
    startDate: '2026-01-31',
    noticePeriod: '14 days',
  });
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A request with no cookie, as a calendar app makes it. */
const app = (path: string) => http(server.url, 'GET', path);

const newFeed = async () => {
  const made = await browser.call('POST', '/api/calendar/feed');
  expect(made.status).toBe(200);
  return made.json<{ token: string; path: string }>();
};

describe('GET /calendar/<token>.ics', () => {
  it('serves the feed without a session, as text/calendar that is never cached', async () => {
    const { path, token } = await newFeed();
    const feed = await app(path);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.headers['cache-control']).toBe('no-store');
    const events = ICAL.Component.fromString(feed.text)
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.summary, e.startDate.toString()])).toEqual([
      // 31 January + 2 months: 31 March; the day before less 14 days' notice.
      ['Last day to cancel: Brightside Energy – Strom', '2026-03-17'],
      ['Renewal: Brightside Energy – Strom', '2026-03-31'],
    ]);
    expect(feed.text.replaceAll('\r\n ', '')).toContain(`URL;VALUE=URI:${server.url}/#/providers/`);
    // The secret address is never written to the server's log.
    expect(log.some((line) => line.includes('GET /calendar/:file 200'))).toBe(true);
    expect(log.join('\n')).not.toContain(token);
  });

  it('answers 404 for a wrong, malformed or revoked address, with nothing that tells them apart', async () => {
    const { path, token } = await newFeed();
    const wrong = await app(`/calendar/${'A'.repeat(43)}.ics`);
    const malformed = await app('/calendar/guess.ics');
    expect([wrong.status, malformed.status]).toEqual([404, 404]);
    expect(wrong.text).toBe(malformed.text);
    expect(wrong.text).not.toMatch(/token|revoked|secret/i);
    // Renewing ends the old address at once; revoking ends the new one.
    now += 60_000;
    const renewed = await newFeed();
    expect((await app(path)).status).toBe(404);
    // Three wrong in a row: the next request waits its turn, whoever makes it.
    expect((await app(renewed.path)).status).toBe(429);
    now += 11_000;
    expect((await app(renewed.path)).status).toBe(200);
    expect((await browser.call('DELETE', '/api/calendar/feed')).json()).toEqual({
      active: false,
      createdAt: null,
    });
    now += 60_000;
    expect((await app(renewed.path)).status).toBe(404);
    expect((await browser.call('GET', '/api/calendar/feed')).json()).toEqual({
      active: false,
      createdAt: null,
    });
    expect(log.join('\n')).not.toContain(token);
    expect(log.join('\n')).not.toContain(renewed.token);
  });

  it('throttles parallel guesses as it throttles passphrases, and lets the right address in again', async () => {
    const { path } = await newFeed();
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => app(`/calendar/${String(i).padStart(43, 'x')}.ics`)),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(17);
    expect(guesses.find((g) => g.status === 429)?.headers['retry-after']).toMatch(/^\d+$/);
    now += 11_000;
    expect((await app(path)).status).toBe(200);
  });

  it('answers a huge address quickly with 404, or the server refuses its headers', async () => {
    await newFeed();
    const long = await app(`/calendar/${'a'.repeat(8_000)}.ics`);
    expect(long.status).toBe(404);
    const huge = await app(`/calendar/${'a'.repeat(100_000)}.ics`);
    expect(huge.status).toBe(431);
  });

  it('serves nothing while the store is locked, and its requests do not keep the store unlocked', async () => {
    const { path } = await newFeed();
    now += 14 * 60_000;
    expect((await app(path)).status).toBe(200);
    // Fourteen minutes more: the feed was asked for in between, yet the store locks on time.
    now += 2 * 60_000;
    const locked = await app(path);
    expect(locked.status).toBe(503);
    expect(locked.text).not.toContain('BEGIN:VCALENDAR');
  });
});

describe('the calendar API', () => {
  it('shows the agenda by month, and refuses a bad window by its field', async () => {
    const agenda = await browser.call('GET', '/api/calendar/agenda?from=2026-03-01&until=2026-04-30');
    expect(agenda.status).toBe(200);
    const body = agenda.json<{ months: { month: string; events: { summary: string }[] }[] }>();
    expect(body.months.map((m) => [m.month, m.events.map((e) => e.summary)])).toEqual([
      ['2026-03', ['Last day to cancel: Brightside Energy – Strom', 'Renewal: Brightside Energy – Strom']],
    ]);
    const bad = await browser.call('GET', '/api/calendar/agenda?until=2026-13-01');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('until');
  });

  it('needs a session for everything but the feed itself', async () => {
    for (const path of ['/api/calendar/agenda', '/api/calendar/feed'])
      expect((await app(path)).status).toBe(401);
  });
});
