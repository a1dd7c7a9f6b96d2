/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../test/chromium.js';
import { startServer, type RunningServer } from './server.js';

/**
 * The first-run and unlock pages in Debian's Chromium (issue 14, points 6 and 14): the passphrase
 * can be shown and hidden, a new one gets a strength hint, and a wrong one is refused in plain
 * words, without the store's path or the CLI's session tokens.
 */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const PASSPHRASE = 'lantern meadow copper violin';

let browser: Browser;
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'vrm-e2e-unlock-'));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    webRoot: WEB_ROOT,
  });
});

afterAll(async () => {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const typeOf = (page: Page, label: RegExp) => page.getByLabel(label).getAttribute('type');

describe('the first-run and unlock pages in Chromium', () => {
  it('shows and hides the passphrase, hints at its strength, and refuses a wrong one in words', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    const create = page.getByRole('form', { name: 'Create your store' });
    await create.waitFor();

    // Show and hide: the button says which (aria-pressed), and the field's type follows it.
    const passphrase = create.getByLabel(/^Passphrase/);
    await passphrase.fill('password1');
    const show = create.getByRole('button', { name: 'Show passphrase' });
    expect(await show.getAttribute('aria-pressed')).toBe('false');
    expect(await typeOf(page, /^Passphrase/)).toBe('password');
    await show.click();
    expect(await create.getByRole('button', { name: 'Hide passphrase' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await typeOf(page, /^Passphrase/)).toBe('text');
    await create.getByRole('button', { name: 'Hide passphrase' }).click();
    expect(await typeOf(page, /^Passphrase/)).toBe('password');
    // The repeat field has its own button; showing one does not show the other.
    expect(await typeOf(page, /^Repeat the passphrase/)).toBe('password');

    // The strength hint follows what is typed, and never blocks.
    await expect.poll(() => create.getByText(/^Strength:/).textContent()).toBe('Strength: weak: add words');
    await passphrase.fill(PASSPHRASE);
    await expect.poll(() => create.getByText(/^Strength:/).textContent()).toBe('Strength: strong');

    // The repeat is checked before anything is sent, and says what to do.
    await create.getByLabel(/^Repeat the passphrase/).fill('lantern meadow');
    await create.getByRole('button', { name: 'Create my store' }).click();
    await expect
      .poll(() => create.getByRole('alert').last().textContent())
      .toMatch(/type the same passphrase in both fields/);
    await create.getByLabel(/^Repeat the passphrase/).fill(PASSPHRASE);
    await create.getByRole('button', { name: 'Create my store' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    // A wrong passphrase: plain words, no path, no session token.
    await page.getByRole('button', { name: 'Lock' }).click();
    const unlock = page.getByRole('form', { name: 'Unlock your store' });
    await unlock.waitFor();
    await unlock.getByLabel(/^Passphrase/).fill('not the passphrase');
    await unlock.getByRole('button', { name: 'Show passphrase' }).click();
    expect(await unlock.getByLabel(/^Passphrase/).getAttribute('type')).toBe('text');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expect
      .poll(() => unlock.getByRole('alert').textContent())
      .toBe('That passphrase does not open this store. Try again.');
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toContain(dir);
    expect(text).not.toContain('store.db');
    expect(text).not.toMatch(/session token/i);

    // Wrong again and again: the wait is said in words, in seconds.
    let said = '';
    for (let attempt = 0; attempt < 8 && !said.startsWith('Too many'); attempt++) {
      await unlock.getByRole('button', { name: 'Unlock' }).click();
      await unlock.getByRole('button', { name: 'Unlock' }).waitFor();
      said = (await unlock.getByRole('alert').textContent()) ?? '';
    }
    expect(said).toMatch(/^Too many wrong passphrases in a row\. Wait \d+ seconds?, then try again\.$/);

    // The right passphrase opens it once the wait is over.
    await unlock.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await expect
      .poll(
        async () => {
          if (await page.getByRole('heading', { name: 'Dashboard' }).isVisible()) return true;
          await unlock.getByRole('button', { name: 'Unlock' }).click();
          return false;
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe(true);
    await page.close();
  });
});
