/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../test/chromium.js';
import { startServer, type RunningServer } from './server.js';

/**
 * Another local origin against the owner's session, in Chromium: a second server on another
 * 127.0.0.1 port serves a hostile page. Browsers share cookies across ports and count another port
 * as the same site, so neither the cookie's scope nor SameSite keeps that page out by itself.
 */
const PASSPHRASE = 'origin test passphrase';

let browser: Browser;
let dir: string;
let server: RunningServer;
let hostile: Server;
let hostileUrl: string;
let hostilePage = '';
const log: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'vrm-origin-'));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    log: (line) => log.push(line),
  });
  hostile = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(hostilePage);
  });
  await new Promise<void>((done) => hostile.listen(0, '127.0.0.1', done));
  hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser.close();
  await server.close();
  await new Promise<void>((done) => hostile.close(() => done()));
  rmSync(dir, { recursive: true, force: true });
});

/** The owner's tab: the store created and unlocked from the app's own origin. */
async function ownerPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}/api/status`);
  const status = await page.evaluate(async (passphrase) => {
    const token = ((await (await fetch('/api/status')).json()) as { csrfToken: string }).csrfToken;
    const status = (await (await fetch('/api/status')).json()) as { storeExists: boolean };
    // The first test creates the store; later ones unlock it.
    const response = await fetch(status.storeExists ? '/api/session' : '/api/store', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
      body: JSON.stringify({ passphrase }),
    });
    return response.status;
  }, PASSPHRASE);
  expect(status).toBe(200);
  return page;
}

const providersStatus = (page: Page) =>
  page.evaluate(async () => (await fetch('/api/providers')).status, undefined);

describe('another local origin', () => {
  it('cannot shadow or replace the session cookie', async () => {
    const owner = await ownerPage();
    expect(await providersStatus(owner)).toBe(200);

    hostilePage = `<script>
      for (const name of ['vrm_session', '__Host-vrm_session']) {
        for (const path of ['/api', '/api/providers', '/']) {
          document.cookie = name + '=forged; path=' + path;
          document.cookie = name + '=forged; path=' + path + '; Secure';
        }
      }
    </script>`;
    const page = await owner.context().newPage();
    await page.goto(hostileUrl);
    await page.close();

    expect(await providersStatus(owner)).toBe(200);
    await owner.context().close();
  });

  it('refuses API requests from a page on another local port, which the browser sends the cookie with', async () => {
    const owner = await ownerPage();
    log.length = 0;
    hostilePage = `<img id="probe" src="${server.url}/api/mail/search?q=invoice">
      <script>
        const done = (name) => document.body.insertAdjacentHTML('beforeend', '<p>' + name + ' done</p>');
        document.getElementById('probe').addEventListener('error', () => done('image'));
        document.getElementById('probe').addEventListener('load', () => done('image'));
        fetch('${server.url}/api/facts', { mode: 'no-cors', credentials: 'include' })
          .then(() => done('fetch'), () => done('fetch'));
      </script>`;
    const page = await owner.context().newPage();
    // The browser hides these answers from the page (and from its network log, as the server's
    // resource policy blocks them): the server's log says what it answered. Without the origin
    // check both were answered 200, with the owner's data: the browser sent the owner's cookie.
    await page.goto(hostileUrl);
    await page.getByText('image done').waitFor();
    await page.getByText('fetch done').waitFor();
    await page.close();

    // Refused before any route ran (so the log names the guard, not the route).
    expect(log).toEqual([
      expect.stringMatching(/^GET \/api\/\* 403 /),
      expect.stringMatching(/^GET \/api\/\* 403 /),
    ]);
    // The owner's own tab goes on as before.
    expect(await providersStatus(owner)).toBe(200);
    await owner.context().close();
  });
});
