/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { useWebServer } from '../test/web-server.js';

/**
 * The calendar in Debian's Chromium (issue 15, part 3): the Agenda page lists the demo's
 * deadlines by month, each linking to its provider, at desk and phone width; the Settings page
 * makes the feed's secret address, copies it, renews and revokes it, and the address serves the
 * feed without a session only while it is the current one.
 */
const PASSPHRASE = 'the calendar in the browser';
const web = useWebServer('calendar', { demo: true });

describe('the calendar in Chromium', () => {
  it('lists the agenda by month, links each day to its provider, and fits a phone', async () => {
    const context = await web.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(web.server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByLabel(/^Repeat the passphrase/).fill(PASSPHRASE);
    await page.getByLabel(/Fill it with demo data/).check();
    await page.getByRole('button', { name: 'Create a demo store' }).click();
    await page.getByRole('heading', { name: 'Upcoming renewals' }).waitFor();

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Agenda' }).click();
    await page.getByRole('heading', { name: 'Agenda', level: 1 }).waitFor();
    await expect.poll(() => page.title()).toBe('Agenda · vrm');
    const months = page.locator('section.card h2');
    await months.first().waitFor();
    // Month headings in words, never "2026-12".
    for (const text of await months.allTextContents())
      expect(text).toMatch(/^(Late follow-ups|[A-Za-z]+ \d{4})$/);
    const renewal = page.locator('li.agenda-day.renewal').first();
    await renewal.waitFor();
    await expect.poll(() => renewal.locator('.badge').textContent()).toBe('Renewal');
    const link = renewal.getByRole('link');
    const name = (await link.textContent()) ?? '';
    expect(name).toMatch(/ – /);
    await page.locator('li.agenda-day.cancel-by').first().waitFor();

    // A narrower window, chosen by its labelled fields, shows fewer days.
    const before = await page.locator('li.agenda-day').count();
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('Until').fill(today);
    await expect.poll(() => page.locator('li.agenda-day').count()).toBeLessThan(before);
    await page.getByLabel('Until').fill('');
    await expect.poll(() => page.locator('li.agenda-day').count()).toBe(before);

    // At phone width nothing runs off the side.
    await page.setViewportSize({ width: 375, height: 800 });
    await renewal.waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });

    await link.click();
    await page.getByRole('heading', { level: 1, name: name.split(' – ')[0] }).waitFor();
    await context.close();
  });

  it('makes, copies, renews and revokes the feed’s address on the Settings page', async () => {
    const context = await web.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.server.url });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(web.server.url);
    await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Upcoming renewals' }).waitFor();
    await page.goto(`${web.server.url}/#/settings`);
    const section = page.getByRole('region', { name: 'Calendar feed' });
    await section.getByText('The feed has no address yet.').waitFor();

    await section.getByRole('button', { name: 'Make address' }).click();
    const field = section.getByLabel('Feed address');
    await field.waitFor();
    const first = await field.inputValue();
    expect(first).toMatch(new RegExp(`^${web.server.url}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    await section.getByRole('button', { name: 'Copy address' }).click();
    await section.getByText('Address copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);

    // A calendar app has no cookie: the address alone serves the feed.
    const served = await fetch(first);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await served.text()).toContain('BEGIN:VEVENT');

    await section.getByRole('button', { name: 'Renew address' }).click();
    await section.getByText(/A new address is ready/).waitFor();
    await expect.poll(() => field.inputValue()).not.toBe(first);
    const second = await field.inputValue();
    expect((await fetch(first)).status).toBe(404);
    expect((await fetch(second)).status).toBe(200);

    await section.getByRole('button', { name: 'Revoke address' }).click();
    await section.getByText(/The address is ended/).waitFor();
    await section.getByText('The feed has no address yet.').waitFor();
    expect(await field.count()).toBe(0);
    expect((await fetch(second)).status).toBe(404);

    // After a reload the page cannot show the address again, only that none is there.
    await page.reload();
    await section.getByRole('button', { name: 'Make address' }).waitFor();
    await context.close();
  });
});
