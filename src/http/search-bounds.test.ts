import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm } from '../test/cli.js';
import { writeCorpusMbox } from '../test/corpus.js';
import { Browser, type HttpResult } from '../test/http.js';
import { TEST_PASSPHRASE } from '../test/store.js';
import { startServer, type RunningServer } from './server.js';

/**
 * Searches an adversary would send, against the SpamAssassin corpus (6,046 messages) in a real
 * store. Before this, a search ran on the server's one thread: 3,000 `b*` terms took 45 s, and a
 * status request sent meanwhile waited 43.8 s.
 */
let dir: string;
let store: string;

/** 32 common two-letter prefixes: about the costliest query the bounds let through. */
const HEAVY =
  'th in re an co de st pr se ma ca pa me fo wi be ha he wh yo to on it is at as or ne ex di li lo'
    .split(' ')
    .map((prefix) => `${prefix}*`)
    .join(' ');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-search-'));
  store = join(dir, 'store.db');
  writeCorpusMbox(join(dir, 'corpus.mbox'));
  const env = { VRM_PASSPHRASE: TEST_PASSPHRASE };
  expect(vrm(['--store', store, 'init'], env).code).toBe(0);
  const imported = vrm(['--store', store, 'mail', 'import', join(dir, 'corpus.mbox')], env);
  expect(imported.code, imported.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function serve(searchSeconds?: number): Promise<{ server: RunningServer; owner: Browser }> {
  const server = await startServer({
    storePath: store,
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    ...(searchSeconds === undefined ? {} : { searchSeconds }),
  });
  const owner = new Browser(server.url);
  await owner.open();
  expect((await owner.call('POST', '/api/session', { passphrase: TEST_PASSPHRASE })).status).toBe(200);
  return { server, owner };
}

const search = (owner: Browser, q: string) =>
  owner.call('GET', `/api/mail/search?${new URLSearchParams({ q }).toString()}`);

/** Searches until one is answered: the worker may still be starting or replacing itself. */
async function answered(owner: Browser, q: string): Promise<HttpResult> {
  for (;;) {
    const result = await search(owner, q);
    if (result.status === 200) return result;
    expect(result.json(), result.text).toMatchObject({
      error: { message: expect.stringMatching(/took more than|still being stopped/) as string },
    });
  }
}

describe('searching mail through the web server', () => {
  it('refuses queries past the bounds with a message that says what to change', async () => {
    const { server, owner } = await serve();
    try {
      const cases: [string, RegExp][] = [
        [Array(3000).fill('b*').join(' '), /at most 500 are searched/],
        [Array(40).fill('invoice').join(' ').slice(0, 400), /at most 32 are searched/],
        ['b* invoice', /b\*: a prefix search needs at least 2 letters before the \*/],
      ];
      for (const [q, message] of cases) {
        const result = await search(owner, q);
        expect(result.status).toBe(400);
        expect(result.json()).toMatchObject({ error: { message: expect.stringMatching(message) as string } });
      }
      // The same word many times is one term to the index.
      const repeated = await search(owner, Array(20).fill('money').join(' '));
      expect(repeated.status).toBe(200);
      expect(repeated.json()).toEqual((await search(owner, 'money')).json());
    } finally {
      await server.close();
    }
  }, 60_000);

  it('answers other requests while a costly search runs', async () => {
    const { server, owner } = await serve();
    try {
      await answered(owner, 'invoice');
      const order: string[] = [];
      const slow = search(owner, HEAVY).then((r) => {
        order.push('search');
        return r;
      });
      const status = owner.call('GET', '/api/status').then((r) => {
        order.push('status');
        return r;
      });
      expect((await status).status).toBe(200);
      expect((await slow).status).toBe(200);
      // In the server's own thread, the status waited for the whole search.
      expect(order).toEqual(['status', 'search']);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('stops a search past its time limit, says so, and searches again afterwards', async () => {
    const { server, owner } = await serve(0.2);
    try {
      const warm = await answered(owner, 'invoice');
      const stopped = await search(owner, HEAVY);
      expect(stopped.status).toBe(400);
      expect(stopped.json()).toMatchObject({
        error: {
          message: expect.stringMatching(
            /^the search took more than [\d,]+ s and was stopped: use fewer words, or longer ones before a \*$/,
          ) as string,
        },
      });
      // Once the stopped search has ended, the next one runs on a new worker.
      expect((await answered(owner, 'invoice')).json()).toEqual(warm.json());
    } finally {
      await server.close();
    }
  }, 60_000);
});
