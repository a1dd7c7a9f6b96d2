import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../http/server.js';
import { LeakRepository } from '../../mail/repository.js';
import { vrmAsync } from '../../test/cli.js';
import { Browser } from '../../test/http.js';
import { freshStore, TEST_PASSPHRASE, type TestStore } from '../../test/store.js';
import { decodeSessionToken } from '../crypto/kdf.js';
import { BUSY_TIMEOUT_MS } from './dialect.js';

/**
 * Writes beside another connection that holds the store's write lock, as a mail import does
 * between its batches: a write waits its turn, and one that waits too long says so.
 */
let t: TestStore;

beforeEach(async () => {
  t = await freshStore();
});

afterEach(async () => {
  await t.dispose();
});

/**
 * Another connection, on its own thread, takes the write lock, holds it for `ms` and commits.
 * Resolves once the lock is taken; `released` resolves once it is let go.
 */
async function holdWriteLock(ms: number): Promise<{ released: Promise<unknown> }> {
  const worker = new Worker(
    `
    const { workerData, parentPort } = require('node:worker_threads');
    const Database = require('better-sqlite3-multiple-ciphers');
    const db = new Database(workerData.path, { fileMustExist: true });
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(\`key = "x'\${workerData.key}'"\`);
    db.exec("BEGIN IMMEDIATE; INSERT INTO mail_state (key, value) VALUES ('holder', 'x')");
    parentPort.postMessage('locked');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
    db.exec('COMMIT');
    db.close();
    `,
    {
      eval: true,
      workerData: { path: t.path, key: decodeSessionToken(t.store.sessionToken).toString('hex'), ms },
    },
  );
  await once(worker, 'message');
  return { released: once(worker, 'exit') };
}

describe('a write while another connection writes', () => {
  it('waits for the lock when its transaction reads before it writes, instead of failing at once', async () => {
    const { released } = await holdWriteLock(500);
    const started = Date.now();
    // The name check reads, then the insert writes: a deferred transaction failed right here.
    const provider = await t.services.providers.add({ name: 'Northwind Bank' });
    expect(provider.name).toBe('Northwind Bank');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    await released;
  });

  it("waits for the lock in the connection's own transactions too (the mail import's)", async () => {
    const { released } = await holdWriteLock(500);
    const started = Date.now();
    // Rebuilding the leak events reads every message, then writes the events.
    new LeakRepository(t.store).rebuildLeakEvents();
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    await released;
  });

  it('says the store is busy when the lock stays taken past the wait: exit code 7, status 503', async () => {
    const server: RunningServer = await startServer({
      storePath: t.path,
      host: '127.0.0.1',
      port: 0,
      idleMinutes: 15,
    });
    try {
      const browser = new Browser(server.url);
      await browser.open();
      expect((await browser.call('POST', '/api/session', { passphrase: TEST_PASSPHRASE })).status).toBe(200);
      const { released } = await holdWriteLock(BUSY_TIMEOUT_MS + 2_000);
      const cli = vrmAsync(['--store', t.path, 'provider', 'add', 'Northwind Bank'], {
        VRM_SESSION: t.store.sessionToken,
      });
      const response = await browser.call('POST', '/api/providers', { name: 'Acme Insurance' });
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.json()).toMatchObject({
        error: {
          code: 'store_busy',
          message: expect.stringMatching(/^the store is busy: another vrm/) as string,
        },
      });
      const result = await cli;
      expect(result.stderr).toMatch(/^vrm: the store is busy: another vrm .*; try again in a moment\n$/);
      expect(result.code).toBe(7);
      await released;
    } finally {
      await server.close();
    }
  }, 60_000);
});
