import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../http/server.js';
import { vrm } from '../test/cli.js';
import { Browser } from '../test/http.js';

const PASSPHRASE = 'http backup passphrase';

let dir: string;
let server: RunningServer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-backup-http-'));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
  });
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The response's raw bytes: the test helper's client reads bodies as text. */
async function download(browser: Browser | undefined): Promise<{ status: number; bytes: Buffer }> {
  const response = await fetch(new URL('/api/backup', server.url), {
    headers: browser?.cookie ? { cookie: browser.cookie } : {},
  });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('GET /api/backup', () => {
  it('downloads an encrypted backup that vrm restore reads back under the passphrase', async () => {
    const browser = new Browser(server.url);
    await browser.open();
    expect((await browser.call('POST', '/api/store', { passphrase: PASSPHRASE })).status).toBe(200);
    expect((await browser.call('POST', '/api/providers', { name: 'Download Canary Ltd' })).status).toBe(201);

    const { status, bytes } = await download(browser);
    expect(status).toBe(200);
    expect(bytes.includes('SQLite format 3')).toBe(false);
    expect(bytes.includes('Download Canary')).toBe(false);
    // The temporary copy the download was read from is gone.
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('vrm-backup-download-'))).toEqual([]);

    const file = join(dir, 'downloaded.vrmbackup');
    writeFileSync(file, bytes);
    const target = join(dir, 'restored.db');
    const env = { VRM_PASSPHRASE: PASSPHRASE };
    expect(vrm(['--store', target, 'restore', file], env).code).toBe(0);
    expect(vrm(['--store', target, 'provider', 'list'], env).stdout).toContain('Download Canary Ltd');
  });

  it('refuses a download while the store is locked', async () => {
    const browser = new Browser(server.url);
    await browser.open();
    await browser.call('POST', '/api/store', { passphrase: PASSPHRASE });
    await browser.call('DELETE', '/api/session');
    const { status, bytes } = await download(browser);
    expect(status).toBe(401);
    expect(bytes.toString()).toContain('locked');
  });
});
