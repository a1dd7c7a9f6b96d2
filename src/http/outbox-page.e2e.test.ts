/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExim, type Exim } from '../test/exim.js';
import { useWebServer } from '../test/web-server.js';
import { ROUTES } from './routes.js';

/**
 * Issue 15, part 1, in Debian's Chromium: the Settings page's "Sending" section (the password is
 * never shown back), and the Outbox page: a draft read, changed and sent through a real Exim.
 */
const PASSPHRASE = 'the outbox in the browser';
const ALIAS = 'alex+acme@example.org';
const TO = 'privacy@acme.example';

const web = useWebServer('outbox');
let exim: Exim;

beforeAll(async () => {
  exim = await startExim();
});
afterAll(async () => {
  await exim.stop();
});

async function call<T>(page: Page, name: keyof typeof ROUTES, body: unknown): Promise<T> {
  const { method, path } = ROUTES[name];
  return (await page.evaluate(
    async ({ method, path, body }) => {
      const status = (await (await fetch('/api/status')).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': status.csrfToken },
        body: JSON.stringify(body),
      });
      const data: unknown = await response.json();
      if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(data)}`);
      return data;
    },
    { method, path, body },
  )) as T;
}

describe('the outbox in Chromium', () => {
  it('sets up sending without echoing the password, then reviews, edits and sends a draft', async () => {
    const page = await web.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(web.server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create my store' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    // Settings, Sending: a wrong password is refused with the server's reason.
    await page.goto(`${web.server.url}/#/settings`);
    const form = page.getByRole('form', { name: 'Set up sending' });
    await form.getByLabel(/^Server/).fill('127.0.0.1');
    await form.getByLabel('Port', { exact: true }).fill(String(exim.port));
    await form.getByLabel(/^User name/).fill(exim.user);
    await form.getByLabel('Password', { exact: true }).fill('not-the-password');
    await form.getByLabel(/Trust the server/).check();
    await form.getByRole('button', { name: 'Check and save' }).click();
    await expect
      .poll(() => form.getByRole('alert').first().textContent())
      .toMatch(/refused the login for testuser: 535/);

    await form.getByLabel('Password', { exact: true }).fill(exim.password);
    await form.getByRole('button', { name: 'Check and save' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Sending through' }).textContent())
      .toMatch(/Sending through 127\.0\.0\.1:\d+ as testuser; password kept/);
    const changed = page.getByRole('form', { name: 'Change the SMTP server' });
    await expect.poll(() => changed.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await page.content()).not.toContain(exim.password);
    const settings = await call<{ passwordSet: boolean }>(page, 'sendingSettings', undefined);
    expect(settings.passwordSet).toBe(true);
    expect(JSON.stringify(settings)).not.toContain(exim.password);

    // A draft, made by the API as a change campaign would.
    const acme = await call<{ id: number }>(page, 'addProvider', { name: 'Acme Energy', privacyEmail: TO });
    await call(page, 'addIdentity', { mode: 'email', provider: acme.id, address: ALIAS });
    await call(page, 'addOutboxItem', {
      providerId: acme.id,
      channel: 'email',
      subject: 'My new address',
      body: 'Hello,\n\nI have moved.\n\nAlex',
    });

    // The Outbox: the list, the draft in full, changed, then sent.
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Outbox' }).click();
    await page.getByRole('heading', { name: 'Outbox', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'My new address' });
    await expect.poll(() => row.textContent()).toMatch(/Acme Energy.*E-mail.*Draft/);
    await row.getByRole('link', { name: 'My new address' }).click();
    await page.getByRole('heading', { name: 'My new address' }).waitFor();
    expect(await page.getByRole('link', { name: 'Acme Energy' }).getAttribute('href')).toBe(
      `#/providers/${String(acme.id)}`,
    );
    await expect.poll(() => page.locator('dl').textContent()).toContain(ALIAS);
    const text = page.getByLabel(/^Text/);
    expect(await text.inputValue()).toBe('Hello,\n\nI have moved.\n\nAlex');
    await text.fill('Hello,\n\nI have moved to 1 New Street, Bristol.\n\nAlex');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Draft saved.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => page.locator('dl').textContent()).toMatch(/StateSent/);
    const [delivered] = await exim.waitFor(TO, 1);
    expect(delivered?.toString()).toContain('I have moved to 1 New Street, Bristol.');
    expect(delivered?.toString()).toContain(`From: ${ALIAS}`);

    await page.getByRole('link', { name: 'Outbox', exact: true }).first().click();
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: 'My new address' }).textContent())
      .toMatch(/Sent/);
    await page.close();
  });
});
