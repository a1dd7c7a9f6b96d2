/// <reference lib="dom" />
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, watchRequests } from '../test/chromium.js';
import { corpusFiles, corpusMessage } from '../test/corpus.js';
import { ROUTES } from './routes.js';
import { startServer, type RunningServer } from './server.js';

/**
 * Mail, end to end in Debian's Chromium on a fresh store: importing an mbox by path with its
 * progress and summary, the inbox by attention, search with marked hits, a message and why it is
 * where it is, the leak graph and a leak marked "not a leak", and a rule with its live preview.
 * `npm run screenshots` saves the README's mail screenshots from it.
 */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const PASSPHRASE = 'mail in the browser';
const ALIAS = 'acme.k3f9qx@alexmorgan.example';
const LUMEN_ALIAS = 'lumen.p2m8ry@alexmorgan.example';
/** easy-ham-1/00003, "[zzzzteana] Moscow bomber": a real message to upload. */
const CORPUS_MESSAGE = corpusFiles().find((f) => f.includes('00003.860e3c3cee1b42ead714c5c874fe25f7')) ?? '';

let browser: Browser;
let server: RunningServer;
let dir: string;

/** One mbox message: the `From ` line, headers, a blank line, the body. */
const message = (from: string, date: string, headers: Record<string, string>, body: string): string =>
  [
    `From ${from} ${new Date(date).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, '$1 $3 $2 $5 $4')}`,
    ...Object.entries({ From: from, Date: new Date(date).toUTCString(), ...headers }).map(
      ([k, v]) => `${k}: ${v}`,
    ),
    '',
    body,
    '',
  ].join('\n');

const MBOX = [
  message(
    'billing@acme-insurance.example',
    '2025-03-01T09:00:00Z',
    {
      To: ALIAS,
      Subject: 'Your policy renewal',
      'Message-ID': '<renewal-1@acme-insurance.example>',
      'MIME-Version': '1.0',
      'Content-Type': 'multipart/mixed; boundary="b1"',
    },
    [
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Dear Alex, your invoice for the coming year is attached. Your policy renews on 1 April.',
      '--b1',
      'Content-Type: application/pdf; name="invoice-2025.pdf"',
      'Content-Disposition: attachment; filename="invoice-2025.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 not really a pdf\n').toString('base64'),
      '--b1--',
    ].join('\n'),
  ),
  message(
    'offers@spammy-broker.example',
    '2025-03-02T10:00:00Z',
    { To: ALIAS, Subject: 'Cheap loans, just for you', 'Message-ID': '<loan-7@spammy-broker.example>' },
    'We got your address from a partner. Reply now for a cheap loan.',
  ),
  message(
    'news@newsletter-hub.example',
    '2025-03-03T11:00:00Z',
    {
      To: 'alex.morgan@example.org',
      Subject: 'This week in gardening',
      'Message-ID': '<week-12@newsletter-hub.example>',
      'List-Id': 'Gardening weekly <weekly.newsletter-hub.example>',
      'List-Unsubscribe': '<mailto:unsubscribe@newsletter-hub.example>',
    },
    'Tomatoes, beans and the first frost.',
  ),
  message(
    'support@northwind-energy.example',
    '2025-03-04T12:00:00Z',
    {
      To: 'alex.morgan@example.org',
      Subject: 'About your complaint',
      'Message-ID': '<case-3@northwind-energy.example>',
    },
    'We are looking into the March invoice you disputed and will write again within 14 days.',
  ),
  ...['2025-02-10T08:00:00Z', '2025-02-24T08:00:00Z'].map((date, i) =>
    message(
      'deals@data-brokers.example',
      date,
      {
        To: LUMEN_ALIAS,
        Subject: `Exclusive deal no. ${i + 1}`,
        'Message-ID': `<deal-${i}@data-brokers.example>`,
      },
      'A partner of ours thought you would like this.',
    ),
  ),
].join('\n');

/** Calls a data route by name from the page, as the web app does: its session cookie and CSRF token. */
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
  dir = mkdtempSync(join(tmpdir(), 'vrm-e2e-mail-'));
  writeFileSync(join(dir, 'alex.mbox'), MBOX);
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    webRoot: WEB_ROOT,
    // The mbox it imports by path is in its temporary folder: that is the person's home here.
    home: dir,
  });
});

