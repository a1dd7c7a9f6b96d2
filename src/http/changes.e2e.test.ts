/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../test/chromium.js';
import { demoPage, useWebServer } from '../test/web-server.js';

/**
 * "I have moved" in Debian's Chromium (issue 15, part 2), on the demo store: the move to Bristol
 * is a campaign in progress; the page shows "3 of 8 updated" and the late provider, a reply is
 * recorded and a provider confirmed, and Who knows what then shows it holding the new address.
 */
const PASSPHRASE = 'tell them once, follow each';
const web = useWebServer('changes', { demo: true });

const open = (): Promise<Page> => demoPage(web, PASSPHRASE);

const rowOf = (page: Page, provider: string) =>
  page
    .locator('table.campaign-items tbody tr')
    .filter({ has: page.getByRole('link', { name: provider, exact: true }) });

describe('change campaigns in Chromium', () => {
  it('shows the move in progress, records a reply and a confirmation, and Who knows what follows', async () => {
    const page = await open();
    await page.getByRole('navigation').getByRole('link', { name: 'Changes' }).click();
    await page.getByRole('heading', { name: 'Changes', level: 1 }).waitFor();
    await page.getByText('3 of 8 updated').waitFor();
    await page.getByRole('link', { name: /^home \(postal address\)/ }).click();
    await page.getByRole('heading', { name: /^home \(postal address\)/, level: 1 }).waitFor();
    await page.getByText(/1 provider did not answer in time: Vitalis Health/).waitFor();
    await expect
      .poll(() => rowOf(page, 'Aegis Motor Insurance').textContent())
      .toMatch(/failed.*550 5\.1\.1/);
    await expect
      .poll(() => rowOf(page, 'Harbour Bank').textContent())
      .toMatch(/harbourbank@alexmorgan\.example/);
    await screenshot(page, 'changes.png');

    // The late one is followed up: a draft that says when the first went, then posted.
    await page.getByRole('button', { name: 'Draft a follow-up' }).click();
    await page
      .getByRole('status')
      .getByText(/Drafted 1 follow-up/)
      .waitFor();
    await expect.poll(() => rowOf(page, 'Vitalis Health').textContent()).toMatch(/follow-up drafted/);
    await rowOf(page, 'Vitalis Health').getByRole('button', { name: 'Review notice' }).click();
    const followUp = page.getByRole('form', { name: 'Notice to Vitalis Health' });
    await expect
      .poll(() => followUp.getByLabel('Subject').inputValue())
      .toMatch(/^Reminder: Change of address/);
    await expect.poll(() => followUp.getByLabel('Text').inputValue()).toMatch(/I wrote to you about this on/);
    await rowOf(page, 'Vitalis Health').getByRole('button', { name: 'Review notice' }).click();
    await rowOf(page, 'Vitalis Health').getByRole('button', { name: 'Mark posted' }).click();
    const posted = page.getByRole('form', { name: 'The letter to Vitalis Health is posted' });
    await posted.getByRole('button', { name: 'Mark posted' }).click();
    await posted.waitFor({ state: 'detached' });
    await expect.poll(() => rowOf(page, 'Vitalis Health').textContent()).toMatch(/followed up/);
    await expect(page.getByText(/did not answer in time/).count()).resolves.toBe(0);

    // The bank answered, then confirmed: the count goes up.
    await rowOf(page, 'Harbour Bank').getByRole('button', { name: 'Confirmed' }).click();
    await page.getByText('4 of 8 updated').waitFor();
    await expect.poll(() => rowOf(page, 'Harbour Bank').textContent()).toMatch(/confirmed/);

    // A waiting notice: the reply arrives.
    await rowOf(page, 'Lumen Fibre').getByRole('button', { name: 'Reply arrived' }).click();
    await expect.poll(() => rowOf(page, 'Lumen Fibre').textContent()).toMatch(/reply/);

    // The bounced one: its notice can be read and changed, then sent again.
    await rowOf(page, 'Aegis Motor Insurance').getByRole('button', { name: 'Review notice' }).click();
    const notice = page.getByRole('form', { name: 'Notice to Aegis Motor Insurance' });
    await expect.poll(() => notice.getByLabel('Subject').inputValue()).toMatch(/^Change of address/);
    await notice.getByLabel('Send by').selectOption('letter');
    await notice.getByRole('button', { name: 'Save notice' }).click();
    await notice.waitFor({ state: 'detached' });
    await expect.poll(() => rowOf(page, 'Aegis Motor Insurance').textContent()).toMatch(/letter/);

    // Who knows what: the bank holds the Bristol address now.
    await page.getByRole('navigation').getByRole('link', { name: 'Vault' }).click();
    await page.getByRole('heading', { name: 'Vault', level: 1 }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Who knows what' }).click();
    const matrix = page.getByRole('table', { name: /Who knows what/ });
    await matrix.getByRole('button', { name: 'home', exact: true }).first().click();
    const holders = page.getByRole('region', { name: /Who holds home/ });
    const bank = holders.getByRole('row').filter({ hasText: 'Harbour Bank' });
    await expect.poll(() => bank.textContent()).toMatch(/Bristol.*current/);
    const card = holders.getByRole('row').filter({ hasText: 'Kestrel Card' });
    await expect.poll(() => card.textContent()).toMatch(/Manchester.*outdated.*Tell them what changed/);
    // "Tell them what changed" leads to the campaign's start, which knows one exists already.
    await card.getByRole('link', { name: 'Tell them what changed' }).click();
    const start = page.getByRole('form', { name: 'Tell providers what changed' });
    await start.getByRole('button', { name: 'Start' }).click();
    await expect
      .poll(() => start.getByRole('alert').first().textContent())
      .toMatch(/already tells providers/);
    await page.close();
  });
});
