/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useWebServer } from '../test/web-server.js';

/**
 * Signed disclosures readable in Debian's Chromium (issue 14, point 11): claims by their labels,
 * the address in lines, and a QR code that an independent decoder (zbarimg) reads at the size
 * the page shows it; one too long for a phone says so and offers the file.
 */
const PASSPHRASE = 'signed things in the browser';
const web = useWebServer('signed', { demo: true });

async function sign(page: Page, provider: string, facts: RegExp[]) {
  await page.getByRole('button', { name: 'Sign a disclosure' }).click();
  const form = page.getByRole('form', { name: 'Sign a disclosure' });
  await form.getByLabel(/^For/).selectOption({ label: provider });
  for (const fact of facts) await form.getByLabel(fact).check();
  await form.getByRole('button', { name: 'Sign' }).click();
  await form.waitFor({ state: 'detached' });
  return page.getByRole('region', { name: /Package \d+/ }).last();
}

describe('signed disclosures in Chromium', () => {
  it('labels claims, writes the address in lines, and shows a QR code zbarimg reads at its shown size', async () => {
    const page = await web.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(web.server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByLabel(/^Repeat the passphrase/).fill(PASSPHRASE);
    await page.getByLabel(/Fill it with demo data/).check();
    await page.getByRole('button', { name: 'Create a demo store' }).click();
    await page.getByRole('heading', { name: 'Upcoming renewals' }).waitFor();
    await page.getByRole('link', { name: 'Signed' }).click();

    const pkg = await sign(page, 'Severn Water', [/legal: Alex Jordan Morgan/, /home: 12 Cotham Hill/]);
    // Claims by the vault's labels, each part of the address on its own.
    await pkg.getByLabel(/^\s*legal name: Alex Jordan Morgan/).waitFor();
    await pkg.getByLabel(/^\s*home address: town or city: Bristol/).waitFor();
    for (const part of ['given name', 'family name', 'street', 'postcode', 'country']) {
      const box = pkg.getByLabel(new RegExp(`^\\s*(legal name|home address): ${part}:`));
      if (await box.isChecked()) await box.uncheck();
    }
    await pkg.getByRole('button', { name: 'Make presentation' }).click();
    const qr = pkg.getByRole('img', { name: 'QR code of the presentation' });
    await qr.waitFor();
    const sdJwt = await pkg.getByLabel('SD-JWT').inputValue();
    // The fields shown: the address as lines, not JSON.
    const fields = (await pkg.locator('dl.claims').textContent()) ?? '';
    expect(fields).toMatch(/home address.*Bristol/);
    expect(fields).not.toMatch(/[{}"]/);

    // The code as the page shows it, read by Debian's zbarimg, decodes to the presentation.
    const box = await qr.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(300);
    const png = join(web.dir, 'qr.png');
    await qr.screenshot({ path: png });
    expect(execFileSync('/usr/bin/zbarimg', ['--raw', '-q', png], { encoding: 'utf8' }).trim()).toBe(sdJwt);

    // Everything of a package with many facts is too long for a phone to read: no code, the file instead.
    const big = await sign(page, 'Severn Water', [
      /birthday/,
      /personal:/,
      /mobile/,
      /current account/,
      /driving licence/,
      /health card/,
    ]);
    await big.getByRole('button', { name: 'Make presentation' }).click();
    const note = big.getByRole('status');
    await expect.poll(() => note.textContent()).toMatch(/more than a QR code a phone can read holds/);
    expect(await big.getByRole('img', { name: 'QR code of the presentation' }).count()).toBe(0);
    const download = page.waitForEvent('download');
    await note.getByRole('button', { name: 'Save as a file' }).click();
    expect((await download).suggestedFilename()).toMatch(/^vrm-package-\d+\.sdjwt$/);
    await page.close();
  });
});
