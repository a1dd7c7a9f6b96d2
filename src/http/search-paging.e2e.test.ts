import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../test/chromium.js';
import { startServer, type RunningServer } from './server.js';

/**
 * Search pages past its first results in the web app: 130 messages match, the first 50 show with
 * the total, and "More" brings the next pages until all 130 are listed.
 */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const PASSPHRASE = 'paging through the results';
const MATCHES = 130;

let browser: Browser;
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'vrm-e2e-paging-'));
  const messages = Array.from({ length: MATCHES + 10 }, (_, i) =>
    [
      'From billing@acme.example Wed Jan  1 00:00:00 2025',
      'From: billing@acme.example',
      'To: alex@example.org',
      `Subject: Statement ${String(i + 1)}`,
      `Date: ${new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toUTCString()}`,
      `Message-ID: <s${String(i)}@acme.example>`,
      '',
      i < MATCHES ? 'Your invoice is ready.' : 'Nothing new.',
      '',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'statements.mbox'), messages.join(''));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    webRoot: WEB_ROOT,
    home: dir,
  });
});

afterAll(async () => {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('search in Chromium', () => {
  it('shows how many match and pages on with "More" until every match is listed', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create my store' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    await page.getByRole('link', { name: 'Mail', exact: true }).click();
    await page.getByRole('navigation', { name: 'Mail' }).getByRole('link', { name: 'Import' }).click();
    const importForm = page.getByRole('form', { name: 'Import a file or folder' });
    await importForm.getByLabel(/^Path on this machine/).fill(join(dir, 'statements.mbox'));
    await importForm.getByRole('button', { name: 'Import' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Import summary' }).textContent())
      .toMatch(/140 new messages/);

    await page.getByRole('navigation', { name: 'Mail' }).getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('searchbox', { name: 'Search mail' }).fill('invoice');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: /130 messages for “invoice”/ }).waitFor();
    const results = page.getByRole('list', { name: /Search results for invoice/ }).getByRole('listitem');
    await expect.poll(() => results.count()).toBe(50);
    await page.getByRole('button', { name: 'More (showing 50 of 130)' }).click();
    await expect.poll(() => results.count()).toBe(100);
    await page.getByRole('button', { name: 'More (showing 100 of 130)' }).click();
    await expect.poll(() => results.count()).toBe(MATCHES);
    await expect.poll(() => page.getByRole('button', { name: /^More/ }).count()).toBe(0);
    const subjects = await results.allTextContents();
    expect(new Set(subjects).size).toBe(MATCHES);
    await page.close();
  });
});
