import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Browser } from '../test/http.js';
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
});
