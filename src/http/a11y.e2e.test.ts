/// <reference lib="dom" />
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../web/src/routes.js';
import { launchChromium } from '../test/chromium.js';
import { PASSPHRASE, createDemoStore, demoServer, visitEveryRoute } from '../test/web-routes.js';

/**
 * Accessibility, end to end in Chromium on the demo store: axe-core finds no serious or critical
 * problem on any page (at desktop and at phone width), every page has its own title, a skip link
 * is the first stop of the keyboard, and a form that opens takes focus and gives it back on Esc.
 */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

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

/** axe-core's serious and critical violations on the page as it is now, one line each. */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (c: Document) => Promise<{ violations: Violation[] }> } })
      .axe.run;
    return (await run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact ?? ''}): ${v.help}; at ${v.nodes
          .slice(0, 4)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

const titleOf = (pattern: string): string =>
  `${ROUTES.find((r) => r.pattern === pattern)?.title ?? '?'} · vrm`;

describe('accessibility in Chromium', () => {
  it('finds no serious or critical axe violation on any page, at desktop and at phone width, and titles every page', async () => {
    // The app forbids inline scripts (CSP); the test's own axe script is let in.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    page.setDefaultTimeout(10_000);
    await page.goto(url);
    await page.getByRole('heading', { name: 'Welcome to vrm' }).waitFor();
    expect(await page.title()).toBe('Welcome · vrm');
    expect(await axe(page), 'the first-run screen').toEqual([]);
    await createDemoStore(page, url);

    const problems: string[] = [];
    const titles = new Set<string>();
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport);
      await visitEveryRoute(page, async (path, pattern) => {
        for (const line of await axe(page)) problems.push(`#/${path} at ${viewport.width} px: ${line}`);
        const title = await page.title();
        if (title !== titleOf(pattern))
          problems.push(`#/${path}: titled "${title}", not "${titleOf(pattern)}"`);
        titles.add(title);
      });
    }
    expect(problems).toEqual([]);
    expect(titles).toContain('Providers · vrm');

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Unlock your store' }).waitFor();
    expect(await page.title()).toBe('Unlock · vrm');
    expect(await axe(page), 'the unlock screen').toEqual([]);
    await page.close();
  });

  it('offers "Skip to content" first, and moves focus into a form that opens and back when Esc closes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    const focused = () =>
      page.evaluate(() => {
        const e = document.activeElement;
        return e
          ? `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''} ${e.textContent.trim().slice(0, 30)}`
          : '';
      });
    await page.goto(`${url}/#/providers`);
    await page.getByLabel(/^Passphrase/).waitFor();
    if (await page.getByRole('heading', { name: 'Welcome to vrm' }).isVisible())
      await createDemoStore(page, url);
    else {
      await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
      await page.keyboard.press('Enter');
    }
    await page.evaluate(() => {
      window.location.hash = '#/providers';
    });
    await page.getByRole('heading', { name: 'Providers', level: 1 }).waitFor();
    expect(await page.title()).toBe('Providers · vrm');

    // The first Tab reaches the skip link; following it puts focus on the page's content.
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
    });
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^a .*Skip to content/);
    await expect.poll(() => page.getByRole('link', { name: 'Skip to content' }).isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await focused()).toMatch(/^main#content/);

    // A form that opens takes focus in its first field; Esc closes it and focus returns to its button.
    const add = page.getByRole('button', { name: 'Add provider' });
    await add.focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Add a provider' });
    await form.waitFor();
    await expect.poll(() => form.getByLabel('Name').evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.type('Typed straight in');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => add.evaluate((e) => e === document.activeElement)).toBe(true);

    // The same on a provider's page, for a contract and a case.
    await page.getByRole('link', { name: 'Brightside Energy' }).click();
    await page.getByRole('heading', { name: /Brightside Energy/, level: 1 }).waitFor();
    for (const [button, name, first] of [
      ['Add contract', 'Add a contract', /^Name/],
      ['Open case', 'Open a case', /^Title/],
    ] as const) {
      const opener = page.getByRole('button', { name: button });
      await opener.click();
      const opened = page.getByRole('form', { name });
      await expect
        .poll(() => opened.getByLabel(first).evaluate((e) => e === document.activeElement))
        .toBe(true);
      await page.keyboard.press('Escape');
      await opened.waitFor({ state: 'detached' });
      await expect
        .poll(() => opener.evaluate((e) => e === document.activeElement), { message: button })
        .toBe(true);
    }
    await page.close();
  });
});
