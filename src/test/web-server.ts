import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { seedDemo } from '../demo/seed.js';
import { startServer, type RunningServer } from '../http/server.js';
import { launchChromium } from './chromium.js';

/** The built web app the servers of the browser tests serve (`node scripts/build.mjs`). */
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** What a browser test file works with: Chromium, a server on a fresh store, and its folder. */
export interface WebTest {
  readonly browser: Browser;
  readonly server: RunningServer;
  /** The temporary folder of the store; the person's home too. */
  readonly dir: string;
}

/**
 * Starts Debian's Chromium and `vrm serve` on a fresh store in a temporary folder before the
 * file's tests, and stops both and removes the folder after them. With `demo`, the first-run page
 * offers to fill the store with the demo data.
 *
 * @example const web = useWebServer('provider-page', { demo: true }); … web.server.url
 */
export function useWebServer(name: string, options: { demo?: boolean } = {}): WebTest {
  const test = {} as { browser: Browser; server: RunningServer; dir: string };
  beforeAll(async () => {
    test.browser = await launchChromium();
    test.dir = mkdtempSync(join(tmpdir(), `vrm-e2e-${name}-`));
    test.server = await startServer({
      storePath: join(test.dir, 'store.db'),
      host: '127.0.0.1',
      port: 0,
      idleMinutes: 15,
      webRoot: WEB_ROOT,
      home: test.dir,
      ...(options.demo
        ? { seedDemo: (session) => seedDemo(session.services, session.services.today()) }
        : {}),
    });
  });
  afterAll(async () => {
    await test.browser.close();
    await test.server.close();
    rmSync(test.dir, { recursive: true, force: true });
  });
  return test;
}

/**
 * A new page on the demo store of a `useWebServer(…, { demo: true })` file, at desktop size: the
 * first call creates the store with the demo data, later calls unlock it; it waits for the
 * dashboard.
 */
export async function demoPage(web: WebTest, passphrase: string): Promise<Page> {
  const page = await web.browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  await page.goto(web.server.url);
  const repeat = page.getByLabel('Repeat the passphrase');
  await page.getByLabel(/^Passphrase/).fill(passphrase);
  if (await repeat.isVisible()) {
    await repeat.fill(passphrase);
    await page.getByLabel(/Fill it with demo data/).check();
    await page.getByRole('button', { name: 'Create a demo store' }).click();
  } else {
    await page.getByRole('button', { name: /Unlock/ }).click();
  }
  await page.getByRole('heading', { name: 'Upcoming renewals' }).waitFor();
  return page;
}
