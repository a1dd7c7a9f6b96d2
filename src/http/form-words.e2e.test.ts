/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useWebServer } from '../test/web-server.js';

/**
 * Words a person understands (issue 14, point 6), in Debian's Chromium: a refused form lists each
 * problem once, naming the field as the form labels it ("Support e-mail", "Full name"), never by
 * the schema's names ("supportEmail", "value.full", "body:"), and each item takes the person to
 * its field.
 */
const PASSPHRASE = 'words a person understands';
const web = useWebServer('form-words');

async function openStore(): Promise<Page> {
  const page = await web.browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  await page.goto(web.server.url);
  const repeat = page.getByLabel('Repeat the passphrase');
  await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
  if (await repeat.isVisible()) {
    await repeat.fill(PASSPHRASE);
    await page.getByRole('button', { name: /Create/ }).click();
  } else {
    await page.getByRole('button', { name: /Unlock/ }).click();
  }
  await page.getByRole('navigation').getByRole('link', { name: 'Providers' }).waitFor();
  return page;
}

const INTERNAL = /supportEmail|value\.|body:|\bname: name\b|expected|received/;

describe('a refused form in Chromium', () => {
  it('names each field by its label, once, and a click on a problem goes to its field', async () => {
    const page = await openStore();
    await page.getByRole('navigation').getByRole('link', { name: 'Providers' }).click();
    await page.getByRole('button', { name: 'Add provider' }).first().click();
    const form = page.getByRole('form', { name: 'Add a provider' });
    await form.getByLabel('Support e-mail').fill('not an address');
    await form.getByRole('button', { name: 'Add provider' }).click();

    const summary = form.locator('.problems');
    await summary.getByText('2 things to change:').waitFor();
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('Name must not be empty');
    expect(text).toContain('Support e-mail is not an e-mail address');
    expect(text).not.toMatch(INTERNAL);
    // The same words next to the field, and no second copy of the server's own line.
    expect(await form.getByText('Support e-mail is not an e-mail address').count()).toBe(2);
    expect((await form.textContent()) ?? '').not.toMatch(INTERNAL);

    await summary.getByRole('button', { name: 'Support e-mail is not an e-mail address' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
      .toBe('supportEmail');
    await page.close();
  });

  it('names a part of a fact by its label in the vault ("Address", not "value.address")', async () => {
    const page = await openStore();
    await page.getByRole('navigation').getByRole('link', { name: 'Vault' }).click();
    await page.getByRole('button', { name: 'Add fact' }).first().click();
    const form = page.getByRole('form', { name: 'Add a fact' });
    await form.getByLabel('Kind').selectOption('email');
    await form.getByLabel('Label').fill('personal');
    await form.getByLabel('Address').fill('alex at example');
    await form.getByRole('button', { name: 'Add fact' }).click();
    const summary = form.locator('.problems');
    await summary.getByText('One thing to change:').waitFor();
    const text = (await summary.textContent()) ?? '';
    expect(text).toMatch(/^One thing to change:Address /);
    expect((await form.textContent()) ?? '').not.toMatch(INTERNAL);
    await page.close();
  });
});
