/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { demoPage, useWebServer } from '../test/web-server.js';

/**
 * "Who else has my data" (issue 16, part 5) in Debian's Chromium on the demo store: the
 * organisations that wrote to Alex's addresses but are not providers, with the leaks flagged; one
 * is added to the providers, and its page opens from the link.
 */
const PASSPHRASE = 'who else has my data';
const web = useWebServer('discover-page', { demo: true });

describe('the page "Who else has my data" in Chromium', () => {
  it('lists who wrote and is no provider, adds one, and opens the new provider’s page', async () => {
    const page = await demoPage(web, PASSPHRASE);
    await page.getByRole('navigation').getByRole('link', { name: 'Who else has my data' }).click();
    await page.getByRole('heading', { name: 'Who else has my data', level: 1 }).waitFor();
    const table = page.getByRole('table');
    const row = table.getByRole('row').filter({ hasText: 'SwitchSmart Deals' });
    await row.waitFor();
    // It wrote to the address Alex gave only Brightside Energy: the leak is said on the row.
    expect(await row.textContent()).toContain('brightside@alexmorgan.example');
    expect(await row.getByText('Leak', { exact: true }).isVisible()).toBe(true);
    // Providers are not listed: Brightside Energy's own mail is its own.
    expect(await table.getByText('Brightside Energy', { exact: true }).count()).toBe(0);

    await row.getByRole('button', { name: 'Add to my providers: SwitchSmart Deals' }).click();
    const link = row.getByRole('link', { name: 'SwitchSmart Deals' });
    await link.waitFor();
    await link.click();
    await page.getByRole('heading', { name: 'SwitchSmart Deals', level: 1 }).waitFor();
    expect(page.url()).toMatch(/#\/providers\/\d+$/);

    // Back on the list, it is no longer there; the others still are.
    await page.getByRole('navigation').getByRole('link', { name: 'Who else has my data' }).click();
    await page.getByRole('heading', { name: 'Who else has my data', level: 1 }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Lucky Draws' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'SwitchSmart Deals' }).count()).toBe(0);
    await page.close();
  });

  it('dismisses one, shows it among the dismissed, and lists it again', async () => {
    const page = await demoPage(web, PASSPHRASE);
    await page.goto(`${web.server.url}/#/discover`);
    await page.getByRole('heading', { name: 'Who else has my data', level: 1 }).waitFor();
    const lucky = () => page.getByRole('row').filter({ hasText: 'Lucky Draws' });
    await lucky().getByRole('button', { name: 'Dismiss: Lucky Draws' }).click();
    await lucky().waitFor({ state: 'detached' });

    await page.getByLabel('Show dismissed ones too').check();
    await lucky().getByText('Dismissed', { exact: true }).waitFor();
    await lucky().getByRole('button', { name: 'List again: Lucky Draws' }).click();
    await page.getByLabel('Show dismissed ones too').uncheck();
    await lucky().waitFor();
    expect(await lucky().getByText('Dismissed', { exact: true }).count()).toBe(0);
    await page.close();
  });
});
