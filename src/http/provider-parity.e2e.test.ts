/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../app.js';
import { createStore } from '../platform/db/store.js';
import { launchChromium } from '../test/chromium.js';
import { startServer, type RunningServer } from './server.js';

/**
 * What the CLI does to a provider's records, the web app does too: delete a contract, an
 * interaction and a case (after saying what stays), and keep the postal address a directory entry
 * brings to a new provider.
 */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const PASSPHRASE = 'the same things everywhere';

let browser: Browser;
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'vrm-e2e-parity-'));
  const storePath = join(dir, 'store.db');
  const store = await createStore(storePath, PASSPHRASE);
  const services = createServices(store);
  const p = await services.providers.add({ name: 'Northwind Energy', category: 'energy' });
  const contract = await services.contracts.add({
    providerId: p.id,
    name: 'Gas',
    price: '40',
    currency: 'GBP',
    billingCycle: 'monthly',
    startDate: '2025-01-01',
  });
  await services.documents.add({
    providerId: p.id,
    title: 'Gas tariff',
    contractId: contract.id,
    filename: 'tariff.txt',
    mediaType: 'text/plain',
    content: new TextEncoder().encode('tariff'),
  });
  await services.interactions.add({
    providerId: p.id,
    channel: 'phone',
    direction: 'inbound',
    subject: 'Welcome call',
  });
  await services.cases.add({ providerId: p.id, title: 'Overcharged in May' });
  await store.close();
  server = await startServer({ storePath, host: '127.0.0.1', port: 0, idleMinutes: 15, webRoot: WEB_ROOT });
});

afterAll(async () => {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function unlock(page: Page): Promise<void> {
  await page.goto(server.url);
  await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('link', { name: 'Providers' }).click();
  await page.getByRole('heading', { name: 'Providers', level: 1 }).waitFor();
}

describe('the web app does what the CLI does', () => {
  it('deletes a contract, an interaction and a case, after saying what stays', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    await unlock(page);
    await page.getByRole('main').getByRole('link', { name: 'Northwind Energy', exact: true }).first().click();
    await page.getByRole('heading', { name: /Northwind Energy/, level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Edit Gas', exact: true }).click();
    const contractForm = page.getByRole('form', { name: /Gas/ });
    await contractForm.getByRole('button', { name: 'Delete…' }).click();
    const confirmContract = contractForm.getByRole('group', { name: 'Delete contract “Gas”?' });
    await expect
      .poll(() => confirmContract.textContent())
      .toMatch(/Its document stays with the provider, no longer linked to it\./);
    await confirmContract.getByRole('button', { name: 'Delete', exact: true }).click();
    await contractForm.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('button', { name: 'Edit Gas', exact: true }).count()).toBe(0);
    await expect.poll(() => page.getByText('Gas tariff').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Edit Welcome call', exact: true }).click();
    const interactionForm = page.getByRole('form', { name: 'Edit: Welcome call' });
    await interactionForm.getByRole('button', { name: 'Delete…' }).click();
    // "Keep it" keeps it.
    await interactionForm.getByRole('button', { name: 'Keep it' }).click();
    await interactionForm.getByRole('button', { name: 'Delete…' }).click();
    await interactionForm.getByRole('button', { name: 'Delete', exact: true }).click();
    await interactionForm.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByRole('button', { name: 'Edit Welcome call', exact: true }).count())
      .toBe(0);

    await page.getByRole('button', { name: 'Edit case Overcharged in May' }).click();
    const caseForm = page.getByRole('form', { name: 'Edit case: Overcharged in May' });
    await caseForm.getByRole('button', { name: 'Delete…' }).click();
    await caseForm.getByRole('button', { name: 'Delete', exact: true }).click();
    await caseForm.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByRole('button', { name: 'Edit case Overcharged in May' }).count())
      .toBe(0);
    await page.close();
  });

  it('keeps the postal address a directory entry brings to a new provider', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    await unlock(page);
    await page.getByRole('button', { name: 'Add provider' }).click();
    const form = page.getByRole('form', { name: 'Add a provider' });
    await form.getByLabel('Name').fill('vodafone');
    await form.getByRole('button', { name: 'Vodafone GmbH' }).click();
    await expect
      .poll(() => form.getByLabel('Postal address').inputValue())
      .toBe('Ferdinand-Braun-Platz 1\n40549 Düsseldorf\nDeutschland');
    await form.getByRole('button', { name: 'Add provider' }).click();
    await page.getByRole('heading', { name: /Vodafone GmbH/, level: 1 }).waitFor();
    await expect
      .poll(() => page.locator('section', { hasText: 'Contacts' }).textContent())
      .toMatch(/Ferdinand-Braun-Platz 1/);
    await page.close();
  });
});
