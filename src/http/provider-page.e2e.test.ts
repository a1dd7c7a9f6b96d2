/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoPage, useWebServer } from '../test/web-server.js';

/**
 * One provider page for everything about that provider (issue 14, point 4), in Debian's Chromium
 * on the demo store: Brightside Energy's timeline holds its mail and the leak of the address
 * given only to it, the filter by kind hides and shows them, and a message opens in the inbox.
 */
const PASSPHRASE = 'one page for each provider';
const web = useWebServer('provider-page', { demo: true });

const open = (): Promise<Page> => demoPage(web, PASSPHRASE);

describe('the provider page in Chromium', () => {
  it("shows a provider's mail and the leak of its address in its timeline, filters them, and opens a message in the inbox", async () => {
    const page = await open();
    await page.getByRole('navigation').getByRole('link', { name: 'Providers' }).click();
    await page.getByRole('heading', { name: 'Providers', level: 1 }).waitFor();
    await page
      .getByRole('main')
      .getByRole('link', { name: 'Brightside Energy', exact: true })
      .first()
      .click();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    const message = timeline.getByRole('link', { name: 'Update on your complaint BE-C-55120' });
    const leak = timeline.getByRole('link', { name: /wrote to brightside@alexmorgan\.example/ }).first();
    await expect.poll(() => message.isVisible()).toBe(true);
    await expect.poll(() => leak.isVisible()).toBe(true);

    // The filter: hide the messages, and the leak stays; show them again.
    const messages = page.getByRole('checkbox', { name: /^messages \(\d+\)$/ });
    await messages.uncheck();
    await message.waitFor({ state: 'detached' });
    await expect.poll(() => leak.isVisible()).toBe(true);
    await page.getByRole('checkbox', { name: /^leaks \(\d+\)$/ }).uncheck();
    await leak.waitFor({ state: 'detached' });
    await messages.check();
    await message.waitFor();
    expect(await leak.count()).toBe(0);
    await page.getByRole('checkbox', { name: /^leaks \(\d+\)$/ }).check();
    await leak.waitFor();

    // The message opens in the inbox.
    await message.click();
    await page.getByRole('heading', { name: 'Update on your complaint BE-C-55120' }).waitFor();
    expect(page.url()).toMatch(/#\/mail\/message\/\d+$/);
    await page.close();
  });
});

describe('the next steps of a leak in Chromium', () => {
  it('retires the leaked address with a new one, records a complaint drafted from the leak, and opens the provider', async () => {
    const page = await open();
    await page.goto(`${web.server.url}/#/mail/leaks`);
    await page.getByRole('table', { name: 'Leaks of Brightside Energy' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: /used the address you gave Brightside Energy/ }).waitFor();
    const steps = page.getByRole('region', { name: 'What you can do' });

    // Retire and replace, after a confirmation: the new address is shown.
    await steps
      .getByRole('button', { name: 'Retire this identity and give Brightside Energy a new one' })
      .click();
    await steps.getByRole('button', { name: 'Retire it and make a new address' }).click();
    const made = steps.getByRole('status');
    await expect
      .poll(() => made.textContent())
      .toMatch(/Retired brightside@alexmorgan\.example\. New address for Brightside Energy: \S+@\S+\./);
    const newAddress = /Brightside Energy: (\S+@\S+?)\./.exec((await made.textContent()) ?? '')?.[1] ?? '';
    expect(newAddress).not.toBe('brightside@alexmorgan.example');

    // A complaint, drafted from the leak: the address, the sender and the dates.
    await steps.getByRole('button', { name: 'Record a complaint' }).click();
    const form = page.getByRole('form', { name: 'Complaint to Brightside Energy' });
    expect(await form.getByLabel('Title').inputValue()).toMatch(
      /^Leak: brightside@alexmorgan\.example used by /,
    );
    expect(await form.getByLabel('Description').inputValue()).toMatch(
      /I gave the e-mail address brightside@alexmorgan\.example only to Brightside Energy\. .+ wrote to it .*\d{4}-\d\d-\d\d/,
    );
    await form.getByRole('button', { name: 'Open case' }).click();
    await expect
      .poll(() => steps.textContent())
      .toMatch(/Opened the complaint “Leak: brightside@alexmorgan\.example/);

    // The provider's page: the case is in its timeline, and the new address among its identities.
    await steps.getByRole('link', { name: 'Open Brightside Energy' }).click();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect
      .poll(() => timeline.textContent())
      .toMatch(/Case opened: Leak: brightside@alexmorgan\.example/);
    await page.goto(`${web.server.url}/#/identities`);
    await expect.poll(() => page.locator('main').textContent()).toContain(newAddress);
    await page.close();
  });
});

describe('"tell them what changed" in Chromium', () => {
  it('leads from an outdated fact on Who knows what to the provider, with the fact named', async () => {
    const page = await open();
    await page.getByRole('navigation').getByRole('link', { name: 'Who knows what' }).click();
    const matrix = page.getByRole('table', { name: /Who knows what/ });
    await matrix
      .getByRole('link', { name: /^Harbour Bank holds home.*\(outdated\).*: tell them what changed$/ })
      .click();
    await page.getByRole('heading', { name: 'Harbour Bank' }).first().waitFor();
    expect(page.url()).toMatch(/#\/providers\/\d+\/fact\/\d+$/);
    const note = page.getByRole('note', { name: 'What changed' });
    await expect
      .poll(() => note.textContent())
      .toMatch(/^Tell Harbour Bank what changed: it holds your home as it was in version 1/);
    const knows = page.getByRole('region', { name: 'What Harbour Bank knows' });
    await expect.poll(() => knows.locator('tr[aria-current="true"]').textContent()).toMatch(/^home/);
    await page.close();
  });
});

describe('renewals whose notice period has passed, in Chromium', () => {
  it('show on the dashboard the next date on which cancelling is still possible', async () => {
    const page = await open();
    // The demo's health cash plan renews in about 45 days with three months' notice: passed.
    const row = page.getByRole('row').filter({ hasText: 'Health cash plan' });
    await expect.poll(() => row.textContent()).toMatch(/notice period passed/);
    await expect
      .poll(() => row.textContent())
      .toMatch(/next chance: cancel by \w+ \d+, \d{4}|next chance: cancel by \d+ \w+ \d{4}/);
    await page.close();
  });
});
