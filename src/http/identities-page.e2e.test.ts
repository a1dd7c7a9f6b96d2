/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../test/chromium.js';
import { ROUTES } from './routes.js';
import { startServer, type RunningServer } from './server.js';

/**
 * Issue 14, points 9 and 10, in Debian's Chromium: a mailbox uploaded by dropping it on the import
 * page, with the upload's progress and the imported count; each identity's mail and senders, and
 * switching one off; and moving a rule up.
 */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const PASSPHRASE = 'identities in the browser';
const ALIAS = 'acme.k3f9qx@alexmorgan.example';

let browser: Browser;
let server: RunningServer;
let dir: string;

const letter = (from: string, subject: string, day: number): string =>
  [
    `From ${from} Mon Mar  ${day} 09:00:00 2026`,
    `From: ${from}`,
    `To: ${ALIAS}`,
    `Subject: ${subject}`,
    `Date: Mon, ${day} Mar 2026 09:00:00 +0000`,
    `Message-ID: <${subject.replace(/\W/g, '')}@test.example>`,
    '',
    'Hello.',
    '',
  ].join('\n');

const MBOX = [
  letter('billing@acme.example', 'Invoice one', 2),
  letter('billing@acme.example', 'Invoice two', 3),
  letter('offers@broker.example', 'Cheap loans', 4),
].join('\n');

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

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'vrm-e2e-identities-'));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    webRoot: WEB_ROOT,
    home: dir,
  });
});

afterAll(async () => {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('identities and rules in Chromium', () => {
  it('uploads a dropped mailbox, shows an identity’s senders, switches it off, and moves a rule up', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create my store' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const acme = await call<{ id: number }>(page, 'addProvider', { name: 'Acme', domains: ['acme.example'] });
    await call(page, 'addAliasStrategy', { kind: 'catchall', base: 'alexmorgan.example' });
    await call(page, 'addIdentity', { mode: 'email', provider: acme.id, address: ALIAS });

    // The upload: the mailbox dropped on the drop zone, then sent with its progress shown.
    await page.goto(`${server.url}/#/mail/import`);
    const upload = page.getByRole('form', { name: 'Upload a file' });
    await upload.waitFor();
    const drop = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'alex.mbox', { type: 'application/mbox' }));
      return transfer;
    }, MBOX);
    await upload
      .getByRole('group', { name: 'Drop a mail file here' })
      .dispatchEvent('drop', { dataTransfer: drop });
    await expect.poll(() => upload.textContent()).toMatch(/Chosen: alex\.mbox/);
    await upload.getByRole('button', { name: 'Upload and import' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Upload progress' }).textContent())
      .toMatch(/Sent 100%/);
    await expect
      .poll(() => page.getByRole('status', { name: 'Import summary' }).textContent())
      .toMatch(/upload:alex\.mbox.*3 new messages/s);

    // The identity's mail: 3 messages from 2 senders; its senders, top first; then switched off.
    await page.goto(`${server.url}/#/identities`);
    const toggle = page.getByRole('button', { name: `Mail to ${ALIAS}: 3 messages` });
    await expect.poll(() => toggle.textContent()).toBe('3 messages from 2 senders');
    await toggle.click();
    const senders = page.getByRole('table', { name: `Senders to ${ALIAS}` });
    await expect
      .poll(() => senders.getByRole('row').nth(1).textContent())
      .toMatch(/billing@acme\.example.*Acme.*2/);
    await expect.poll(() => senders.textContent()).toMatch(/offers@broker\.example.*suspected leak/);
    const details = page.getByRole('region', { name: `Mail to ${ALIAS}` });
    await details.getByLabel('Move the mail it already has too').check();
    await details.getByRole('button', { name: 'Switch off' }).click();
    await expect
      .poll(() => details.getByRole('status').textContent())
      .toBe('Switched off: 3 messages moved to the folder “switched off”.');
    await details.getByRole('button', { name: 'Switch on' }).waitFor();

    // Rules: the second moves up with its button, and the order is kept.
    await call(page, 'addMailRule', {
      name: 'First',
      conditions: { senderDomains: ['acme.example'] },
      actions: { folder: 'one' },
    });
    await call(page, 'addMailRule', {
      name: 'Second',
      conditions: { senders: ['billing@acme.example'] },
      actions: { folder: 'two' },
    });
    await page.goto(`${server.url}/#/mail/rules`);
    const yours = page.getByRole('region', { name: 'Your rules' });
    await expect.poll(() => yours.getByRole('listitem').first().textContent()).toMatch(/First/);
    expect(await yours.getByRole('button', { name: 'Move First up' }).isDisabled()).toBe(true);
    await yours.getByRole('button', { name: 'Move Second up' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => yours.getByRole('listitem').first().textContent())
      .toMatch(/Second.*sent from billing@acme\.example/);
    await page.reload();
    await expect.poll(() => yours.getByRole('listitem').first().textContent()).toMatch(/Second/);
    await expect
      .poll(() => page.getByRole('region', { name: 'Then the defaults' }).textContent())
      .toMatch(/Newsletters and list mail/);
  });
});
