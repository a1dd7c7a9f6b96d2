/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../test/chromium.js';
import { useWebServer } from '../test/web-server.js';

/**
 * "Write a letter" on the provider page (issue 15, letters), in Debian's Chromium on the demo
 * store: the form offers the person's postal addresses, refuses an empty text by its label, and
 * downloads a PDF that pdftotext reads back; "Mark as posted" puts it on the timeline.
 */
const PASSPHRASE = 'a letter to every provider';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page as it is now, by rule and place. */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const run = (
      window as unknown as {
        axe: {
          run: (c: Document) => Promise<{
            violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe.run;
    return (await run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
const web = useWebServer('letters', { demo: true });

async function providerPage(name: string): Promise<Page> {
  const page = await web.browser.newPage({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    // The app forbids inline scripts (CSP); the test's own axe script is let in.
    bypassCSP: true,
  });
  page.setDefaultTimeout(10_000);
  await page.goto(web.server.url);
  const repeat = page.getByLabel('Repeat the passphrase');
  await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
  if (await repeat.isVisible()) {
    await repeat.fill(PASSPHRASE);
    await page.getByLabel(/Fill it with demo data/).check();
    await page.getByRole('button', { name: 'Create a demo store' }).click();
  } else {
    await page.getByRole('button', { name: /Unlock/ }).click();
  }
  await page.getByRole('heading', { name: 'Upcoming renewals' }).waitFor();
  await page.getByRole('navigation').getByRole('link', { name: 'Providers' }).click();
  await page.getByRole('heading', { name: 'Providers', level: 1 }).waitFor();
  await page.getByRole('main').getByRole('link', { name, exact: true }).first().click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  return page;
}

describe('Write a letter in Chromium', () => {
  it('downloads the letter as a PDF and marks it posted', async () => {
    const page = await providerPage('Brightside Energy');
    await page.getByRole('button', { name: 'Write a letter' }).click();
    const form = page.getByRole('form', { name: 'Write a letter' });
    await expect.poll(() => form.getByText('2 Riverside Way').isVisible()).toBe(true);
    expect(await form.getByRole('group', { name: 'To' }).textContent()).toBe(
      'ToBrightside Energy LtdComplaints Team2 Riverside WaySheffieldS3 8RE',
    );
    expect(await axe(page)).toEqual([]);
    // At phone width the form fits the screen: nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axe(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Nothing chosen, nothing written: each problem is named by its label.
    await form.getByRole('button', { name: 'Download PDF' }).click();
    const problems = form.getByRole('alert').filter({ hasText: 'things to change' });
    await expect
      .poll(() => problems.textContent())
      .toMatch(
        /Send from: choose one of your postal addresses.*Subject must not be empty.*Text must not be empty/s,
      );

    const home = await form
      .getByLabel(/^Send from/)
      .locator('option', { hasText: /^home: / })
      .getAttribute('value');
    await form.getByLabel(/^Send from/).selectOption(home ?? '');
    await form.getByLabel(/^Subject/).fill('Change of address from 1 December');
    await form
      .getByLabel(/^Text/)
      .fill('I have moved: Manchester → Bristol.\n\nPlease send my bills to the new address.');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      form.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2}-letter-brightside-energy\.pdf$/);
    const file = join(web.dir, 'downloaded-letter.pdf');
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Change of address from 1 December');
    expect(text).toContain('2 Riverside Way');
    expect(text).toMatch(/Customer number\s+BE-778812/);

    expect(text).toContain('Manchester -> Bristol.');
    const posted = page.getByRole('form', { name: 'Mark as posted' });
    await expect
      .poll(() => posted.getByText('Text: "→" (U+2192) was printed as a plain stand-in').isVisible())
      .toBe(true);
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'provider-letter.png', { fullPage: false });
    await posted.getByRole('button', { name: 'Mark as posted' }).click();
    await posted.waitFor({ state: 'detached' });
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect
      .poll(() => timeline.getByText('Change of address from 1 December').first().isVisible())
      .toBe(true);
    await page.close();
  });
});
