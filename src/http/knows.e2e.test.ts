/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { screenshot, watchRequests } from '../test/chromium.js';
import { useWebServer } from '../test/web-server.js';

/**
 * Who knows what, end to end in Debian's Chromium on a demo store: the matrix with its outdated
 * cells, recording a disclosure through the policy check, proffering terms and recording the
 * answer, and signing, presenting and verifying a disclosure. `npm run screenshots` saves the README's screenshots from it.
 */
const PASSPHRASE = 'who knows what in the browser';
const web = useWebServer('knows', { demo: true });

describe('who knows what in Chromium', () => {
  it('shows the matrix, records a disclosure, records an answer to terms, and signs and verifies a disclosure', async () => {
    const page = await web.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    const foreign = watchRequests(page, web.server.url);
    await page.goto(web.server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await page.getByLabel(/Fill it with demo data/).check();
    await page.getByRole('button', { name: 'Create a demo store' }).click();
    await page.getByRole('heading', { name: 'Upcoming renewals' }).waitFor();

    // The matrix: Harbour Bank still holds the Manchester address.
    await page.getByRole('link', { name: 'Who knows what' }).click();
    const matrix = page.getByRole('table', { name: /Who knows what/ });
    await matrix.waitFor();
    const harbourRow = matrix.getByRole('row', { name: /Harbour Bank/ });
    await expect.poll(() => harbourRow.locator('td.outdated').count()).toBe(1);
    expect(await matrix.locator('td.held').count()).toBeGreaterThan(20);
    await screenshot(page, 'who-knows-what.png');
    await matrix.getByRole('button', { name: 'home', exact: true }).first().click();
    const holders = page.getByRole('region', { name: /Who holds home/ });
    await expect.poll(() => holders.textContent()).toMatch(/Harbour Bank.*Manchester.*outdated/);

    // Tell Harbour Bank the new address: the policy check allows it, and the cell turns current.
    await page.getByRole('button', { name: 'Record a disclosure' }).click();
    const form = page.getByRole('form', { name: 'Record a disclosure' });
    await form.getByLabel(/^Provider/).selectOption({ label: 'Harbour Bank' });
    await form.getByLabel(/home \(postal address\): 12 Cotham Hill/).check();
    await form.getByRole('button', { name: 'What would my policies say?' }).click();
    await expect
      .poll(() => form.getByRole('list', { name: 'Policy check' }).textContent())
      .toMatch(/Allowed “home” \(postal address\)/);
    await form.getByRole('button', { name: 'Record', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => harbourRow.locator('td.outdated').count()).toBe(0);

    // Northlight News erased the address it held: withdrawn, it leaves the matrix.
    const northlightRow = matrix.getByRole('row', { name: /Northlight News/ });
    await matrix.getByRole('button', { name: 'Northlight News' }).click();
    const knows = page.getByRole('region', { name: 'What Northlight News knows' });
    // The heading row, the home address and the alias of its own that the demo gave it.
    await expect.poll(() => knows.getByRole('row').count()).toBe(3);
    await knows.getByRole('row', { name: /home/ }).getByRole('button', { name: 'Withdrawn' }).click();
    await expect.poll(() => knows.getByRole('row').count()).toBe(2);
    await page.getByRole('link', { name: 'Vault' }).click();
    await page.getByRole('link', { name: 'Who knows what' }).click();
    await expect.poll(() => northlightRow.locator('td.outdated').count()).toBe(0);

    // Terms: Lumen Fibre answers the terms proffered to it.
    await page.getByRole('link', { name: 'Terms' }).click();
    const lumen = page.getByRole('row', { name: /Lumen Fibre/ });
    await lumen.getByRole('button', { name: 'Record answer' }).click();
    const answer = page.getByRole('form', { name: /Lumen Fibre's answer/ });
    await answer.getByLabel('Answer', { exact: true }).selectOption('accepted');
    await answer.getByLabel('Evidence', { exact: true }).fill('accepted on the phone, reference 4471');
    await answer.getByRole('button', { name: 'Record answer' }).click();
    await expect.poll(() => lumen.textContent()).toMatch(/accepted/);
    await lumen.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => lumen.textContent()).toMatch(/Signature valid/);
    await screenshot(page, 'terms.png');

    // Sign a disclosure for Severn Water, present only the name, and verify it.
    await page.getByRole('link', { name: 'Signed' }).click();
    await page.getByRole('button', { name: 'Sign a disclosure' }).click();
    const sign = page.getByRole('form', { name: 'Sign a disclosure' });
    await sign.getByLabel(/^For/).selectOption({ label: 'Severn Water' });
    await sign.getByLabel(/legal: Alex Jordan Morgan/).check();
    await sign.getByLabel(/home: 12 Cotham Hill/).check();
    await sign.getByRole('button', { name: 'Sign' }).click();
    const pkg = page.getByRole('region', { name: /Package \d+/ }).last();
    await pkg.waitFor();
    // Each part of the address shows on its own: the street is kept back, the town shown.
    await pkg.getByLabel(/^\s*home address: street:/).uncheck();
    await pkg.getByRole('button', { name: 'Make presentation' }).click();
    await pkg.getByRole('img', { name: 'QR code of the presentation' }).waitFor();
    await screenshot(page, 'signed.png');
    const sdJwt = await pkg.getByLabel('SD-JWT').inputValue();
    expect(sdJwt.split('~').length).toBeGreaterThan(2);
    await page
      .getByRole('form', { name: 'Verify a presentation' })
      .getByLabel(/^SD-JWT/)
      .fill(sdJwt);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    const verdict = page.getByRole('status').filter({ hasText: 'Valid.' });
    await expect.poll(() => verdict.textContent()).toMatch(/one of your keys.*name.*Alex Jordan Morgan/s);
    expect(await verdict.textContent()).not.toMatch(/Cotham/);
    expect(await verdict.textContent()).toMatch(/Bristol/);
    await page
      .getByRole('form', { name: 'Verify a presentation' })
      .getByLabel(/^SD-JWT/)
      .fill(`${sdJwt}tampered`);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect
      .poll(() => page.getByRole('form', { name: 'Verify a presentation' }).textContent())
      .toMatch(/not valid/);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('gives a provider its own alias, imports an alias export with a bad line, and confirms a suggestion', async () => {
    const page = await web.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(web.server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('link', { name: 'Identities' }).click();
    await page.getByRole('heading', { name: 'Identities', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Give a provider its own identity' }).click();
    const give = page.getByRole('form', { name: 'Give a provider its own identity' });
    await give.getByLabel(/^Provider/).selectOption({ label: 'Severn Water' });
    await give.getByRole('button', { name: 'Give' }).click();
    const made = page.getByRole('status').filter({ hasText: 'Severn Water gets' });
    await expect.poll(() => made.textContent()).toMatch(/severnwater\.[a-z0-9]{6}@alexmorgan\.example/);
    const alias =
      /severnwater\.[a-z0-9]{6}@alexmorgan\.example/.exec((await made.textContent()) ?? '')?.[0] ?? '';

    await page.getByRole('button', { name: 'Import aliases' }).click();
    await page.getByLabel('Export (CSV)').setInputFiles({
      name: 'simplelogin.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'alias,note,enabled,mailboxes\nfibre.q7@simplelogin.com,Lumen Fibre broadband,true,alex@example.org\nnot an address,x,true,alex@example.org\n',
      ),
    });
    await page.getByRole('form', { name: 'Import aliases' }).getByRole('button', { name: 'Import' }).click();
    const report = page.getByRole('status', { name: 'Import report' });
    await expect
      .poll(() => report.textContent())
      .toMatch(/1 imported from simplelogin\.csv.*1 line skipped/s);
    expect(await report.textContent()).toMatch(
      /simplelogin\.csv: line 3: alias "not an address" is not an e-mail address/,
    );
    const review = page.getByRole('region', { name: 'To review' });
    await expect
      .poll(() => review.textContent())
      .toMatch(/fibre\.q7@simplelogin\.com.*Lumen Fibre.*the note names Lumen Fibre/s);
    await screenshot(page, 'identities.png');
    await review.getByRole('button', { name: 'Confirm' }).click();
    await review.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByRole('table', { name: 'Identities' }).textContent())
      .toMatch(/Lumen Fibre.*fibre\.q7@simplelogin\.com/s);

    await page.getByLabel('E-mail address').fill(alias.toUpperCase());
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'is identity' }).textContent())
      .toContain(alias);
    await page.close();
  });
});
