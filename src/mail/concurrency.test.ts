import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../http/server.js';
import { vrm, vrmAsync, type CliResult } from '../test/cli.js';
import { corpusFiles, writeCorpusMbox } from '../test/corpus.js';
import { Browser, type HttpResult } from '../test/http.js';
import { TEST_PASSPHRASE } from '../test/store.js';
import type { ImportSummary } from './importer.js';

/**
 * The SpamAssassin corpus imported by the real `vrm` binary while other commands write to the
 * same store and the web app, on it too, writes and reads mail: every one of them waits its turn
 * for the write lock, none fails with "database is locked", and the import keeps every message.
 */
let dir: string;
let store: string;
let mbox: string;
let session: string;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-concurrency-'));
  store = join(dir, 'store.db');
  mbox = join(dir, 'corpus.mbox');
  writeCorpusMbox(mbox);
  expect(vrm(['--store', store, 'init'], { VRM_PASSPHRASE: TEST_PASSPHRASE }).code).toBe(0);
  // A session token spares each command the key derivation.
  session = vrm(['--store', store, 'unlock', '--raw'], { VRM_PASSPHRASE: TEST_PASSPHRASE }).stdout.trim();
  server = await startServer({ storePath: store, host: '127.0.0.1', port: 0, idleMinutes: 15 });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Outcome<T> {
  readonly result: T;
  /** Whether it began before the import had finished. */
  readonly duringImport: boolean;
}

/** Runs `count` jobs, at most `width` at a time. */
async function inParallel<T>(
  count: number,
  width: number,
  job: (i: number) => Promise<T>,
  importRunning: () => boolean,
): Promise<Outcome<T>[]> {
  const outcomes: Outcome<T>[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const duringImport = importRunning();
      outcomes[i] = { result: await job(i), duringImport };
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return outcomes;
}

/**
 * Every tenth provider gets a mail domain, which changes what classification reads: that write
 * then classifies all stored mail again, while the import goes on.
 */
const domain = (surface: string, i: number): string[] =>
  i % 10 === 0 ? ['--domain', `${surface}-${i}.example`] : [];

/** A request whose connection broke counts as failed (status 0), so every other one still counts. */
const call = (browser: Browser, method: string, path: string, body?: unknown): Promise<HttpResult> =>
  // A connection each: a kept-alive socket the server closes as idle just when the client reuses
  // it breaks the request (a race of any keep-alive client, not an answer of the app).
  browser.call(method, path, body, { connection: 'close' }).catch((error: unknown) => ({
    status: 0,
    headers: {},
    text: `error: ${String(error)}`,
    json: () => undefined as never,
  }));

const READS = [
  '/api/mail/messages?limit=20',
  '/api/mail/counts',
  '/api/mail/search?q=money',
  '/api/mail/leaks',
];

describe('a mail import beside other writers', () => {
  it('lets every write wait its turn and every read run, and imports every message', async () => {
    const browser = new Browser(server.url);
    await browser.open();
    expect((await browser.call('POST', '/api/session', { passphrase: TEST_PASSPHRASE })).status).toBe(200);

    const env = { VRM_SESSION: session };
    const running = { import: true };
    const importRunning = () => running.import;
    const importing = vrmAsync(['--store', store, 'mail', 'import', mbox, '--json'], env).finally(() => {
      running.import = false;
    });
    // The others start once the import is writing its messages.
    while (importRunning()) {
      const counts = await browser.call('GET', '/api/mail/counts');
      if (counts.status === 200 && counts.json<{ total: number }>().total > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(importRunning()).toBe(true);

    const [cli, httpWrites, reads, imported] = await Promise.all([
      inParallel<CliResult>(
        50,
        4,
        (i) => vrmAsync(['--store', store, 'provider', 'add', `CLI provider ${i}`, ...domain('cli', i)], env),
        importRunning,
      ),
      inParallel<HttpResult>(
        50,
        2,
        (i) =>
          call(browser, 'POST', '/api/providers', {
            name: `HTTP provider ${i}`,
            ...(i % 10 === 0 ? { domains: [`http-${i}.example`] } : {}),
          }),
        importRunning,
      ),
      inParallel<HttpResult>(
        100,
        2,
        (i) => call(browser, 'GET', READS[i % READS.length] ?? ''),
        importRunning,
      ),
      importing,
    ]);

    const failed = {
      cli: cli.filter((o) => o.result.code !== 0).map((o) => o.result.stderr),
      httpWrites: httpWrites.filter((o) => o.result.status !== 201).map((o) => o.result.text),
      reads: reads.filter((o) => o.result.status !== 200).map((o) => o.result.text),
    };
    expect(
      {
        cliFailed: failed.cli.length,
        cliLocked: failed.cli.filter((e) => e.includes('database is locked')).length,
        httpWritesFailed: failed.httpWrites.length,
        readsFailed: failed.reads.length,
      },
      JSON.stringify([...failed.cli, ...failed.httpWrites, ...failed.reads].slice(0, 5)),
    ).toEqual({ cliFailed: 0, cliLocked: 0, httpWritesFailed: 0, readsFailed: 0 });
    // Enough of them ran while the import did, or the test proves nothing. (How many depends on
    // the machine: the CLI's start-up and the import's parsing both take the CPU.)
    const during = {
      cli: cli.filter((o) => o.duringImport).length,
      httpWrites: httpWrites.filter((o) => o.duringImport).length,
      reads: reads.filter((o) => o.duringImport).length,
    };
    expect(
      Math.min(during.cli, during.httpWrites, during.reads),
      JSON.stringify(during),
    ).toBeGreaterThanOrEqual(10);

    expect(imported.code, imported.stderr).toBe(0);
    const summary = JSON.parse(imported.stdout) as ImportSummary;
    expect(summary).toMatchObject({ seen: corpusFiles().length, imported: corpusFiles().length, skipped: 0 });
    const counts = (await browser.call('GET', '/api/mail/counts')).json<{ total: number }>();
    expect(counts.total).toBe(corpusFiles().length);
    const providers = (await browser.call('GET', '/api/providers')).json<{ total: number }>();
    expect(providers.total).toBe(100);
  }, 180_000);
});
