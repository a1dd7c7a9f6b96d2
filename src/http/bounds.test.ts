import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm } from '../test/cli.js';
import { Browser, http } from '../test/http.js';
import { createHttpApp } from './app.js';
const RESTORE_BODY = 200 * 1024 * 1024;
import { startServer, type RunningServer } from './server.js';

/**
 * Every route against bodies far larger than it takes, sent as an adversary would: with a
 * `Content-Length` the server must refuse before reading, and chunked, with no length at all, so
 * only counting the bytes as they stream can stop it. The client writes until the server answers;
 * what it managed to write shows how much the server read.
 */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const PASSPHRASE = 'bounds test passphrase';
const MB = 1024 * 1024;

let dir: string;
let server: RunningServer;
let owner: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-bounds-'));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    webRoot: WEB_ROOT,
  });
  owner = new Browser(server.url);
  await owner.open();
  expect((await owner.call('POST', '/api/store', { passphrase: PASSPHRASE })).status).toBe(200);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Flooded {
  readonly status: number;
  readonly sent: number;
  readonly text: string;
}

/** Sends zeros until the server answers or `cap` bytes are written; chunked unless `length`. */
function flood(
  method: string,
  path: string,
  headers: Record<string, string>,
  cap: number,
  length?: number,
): Promise<Flooded> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: `${url.pathname}${url.search}`,
        headers: {
          'content-type': 'application/json',
          ...(length === undefined
            ? { 'transfer-encoding': 'chunked' }
            : { 'content-length': String(length) }),
          ...headers,
        },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, sent, text: Buffer.concat(chunks).toString('utf8') });
          req.destroy();
        });
      },
    );
    // The server may close the connection once it has answered: that is the point.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const pump = (): void => {
      while (!answered && sent < cap) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** Each registered route, with `:id` filled in; the web app's catch-all stands for any page. */
function everyRoute(): { method: string; path: string }[] {
  const { app } = createHttpApp({
    storePath: join(tmpdir(), 'vrm-bounds-never-created.db'),
    host: '127.0.0.1',
    port: 1,
    webRoot: WEB_ROOT,
  });
  const seen = new Set<string>();
  return app.routes
    .filter((r) => r.method !== 'ALL' && r.path !== '/api/*')
    .map((r) => ({ method: r.method, path: r.path.replace(':id', '1') }))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
}

/** The most a route may take, and so about the most it may read before it refuses. */
const allowance = (method: string, path: string): number =>
  path === '/api/store/restore'
    ? RESTORE_BODY
    : method === 'POST' && path === '/api/documents'
      ? 70 * MB
      : MB;

describe('bounded bodies', () => {
  const routes = everyRoute();

  it('covers every route the server has', () => {
    expect(routes.length).toBeGreaterThan(50);
  });

  it('refuses a huge Content-Length on every route before reading it', async () => {
    for (const { method, path } of routes) {
      const result = await flood(
        method,
        path,
        { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
        32 * MB,
        1024 * MB,
      );
      expect.soft(result.status, `${method} ${path}: ${result.text}`).toBeLessThan(500);
      // The server answered long before the 1 GB announced, having read at most what the socket
      // buffers hold while it answers (a few MB; more on a busy machine, so the bound is generous).
      expect.soft(result.sent, `${method} ${path}`).toBeLessThan(32 * MB);
    }
  }, 120_000);

  it('stops reading a chunked body at every route’s limit, locked and unlocked', async () => {
    const stranger = new Browser(server.url);
    await stranger.open();
    for (const { method, path } of routes) {
      for (const who of [owner, stranger]) {
        const cap = allowance(method, path) + 16 * MB;
        const result = await flood(method, path, { cookie: who.cookie, 'x-csrf-token': who.csrf }, cap);
        expect.soft(result.status, `${method} ${path}: ${result.text}`).toBeLessThan(500);
        if (method !== 'GET') expect.soft(result.status, `${method} ${path}`).not.toBe(200);
        expect.soft(result.sent, `${method} ${path}: the server read past its limit`).toBeLessThan(cap);
      }
    }
  }, 300_000);

  it('takes at most 4 KB before unlocking: no key derivation of a huge passphrase', async () => {
    const stranger = new Browser(server.url);
    await stranger.open();
    for (const path of ['/api/session', '/api/store', '/api/store/demo']) {
      const result = await flood('POST', path, { 'x-csrf-token': stranger.csrf }, 64 * MB);
      expect(result.status, path).toBe(413);
      expect(result.text).toMatch(/at most 4 KB/);
      expect(result.sent).toBeLessThan(16 * MB);
    }
  }, 60_000);

  it('refuses a restore onto an existing store before reading a byte of it', async () => {
    const stranger = new Browser(server.url);
    await stranger.open();
    // A body announced at 150 MB, of which nothing is sent until the server has answered.
    const answer = await new Promise<number>((resolve, reject) => {
      const url = new URL('/api/store/restore', server.url);
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: url.pathname,
          headers: {
            'content-type': 'application/octet-stream',
            'content-length': String(150 * MB),
            'x-csrf-token': stranger.csrf,
            'x-vrm-passphrase': 'anything at all',
          },
        },
        (res) => {
          resolve(res.statusCode ?? 0);
          res.resume();
          req.destroy();
        },
      );
      req.on('error', () => undefined);
      req.flushHeaders();
      setTimeout(() => reject(new Error('no answer without the body')), 10_000).unref();
    });
    expect(answer).toBe(409);
  });

  it('leaves no upload behind', () => {
    expect(readdirSync(dir).sort()).toEqual(['store.db', 'store.db-shm', 'store.db-wal']);
  });
});

