/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../app.js';
import { createStore } from '../platform/db/store.js';
import { launchChromium } from '../test/chromium.js';
import { startServer, type RunningServer } from './server.js';

/**
 * Recording what was already given, in Chromium, on a store with no policy at all: the form asks
 * for the reason at once, records the disclosure, and says what the policies would have said; a
 * policy is then written by picking the fact by its label.
 */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const PASSPHRASE = 'recording what was given';

let browser: Browser;
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'vrm-e2e-record-'));
  const storePath = join(dir, 'store.db');
  const store = await createStore(storePath, PASSPHRASE);
  const services = createServices(store);
  await services.providers.add({ name: 'Parcelpoint', category: 'shop' });
  await services.vault.add({
    kind: 'postal_address',
    label: 'Home',
    value: { lines: ['12 Canal Street'], locality: 'Manchester', postcode: 'M1 3HE', country: 'GB' },
  });
  await store.close();
  server = await startServer({ storePath, host: '127.0.0.1', port: 0, idleMinutes: 15, webRoot: WEB_ROOT });
});

afterAll(async () => {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('recording a disclosure in Chromium', () => {
  it('records what was given without a policy, with the reason field shown at once, and picks policy facts by label', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('link', { name: 'Who knows what' }).click();
    await page.getByRole('button', { name: 'Record a disclosure' }).click();
    const form = page.getByRole('form', { name: 'Record a disclosure' });
    await expect.poll(() => form.getByLabel(/^Why you gave it/).isVisible()).toBe(true);

    await form.getByLabel(/^Provider/).selectOption({ label: 'Parcelpoint' });
    await form.getByLabel(/Home \(postal address\): 12 Canal Street/).check();
    await form.getByRole('button', { name: 'What would my policies say?' }).click();
    await expect
      .poll(() => form.getByRole('list', { name: 'Policy check' }).textContent())
      .toMatch(/^Would refuse “Home” \(postal address\): no policy covers/);
    await form.getByLabel(/^Why you gave it/).fill('the courier needed it');
    await form.getByRole('button', { name: 'Record', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/^Recorded\. Your policies would refuse “Home” \(postal address\)/);
    const matrix = page.getByRole('table', { name: /Who knows what/ });
    await expect.poll(() => matrix.getByRole('row', { name: /Parcelpoint/ }).count()).toBe(1);

    // A policy names the fact by its label, picked from the vault; nothing asks for fact:ID.
    await page.getByRole('link', { name: 'Terms' }).click();
    await page.getByRole('button', { name: 'Add a policy' }).click();
    const policy = page.getByRole('form', { name: 'Add a policy' });
    await policy.getByLabel('Every fact').uncheck();
    await policy.getByLabel('“Home” (postal address)').check();
    await policy.getByRole('group', { name: 'Allow', exact: true }).getByLabel('delivery').check();
    await policy.getByRole('button', { name: 'Add policy' }).click();
    await policy.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByRole('cell', { name: '“Home” (postal address)', exact: true }).count())
      .toBe(1);
    await page.close();
  });
});
