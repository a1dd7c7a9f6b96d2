import { existsSync, mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium: Playwright's own browser download does not work on these machines. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Starts Debian's Chromium headless for the browser tests. Background networking, component
 * updates and sync are off: the closed network refuses them, and a test must see only its own
 * requests.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: npm test installs Debian's chromium package`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** Every request the page makes that does not go to this machine's server (data: and blob: are local). */
export function watchRequests(page: Page, base: string): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  return foreign;
}

/**
 * Takes a screenshot of what the page shows. The README's screenshots are tracked files, so the
 * tests only write them when asked (`npm run screenshots` sets VRM_SCREENSHOTS to docs/screenshots);
 * otherwise the page is still rendered to an image, and the image is dropped, so a test run leaves
 * the working tree as it found it.
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = { fullPage: true },
): Promise<void> {
  const folder = process.env.VRM_SCREENSHOTS;
  if (!folder) {
    await page.screenshot(options);
    return;
  }
  const dir = isAbsolute(folder) ? folder : resolve(process.cwd(), folder);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ ...options, path: join(dir, name) });
}
