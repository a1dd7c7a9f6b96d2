import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { createServices, type Services } from '../app.js';
import { startServer, type RunningServer } from '../http/server.js';
import type { Clock } from '../platform/clock.js';
import { createStore } from '../platform/db/store.js';

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json<T = unknown>(): T;
}

/**
 * A plain HTTP client over node:http, so tests control every header (fetch will not send a
 * forged Host) and see every response header.
 */
export function http(
  base: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<HttpResult> {
  const url = new URL(path, base);
  // A Buffer is sent as it is (an upload); anything else as JSON.
  const body =
    options.body === undefined || Buffer.isBuffer(options.body) ? options.body : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: `${url.pathname}${url.search}`,
        headers: {
          ...(body === undefined
            ? {}
            : {
                'content-type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json',
                'content-length': Buffer.byteLength(body),
              }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A browser-like session: keeps the cookie and the CSRF token between calls. */
export class Browser {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = { ...extra };
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    const result = await http(this.base, method, path, { headers, body });
    const set = result.headers['set-cookie'];
    for (const line of set ?? []) {
      const pair = line.split(';')[0] ?? '';
      this.cookie = /=$/.test(pair) || /Max-Age=0/i.test(line) ? '' : pair;
    }
    if (result.headers['content-type']?.toString().startsWith('application/json')) {
      const data = result.json<{ csrfToken?: unknown } | null>();
      if (typeof data?.csrfToken === 'string') this.csrf = data.csrfToken;
    }
    return result;
  }

  /** Fetches the status, as the page does on load, to get a CSRF token. */
  async open(): Promise<void> {
    await this.call('GET', '/api/status');
  }
}

/** What an API test file works with: the server, a session that unlocked it, the store's folder. */
export interface ApiTest {
  readonly server: RunningServer;
  /** Unlocked with the file's passphrase: its cookie and CSRF token are kept. */
  readonly browser: Browser;
  /** The temporary folder of the store, removed after the file's tests. */
  readonly dir: string;
}

/** How `useApiServer` fills and serves the store. */
export interface ApiTestOptions {
  /** Fills the new store before the server opens it, with its services (on `seedClock`). */
  readonly seed?: (services: Services, dir: string) => Promise<void>;
  /** The clock of the seeding services; the system's unless given. */
  readonly seedClock?: Clock;
  /** The server's clock; the system's unless given. */
  readonly clock?: Clock;
}

/**
 * Before the file's tests: a new store in a temporary folder (`vrm-http-NAME-…`), filled by
 * `seed`, served by `vrm serve` with the built web app, and a `Browser` session that unlocked it;
 * after them, the server stopped and the folder removed.
 *
 * @example const api = useApiServer('money', PASSPHRASE, { seed: (services) => … });
 * it('lists', async () => expect((await api.browser.call('GET', '/api/money/accounts')).status).toBe(200));
 */
export function useApiServer(name: string, passphrase: string, options: ApiTestOptions = {}): ApiTest {
  const test = {} as { server: RunningServer; browser: Browser; dir: string };
  beforeAll(async () => {
    test.dir = mkdtempSync(join(tmpdir(), `vrm-http-${name}-`));
    const storePath = join(test.dir, 'store.db');
    const store = await createStore(storePath, passphrase);
    try {
      if (options.seed) await options.seed(createServices(store, options.seedClock), test.dir);
    } finally {
      await store.close();
    }
    test.server = await startServer({
      storePath,
      host: '127.0.0.1',
      port: 0,
      idleMinutes: 15,
      ...(options.clock ? { clock: options.clock } : {}),
      webRoot: fileURLToPath(new URL('../../dist/web/', import.meta.url)),
    });
    test.browser = new Browser(test.server.url);
    await test.browser.open();
    expect((await test.browser.call('POST', '/api/session', { passphrase })).status).toBe(200);
  });
  afterAll(async () => {
    await test.server.close();
    rmSync(test.dir, { recursive: true, force: true });
  });
  return test;
}