afterAll(async () => {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('mail in Chromium', () => {
  it('imports an mbox, sorts it by attention, searches it, shows a leak, marks it not a leak, and files mail by a rule', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    const foreign = watchRequests(page, server.url);
    await page.goto(server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create my store' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    // Acme got an address of its own at the catch-all domain; Northwind has an open case.
    const acme = await call<{ id: number }>(page, 'addProvider', {
      name: 'Acme Insurance',
      category: 'insurance',
      domains: ['acme-insurance.example'],
    });
    await call(page, 'addAliasStrategy', { kind: 'catchall', base: 'alexmorgan.example' });
    await call(page, 'addIdentity', { mode: 'email', provider: acme.id, address: ALIAS });
    const northwind = await call<{ id: number }>(page, 'addProvider', {
      name: 'Northwind Energy',
      category: 'energy',
      domains: ['northwind-energy.example'],
    });
    await call(page, 'addCase', { providerId: northwind.id, title: 'Overcharged in March' });
    const lumen = await call<{ id: number }>(page, 'addProvider', {
      name: 'Lumen Fibre',
      category: 'broadband',
    });
    await call(page, 'addIdentity', { mode: 'email', provider: lumen.id, address: LUMEN_ALIAS });

    // Import the mbox by its path and watch it finish.
    await page.getByRole('link', { name: 'Mail', exact: true }).click();
    await page.getByRole('heading', { name: 'Mail', level: 1 }).waitFor();
    await page.getByText('No mail yet.').waitFor();
    await page.getByRole('navigation', { name: 'Mail' }).getByRole('link', { name: 'Leaks' }).click();
    await page
      .getByText('No leak: nobody wrote to an address you gave only one provider, but that provider.')
      .waitFor();
    await page.getByRole('navigation', { name: 'Mail' }).getByRole('link', { name: 'Import' }).click();
    const importForm = page.getByRole('form', { name: 'Import a file or folder' });
    await importForm.getByLabel(/^Path on this machine/).fill(join(dir, 'alex.mbox'));
    await importForm.getByRole('button', { name: 'Import' }).click();
    const summary = page.getByRole('status', { name: 'Import summary' });
    await expect
      .poll(() => summary.textContent())
      .toMatch(/6 new messages, 0 already stored, 0 skipped, of 6 read/);
    await expect
      .poll(() => page.getByRole('table', { name: 'Past imports' }).textContent())
      .toMatch(/alex\.mbox.*done/);
    await screenshot(page, 'mail-import.png');

    // The inbox by attention: the open case's mail needs attention now.
    await page.getByRole('navigation', { name: 'Mail' }).getByRole('link', { name: 'Inbox' }).click();
    const side = page.getByRole('navigation', { name: /Mail by attention/ });
    await expect
      .poll(() => side.getByRole('link', { name: /^Now/ }).textContent())
      .toMatch(/^Now\s*1\s*message$/);
    await expect.poll(() => side.getByRole('link', { name: /^Later/ }).textContent()).toMatch(/^Later\s*4/);
    await expect.poll(() => side.getByRole('link', { name: /^leaked/ }).textContent()).toMatch(/3/);
    const now = page.getByRole('list', { name: 'Now' });
    await expect.poll(() => now.textContent()).toMatch(/Northwind Energy.*About your complaint.*open case/s);
    await side.getByRole('link', { name: /^Later/ }).click();
    await expect
      .poll(() => page.getByRole('list', { name: 'Later' }).textContent())
      .toMatch(/This week in gardening.*list.*Cheap loans.*leak/s);
    await screenshot(page, 'mail-inbox.png');

    // Search: hits are marked.
    await page.getByRole('searchbox', { name: 'Search mail' }).fill('invoice');
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.getByRole('list', { name: /Search results for invoice/ });
    await expect.poll(() => results.getByRole('listitem').count()).toBe(2);
    expect((await results.locator('mark').first().textContent())?.toLowerCase()).toBe('invoice');

    // A message: who sent it, which identity it reached, and why it is where it is.
    await results.getByRole('link', { name: 'Your policy renewal' }).click();
    await page.getByRole('heading', { name: 'Your policy renewal', level: 1 }).waitFor();
    const facts = page.locator('.mail-message dl.facts');
    await expect.poll(() => facts.textContent()).toMatch(/Sent byAcme Insurance/);
    await expect
      .poll(() => facts.textContent())
      .toMatch(new RegExp(`Reached${ALIAS.replace(/\./g, '\\.')} via`));
    await expect
      .poll(() => facts.textContent())
      .toMatch(/Whydefault: from Acme Insurance, a provider of yours/);
    expect(await page.getByRole('table', { name: 'Attachments' }).textContent()).toMatch(
      /invoice-2025\.pdf.*application\/pdf/,
    );
    expect(await page.getByRole('link', { name: 'Download original (.eml)' }).getAttribute('href')).toMatch(
      /^\/api\/mail\/messages\/\d+\/raw$/,
    );

    // Leaks: the graph has an edge from Acme to the broker, and its event holds the proof.
    await page.getByRole('navigation', { name: 'Mail' }).getByRole('link', { name: 'Leaks' }).click();
    await expect.poll(() => page.locator('.leak-graph path.edge.suspected').count()).toBe(2);
    const acmeLeaks = page.getByRole('table', { name: 'Leaks of Acme Insurance' });
    await expect
      .poll(() => acmeLeaks.textContent())
      .toMatch(/acme\.k3f9qx@alexmorgan\.example.*spammy-broker/s);
    await screenshot(page, 'mail-leaks.png');
    await acmeLeaks.getByRole('link', { name: /spammy-broker/ }).click();
    const proof = page.getByRole('list', { name: 'Messages of this leak event' });
    await proof.getByRole('link', { name: 'Cheap loans, just for you' }).click();
    const banner = page.getByRole('note', { name: 'Suspected leak' });
    await expect.poll(() => banner.textContent()).toMatch(/spammy-broker/);
    await expect.poll(() => facts.textContent()).toMatch(/Placedleaked · Later/);
    await screenshot(page, 'mail-message.png');

    // "Not a leak", with a reason: it leaves the report, and shows again with the checkbox.
    await banner.getByRole('link', { name: 'See the leak event' }).click();
    const notLeak = page.getByRole('form', { name: 'Not a leak' });
    await notLeak.getByRole('button', { name: 'Mark as not a leak' }).click();
    await expect.poll(() => notLeak.locator('.error').first().textContent()).toMatch(/reason/);
    await notLeak.getByLabel(/^Why it is not a leak/).fill("Acme's new mailing service");
    await notLeak.getByRole('button', { name: 'Mark as not a leak' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'not a leak' }).textContent())
      .toMatch(/not a leak.*Acme's new mailing service/);
    await page.getByRole('link', { name: 'All leaks' }).click();
    await page.getByRole('table', { name: 'Leaks of Lumen Fibre' }).waitFor();
    await acmeLeaks.waitFor({ state: 'detached' });
    // The checkbox is the route (`mail/leaks/all`): it must show its new state as soon as it is
    // clicked, in the same task, not after the browser's later `hashchange`.
    const showAll = page.getByLabel('show senders marked not a leak');
    expect(await showAll.evaluate((box: HTMLInputElement) => (box.click(), box.checked))).toBe(true);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/mail/leaks/all');
    expect(await showAll.isChecked()).toBe(true);
    await expect.poll(() => page.locator('.leak-graph path.edge.not_leak').count()).toBe(1);
    expect(await page.locator('.leak-graph path.edge.suspected').count()).toBe(1);
    await expect.poll(() => acmeLeaks.textContent()).toMatch(/spammy-broker.*not a leak/s);

    // A rule, previewed as it is written: invoices go to "bills", attention now.
    await page.getByRole('navigation', { name: 'Mail' }).getByRole('link', { name: 'Rules' }).click();
    await page.getByText('No rules yet').waitFor();
    await page.getByRole('button', { name: 'Add a rule' }).click();
    const editor = page.getByRole('form', { name: 'Add a rule' });
    const preview = editor.getByRole('region', { name: 'Preview' });
    await expect.poll(() => preview.textContent()).toMatch(/6 stored messages match/);
    await editor.getByLabel(/^Name/).fill('Bills');
    await editor.getByLabel(/^Keywords/).fill('invoice');
    await expect.poll(() => preview.textContent()).toMatch(/2 stored messages match/);
    await editor.getByLabel(/^Sent on or after/).fill('2025-03-02');
    await expect.poll(() => preview.textContent()).toMatch(/1 stored message matches/);
    await editor.getByLabel(/^Sent on or after/).fill('');
    await expect.poll(() => preview.textContent()).toMatch(/2 stored messages match/);
    await editor.getByLabel(/^Folder/).fill('bills');
    await editor.getByLabel(/^Attention/).selectOption('now');
    await screenshot(page, 'mail-rules.png');
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).textContent())
      .toMatch(/2 messages moved/);
    await expect
      .poll(() => page.getByRole('list').filter({ hasText: 'Bills' }).first().textContent())
      .toMatch(/If mentioning “invoice” → attention now, folder bills/);

    await page.getByRole('navigation', { name: 'Mail' }).getByRole('link', { name: 'Inbox' }).click();
    await side.getByRole('link', { name: /^bills/ }).click();
    const bills = page.getByRole('list', { name: 'Folder bills' });
    await expect.poll(() => bills.getByRole('listitem').count()).toBe(2);
    expect(await bills.textContent()).toMatch(/Your policy renewal.*rule \d+ "Bills": mentions "invoice"/s);

    // At phone width nothing runs off the side.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const view of ['mail', 'mail/leaks/all', 'mail/rules', 'mail/import']) {
      await page.goto(`${server.url}/#/${view}`);
      await page.getByRole('heading', { name: 'Mail', level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth), view).toBeLessThanOrEqual(390);
    }

    expect(foreign).toEqual([]);
    await page.close();
  });

  it('uploads a corpus message chosen with the file picker, lists it, and refuses a path outside home', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    const foreign = watchRequests(page, server.url);
    await page.goto(`${server.url}/#/mail/import`);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Mail', level: 1 }).waitFor();

    // A path outside home: refused with the one message, and nothing imported.
    const pathForm = page.getByRole('form', { name: 'Import a file or folder' });
    await pathForm.getByLabel(/^Path on this machine/).fill('/etc/passwd');
    await pathForm.getByRole('button', { name: 'Import' }).click();
    await expect
      .poll(() => pathForm.getByRole('alert').textContent())
      .toBe(
        'imports by path are allowed only from your home folder or a folder named with `vrm serve --import-folder FOLDER`: upload the file instead',
      );

    // The upload: a real message from the SpamAssassin corpus, chosen in the file picker.
    const upload = page.getByRole('form', { name: 'Upload a file' });
    await upload.getByLabel(/^File/).setInputFiles({
      name: 'moscow.eml',
      mimeType: 'message/rfc822',
      buffer: corpusMessage(CORPUS_MESSAGE),
    });
    await upload.getByRole('button', { name: 'Upload and import' }).click();
    const summary = page.getByRole('status', { name: 'Import summary' });
    await expect
      .poll(() => summary.textContent())
      .toMatch(/upload:moscow\.eml.*1 new message, 0 already stored/s);
    const sources = page.getByRole('table', { name: 'Mail sources' });
    await expect.poll(() => sources.textContent()).toMatch(/moscow\.emleml.*upload:moscow\.eml/s);
    // An upload is sent again, not read again from a path the server never had.
    expect(await sources.getByRole('button', { name: 'Import again from moscow.eml' }).count()).toBe(0);

    await page.getByRole('navigation', { name: 'Mail' }).getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('searchbox', { name: 'Search mail' }).fill('bomber');
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.getByRole('list', { name: /Search results for bomber/ });
    await results.getByRole('link', { name: '[zzzzteana] Moscow bomber' }).waitFor();
    expect(readdirSync(dir).filter((name) => name.startsWith('.vrm-upload-'))).toEqual([]);

    expect(foreign).toEqual([]);
    await page.close();
  });
});
