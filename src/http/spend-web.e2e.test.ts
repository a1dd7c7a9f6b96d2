/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../app.js';
import { addPeriod } from '../platform/dates.js';
import { createStore } from '../platform/db/store.js';
import { launchChromium, screenshot } from '../test/chromium.js';
import { booking, CURRENT_ACCOUNT, shaOf, statement } from '../test/statements.js';
import { addStadtwerke } from '../test/subscriptions.js';
import { fixedClock } from '../test/store.js';
import { startServer, type RunningServer } from './server.js';

/**
 * Spend over time in the browser (issue 17, point 4 and "Done when: see spend over time"): with
 * bookings imported, the spend page's chart with its summary and figures with decimal commas, a
 * change of period, and a provider's payments on its page.
 */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PASSPHRASE = 'spend over time in the browser';
const NOW = new Date('2026-03-15T12:00:00Z');

let browser: Browser;
let server: RunningServer;
let dir: string;
let powerId: number;

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'vrm-spend-web-'));
  const storePath = join(dir, 'store.db');
  const store = await createStore(storePath, PASSPHRASE);
  const services = createServices(store, fixedClock());
  const tv = await services.providers.add({ name: 'Streamline TV', category: 'streaming' });
  const power = await addStadtwerke(services);
  powerId = power.id;
  await services.contracts.add({
    providerId: tv.id,
    name: 'Streamline Premium',
    price: '12,99',
    currency: 'EUR',
    billingCycle: 'monthly',
    startDate: '2024-10-05',
  });
  const read = statement(
    [
      ...Array.from({ length: 18 }, (_, i) =>
        booking({
          key: `tv-${i}`,
          bookedOn: addPeriod('2024-10-05', { count: 1, unit: 'M' }, i) ?? '',
          amountMinor: -1299,
          counterpartyName: 'Streamline TV',
        }),
      ),
      booking({
        key: 'p1',
        bookedOn: '2025-01-15',
        amountMinor: -6000,
        counterpartyName: 'Stadtwerke',
        text: 'Abschlag Strom 1/2025',
      }),
      booking({
        key: 'p2',
        bookedOn: '2025-07-15',
        amountMinor: -7200,
        counterpartyName: 'Stadtwerke',
        text: 'Abschlag Strom 2/2025',
      }),
      booking({
        key: 'p3',
        bookedOn: '2026-01-15',
        amountMinor: -7200,
        counterpartyName: 'Stadtwerke',
        text: 'Abschlag Strom 1/2026',
      }),
      booking({
        key: 'car',
        bookedOn: '2025-06-02',
        amountMinor: -123_450,
        counterpartyName: 'Autohaus Berg',
      }),
      // Money in: counted only when asked for.
      booking({ key: 'pay', bookedOn: '2025-09-30', amountMinor: 250_000, counterpartyName: 'ACME PAYROLL' }),
    ],
    { accounts: [{ ...CURRENT_ACCOUNT, name: 'Girokonto' }] },
  );
  await services.money.importStatement(read, { name: 'giro.xml', sha256: shaOf(read) });
  await store.close();
  server = await startServer({
    storePath,
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    webRoot: WEB_ROOT,
    clock: () => NOW,
  });
});

