/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExim, type Exim } from '../test/exim.js';
import { useWebServer } from '../test/web-server.js';
import { ROUTES } from './routes.js';

/**
 * A campaign's "Send" button in Debian's Chromium, against a real Exim (issue 15, parts 4 and 5):
 * sending set up in Settings as a person would, a campaign started for a new address; the person
 * opens the campaign page, reviews a draft, clicks Send and sees each item sent. Each notice
 * arrived From the alias its provider knows, with the Message-ID the outbox shows. When the server
 * then refuses the login, the page says so and the drafts stay drafts, with nothing in the outbox.
 */
const PASSPHRASE = 'send the campaign from the page';
const PROVIDERS = [
  ['Acme Energy', 'alex+acme@example.org', 'privacy@acme.example'],
  ['Brook Water', 'alex+brook@example.org', 'privacy@brook.example'],
  ['Cedar Bank', 'alex+cedar@example.org', 'privacy@cedar.example'],
] as const;

const web = useWebServer('campaign-send');
let exim: Exim;

beforeAll(async () => {
  exim = await startExim();
});
afterAll(async () => {
  await exim.stop();
});

/** Calls the API as the page does (its CSRF token); `id` fills the route's `:id`. */
async function call<T>(page: Page, name: keyof typeof ROUTES, body: unknown, id?: number): Promise<T> {
  const { method } = ROUTES[name];
  const path = ROUTES[name].path.replace(':id', String(id ?? ''));
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

const rowOf = (page: Page, provider: string) =>
  page
    .locator('table.campaign-items tbody tr')
    .filter({ has: page.getByRole('link', { name: provider, exact: true }) });

const messageIdOf = (raw: Buffer | undefined): string =>
  /^Message-ID: (<[^>]+>)/im.exec(raw?.toString() ?? '')?.[1] ?? '';

/** The address moves (a new version of "home") and a campaign starts; the person opens its page. */
async function moveAndOpen(page: Page, home: number, street: string): Promise<void> {
  await call(
    page,
    'updateFact',
    { value: { lines: [street], locality: 'Bristol', country: 'GB' }, validFrom: '2026-02-01' },
    home,
  );
  await call(page, 'startCampaign', { fact: 'home' });
  await page.goto(`${web.server.url}/#/changes`);
  await page.getByRole('heading', { name: 'Changes', level: 1 }).waitFor();
  await page.getByRole('link', { name: new RegExp(`^home \\(postal address\\): ${street}`) }).click();
  await page.getByRole('heading', { name: /^home \(postal address\)/, level: 1 }).waitFor();
}

describe('sending a campaign from its page', () => {
  it('sends each notice from its alias, then shows a refused login and leaves the drafts', async () => {
    const page = await web.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(web.server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create my store' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    // Settings, Sending: the test Exim, as a person fills it in.
    await page.goto(`${web.server.url}/#/settings`);
    const form = page.getByRole('form', { name: 'Set up sending' });
    await form.getByLabel(/^Server/).fill('127.0.0.1');
    await form.getByLabel('Port', { exact: true }).fill(String(exim.port));
    await form.getByLabel(/^User name/).fill(exim.user);
    await form.getByLabel('Password', { exact: true }).fill(exim.password);
    await form.getByLabel(/Trust the server/).check();
    await form.getByRole('button', { name: 'Check and save' }).click();
    await page.getByRole('status').filter({ hasText: 'Sending through' }).waitFor();

    // What the person holds, and who was given the old address: through the API.
    const home = (
      await call<{ id: number }>(page, 'addFact', {
        kind: 'postal_address',
        label: 'home',
        value: { lines: ['4 Old Mill Lane'], locality: 'Manchester', country: 'GB' },
        validFrom: '2019-08-01',
      })
    ).id;
    for (const [name, alias, privacy] of PROVIDERS) {
      const provider = await call<{ id: number }>(page, 'addProvider', { name, privacyEmail: privacy });
      await call(page, 'addIdentity', { mode: 'email', provider: provider.id, address: alias });
      await call(page, 'addDisclosure', {
        provider: provider.id,
        facts: [home],
        on: '2020-01-10',
        purposes: ['service'],
      });
    }
    await moveAndOpen(page, home, '12 Cotham Hill');
    await page.getByText('0 of 3 updated').waitFor();

    // A draft reviewed, and its text changed, before anything goes.
    await rowOf(page, 'Brook Water').getByRole('button', { name: 'Review notice' }).click();
    const notice = page.getByRole('form', { name: 'Notice to Brook Water' });
    await expect.poll(() => notice.getByLabel('Subject').inputValue()).toMatch(/^Change of address/);
    const text = notice.getByLabel(/^Text/);
    await text.fill(`${await text.inputValue()}\n\nPS: the water meter reads 01234.`);
    await notice.getByRole('button', { name: 'Save notice' }).click();
    await notice.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Send 3 e-mails' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Sent 3 e-mails.');
    for (const [name] of PROVIDERS) await expect.poll(() => rowOf(page, name).textContent()).toMatch(/sent /);
    await page.getByText('0 of 3 updated').waitFor();
    await expect(page.getByRole('button', { name: /^Send \d/ }).count()).resolves.toBe(0);

    // Each notice arrived from its alias, with the Message-ID the outbox shows for it.
    for (const [name, alias, privacy] of PROVIDERS) {
      const [delivered] = await exim.waitFor(privacy, 1);
      const raw = delivered?.toString() ?? '';
      expect(raw).toMatch(new RegExp(`^From: .*${alias.replace(/[+.]/g, '\\$&')}`, 'm'));
      if (name === 'Brook Water') expect(raw).toContain('PS: the water meter reads 01234.');
      await page.goto(`${web.server.url}/#/outbox`);
      await page.getByRole('heading', { name: 'Outbox', level: 1 }).waitFor();
      const row = page.getByRole('row').filter({ hasText: name });
      await expect.poll(() => row.textContent()).toMatch(/Sent/);
      await row.locator('a[href^="#/outbox/"]').click();
      await expect.poll(() => page.locator('dl').textContent()).toMatch(/Message-ID/);
      expect(await page.locator('dl').textContent()).toContain(messageIdOf(delivered));
    }

    // The password changed at the mail provider: the next campaign's Send is refused with the
    // server's reason, and its notices stay drafts, with nothing made in the outbox.
    exim.changePassword('changed-at-the-provider');
    const before = (await call<unknown[]>(page, 'listOutbox', undefined)).length;
    await moveAndOpen(page, home, '3 Royal York Crescent');
    await page.getByRole('button', { name: 'Send 3 e-mails' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toMatch(/refused the login for testuser: 535/);
    for (const [name] of PROVIDERS) await expect.poll(() => rowOf(page, name).textContent()).toMatch(/draft/);
    await page.getByRole('button', { name: 'Send 3 e-mails' }).waitFor();
    expect(await call<unknown[]>(page, 'listOutbox', undefined)).toHaveLength(before);
    for (const [, , privacy] of PROVIDERS) expect(exim.delivered(privacy)).toHaveLength(1);
    await page.close();
  });
});
