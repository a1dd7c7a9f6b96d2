/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, watchRequests } from '../test/chromium.js';
import { seedDemo } from '../demo/seed.js';
import { startServer, type RunningServer } from './server.js';

/**
 * End to end: Debian's Chromium, driven by playwright-core, against the real server on a
 * temporary store. `npm run screenshots` saves the README's screenshots from it.
 */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const PASSPHRASE = 'browser test passphrase';
/**
 * The server's clock: one fixed instant. The dates the test types in, and the renewals and
 * follow-ups it expects to see, are counted from this same instant, never from the machine's own.
 */
const NOW = Date.parse('2026-03-15T12:00:00.000Z');
const DAY = 86_400_000;
/** The day `days` days from the server's today, as YYYY-MM-DD. */
const serverDay = (days: number): string => new Date(NOW + days * DAY).toISOString().slice(0, 10);

let browser: Browser;
const servers: RunningServer[] = [];
const dirs: string[] = [];

async function serve(fill?: boolean): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vrm-e2e-'));
  dirs.push(dir);
  const server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    webRoot: WEB_ROOT,
    clock: () => new Date(NOW),
    seedDemo: fill ? (session) => seedDemo(session.services, session.services.today()) : undefined,
  });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  for (const server of servers) await server.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the web app in Chromium', () => {
  it('creates a store, locks, refuses a wrong passphrase, unlocks, and records a provider, a contract, an interaction and a case', async () => {
    const server = await serve();
    const page = await browser.newPage();
    const foreign = watchRequests(page, server.url);
    await page.goto(server.url);

    await expect.poll(() => page.getByRole('heading', { name: 'Welcome to vrm' }).isVisible()).toBe(true);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create my store' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expect.poll(() => page.getByText('Nothing renews in the next 60 days').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Unlock your store' }).waitFor();
    await page.getByLabel('Passphrase').fill('not the passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/does not open this store/);
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    await page.getByRole('link', { name: 'Providers' }).click();
    await page.getByRole('button', { name: 'Add provider' }).click();
    const providerForm = page.getByRole('form', { name: 'Add a provider' });
    await providerForm.getByLabel('Name').fill('Northwind Energy');
    await providerForm.getByLabel('Category').fill('energy');
    await providerForm.getByLabel('Mail domains').fill('northwind.example');
    await providerForm.getByLabel('Support e-mail').fill('not an address');
    await providerForm.getByRole('button', { name: 'Add provider' }).click();
    // The server's validation shows next to the field it concerns.
    await expect
      .poll(() => providerForm.locator('.field.invalid').textContent())
      .toMatch(/Support e-mail.*not an e-mail address/);
    await providerForm.getByLabel('Support e-mail').fill('help@northwind.example');
    await providerForm.getByRole('button', { name: 'Add provider' }).click();
    await page.getByRole('heading', { name: /Northwind Energy/, level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Add contract' }).click();
    const contractForm = page.getByRole('form', { name: 'Add a contract' });
    await contractForm.getByLabel('Name').fill('Dual fuel');
    await contractForm.getByLabel('Price per billing cycle').fill('84.50');
    await contractForm.getByLabel('Currency').fill('GBP');
    const start = serverDay(-330);
    await contractForm.getByLabel('Start date').fill(start);
    await contractForm.getByLabel('Term').fill('12 months');
    await contractForm.getByLabel('Notice period').fill('14 days');
    await contractForm.getByRole('button', { name: 'Add contract' }).click();
    await expect.poll(() => page.locator('table').first().textContent()).toMatch(/Dual fuel/);
    await page.getByRole('button', { name: 'Edit Dual fuel' }).click();
    const editForm = page.getByRole('form', { name: 'Edit Dual fuel' });
    await editForm.getByLabel('Price per billing cycle').fill('90.00');
    await editForm.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('table').first().textContent()).toMatch(/£90\.00/);

    await page.getByRole('button', { name: 'Log interaction' }).click();
    const interactionForm = page.getByRole('form', { name: 'Log an interaction' });
    await interactionForm.getByLabel('Subject').fill('Asked for a meter reading');
    const followUp = serverDay(2);
    await interactionForm.getByLabel('Follow up on').fill(followUp);
    await interactionForm.getByRole('button', { name: 'Log it' }).click();
    await expect.poll(() => page.locator('.timeline').textContent()).toMatch(/Asked for a meter reading/);
    await page.getByRole('button', { name: 'Edit Asked for a meter reading' }).click();
    const editInteraction = page.getByRole('form', { name: 'Edit: Asked for a meter reading' });
    await editInteraction.getByLabel('Outcome').fill('Reading booked for Friday');
    await editInteraction.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.timeline').textContent()).toMatch(/Reading booked for Friday/);

    await page.getByRole('button', { name: 'Open case' }).click();
    const caseForm = page.getByRole('form', { name: 'Open a case' });
    await caseForm.getByLabel('Title').fill('Bills based on estimates');
    await caseForm.getByRole('button', { name: 'Open case' }).click();
    // The timeline as the server merges it: the case, opened on the server's day, below that day's call.
    await expect
      .poll(() => page.locator('.timeline > li').allTextContents())
      .toEqual([
        expect.stringMatching(/Asked for a meter reading/),
        expect.stringMatching(/Bills based on estimates/),
      ]);
    await page.locator('.timeline li.case').getByLabel('status').selectOption('escalated');
    await expect
      .poll(() => page.locator('.timeline li.case .badge').getAttribute('class'))
      .toMatch(/escalated/);

    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Upcoming renewals' }).waitFor();
    await expect
      .poll(() => page.locator('section', { hasText: 'Upcoming renewals' }).textContent())
      .toMatch(/Northwind Energy.*Dual fuel/);
    await expect
      .poll(() => page.locator('section', { hasText: 'Follow-ups due' }).textContent())
      .toMatch(/Asked for a meter reading/);
    await expect.poll(() => page.locator('figure.chart').textContent()).toMatch(/Northwind Energy/);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('fills in a new provider from the organisation directory', async () => {
    const server = await serve();
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create my store' }).click();
    await page.getByRole('link', { name: 'Providers' }).click();
    await page.getByRole('button', { name: 'Add provider' }).click();
    const form = page.getByRole('form', { name: 'Add a provider' });
    await form.getByLabel('Name').fill('vodafone');
    await form.getByRole('button', { name: 'Vodafone GmbH' }).click();
    await expect.poll(() => form.getByLabel('Privacy e-mail').inputValue()).toBe('datenschutz@vodafone.com');
    await form.getByRole('button', { name: 'Add provider' }).click();
    await page.getByRole('heading', { name: /Vodafone GmbH/, level: 1 }).waitFor();
    await expect
      .poll(() => page.locator('section', { hasText: 'Contacts' }).textContent())
      .toMatch(/datenschutz@vodafone\.com/);
    await page.close();
  });

  it('works from the keyboard: the unlock form submits with Enter', async () => {
    const server = await serve();
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByLabel(/^Passphrase/).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSPHRASE);
    // Past the passphrase's Show button to the repeat field.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSPHRASE);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.close();
  });

  it('loads the demo from the first-run screen and saves a screenshot of each main page', async () => {
    const server = await serve(true);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const foreign = watchRequests(page, server.url);
    await page.goto(server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await page.getByLabel(/Fill it with demo data/).check();
    await page.getByRole('button', { name: 'Create a demo store' }).click();
    await page.getByRole('heading', { name: 'Upcoming renewals' }).waitFor();
    await page.locator('figure.chart').first().waitFor();
    await screenshot(page, 'dashboard.png');

    await page.getByRole('link', { name: 'Providers' }).click();
    await page.getByRole('cell', { name: 'Brightside Energy' }).waitFor();
    await screenshot(page, 'providers.png');
    await page.getByLabel('Search').fill('energy');
    await expect.poll(() => page.locator('table.providers tbody tr').count()).toBeLessThan(5);

    await page.getByRole('link', { name: 'Brightside Energy' }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await screenshot(page, 'provider.png');

    await page.getByRole('link', { name: 'Vault' }).click();
    await page.getByRole('button', { name: /History \(2\)/ }).click();
    await expect.poll(() => page.locator('.history').textContent()).toMatch(/Manchester.*Bristol/);
    await screenshot(page, 'vault.png');

    await page.getByRole('link', { name: 'Settings' }).click();
    await expect
      .poll(() => page.locator('section', { hasText: 'Audit log' }).textContent())
      .toMatch(/Signed a package for|Issued a consent receipt for|Recorded that|Added bank imports/);
    await screenshot(page, 'settings.png');
    await page.getByLabel(/End a browser session/).selectOption({ label: '24 hours' });
    await expect
      .poll(() =>
        page.evaluate(
          async () => ((await (await fetch('/api/status')).json()) as { sessionHours: number }).sessionHours,
        ),
      )
      .toBe(24);

    await page.setViewportSize({ width: 390, height: 844 });
    // On a phone the areas fold behind the menu button.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Upcoming renewals' }).waitFor();
    await screenshot(page, 'dashboard-phone.png', {});
    // Nothing sticks out sideways on a phone-sized screen.
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((e) => `${e.tagName}.${e.className}`),
    );
    expect(wide).toEqual([]);

    // A provider page on a phone: the timeline and the tables as cards, the areas behind the menu.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Providers' }).click();
    await page
      .getByRole('main')
      .getByRole('link', { name: 'Brightside Energy', exact: true })
      .first()
      .click();
    await page.getByRole('list', { name: 'Timeline' }).waitFor();
    await page.getByRole('heading', { name: 'Timeline' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'provider-phone.png', {});
    expect(foreign).toEqual([]);
    await page.close();
  });
});
