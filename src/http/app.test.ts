import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../app.js';
import { seedDemo } from '../demo/seed.js';
import { openStore } from '../platform/db/store.js';
import { Browser, http } from '../test/http.js';
import { STATUS } from './errors.js';
import { ROUTES } from './routes.js';
import { startServer, type RunningServer } from './server.js';

const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const PASSPHRASE = 'http test passphrase';

let dir: string;
let server: RunningServer;
let now: number;
const log: string[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-http-'));
  now = Date.parse('2026-03-15T12:00:00Z');
  log.length = 0;
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    webRoot: WEB_ROOT,
    clock: () => new Date(now),
    log: (line) => log.push(line),
    seedDemo: (session) => seedDemo(session.services, '2026-03-15'),
  });
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function unlockedBrowser(): Promise<Browser> {
  const browser = new Browser(server.url);
  await browser.open();
  expect((await browser.call('POST', '/api/store', { passphrase: PASSPHRASE })).status).toBe(200);
  return browser;
}

describe('the HTTP server on localhost', () => {
  it('offers to create a store on first run, then asks to unlock', async () => {
    const browser = new Browser(server.url);
    expect((await browser.call('GET', '/api/status')).json()).toMatchObject({
      storeExists: false,
      unlocked: false,
    });
    await browser.call('POST', '/api/store', { passphrase: PASSPHRASE });
    expect((await browser.call('GET', '/api/status')).json()).toMatchObject({
      storeExists: true,
      unlocked: true,
    });
    await browser.call('DELETE', '/api/session');
    expect((await browser.call('GET', '/api/status')).json()).toMatchObject({
      storeExists: true,
      unlocked: false,
    });
  });

  it('answers an API call without a session with 401', async () => {
    const browser = await unlockedBrowser();
    const stranger = new Browser(server.url);
    const response = await stranger.call('GET', '/api/providers');
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({
      error: { code: 'unauthorized', message: expect.stringMatching(/locked/) as string, details: [] },
    });
    expect((await browser.call('GET', '/api/providers')).status).toBe(200);
  });

  it('refuses a state-changing call without the CSRF token with 403', async () => {
    const browser = await unlockedBrowser();
    const forged = await http(server.url, 'POST', '/api/providers', {
      headers: { cookie: browser.cookie },
      body: { name: 'Forged' },
    });
    expect(forged.status).toBe(403);
    const wrong = await http(server.url, 'POST', '/api/providers', {
      headers: { cookie: browser.cookie, 'x-csrf-token': 'not-the-token' },
      body: { name: 'Forged' },
    });
    expect(wrong.status).toBe(403);
    expect((await browser.call('GET', '/api/providers')).json()).toEqual({ total: 0, offset: 0, items: [] });
    expect((await browser.call('POST', '/api/providers', { name: 'Real' })).status).toBe(201);
  });

  it('refuses a foreign Host header, against DNS rebinding', async () => {
    const browser = await unlockedBrowser();
    const rebound = await http(server.url, 'GET', '/api/providers', {
      headers: { host: 'evil.example', cookie: browser.cookie },
    });
    expect(rebound.status).toBe(403);
    expect(rebound.json()).toMatchObject({ error: { code: 'forbidden' } });
    const port = new URL(server.url).port;
    expect(
      (await http(server.url, 'GET', '/api/status', { headers: { host: `localhost:${port}` } })).status,
    ).toBe(200);
    expect(
      (await http(server.url, 'GET', '/api/status', { headers: { host: `127.0.0.1:${Number(port) + 1}` } }))
        .status,
    ).toBe(403);
  });

  it('serves the web app and answers 404 to any path that tries to leave it', async () => {
    const index = await http(server.url, 'GET', '/');
    expect(index.status).toBe(200);
    expect(index.text).toContain('<div id="root">');
    expect(index.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'/);
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
      '/..%5c..%5cpackage.json',
      '/%00',
    ]) {
      const response = await http(server.url, 'GET', path);
      expect(response.status, path).toBe(404);
      expect(response.text).not.toContain('"name": "vrm"');
    }
  });

  it('slows down repeated wrong passphrases, and lets the right one in once the wait is over', async () => {
    const browser = await unlockedBrowser();
    await browser.call('DELETE', '/api/session');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await browser.call('POST', '/api/session', { passphrase: 'wrong wrong wrong' })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await browser.call('POST', '/api/session', { passphrase: PASSPHRASE });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    now += 3_000;
    expect((await browser.call('POST', '/api/session', { passphrase: PASSPHRASE })).status).toBe(200);
  });

  it('locks itself after the idle time the person chose', async () => {
    const browser = await unlockedBrowser();
    expect((await browser.call('PUT', '/api/session/settings', { idleMinutes: 5 })).json()).toEqual({
      idleMinutes: 5,
      sessionHours: 12,
    });
    now += 4 * 60_000;
    expect((await browser.call('GET', '/api/providers')).status).toBe(200);
    now += 6 * 60_000;
    expect((await browser.call('GET', '/api/providers')).status).toBe(401);
    expect((await browser.call('GET', '/api/status')).json()).toMatchObject({ unlocked: false });
  });

  it('changes the passphrase only for someone who knows the current one', async () => {
    const browser = await unlockedBrowser();
    const wrong = await browser.call('PUT', '/api/store/passphrase', {
      passphrase: 'not it at all',
      newPassphrase: 'a brand new passphrase',
    });
    expect(wrong.status).toBe(401);
    const short = await browser.call('PUT', '/api/store/passphrase', {
      passphrase: PASSPHRASE,
      newPassphrase: 'short',
    });
    expect(short.json()).toMatchObject({
      error: { code: 'invalid_input', message: expect.stringMatching(/at least 8/) as string },
    });
    expect(
      (
        await browser.call('PUT', '/api/store/passphrase', {
          passphrase: PASSPHRASE,
          newPassphrase: 'a brand new passphrase',
        })
      ).status,
    ).toBe(200);
    expect((await browser.call('GET', '/api/providers')).status).toBe(200);
    await browser.call('DELETE', '/api/session');
    expect((await browser.call('POST', '/api/session', { passphrase: PASSPHRASE })).status).toBe(401);
    expect(
      (await browser.call('POST', '/api/session', { passphrase: 'a brand new passphrase' })).status,
    ).toBe(200);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    const browser = new Browser(server.url);
    await browser.open();
    const response = await browser.call('POST', '/api/store', { passphrase: PASSPHRASE });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/vrm_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('never writes the passphrase, a token or personal data to its log', async () => {
    const browser = await unlockedBrowser();
    await browser.call('POST', '/api/providers', { name: 'Secretive Bank Ltd' });
    await browser.call('GET', '/api/providers?search=Secretive');
    await browser.call('DELETE', '/api/session');
    await browser.call('POST', '/api/session', { passphrase: PASSPHRASE });
    const text = log.join('\n');
    expect(log.length).toBeGreaterThan(4);
    expect(text).not.toContain(PASSPHRASE);
    expect(text).not.toContain('Secretive');
    expect(text).not.toContain(browser.csrf);
    expect(text).not.toContain(browser.cookie.split('=')[1] ?? 'none');
  });
});

describe('the HTTP API', () => {
  it('returns one error shape, naming the field, for invalid input', async () => {
    const browser = await unlockedBrowser();
    const provider = (await browser.call('POST', '/api/providers', { name: 'Northwind' })).json<{
      id: number;
    }>();
    const response = await browser.call('POST', '/api/contracts', {
      providerId: provider.id,
      name: 'Gas',
      price: '9.999',
      currency: 'GBP',
      billingCycle: 'monthly',
      startDate: '2026-02-30',
    });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(/startDate/) as string,
        details: [{ path: 'startDate', message: 'must be a real date written YYYY-MM-DD' }],
      },
    });
    expect((await browser.call('GET', '/api/contracts/999')).json()).toMatchObject({
      error: { code: 'not_found' },
    });
    expect((await browser.call('GET', '/api/contracts/abc')).status).toBe(400);
    const notJson = await http(server.url, 'POST', '/api/providers', {
      headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf, 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect((await browser.call('POST', '/api/providers', { name: 'Northwind' })).status).toBe(409);
  });

  it('refuses a contract whose first renewal falls after 9999-12-31, and answers null, never a false date, in 9999', async () => {
    // The server's day is 1 February 9999: the yearly renewal on 15 January has gone, and the
    // next one would be in the year 10000.
    now = Date.parse('9999-02-01T12:00:00Z');
    const browser = await unlockedBrowser();
    const { id: providerId } = (await browser.call('POST', '/api/providers', { name: 'Northwind' })).json<{
      id: number;
    }>();
    const contract = (startDate: string) => ({
      providerId,
      name: 'Far',
      price: '10.00',
      currency: 'GBP',
      billingCycle: 'monthly',
      term: '12 months',
      noticePeriod: '30 days',
      startDate,
    });
    const refused = await browser.call('POST', '/api/contracts', contract('9999-12-31'));
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({
      error: {
        code: 'invalid_input',
        details: [
          {
            path: 'startDate',
            message: expect.stringMatching(
              /^the first renewal, 12 months after 9999-12-31, would fall after 9999-12-31/,
            ) as string,
          },
        ],
      },
    });
    const added = await browser.call('POST', '/api/contracts', contract('2025-01-15'));
    expect(added.status).toBe(201);
    const { id } = added.json<{ id: number }>();
    expect((await browser.call('GET', `/api/contracts/${id}`)).json()).toMatchObject({
      derived: { active: true, nextRenewal: null, cancelBy: null },
    });
    const renewals = await browser.call('GET', '/api/renewals?within=400');
    expect(renewals.status).toBe(200);
    expect(renewals.text).not.toMatch(/NaN|\d{5}-\d{2}-\d{2}/);
  });

  it("starts a contract on the server's day when the start is left out, as the CLI does", async () => {
    const browser = await unlockedBrowser();
    const { id: providerId } = (await browser.call('POST', '/api/providers', { name: 'Northwind' })).json<{
      id: number;
    }>();
    const added = await browser.call('POST', '/api/contracts', {
      providerId,
      name: 'Gas',
      price: '40.00',
      currency: 'GBP',
      billingCycle: 'monthly',
    });
    expect(added.status, added.text).toBe(201);
    expect(added.json()).toMatchObject({ startDate: '2026-03-15' });
  });

  it('reaches every foundation operation: a provider with its contract, interaction, case and document', async () => {
    const browser = await unlockedBrowser();
    const { id } = (
      await browser.call('POST', '/api/providers', { name: 'Northwind', domains: ['northwind.example'] })
    ).json<{ id: number }>();
    expect(
      (await browser.call('POST', '/api/accounts', { providerId: id, customerNumber: 'N-1' })).status,
    ).toBe(201);
    const contract = await browser.call('POST', '/api/contracts', {
      providerId: id,
      name: 'Gas',
      price: '40.00',
      currency: 'GBP',
      billingCycle: 'monthly',
      startDate: '2025-04-01',
      term: '12 months',
      noticePeriod: '1 month',
    });
    expect(contract.json()).toMatchObject({ derived: { nextRenewal: '2026-04-01', cancelBy: '2026-03-01' } });
    const kase = (await browser.call('POST', '/api/cases', { providerId: id, title: 'Overcharged' })).json<{
      id: number;
    }>();
    await browser.call('POST', '/api/interactions', {
      providerId: id,
      caseId: kase.id,
      channel: 'phone',
      direction: 'outbound',
      subject: 'Called',
      followUpOn: '2026-03-16',
    });
    const doc = await browser.call('POST', '/api/documents', {
      providerId: id,
      filename: 'bill.txt',
      contentBase64: Buffer.from('a bill').toString('base64'),
    });
    expect(doc.status).toBe(201);
    const content = await http(server.url, 'GET', `/api/documents/${doc.json<{ id: number }>().id}/content`, {
      headers: { cookie: browser.cookie },
    });
    expect(content.text).toBe('a bill');
    expect(content.headers['content-disposition']).toMatch(/attachment; filename="bill.txt"/);
    const overview = (await browser.call('GET', `/api/providers/${id}`)).json<{
      timeline: unknown[];
      cases: unknown[];
      documents: unknown[];
      events: { kind: string; at: string }[];
    }>();
    expect([overview.timeline.length, overview.cases.length, overview.documents.length]).toEqual([1, 1, 1]);
    // The timeline as the page shows it: the call at noon, below it the case opened that day.
    expect(overview.events).toEqual([
      expect.objectContaining({ kind: 'interaction', at: '2026-03-15T12:00:00.000Z' }),
      expect.objectContaining({ kind: 'case', at: '2026-03-15T00:00:00.000Z' }),
    ]);
    const dashboard = (await browser.call('GET', '/api/dashboard')).json<{
      followUps: { total: number };
      openCases: { total: number };
      spend: unknown[];
    }>();
    expect(dashboard.followUps.total).toBe(1);
    expect(dashboard.openCases.total).toBe(1);
    expect(dashboard.spend).toEqual([
      {
        currency: 'GBP',
        totalMinor: 48_000,
        top: [{ providerId: id, name: 'Northwind', minor: 48_000 }],
        others: { count: 0, minor: 0 },
      },
    ]);
    // A change shows at once: cached reads are keyed by the data's version.
    await browser.call('POST', '/api/contracts', {
      providerId: id,
      name: 'Electricity',
      price: '10.00',
      currency: 'GBP',
      billingCycle: 'monthly',
      startDate: '2025-04-01',
    });
    expect(
      (await browser.call('GET', '/api/dashboard')).json<{ spend: { totalMinor: number }[] }>().spend[0]
        ?.totalMinor,
    ).toBe(60_000);
    // So does a change made by another process on the same store, such as the CLI.
    const other = await openStore(join(dir, 'store.db'), { passphrase: PASSPHRASE });
    await createServices(other).providers.update(id, { name: 'Northwind Renamed' });
    await other.close();
    const renamed = (await browser.call('GET', '/api/dashboard')).json<{
      spend: { top: { name: string }[] }[];
    }>();
    expect(renamed.spend[0]?.top[0]?.name).toBe('Northwind Renamed');
    const fact = await browser.call('POST', '/api/facts', {
      kind: 'phone',
      label: 'mobile',
      value: { number: '07911 123456', country: 'GB' },
    });
    expect(fact.json()).toMatchObject({ current: { value: { number: '+447911123456' } } });
    expect((await browser.call('GET', '/api/audit?limit=3')).json<unknown[]>()).toHaveLength(3);
    expect((await browser.call('GET', '/api/export')).json()).toMatchObject({ format: 'vrm-export' });
  });

  it('exports without the private signing keys unless ?withSecrets=true asks for them', async () => {
    const browser = await unlockedBrowser();
    const keysOf = (text: string) =>
      (
        JSON.parse(text) as {
          withSecrets: boolean;
          tables: { signing_keys: { privateJwk: string | null }[] };
        }
      ).tables.signing_keys;
    const plain = (await browser.call('GET', '/api/export')).text;
    expect(keysOf(plain).map((k) => k.privateJwk)).toEqual([null]);
    expect(plain).not.toMatch(/\\?"d\\?":/);
    const whole = await browser.call('GET', '/api/export?withSecrets=true');
    expect(keysOf(whole.text)[0]?.privateJwk).toMatch(/"d":/);
    expect((await browser.call('GET', '/api/export?withSecrets=yes')).json()).toMatchObject({
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(/withSecrets must be true or false/) as string,
      },
    });
  });

  it('restores a store from an export on first run, listing the records it could not take', async () => {
    const source = await unlockedBrowser();
    await source.call('POST', '/api/providers', { name: 'Northwind', domains: ['northwind.example'] });
    await source.call('POST', '/api/providers', { name: 'Contoso' });
    const exported = JSON.parse((await source.call('GET', '/api/export')).text) as {
      tables: { providers: Record<string, unknown>[] };
    };
    const second = await startServer({
      storePath: join(dir, 'restored.db'),
      host: '127.0.0.1',
      port: 0,
      idleMinutes: 15,
    });
    try {
      const browser = new Browser(second.url);
      await browser.open();
      const withPassphrase = { 'x-vrm-passphrase': encodeURIComponent(PASSPHRASE) };
      const broken = await browser.call(
        'POST',
        '/api/store/restore',
        Buffer.from('{"format": '),
        withPassphrase,
      );
      expect(broken.json()).toMatchObject({
        error: { code: 'invalid_input', message: expect.stringMatching(/1:12: not valid JSON/) as string },
      });
      const provider = exported.tables.providers[1];
      if (provider) provider.status = 'unknown';
      const restored = await browser.call(
        'POST',
        '/api/store/restore',
        Buffer.from(JSON.stringify(exported)),
        withPassphrase,
      );
      expect(restored.status).toBe(200);
      expect(restored.json()).toMatchObject({ unlocked: true, skipped: [{ record: 'providers[1] (id 2)' }] });
      const names = (await browser.call('GET', '/api/providers'))
        .json<{ items: { name: string }[] }>()
        .items.map((p) => p.name);
      expect(names).toEqual(['Northwind']);
    } finally {
      await second.close();
    }
  });

  it("restores a store from an encrypted backup on first run, under the backup's passphrase", async () => {
    const source = await unlockedBrowser();
    await source.call('POST', '/api/providers', { name: 'Northwind', domains: ['northwind.example'] });
    const response = await fetch(new URL('/api/backup', server.url), { headers: { cookie: source.cookie } });
    const download = Buffer.from(await response.arrayBuffer());
    const second = await startServer({
      storePath: join(dir, 'from-backup.db'),
      host: '127.0.0.1',
      port: 0,
      idleMinutes: 15,
    });
    try {
      const browser = new Browser(second.url);
      await browser.open();
      const wrong = await browser.call('POST', '/api/store/restore', download, {
        'x-vrm-passphrase': encodeURIComponent('not the passphrase'),
      });
      expect(wrong.status).toBe(401);
      expect(existsSync(join(dir, 'from-backup.db'))).toBe(false);
      const restored = await browser.call('POST', '/api/store/restore', download, {
        'x-vrm-passphrase': encodeURIComponent(PASSPHRASE),
      });
      expect(restored.status, restored.text).toBe(200);
      expect(restored.json()).toMatchObject({ unlocked: true, backup: true });
      const names = (await browser.call('GET', '/api/providers'))
        .json<{ items: { name: string }[] }>()
        .items.map((p) => p.name);
      expect(names).toEqual(['Northwind']);
    } finally {
      await second.close();
    }
  });

  it('builds the demo store from the first-run screen', async () => {
    const browser = new Browser(server.url);
    await browser.open();
    expect((await browser.call('POST', '/api/store/demo', { passphrase: PASSPHRASE })).status).toBe(200);
    const page = (await browser.call('GET', '/api/providers?limit=10&offset=5')).json<{
      total: number;
      offset: number;
      items: unknown[];
    }>();
    expect(page.total).toBeGreaterThanOrEqual(28);
    expect(page).toMatchObject({ offset: 5 });
    expect(page.items).toHaveLength(10);
  });

  it('documents every route in an OpenAPI document generated from the schemas', async () => {
    const doc = (await http(server.url, 'GET', '/api/openapi.json')).json<{
      openapi: string;
      components: {
        schemas: { Error: { properties: { error: { properties: { code: { enum: string[] } } } } } };
      };
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            requestBody?: { content: Record<string, { schema: { properties?: object } }> };
          }
        >
      >;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    // Every code the API can answer with, each once, as errors.ts maps them to statuses.
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(Object.keys(STATUS));
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(new Set(operations)).toEqual(new Set(Object.keys(ROUTES)));
    const addContract = doc.paths['/api/contracts']?.post;
    expect(
      Object.keys(addContract?.requestBody?.content['application/json']?.schema.properties ?? {}),
    ).toEqual(expect.arrayContaining(['providerId', 'price', 'currency', 'billingCycle', 'noticePeriod']));
  });
});
