/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROUTES, matchRoute } from '../../web/src/routes.js';
import { seedDemo } from '../demo/seed.js';
import { startServer, type RunningServer } from '../http/server.js';

/**
 * Walking every page of the web app, for the checks that must hold on all of them (phone width,
 * accessibility). The pages come from the app's own route table (web/src/routes.ts), so a page
 * added there is walked without another list to keep.
 */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
/** The demo store's passphrase. */
export const PASSPHRASE = 'every page of the demo';
/** The server's clock, fixed, so the demo's dates are the same on every run. */
const NOW = Date.parse('2026-03-15T12:00:00.000Z');

/** A server over a fresh temporary store, with the demo on offer; `close` removes both. */
export async function demoServer(): Promise<{ server: RunningServer; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'vrm-e2e-routes-'));
  const server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    webRoot: WEB_ROOT,
    clock: () => new Date(NOW),
    seedDemo: (session) => seedDemo(session.services, session.services.today()),
  });
  return {
    server,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates the demo store from the first-run screen, as a person would. */
export async function createDemoStore(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
  await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
  await page.getByLabel(/Fill it with demo data/).check();
  await page.getByRole('button', { name: 'Create a demo store' }).click();
  await page.getByRole('heading', { name: 'Upcoming renewals' }).waitFor();
}

/** Counts the page's requests still waiting for an answer. */
function pendingRequests(page: Page): () => number {
  let pending = 0;
  page.on('request', () => pending++);
  page.on('requestfinished', () => pending--);
  page.on('requestfailed', () => pending--);
  return () => pending;
}

/** Values for the parameters no page links to. Every other parameter is taken from a link the app shows. */
const TYPED: Record<string, string> = {
  query: 'invoice',
  // A store without data requests links to none: the page then says there is no such request.
  request: '1',
  requestCampaign: '1',
  // A store without bank statements has no recurring payments to link to: the page says so.
  series: '1',
  // The demo shops for nothing yet: the page then says there is no such intent.
  intent: '1',
};

/**
 * Visits every route of the app's table and calls `check` on each, once the page has loaded what
 * it shows (no request pending, no "Loading…", a heading). A route with a parameter (`:provider`)
 * is visited through the first link to it that the pages without parameters show, so the test
 * needs no ids; a parameter no page links to must be listed in `TYPED`.
 */
export async function visitEveryRoute(
  page: Page,
  check: (path: string, pattern: string) => Promise<void>,
): Promise<string[]> {
  const pending = pendingRequests(page);
  const links = new Set<string>();
  const visited: string[] = [];
  const visit = async (path: string, pattern: string) => {
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#/${path}`);
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              document.querySelectorAll('.loading').length === 0 &&
              document.querySelector('main h1, main h2') !== null,
          ),
        { message: `#/${path} shows a heading and nothing loading`, timeout: 10_000 },
      )
      .toBe(true);
    await expect.poll(pending, { message: `#/${path} gets its answers` }).toBe(0);
    // Two frames: React has rendered the last answer, and the browser has laid it out.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))),
    );
    for (const href of await page.$$eval('a[href^="#/"]', (as) =>
      as.map((a) => a.getAttribute('href') ?? ''),
    ))
      links.add(href.slice(2));
    await check(path, pattern);
    visited.push(path);
  };

  const fixed = ROUTES.filter((r) => !r.pattern.includes(':'));
  for (const route of fixed) await visit(route.pattern, route.pattern);
  for (const route of ROUTES.filter((r) => r.pattern.includes(':'))) {
    const linked = [...links].find((path) => matchRoute(path.split('/'))?.pattern === route.pattern);
    const typed = route.pattern.replace(/:(\w+)\*?/g, (_, name: string) => TYPED[name] ?? `:${name}`);
    const path = linked ?? typed;
    expect(path, `no page links to ${route.pattern}, and it has no typed value`).not.toMatch(/:/);
    await visit(path, route.pattern);
  }
  return visited;
}
