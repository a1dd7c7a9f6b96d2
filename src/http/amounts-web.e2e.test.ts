import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../test/chromium.js';
import { startServer, type RunningServer } from './server.js';

/** Issue 14 point 1 in the browser: a price typed with a decimal comma is the price shown. */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

let browser: Browser;
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'vrm-amounts-web-'));
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

describe('the contract form in a German browser', () => {
  it('saves "12,99" as 12,99 €, shows it so, refuses "1,299" with both readings, and edits in the same form', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel(/^Passphrase/).fill('amounts web passphrase');
    await page.getByLabel('Repeat the passphrase').fill('amounts web passphrase');
    await page.getByRole('button', { name: 'Create my store' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    await page.getByRole('link', { name: 'Providers' }).click();
    await page.getByRole('button', { name: 'Add provider' }).click();
    const providerForm = page.getByRole('form', { name: 'Add a provider' });
    await providerForm.getByLabel('Name').fill('Stadtwerke');
    await providerForm.getByRole('button', { name: 'Add provider' }).click();
    await page.getByRole('heading', { name: /Stadtwerke/, level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Add contract' }).click();
    const form = page.getByRole('form', { name: 'Add a contract' });
    await form.getByLabel('Name').fill('Strom');
    await form.getByLabel('Currency').fill('EUR');
    await form.getByLabel('Price per billing cycle').fill('1,299');
    await form.getByRole('button', { name: 'Add contract' }).click();
    await form
      .locator('.field.invalid')
      .getByText('"1,299" is unclear: with "," between thousands it is 1299,00 EUR', { exact: false })
      .waitFor();

    await form.getByLabel('Price per billing cycle').fill('12,99');
    await form.getByRole('button', { name: 'Add contract' }).click();
    const table = page.locator('table').first();
    await table.getByText('Strom').waitFor();
    await table.getByText('12,99\u00a0€').waitFor();
    expect(await table.textContent()).not.toMatch(/1\.299/);

    await page.getByRole('button', { name: 'Edit Strom' }).click();
    const edit = page.getByRole('form', { name: 'Edit Strom' });
    await expect.poll(() => edit.getByLabel('Price per billing cycle').inputValue()).toBe('12,99');
    await edit.getByLabel('Price per billing cycle').fill('1.299,50');
    await edit.getByRole('button', { name: 'Save' }).click();
    await table.getByText('1.299,50\u00a0€').waitFor();
    await context.close();
  });
});
