import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../app.js';
import { createStore } from '../platform/db/store.js';
import { launchChromium } from '../test/chromium.js';
import { fixedClock } from '../test/store.js';
import { seedSubscriptions } from '../test/subscriptions.js';
import { startServer, type RunningServer } from './server.js';

/**
 * Issue 17 point 3 in the browser, as a German reader sees it: a statement with a monthly
 * subscription whose price rose, a yearly charge and a membership still charged after it ended;
 * the rise in words, the monthly one made a contract, a case opened about the charges, an alert
 * dismissed.
 */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const PASSPHRASE = 'subscriptions in the browser';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page as it is now. */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    type Found = { id: string; impact: string | null; nodes: { target: string[] }[] };
    const run = (window as unknown as { axe: { run: (c: Document) => Promise<{ violations: Found[] }> } }).axe
      .run;
    return (await run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** How far the page is wider than the window (0: it fits). */
const overflow = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

let browser: Browser;
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'vrm-subscriptions-web-'));
  const storePath = join(dir, 'store.db');
  const store = await createStore(storePath, PASSPHRASE);
  await seedSubscriptions(createServices(store, fixedClock()));
  await store.close();
  server = await startServer({
    storePath,
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    webRoot: WEB_ROOT,
    clock: fixedClock(),
  });
});

afterAll(async () => {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the Subscriptions page', () => {
  it('shows the price rise, makes a contract, opens a case about charges after the end, dismisses', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Upcoming renewals' }).waitFor();

    // The dashboard's card counts the open alerts and names the most important one.
    const card = page.getByRole('region', { name: 'My money' });
    await card.getByText(/Membership: 2 payments after the contract ended/u).waitFor();
    await card.getByRole('link', { name: /open alerts/u }).click();
    await page.getByRole('heading', { name: 'Subscriptions', level: 2 }).waitFor();
    expect(await page.title()).toBe('Subscriptions · My money · vrm');

    const alerts = page.getByRole('region', { name: 'Alerts' });
    const rise = alerts.getByRole('listitem').filter({ hasText: 'Price rise' });
    await expect
      .poll(() => rise.textContent())
      .toMatch(/Streamline TV: 10,99\s€ → 12,99\s€ from 14\. Januar 2026/u);

    const recurring = page.getByRole('region', { name: 'Recurring payments' });
    const cloud = recurring.getByRole('row').filter({ hasText: 'Cloudvault' });
    await expect.poll(() => cloud.textContent()).toMatch(/yearly.*59,00\s€.*No contract/u);

    // The monthly one becomes a contract in one step; the page then names it.
    await recurring.getByRole('button', { name: 'Make it a contract: Streamline TV' }).click();
    const form = page.getByRole('form', { name: 'Make Streamline TV a contract' });
    await form.getByLabel('Name').fill('Streamline Standard');
    await form.getByRole('button', { name: 'Make it a contract' }).click();
    const streamline = recurring.getByRole('row').filter({ hasText: 'Streamline TV' });
    await streamline.getByRole('link', { name: 'Streamline Standard' }).waitFor();

    // A charge after the membership ended: a case, once, then a link to it.
    const still = alerts.getByRole('listitem').filter({ hasText: 'Still charging' });
    await expect
      .poll(() => still.textContent())
      .toMatch(/Membership: 2 payments after the contract ended on 31\. Dezember 2025, 50,00\s€ in total/u);
    await still.getByRole('button', { name: /^Open a case/u }).click();
    await still.getByRole('link', { name: 'Case opened' }).waitFor();
    expect(await still.getByRole('button', { name: /^Open a case/u }).count()).toBe(0);

    // The price rise is dismissed: gone, until "Show dismissed".
    await rise.getByRole('button', { name: /^Dismiss/u }).click();
    await expect.poll(() => alerts.getByText(/10,99\s€ → 12,99\s€/u).count()).toBe(0);
    await alerts.getByLabel('Show dismissed').check();
    await alerts.getByText(/10,99\s€ → 12,99\s€ .*· dismissed/u).waitFor();

    // The series' page names the payments it rests on.
    await streamline.getByRole('link', { name: 'Streamline TV' }).click();
    await page.getByRole('heading', { name: 'Streamline TV', level: 2 }).waitFor();
    const payments = page.getByRole('region', { name: /The 10 payments it rests on/u });
    await expect.poll(() => payments.getByRole('row').count()).toBe(11);
    await payments.getByRole('row').filter({ hasText: '14. Januar 2026' }).getByText('-12,99 €').waitFor();

    // The case is on the gym's page; the new contract's price history from the bank on Streamline's.
    await page.goto(`${server.url}/#/money/subscriptions`);
    await page.getByRole('link', { name: 'Case opened' }).click();
    await page.getByRole('heading', { name: /Ironworks Gym/u, level: 2 }).waitFor();
    await page.getByText('Charged after the contract ended: Membership').first().waitFor();
    await page.goto(`${server.url}/#/money/subscriptions`);
    await page.getByRole('link', { name: 'Streamline Standard' }).click();
    const history = page.getByRole('list', { name: 'Price history of Streamline Standard' });
    await expect.poll(() => history.getByRole('listitem').count()).toBe(2);
    expect(await history.textContent()).toMatch(/12,99\s£|12,99\s€/u);
    expect(await history.textContent()).toMatch(/seen at the bank/u);
    await context.close();
  });

  it('fits a phone and is axe-clean, with alerts, a form and the payments shown', async () => {
    // The app forbids inline scripts (CSP); the test's own axe script is let in.
    const context = await browser.newContext({
      locale: 'de-DE',
      viewport: { width: 390, height: 844 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Upcoming renewals' }).waitFor();
    await page.goto(`${server.url}/#/money/subscriptions`);
    await page.getByRole('region', { name: 'Alerts' }).getByText('Still charging').waitFor();
    await page.getByRole('button', { name: 'Make it a contract: Cloudvault' }).click();
    await page.getByRole('form', { name: 'Make Cloudvault a contract' }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('link', { name: 'Cloudvault' }).first().click();
    await page.getByRole('heading', { name: 'Cloudvault', level: 2 }).waitFor();
    await page.getByRole('region', { name: /The 2 payments it rests on/u }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});
