/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoPage, useWebServer } from '../test/web-server.js';

/**
 * A campaign's letter in Debian's Chromium (issue 15, "send them by e-mail and as letters"), on the
 * demo store: a notice turned into a letter is downloaded as a PDF, marked posted on a day, and
 * the letter is then a document on the provider's page.
 */
const PASSPHRASE = 'a letter for the move';
const web = useWebServer('change-letters', { demo: true });

const rowOf = (page: Page, provider: string) =>
  page
    .locator('table.campaign-items tbody tr')
    .filter({ has: page.getByRole('link', { name: provider, exact: true }) });

describe('campaign letters in Chromium', () => {
  it('downloads a letter notice, marks it posted, and the letter shows on the provider page', async () => {
    const page = await demoPage(web, PASSPHRASE);
    await page.getByRole('navigation').getByRole('link', { name: 'Changes' }).click();
    await page.getByRole('link', { name: /^home \(postal address\)/ }).click();
    await page.getByRole('heading', { name: /^home \(postal address\)/, level: 1 }).waitFor();

    // The bounced e-mail goes by letter instead.
    const aegis = rowOf(page, 'Aegis Motor Insurance');
    await aegis.getByRole('button', { name: 'Review notice' }).click();
    const notice = page.getByRole('form', { name: 'Notice to Aegis Motor Insurance' });
    await notice.getByLabel('Send by').selectOption('letter');
    await notice.getByRole('button', { name: 'Save notice' }).click();
    await notice.waitFor({ state: 'detached' });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      aegis.getByRole('button', { name: 'Letter (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2}-letter-aegis-motor-insurance\.pdf$/);
    const file = join(web.dir, 'campaign-letter.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Change of address');
    expect(text).toContain('Bristol');
    expect(text.split('Dear Sir or Madam,')).toHaveLength(2);

    await aegis.getByRole('button', { name: 'Mark posted' }).click();
    const posted = page.getByRole('form', { name: 'The letter to Aegis Motor Insurance is posted' });
    // The day it was posted: today, as the field offers it.
    await expect.poll(() => posted.getByLabel('Posted on').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await posted.getByRole('button', { name: 'Mark posted' }).click();
    await posted.waitFor({ state: 'detached' });
    await expect.poll(() => aegis.textContent()).toMatch(/Aegis Motor Insurancesent /);

    await aegis.getByRole('link', { name: 'Aegis Motor Insurance', exact: true }).click();
    await page.getByRole('heading', { name: 'Aegis Motor Insurance', level: 1 }).waitFor();
    await expect
      .poll(() =>
        page
          .getByText(/^Letter: Change of address/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await page.close();
  });
});
