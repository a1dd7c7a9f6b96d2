import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../test/chromium.js';
import { startServer, type RunningServer } from './server.js';

/** Issue 17 point 3 in the browser: a price rise edited in the form shows as the contract's history. */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

let browser: Browser;
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'vrm-prices-web-'));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    webRoot: WEB_ROOT,
    clock: () => new Date('2026-03-15T12:00:00Z'),
  });
});

afterAll(async () => {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a price history on the provider page', () => {
  it('records a rise from the day given in the edit form and lists both prices with the change', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    await page.getByLabel(/^Passphrase/).fill('prices web passphrase');
    await page.getByLabel('Repeat the passphrase').fill('prices web passphrase');
    await page.getByRole('button', { name: 'Create my store' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    await page.getByRole('link', { name: 'Providers' }).click();
    await page.getByRole('button', { name: 'Add provider' }).click();
    const providerForm = page.getByRole('form', { name: 'Add a provider' });
    await providerForm.getByLabel('Name').fill('Streamline TV');
    await providerForm.getByRole('button', { name: 'Add provider' }).click();
    await page.getByRole('heading', { name: /Streamline TV/, level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Add contract' }).click();
    const form = page.getByRole('form', { name: 'Add a contract' });
    await form.getByLabel('Name').fill('Streamline Standard');
    await form.getByLabel('Price per billing cycle').fill('10,99');
    await form.getByLabel('Start date').fill('2025-02-03');
    // A new contract has one price: no "valid from" to give yet.
    expect(await form.getByLabel('Price valid from').count()).toBe(0);
    await form.getByRole('button', { name: 'Add contract' }).click();
    await page.getByRole('button', { name: 'Edit Streamline Standard' }).waitFor();
    expect(await page.getByRole('list', { name: 'Price history of Streamline Standard' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Edit Streamline Standard' }).click();
    const edit = page.getByRole('form', { name: 'Edit Streamline Standard' });
    await edit.getByLabel('Price per billing cycle').fill('12,99');
    await edit.getByLabel('Price valid from').fill('2026-03-14');
    await edit.getByRole('button', { name: 'Save' }).click();

    const history = page.getByRole('list', { name: 'Price history of Streamline Standard' });
    await expect.poll(() => history.getByRole('listitem').count()).toBe(2);
    const items = await history.getByRole('listitem').allTextContents();
    expect(items[0]).toMatch(/^10,99\s£ from 3\. Feb\. 2025$/u);
    expect(items[1]).toMatch(/^12,99\s£ from 14\. \S+ 2026 \(\+18,2\s%\)$/u);
    // The price now is the latest one.
    expect(await page.locator('table').first().locator('td.num').first().textContent()).toMatch(/^12,99\s£/u);
    await context.close();
  });
});
