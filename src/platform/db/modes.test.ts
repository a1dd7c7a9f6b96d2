import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VRM_BIN } from '../../test/cli.js';
import { Browser } from '../../test/http.js';
import { TEST_PASSPHRASE } from '../../test/store.js';
import { changePassphrase, createStore, openStore, type Store } from './store.js';
import { sqliteConnection } from './sqlite/connection.js';

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8).padStart(4, '0');

/** The mode of each file of the store that exists now, by its suffix. */
function modes(path: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(path + suffix)) found[`store${suffix}`] = mode(path + suffix);
  }
  return found;
}

const write = (store: Store, name: string): void => {
  sqliteConnection(store)
    .prepare(
      `INSERT INTO providers (name, status, created_at, updated_at) VALUES (?, 'active', 'now', 'now')`,
    )
    .run(name);
};

let dir: string | undefined;
let umask: number | undefined;
afterEach(() => {
  if (umask !== undefined) process.umask(umask);
  umask = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the store is owner-only', () => {
  it('vrm init with umask 022 makes its folders 0700, and the store and its WAL files 0600 as it runs', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vrm-modes-'));
    const path = join(dir, 'home', 'vrm', 'store.db');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, VRM_PASSPHRASE: TEST_PASSPHRASE };
    const run = (args: string): ReturnType<typeof spawn> =>
      spawn('sh', ['-c', `umask 022; exec "$0" "$1" --store "$2" ${args}`, process.execPath, VRM_BIN, path], {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
    const init = run('init');
    expect(await new Promise((resolve) => init.on('exit', resolve))).toBe(0);
    expect([mode(join(dir, 'home')), mode(join(dir, 'home', 'vrm'))]).toEqual(['0700', '0700']);
    expect(modes(path)).toEqual({ store: '0600' });

    // The web app holds the store open: its WAL and shared-memory files exist while it runs.
    const server = run('serve --port 0');
    const exited = new Promise((resolve) => server.on('exit', resolve));
    try {
      const url = await new Promise<string>((resolve) => {
        let seen = '';
        server.stdout?.on('data', (chunk: Buffer) => {
          seen += chunk.toString('utf8');
          const found = /vrm is serving (http:\S+)/.exec(seen)?.[1];
          if (found) resolve(found);
        });
      });
      const browser = new Browser(url);
      await browser.open();
      expect((await browser.call('POST', '/api/session', { passphrase: TEST_PASSPHRASE })).status).toBe(200);
      expect((await browser.call('POST', '/api/providers', { name: 'Written Ltd' })).status).toBe(201);
      expect(modes(path)).toEqual({ store: '0600', 'store-wal': '0600', 'store-shm': '0600' });
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
  });

  it.each([
    ['022', 0o022],
    ['777', 0o777],
  ])(
    'keeps the folder 0700 and every file 0600 under umask %s: store, WAL, journal and re-keyed store',
    async (_, mask) => {
      dir = mkdtempSync(join(tmpdir(), 'vrm-modes-'));
      const path = join(dir, 'new', 'store.db');
      umask = process.umask(mask);
      let store = await createStore(path, TEST_PASSPHRASE);
      try {
        expect(mode(join(dir, 'new'))).toBe('0700');
        write(store, 'A');
        expect(modes(path)).toEqual({ store: '0600', 'store-wal': '0600', 'store-shm': '0600' });

        // In rollback mode a write transaction has its journal beside the store.
        sqliteConnection(store).pragma('journal_mode = DELETE');
        sqliteConnection(store).exec('BEGIN');
        write(store, 'B');
        expect(modes(path)).toEqual({ store: '0600', 'store-journal': '0600' });
        sqliteConnection(store).exec('COMMIT');
        sqliteConnection(store).pragma('journal_mode = WAL');

        store = await changePassphrase(store, 'a passphrase after the re-key');
        write(store, 'C');
        expect(modes(path)).toEqual({ store: '0600', 'store-wal': '0600', 'store-shm': '0600' });
      } finally {
        await store.close();
      }
    },
  );

  it('tightens a store that an older vrm left readable by others when it opens', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vrm-modes-'));
    const path = join(dir, 'store.db');
    await (await createStore(path, TEST_PASSPHRASE)).close();
    chmodSync(path, 0o644);
    await expect(openStore(path, { passphrase: 'not the passphrase' })).rejects.toThrow(/wrong passphrase/);
    expect(mode(path)).toBe('0644');
    const store = await openStore(path, { passphrase: TEST_PASSPHRASE });
    try {
      write(store, 'A');
      expect(modes(path)).toEqual({ store: '0600', 'store-wal': '0600', 'store-shm': '0600' });
    } finally {
      await store.close();
    }
  });
});
