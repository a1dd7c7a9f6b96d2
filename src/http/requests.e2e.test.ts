/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { screenshot } from '../test/chromium.js';
import { demoPage, useWebServer } from '../test/web-server.js';
import { craftZip } from '../test/zip.js';

/**
 * Data-subject requests in Debian's Chromium on the demo store (issue 16): from a provider's page,
 * "Ask what they hold" drafts an access request and opens it; it goes as a letter, is marked
 * posted and shows its due date; their answer, a crafted ZIP, is imported, and the comparison
 * lists the date of birth Alex never gave them.
 */
const PASSPHRASE = 'what do they hold about me';
const IDENTITY_BUTTON = 'Give a provider its own identity';
const web = useWebServer('requests', { demo: true });

describe('data requests in Chromium', () => {
  it('asks a provider what it holds by letter, imports the answer and shows what was never given', async () => {
    const page = await demoPage(web, PASSPHRASE);
    await page.getByRole('navigation').getByRole('link', { name: 'Requests' }).click();
    await page.getByRole('heading', { name: 'My data requests', level: 1 }).waitFor();
    // A letter goes from the postal address the provider knows: Alex gives Severn Water the home
    // address with a tag line of its own, as the Identities page offers.
    await page.getByRole('navigation').getByRole('link', { name: 'Identities' }).click();
    await page.getByRole('button', { name: IDENTITY_BUTTON }).click();
    const identity = page.getByRole('form', { name: 'Give a provider its own identity' });
    await identity.getByLabel(/^Provider/).selectOption({ label: 'Severn Water' });
    await identity.getByLabel('What').selectOption('postal');
    const home = await identity
      .getByLabel('Postal address')
      .locator('option', { hasText: /^home: / })
      .getAttribute('value');
    await identity.getByLabel('Postal address').selectOption(home ?? '');
    await identity.getByLabel('Tag line').fill('Dept SW1');
    await identity.getByRole('button', { name: 'Give' }).click();
    await identity.waitFor({ state: 'detached' });
    await page.getByRole('navigation').getByRole('link', { name: 'Providers' }).click();
    await page.getByRole('heading', { name: 'Providers', level: 1 }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Severn Water', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Severn Water', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Ask what they hold' }).click();
    await page
      .getByRole('heading', { name: 'Access to my personal data · Severn Water', level: 1 })
      .waitFor();
    expect(await page.title()).toBe('Request · Requests · vrm');

    // It goes as a letter, taking two days in the post.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = page.getByRole('form', { name: 'Change the request' });
    await edit.getByLabel('Send by').selectOption('letter');
    await edit.getByLabel('Days the post takes').fill('2');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Request to send by letter' }).waitFor();

    await page.getByRole('button', { name: 'Mark posted' }).click();
    const posted = page.getByRole('form', { name: 'The letter is posted' });
    await posted.getByRole('button', { name: 'Mark posted' }).click();
    await posted.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.locator('.lead').textContent())
      .toMatch(/answer due (\d{1,2} \w+ \d{4}|\w+ \d{1,2}, \d{4})/);
    await page.getByRole('heading', { name: 'Deadlines' }).waitFor();
    expect(await page.getByText('How it was counted').count()).toBeGreaterThanOrEqual(2);

    // Their answer: a profile with a date of birth they were never given, and an entry that escapes.
    await page.getByRole('button', { name: 'Import their answer' }).click();
    const upload = page.getByRole('form', { name: 'Import their answer' });
    await upload.getByLabel('Their answer').setInputFiles({
      name: 'severn-export.zip',
      mimeType: 'application/zip',
      buffer: craftZip([
        {
          name: 'customer/profile.json',
          data: JSON.stringify({ customer: { name: 'Alex Morgan', dateOfBirth: '1992-05-14' } }),
        },
        { name: '../../escape.txt', data: 'outside' },
      ]),
    });
    await upload.getByRole('button', { name: 'Import' }).click();
    const result = page.getByRole('status').filter({ hasText: 'Their answer is imported' });
    await result.waitFor();
    await expect.poll(() => result.textContent()).toMatch(/1 file could not be read:.*escape\.txt/s);
    await result.getByRole('button', { name: 'See what they hold' }).click();

    const never = page.getByRole('heading', { name: /What they hold that you never gave them/ });
    await never.waitFor();
    const item = page.locator('.comparison li').filter({ hasText: 'birthday' });
    await expect
      .poll(() => item.first().textContent())
      .toMatch(/birthday: 1992-05-14.*customer\/profile\.json/s);
    await screenshot(page, 'requests.png');

    // The provider page shows the request and the comparison of its latest answer.
    await page.getByRole('main').getByRole('link', { name: 'Severn Water' }).first().click();
    await page.getByRole('heading', { name: 'Data requests' }).waitFor();
    await expect
      .poll(() => page.getByRole('heading', { name: /What they hold that you never gave them/ }).isVisible())
      .toBe(true);
    await page.close();
  });
});