describe('addresses and downloads', () => {
  it('answers a malformed address with 400, never 500', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%ZZ.js', '/%', '/api/providers?q=%E0%A4%A&limit=%']) {
      const result = await owner.call('GET', path);
      expect.soft(result.status, path).toBeGreaterThanOrEqual(400);
      expect.soft(result.status, path).toBeLessThan(500);
    }
  });

  it('answers an unknown API path with the JSON 404, not the app page', async () => {
    for (const path of ['/api/nothing', '/api/providers/1/nothing', '/api']) {
      const result = await owner.call('GET', path);
      expect(result.status, path).toBe(404);
      expect(result.json(), path).toMatchObject({ error: { code: 'not_found' } });
    }
    // A page of the app itself still gets the app.
    expect((await owner.call('GET', '/providers')).text).toMatch(/<!doctype html>/i);
  });

  it('downloads a document named beyond Latin-1, sandboxed', async () => {
    const name = 'rapport-€-😀 "final".pdf';
    const provider = await owner.call('POST', '/api/providers', { name: 'Contoso Assurance' });
    const added = await owner.call('POST', '/api/documents', {
      providerId: provider.json<{ id: number }>().id,
      filename: name,
      mediaType: 'application/pdf',
      contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
    });
    expect(added.status, added.text).toBe(201);
    const id = added.json<{ id: number }>().id;
    const result = await owner.call('GET', `/api/documents/${String(id)}/content`);
    expect(result.status).toBe(200);
    const disposition = String(result.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="rapport-_-_ _final_.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe(name);
    expect(result.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
  });

  it('refuses API requests that a browser says come from another site or origin', async () => {
    const refused: Record<string, string>[] = [
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'http://127.0.0.1:1' },
      { origin: 'null' },
    ];
    for (const headers of refused) {
      const result = await owner.call('GET', '/api/providers', undefined, headers);
      expect(result.status, JSON.stringify(headers)).toBe(403);
      expect(result.json()).toMatchObject({ error: { message: expect.stringMatching(/origin/) as string } });
    }
    for (const headers of <Record<string, string>[]>[
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
      { origin: server.url },
    ]) {
      expect((await owner.call('GET', '/api/providers', undefined, headers)).status).toBe(200);
    }
    // The app's pages themselves may be opened from anywhere: a link to vrm is not an attack.
    expect((await http(server.url, 'GET', '/', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(
      200,
    );
  });
});

describe('vrm serve', () => {
  it('says plainly when the port cannot be used', () => {
    const env = { VRM_PASSPHRASE: PASSPHRASE };
    const store = join(dir, 'store.db');
    for (const port of ['99999', '65536']) {
      const result = vrm(['--store', store, 'serve', '--port', port], env);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(
        /--port <port>' argument '\d+' is invalid\. expected a port from 0 to 65535/,
      );
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    }
    const taken = vrm(['--store', store, 'serve', '--port', String(server.port)], env);
    expect(taken.code, taken.stderr).toBe(4);
    expect(taken.stderr).toMatch(
      new RegExp(`port ${String(server.port)} is in use: choose another with --port`),
    );
  });
});
