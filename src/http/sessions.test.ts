import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Browser, http } from '../test/http.js';
import { UnlockThrottle } from './security.js';
import { startServer, type RunningServer } from './server.js';

const PASSPHRASE = 'sessions test passphrase';
const NEXT = 'sessions next passphrase';

let dir: string;
let server: RunningServer;
let now: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-sessions-'));
  now = Date.parse('2026-03-15T12:00:00Z');
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    clock: () => new Date(now),
  });
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function created(): Promise<Browser> {
  const browser = new Browser(server.url);
  await browser.open();
  expect((await browser.call('POST', '/api/store', { passphrase: PASSPHRASE })).status).toBe(200);
  return browser;
}

async function unlocked(passphrase = PASSPHRASE): Promise<Browser> {
  const browser = new Browser(server.url);
  await browser.open();
  expect((await browser.call('POST', '/api/session', { passphrase })).status).toBe(200);
  return browser;
}

describe('browser sessions', () => {
  it('ends every other session when the passphrase changes; the changing one gets a fresh session', async () => {
    const owner = await created();
    const other = await unlocked();
    expect((await other.call('GET', '/api/providers')).status).toBe(200);
    const oldCookie = owner.cookie;

    const change = await owner.call('PUT', '/api/store/passphrase', {
      passphrase: PASSPHRASE,
      newPassphrase: NEXT,
    });
    expect(change.status).toBe(200);
    expect(owner.cookie).not.toBe(oldCookie);

    expect((await other.call('GET', '/api/providers')).status).toBe(401);
    const stale = new Browser(server.url);
    stale.cookie = oldCookie;
    expect((await stale.call('GET', '/api/providers')).status).toBe(401);
    // The new token from the answer works for a state-changing call.
    expect((await owner.call('PUT', '/api/session/settings', { idleMinutes: 20 })).status).toBe(200);
    expect((await owner.call('GET', '/api/providers')).status).toBe(200);
    await unlocked(NEXT);
  });

  it('lets only three of 200 parallel wrong guesses reach the key derivation, and the owner in soon after', async () => {
    await (await created()).call('DELETE', '/api/session');
    const anonymous = new Browser(server.url);
    await anonymous.open();
    const guesses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        http(server.url, 'POST', '/api/session', {
          headers: { 'x-csrf-token': anonymous.csrf },
          body: { passphrase: `wrong guess ${i}` },
        }),
      ),
    );
    const count = (status: number) => guesses.filter((g) => g.status === status).length;
    expect({ 401: count(401), 429: count(429) }).toEqual({ 401: 3, 429: 197 });
    const waits = guesses.filter((g) => g.status === 429).map((g) => Number(g.headers['retry-after']));
    expect(Math.max(...waits)).toBeLessThanOrEqual(UnlockThrottle.MAX_DELAY_SECONDS);

    now += UnlockThrottle.MAX_DELAY_SECONDS * 1000;
    await unlocked();
  });

  it('counts parallel wrong current passphrases on a change the same way', async () => {
    const owner = await created();
    const guesses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        owner.call('PUT', '/api/store/passphrase', { passphrase: `wrong guess ${i}`, newPassphrase: NEXT }),
      ),
    );
    expect(guesses.filter((g) => g.status === 401)).toHaveLength(3);
    expect(guesses.filter((g) => g.status === 429)).toHaveLength(47);
  });

  it('locks only for a browser that holds the session', async () => {
    const owner = await created();
    const stranger = new Browser(server.url);
    await stranger.open();
    expect((await stranger.call('DELETE', '/api/session')).status).toBe(401);
    expect((await owner.call('GET', '/api/providers')).status).toBe(200);
    expect((await owner.call('DELETE', '/api/session')).status).toBe(200);
    expect((await owner.call('GET', '/api/providers')).status).toBe(401);
  });

  it('ends a session after its lifetime however active it is, and the owner can set the lifetime', async () => {
    const owner = await created();
    const start = now;
    // Active all along: a call every ten minutes keeps the idle lock away.
    for (let minutes = 10; minutes < 12 * 60; minutes += 10) {
      now = start + minutes * 60_000;
      expect((await owner.call('GET', '/api/providers')).status).toBe(200);
    }
    now = start + 12 * 60 * 60_000;
    expect((await owner.call('GET', '/api/providers')).status).toBe(401);

    const next = await unlocked();
    const set = await next.call('PUT', '/api/session/settings', { sessionHours: 1 });
    expect(set.json()).toEqual({ idleMinutes: 15, sessionHours: 1 });
    for (let step = 0; step < 5; step++) {
      now += 10 * 60_000;
      expect((await next.call('GET', '/api/providers')).status).toBe(200);
    }
    now += 10 * 60_000;
    expect((await next.call('GET', '/api/providers')).status).toBe(401);
  });
});
