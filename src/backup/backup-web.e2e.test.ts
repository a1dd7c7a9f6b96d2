import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../http/server.js';
import { vrm } from '../test/cli.js';
import { launchChromium } from '../test/chromium.js';

const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const PASSPHRASE = 'browser backup passphrase';

let browser: Browser;
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-backup-e2e-'));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    webRoot: WEB_ROOT,
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the Settings page in Chromium', () => {
  it('downloads an encrypted backup that vrm restore reads back', async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create my store' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'an encrypted backup' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('vrm-store.vrmbackup');
    const file = join(dir, 'from-browser.vrmbackup');
    await download.saveAs(file);
    await page.close();
    expect(readFileSync(file).includes('SQLite format 3')).toBe(false);

    const env = { VRM_PASSPHRASE: PASSPHRASE };
    const target = join(dir, 'restored.db');
    const restored = vrm(['--store', target, 'restore', file], env);
    expect(restored.stderr).toBe('');
    expect(vrm(['--store', target, 'info', '--json'], env).code).toBe(0);
  }, 120_000);
});
