/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../test/chromium.js';
import { createDemoStore, demoServer, visitEveryRoute } from '../test/web-routes.js';

/**
 * Phones: at 390 px (an iPhone 12–15), no page of the web app may scroll sideways, nothing a person
 * presses may sit outside the screen, and the navigation must leave room for the page.
 */
const PHONE = { width: 390, height: 844 };
/** The closed navigation bar's height at most, in CSS pixels. */
const NAV_HEIGHT = 64;

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

/**
 * What sticks out of the screen: the document's width, and the deepest elements whose right edge
 * lies beyond it, and the controls a person cannot reach without scrolling a box sideways (a
 * table's "Retire" button in a scrolled card). Only a box marked `data-scroll` (a wide data
 * matrix) may scroll on its own.
 */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const name = (e: Element) => {
      const classes = typeof e.className === 'string' ? e.className.trim().split(/\s+/).filter(Boolean) : [];
      return `${[e.tagName.toLowerCase(), ...classes].join('.')} "${e.textContent.trim().slice(0, 40)}"`;
    };
    // Inside a box that hides its overflow (a visually hidden label), nothing shows beyond the box.
    const hidden = (e: Element): boolean => {
      for (let box = e.parentElement; box; box = box.parentElement) {
        const { overflowX } = getComputedStyle(box);
        if (
          (overflowX === 'hidden' || overflowX === 'clip') &&
          box.getBoundingClientRect().right <= width + 1
        )
          return true;
      }
      return false;
    };
    const beyond = Array.from(document.querySelectorAll('body *')).filter(
      (e) => e.getBoundingClientRect().right > width + 1 && e.closest('[data-scroll]') === null && !hidden(e),
    );
    const deepest = beyond.filter((e) => !beyond.some((other) => other !== e && e.contains(other)));
    const widest = deepest
      .map((e) => ({ e, right: Math.round(e.getBoundingClientRect().right) }))
      .sort((a, b) => b.right - a.right)
      .slice(0, 3)
      .map(({ e, right }) => `${name(e)} reaches ${right} px`);
    return {
      document: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      width,
      widest,
    };
  });
}

describe('the web app on a phone', () => {
  it('fits every page into 390 px, with a compact navigation that opens and closes from the keyboard', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    page.setDefaultTimeout(10_000);
    await page.goto(url);
    await page.getByRole('heading', { name: 'Welcome to vrm' }).waitFor();
    const first = await overflow(page);
    expect(first.document, `the first-run screen: ${first.widest.join('; ')}`).toBeLessThanOrEqual(
      first.width,
    );
    await createDemoStore(page, url);

    const nav = page.locator('header.top');
    const height = async () => (await nav.boundingBox())?.height ?? Infinity;
    expect(await height(), 'the closed navigation’s height').toBeLessThanOrEqual(NAV_HEIGHT);

    // The areas are behind a menu button: it opens with the keyboard, lists every area, and Esc closes it.
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Providers' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => menu.evaluate((b) => b === document.activeElement)).toBe(true);
    await menu.click();
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Vault' }).click();
    await page.getByRole('heading', { name: 'Vault', level: 1 }).waitFor();
    // Choosing an area closes the menu again.
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    expect(await height()).toBeLessThanOrEqual(NAV_HEIGHT);

    const problems: string[] = [];
    const visited = await visitEveryRoute(page, async (path) => {
      const o = await overflow(page);
      if (o.document > o.width || o.body > o.width || o.widest.length > 0)
        problems.push(`#/${path}: ${o.document} px wide (body ${o.body} px); ${o.widest.join('; ')}`);
      if ((await height()) > NAV_HEIGHT)
        problems.push(`#/${path}: the navigation is ${await height()} px tall`);
    });
    expect(visited).toEqual(expect.arrayContaining(['providers', 'identities', 'knows', 'terms', 'signed']));
    expect(visited.some((path) => /^providers\/\d+$/.test(path))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});
