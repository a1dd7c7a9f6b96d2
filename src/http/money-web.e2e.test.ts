/// <reference lib="dom" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../app.js';
import { createStore } from '../platform/db/store.js';
import { launchChromium, screenshot } from '../test/chromium.js';
import { OFX_SAMPLES } from '../test/statement-readers.js';
import { startServer, type RunningServer } from './server.js';

/**
 * My money in Debian's Chromium (issue 17, the web pages): a person opens My money, uploads a real
 * OFX example of libofx, a crafted CAMT.053 and a bank's CSV at once and reads each file's summary;
 * uploads the OFX again and is told it is already imported; maps the columns of a CSV no preset
 * knows, saves the mapping and sees it imported; on Bookings says who a booking paid and finds the
 * rule it made; and accepts the directory's suggestion for another. A German browser, so amounts
 * show decimal commas.
 */
const PASSPHRASE = 'my money in the browser';
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const CAMT = fileURLToPath(new URL('../money/formats/fixtures/camt053-v08.xml', import.meta.url));
const OFX = join(OFX_SAMPLES, 'ofx_spec160_stmtrs_example.sgml');

let dir: string;
let server: RunningServer;
let browser: Browser;
let monzo: string;
let unknown: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-e2e-money-web-'));
  const storePath = join(dir, 'store.db');
  const store = await createStore(storePath, PASSPHRASE);
  await createServices(store).providers.add({ name: 'Becker Hausverwaltung' });
  await store.close();
  // Monzo's layout (a preset finds it by its header), with a directory organisation and a landlord.
  monzo = join(dir, 'monzo-march.csv');
  writeFileSync(
    monzo,
    [
      'Transaction ID,Date,Time,Type,Name,Emoji,Category,Amount,Currency,Local amount,Local currency,Notes and #tags,Address,Receipt,Description,Category split,Money Out,Money In',
      'tx_web01,01/03/2026,07:15:02,Card payment,Spotify AB,,Entertainment,-9.99,GBP,-9.99,GBP,,,,SPOTIFY AB,,-9.99,',
      'tx_web02,02/03/2026,09:00:00,Faster payment,Wohnungsmiete Ost,,Bills,-850.00,GBP,-850.00,GBP,,,,Miete Maerz,,-850.00,',
      'tx_web03,03/03/2026,12:30:44,Faster payment,Sam Taylor,,Transfers,25.00,GBP,25.00,GBP,,,,Pizza,,,25.00',
    ].join('\n'),
  );
  // A bank no preset knows: its own headings, semicolons and decimal commas.
  unknown = join(dir, 'Girokonto.csv');
  writeFileSync(
    unknown,
    'Buchungstag;Empfänger;Betrag (EUR);Verwendung\n05.03.2026;Stadtwerke Musterstadt;-61,50;Abschlag Strom\n06.03.2026;Bäckerei Korn;-3,20;Brötchen\n',
  );
  server = await startServer({ storePath, host: '127.0.0.1', port: 0, idleMinutes: 15, webRoot: WEB_ROOT });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page as it is now (the pages with data in them). */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const run = (
      window as unknown as {
        axe: { run: (c: Document) => Promise<{ violations: { id: string; impact: string | null }[] }> };
      }
    ).axe.run;
    return (await run(document)).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id);
  });
}

/** The summary card of one file's import. */
const card = (page: Page, name: string) => page.getByRole('region', { name: `Import of ${name}` });

