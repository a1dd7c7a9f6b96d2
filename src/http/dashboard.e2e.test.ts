/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../test/chromium.js';
import { createDemoStore, demoServer } from '../test/web-routes.js';

/**
 * The dashboard on the demo store, in Chromium at desktop width: counts in words that agree with
 * their number, one line per follow-up and case, no empty column, and one scale per currency.
 */
let browser: Browser;
let done: () => Promise<void>;
let url: string;

beforeAll(async () => {
  browser = await launchChromium();
  const { server, close } = await demoServer();
  url = server.url;
  done = close;
});

afterAll(async () => {
  await browser.close();
  await done();
});

describe('the dashboard in Chromium', () => {
  it('says "1 follow-up", keeps each follow-up and case on one line, leaves no column empty, and scales each currency on its own', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    await createDemoStore(page, url);
    const counts = page.locator('.dashboard .counts');
    await expect
      .poll(() => counts.textContent())
      .toMatch(/^\d+ renewals in the next 60 days · \d+ follow-ups due/);
    // The move in progress, with the late letter as a reminder, one click from its campaign.
    const changes = page.getByRole('region', { name: 'Changes in progress' });
    await expect
      .poll(() => changes.textContent())
      .toMatch(/3 of 8 updated · no answer in time: Vitalis Health/);

    // One line each: a row is no taller than one line of text and its button.
    for (const name of ['Follow-ups due', 'Open cases']) {
      const rows = await page
        .getByRole('region', { name })
        .locator('li')
        .evaluateAll((items) =>
          items.map((li) => ({
            text: li.textContent,
            lines: li.getBoundingClientRect().height / parseFloat(getComputedStyle(li).lineHeight),
          })),
        );
      expect(rows.length, name).toBeGreaterThan(1);
      for (const row of rows) expect(row.lines, `${name}: ${row.text}`).toBeLessThan(2.2);
    }

    // No empty column: in every row of cards, the last card reaches the grid's right edge.
    const gaps = await page.locator('.dashboard .grid').evaluate((grid) => {
      const right = grid.getBoundingClientRect().right;
      const rows = new Map<number, number>();
      for (const card of Array.from(grid.children)) {
        const box = card.getBoundingClientRect();
        rows.set(Math.round(box.top), Math.max(rows.get(Math.round(box.top)) ?? 0, box.right));
      }
      return [...rows.values()].map((end) => Math.round(right - end));
    });
    expect(gaps.length).toBeGreaterThan(1);
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(1);

    // One chart per currency, each with its own colour, and a caption saying its scale is its own.
    const charts = await page.locator('figure.chart').evaluateAll((figures) =>
      figures.map((f) => ({
        currency: f.getAttribute('data-currency'),
        caption: f.querySelector('figcaption')?.textContent ?? '',
        fills: [...new Set(Array.from(f.querySelectorAll('rect.bar')).map((r) => getComputedStyle(r).fill))],
      })),
    );
    expect(charts.length).toBeGreaterThan(1);
    for (const chart of charts)
      expect(chart.caption).toMatch(
        new RegExp(`own scale.*Compare bars only within ${chart.currency ?? '?'}`),
      );
    expect(charts.every((c) => c.fills.length === 1)).toBe(true);
    expect(new Set(charts.map((c) => c.fills[0])).size).toBe(charts.length);
    // The rest of a currency's providers are counted in words too.
    await expect
      .poll(() => page.locator('figure.chart').allTextContents())
      .toContainEqual(expect.stringMatching(/\d+ others|1 other\b/));

    // Done with all but one follow-up: the count reads "1 follow-up due".
    const followUps = page.getByRole('region', { name: 'Follow-ups due' });
    for (let left = await followUps.locator('li').count(); left > 1; left--) {
      await followUps.getByRole('button', { name: 'Done' }).first().click();
      await expect.poll(() => followUps.locator('li').count()).toBe(left - 1);
    }
    await expect.poll(() => counts.textContent()).toMatch(/ · 1 follow-up due · /);
    await page.close();
  });
});