afterAll(async () => {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** axe-core's serious and critical violations on the page as it is now. */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const run = (
      window as unknown as {
        axe: {
          run: (
            c: Document,
          ) => Promise<{ violations: { id: string; impact: string | null; help: string }[] }>;
        };
      }
    ).axe.run;
    return (await run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}`);
}

describe('the spend page', () => {
  it('shows spend over time with its summary and figures, changes period, and lists a provider’s payments', async () => {
    const context = await browser.newContext({
      locale: 'de-DE',
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    });
    // The page counts "the last 12 months" from the browser's today: the same day as the server's.
    await context.clock.setFixedTime(NOW);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Upcoming renewals' }).waitFor();
    await page.goto(`${server.url}/#/money/spend`);
    await page.getByRole('heading', { name: 'Spend', level: 2 }).waitFor();
    expect(await page.title()).toBe('Spend · My money · vrm');

    // The last 12 months: April 2025 to March 2026.
    const chart = page.getByRole('img', { name: /^Spend in EUR per month/ });
    await expect.poll(() => chart.getAttribute('aria-label')).toMatch(/Apr\.? 2025 to März 2026/);
    const summary = (await chart.getAttribute('aria-label')) ?? '';
    // 12 × 12,99 + 72,00 + 72,00 + 1.234,50.
    expect(summary).toMatch(/1\.534,38\s€ in all; the most in Juni 2025, 1\.247,49\s€/u);
    await page.getByText('Show as table').click();
    const table = page.getByRole('table', { name: 'Spend per month in EUR' });
    await expect.poll(() => table.getByRole('row').count()).toBe(13);
    expect(await table.getByRole('row', { name: /Juli 2025/ }).textContent()).toMatch(/84,99\s€/u);
    expect(await table.getByRole('row', { name: /Feb\.? 2026/ }).textContent()).toMatch(/12,99\s€/u);
    // Who was paid: providers link to their page; the car dealer is no provider.
    const payees = page.getByRole('table', { name: 'Paid to, in EUR' });
    expect(await payees.getByRole('link', { name: 'Stadtwerke' }).getAttribute('href')).toBe(
      `#/providers/${powerId}`,
    );
    expect(await payees.getByRole('row', { name: /Autohaus Berg/ }).textContent()).toMatch(
      /Not assigned.*1\.234,50\s€/u,
    );
    const paid = page.getByRole('table', { name: /^Paid against contracted/ });
    expect(await paid.getByRole('row', { name: /Strom/ }).textContent()).toMatch(
      /Paid 24,00\s€ more than the contract says/u,
    );
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'money-spend.png');

    // Last year: 2025 only.
    await page.getByLabel('Last year').check();
    await expect.poll(() => chart.getAttribute('aria-label')).toMatch(/Jan\.? 2025 to Dez\.? 2025/);
    expect(await chart.getAttribute('aria-label')).toMatch(/1\.522,38\s€ in all/u);
    const years = page.getByRole('table', { name: 'Each year' });
    expect(await years.getByRole('row', { name: /2025/ }).textContent()).toMatch(/1\.522,38\s€/u);
    expect(await years.getByRole('row', { name: /2025/ }).textContent()).not.toMatch(/2\.500,00/u);
    // Money in too: beside what went out, never netted.
    await page.getByLabel('Money in too').check();
    await expect
      .poll(() => years.getByRole('row', { name: /2025/ }).textContent())
      .toMatch(/1\.522,38\s€ · in 2\.500,00\s€/u);

    // On a phone the charts and tables fit.
    await page.setViewportSize({ width: 360, height: 780 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(360);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'money-spend-phone.png');

    // The provider page: its payments, each year's total, a link to all its bookings.
    await page.setViewportSize({ width: 1280, height: 900 });
    await payees.getByRole('link', { name: 'Stadtwerke' }).click();
    const payments = page.getByRole('region', { name: 'Payments' });
    const latest = payments.getByRole('table', { name: 'The latest payments' });
    await expect.poll(() => latest.getByRole('row').count()).toBe(4);
    expect(await latest.getByRole('row', { name: /Abschlag Strom 1\/2026/ }).textContent()).toMatch(
      /-72,00\s€.*Girokonto/u,
    );
    const perYear = payments.getByRole('table', { name: 'Paid each year' });
    expect(await perYear.getByRole('row', { name: /2025/ }).textContent()).toMatch(/132,00\s€/u);
    expect(await payments.getByRole('link', { name: /All 3 bookings/ }).getAttribute('href')).toBe(
      `#/money/bookings?provider=${powerId}`,
    );
    // And on its timeline, among the calls and letters.
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect.poll(() => timeline.getByText(/Paid 72\.00 EUR/u).count()).toBe(2);
    await screenshot(page, 'provider-payments.png');
    // The link opens the bookings filtered to this provider.
    await payments.getByRole('link', { name: /All 3 bookings/ }).click();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Provider' }).inputValue())
      .toBe(String(powerId));
    await expect.poll(() => page.getByText(/Abschlag Strom/u).count()).toBe(3);
    await context.close();
  });
});