describe('My money in Chromium', () => {
  it('imports OFX, CAMT and CSV, maps an unknown CSV, assigns a booking with a rule and accepts a suggestion', async () => {
    const context = await browser.newContext({
      locale: 'de-DE',
      viewport: { width: 1280, height: 900 },
      // axe-core is injected as a script tag, which the app's Content-Security-Policy would refuse.
      bypassCSP: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'My money' }).click();
    await page.getByRole('heading', { name: 'My money', level: 1 }).waitFor();
    expect(await page.title()).toBe('My money · vrm');
    await page
      .getByText("No statements yet: import one from your bank's online banking (OFX, QIF, CAMT or CSV).")
      .waitFor();

    // Three files at once: each gets its summary, with its counts.
    await page.getByRole('navigation', { name: 'My money' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import statements' }).waitFor();
    await page.getByLabel('Statement files').setInputFiles([OFX, CAMT, monzo]);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const ofx = card(page, 'ofx_spec160_stmtrs_example.sgml');
    await expect
      .poll(() => ofx.textContent())
      .toMatch(/2 new bookings, 0 already imported, 0 skipped, of 2 read/);
    await expect
      .poll(() => card(page, 'camt053-v08.xml').textContent())
      .toMatch(/\d+ new bookings?, 0 already imported/);
    await expect
      .poll(() => card(page, 'monzo-march.csv').textContent())
      .toMatch(/3 new bookings, 0 already imported, 0 skipped, of 3 read \(read as CSV \(preset monzo\)/);

    // The same OFX again: nothing new, and said so with the day of the first import.
    await page.getByLabel('Statement files').setInputFiles([OFX]);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => card(page, 'ofx_spec160_stmtrs_example.sgml').textContent())
      .toMatch(/0 new bookings, 2 already imported.*Already imported on \d{1,2} \w+ 2\d{3}/s);

    // A refused option: the server's message, naming it, and no stack trace.
    await page.getByText('Advanced options').click();
    await page.getByLabel('Currency', { exact: true }).fill('EURO');
    await page.getByLabel('Statement files').setInputFiles([monzo]);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const refused = card(page, 'monzo-march.csv').getByRole('alert');
    await expect.poll(() => refused.textContent()).toMatch(/^statement: currency: /);
    expect(await refused.textContent()).not.toMatch(/at .+\.(ts|js):\d+/);
    await page.getByLabel('Currency', { exact: true }).fill('');

    await page.getByLabel('Statement files').setInputFiles([unknown]);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const giro = card(page, 'Girokonto.csv');
    await expect.poll(() => giro.textContent()).toMatch(/Girokonto\.csv:1: The header line does not match/);
    await giro.getByRole('button', { name: 'Map its columns' }).click();
    const mapping = page.getByRole('form', { name: 'Map the columns of Girokonto.csv' });
    await mapping.getByLabel('Date column').waitFor();
    expect(await axe(page)).toEqual([]);
    await mapping.getByLabel(/^Name of this layout/).fill('Meine Sparkasse');
    await mapping.getByLabel('Date column').selectOption('Buchungstag');
    await mapping.getByLabel('Amount column').selectOption('Betrag (EUR)');
    await mapping.getByLabel('Payee column').selectOption('Empfänger');
    await mapping.getByLabel('Purpose column').selectOption('Verwendung');
    await mapping.getByLabel('Currency of every row').fill('EUR');
    await mapping.getByLabel('Dates are written').selectOption('DD.MM.YYYY');
    await mapping.getByLabel('Amounts are written').selectOption(',');
    await mapping.getByRole('button', { name: 'Save the mapping and import' }).click();
    await expect
      .poll(() => card(page, 'Girokonto.csv').textContent())
      .toMatch(/2 new bookings, 0 already imported, 0 skipped.*own mapping/s);
    await page.getByRole('region', { name: 'Your column mappings' }).getByText('Meine Sparkasse').waitFor();
    await screenshot(page, 'money-import.png');

    // The overview: the accounts and the imports, each with its counts.
    await page.getByRole('navigation', { name: 'My money' }).getByRole('link', { name: 'Overview' }).click();
    const imports = page.getByRole('table', { name: 'The latest statement imports' });
    // Six imports (the OFX twice, the unknown CSV before and after its mapping) under the header.
    await expect.poll(() => imports.getByRole('row').count()).toBe(7);
    await page.getByRole('table', { name: 'Your bank accounts' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'money-overview.png');

    // Bookings: a decimal comma and a minus sign; say who the rent paid, and the rule is kept.
    await page.getByRole('navigation', { name: 'My money' }).getByRole('link', { name: 'Bookings' }).click();
    const rent = page.getByRole('row').filter({ hasText: 'Wohnungsmiete Ost' });
    await expect.poll(() => rent.textContent()).toMatch(/-850,00\s£/);
    await rent.getByRole('button', { name: 'Assign…' }).click();
    const assign = page.getByRole('form', { name: 'Who Wohnungsmiete Ost was paid' });
    await assign.getByLabel('Provider').waitFor();
    expect(await axe(page)).toEqual([]);
    await assign.getByLabel('Provider').selectOption({ label: 'Becker Hausverwaltung' });
    await assign.getByRole('button', { name: 'Assign' }).click();
    const said = page.getByRole('status').filter({ hasText: 'Rule saved' });
    await expect
      .poll(() => said.textContent())
      .toMatch(/pays Becker Hausverwaltung\. Rule saved: when the payee is .*next imports follow it/);
    await expect.poll(() => rent.getByRole('link', { name: 'Becker Hausverwaltung' }).isVisible()).toBe(true);

    // The directory's suggestion for Spotify, accepted: the provider is added and linked.
    const spotify = page.getByRole('row').filter({ hasText: 'SPOTIFY AB' });
    await expect.poll(() => spotify.textContent()).toMatch(/Suggested: Spotify AB/);
    await spotify.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => spotify.getByRole('link', { name: 'Spotify AB' }).isVisible()).toBe(true);
    await screenshot(page, 'money-bookings.png');

    await said.getByRole('link', { name: 'See the rules' }).click();
    await page.getByRole('heading', { name: 'Rules' }).waitFor();
    const rule = page.getByRole('row').filter({ hasText: 'Becker Hausverwaltung' });
    await expect.poll(() => rule.textContent()).toMatch(/payee/);
    expect(await axe(page)).toEqual([]);
    await rule.getByRole('button', { name: /^Remove the rule/ }).click();
    await page.getByRole('status').filter({ hasText: 'Removed the rule' }).waitFor();

    // On a phone the bookings stack into cards, and an open "Assign…" fits the screen too.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('navigation', { name: 'My money' }).getByRole('link', { name: 'Bookings' }).click();
    const sam = page.getByRole('row').filter({ hasText: 'Sam Taylor' });
    await expect.poll(() => sam.textContent()).toMatch(/\+25,00\s£/);
    await sam.getByRole('button', { name: 'Assign…' }).click();
    await page.getByRole('form', { name: 'Who Sam Taylor was paid' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});
