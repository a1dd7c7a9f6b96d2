import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm, VRM_BIN } from '../test/cli.js';
import { Browser } from '../test/http.js';
import { sizeableSource, type SizeableSource } from '../test/sizeable.js';
import { TEST_PASSPHRASE } from '../test/store.js';
import { startServer } from './server.js';

/** The first-run restore of the web app: refused early when a store exists, and never half-made. */

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-http-restore-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/store/restore', () => {
  it('refuses a store that exists before the body is read, whatever the body holds', async () => {
    const server = await startServer({
      storePath: join(mkdtempSync(join(dir, 'exists-')), 'store.db'),
      host: '127.0.0.1',
      port: 0,
      idleMinutes: 15,
    });
    try {
      const owner = new Browser(server.url);
      await owner.open();
      expect((await owner.call('POST', '/api/store', { passphrase: TEST_PASSPHRASE })).status).toBe(200);
      const other = new Browser(server.url);
      await other.open();
      const withPassphrase = { 'x-vrm-passphrase': encodeURIComponent(TEST_PASSPHRASE) };
      for (const [body, headers] of [
        [Buffer.from('{"format": '), {}],
        [Buffer.from('{}'), withPassphrase],
      ] as const) {
        const refused = await other.call('POST', '/api/store/restore', body, headers);
        expect(refused.status).toBe(409);
        expect(refused.json()).toMatchObject({
          error: { code: 'conflict', message: 'a store already exists: unlock it instead' },
        });
      }
    } finally {
      await server.close();
    }
  });
});

const probe = spawnSync('unshare', ['--mount', '--propagation', 'private', 'true'], { encoding: 'utf8' });
const refused =
  probe.status === 0
    ? undefined
    : `unshare --mount is refused here (${(probe.stderr || String(probe.error)).trim()}): ` +
      'the full-disk case needs a private mount namespace to mount a small tmpfs in';
if (refused) process.stdout.write(`skipped: ${refused}\n`);

/** `vrm serve` in its own mount namespace, with a tmpfs of `kb` at `disk`; resolves to its URL. */
async function serveOnSmallDisk(disk: string, kb: number): Promise<{ child: ChildProcess; url: string }> {
  const script =
    'mount -t tmpfs -o size="$SIZE"k,mode=0700 tmpfs "$DISK" && exec "$NODE" "$BIN" --store "$DISK/store.db" serve --port 0';
  const child = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE: process.execPath,
      BIN: VRM_BIN,
      DISK: disk,
      SIZE: String(kb),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vrm serve did not start: ${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /vrm is serving (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', () => reject(new Error(`vrm serve stopped: ${output}`)));
  });
  return { child, url };
}

/** Runs a shell command inside the server's mount namespace, where the small tmpfs is. */
function inNamespace(pid: number, command: string): string {
  const result = spawnSync('nsenter', ['--target', String(pid), '--mount', 'sh', '-c', command], {
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe.skipIf(refused !== undefined)('POST /api/store/restore onto a full disk', () => {
  let source: SizeableSource;
  beforeAll(async () => {
    source = await sizeableSource(mkdtempSync(join(dir, 'source-')), TEST_PASSPHRASE);
  }, 300_000);

  it('answers that the disk is full, leaves no store, and restores once there is room', async () => {
    const sized = join(mkdtempSync(join(dir, 'sized-')), 'store.db');
    expect(
      vrm(['--store', sized, 'restore', source.exportFile], { VRM_PASSPHRASE: TEST_PASSPHRASE }).code,
    ).toBe(0);
    const bytes = readFileSync(sized).length;
    const disk = mkdtempSync(join(dir, 'disk-'));
    const smallKb = Math.floor(bytes / 2 / 1024);
    const { child, url } = await serveOnSmallDisk(disk, smallKb);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      const pid = child.pid ?? 0;
      const browser = new Browser(url);
      await browser.open();
      const exportFile = readFileSync(source.exportFile);
      const withPassphrase = { 'x-vrm-passphrase': encodeURIComponent(TEST_PASSPHRASE) };
      const failed = await browser.call('POST', '/api/store/restore', exportFile, withPassphrase);
      expect(failed.status).toBe(507);
      expect(failed.json()).toMatchObject({
        error: {
          code: 'cannot_write',
          message: `the disk holding ${disk} is full: the store needs more room than is free there. Nothing was left at ${disk}/store.db; free some space and try again.`,
        },
      });
      expect((await browser.call('GET', '/api/status')).json()).toMatchObject({
        storeExists: false,
        unlocked: false,
      });
      expect(inNamespace(pid, `ls -A "${disk}"`)).toBe('');

      inNamespace(
        pid,
        `mount -o remount,size=${String(Math.ceil((bytes * 4) / 1024) + 16 * 1024)}k "${disk}"`,
      );
      const restored = await browser.call('POST', '/api/store/restore', exportFile, withPassphrase);
      expect(restored.status).toBe(200);
      expect(restored.json()).toMatchObject({ unlocked: true, restored: source.totalRows, skipped: [] });
      expect((await browser.call('GET', '/api/providers')).status).toBe(200);
      // The open store's WAL sits beside it under its own name; no temporary file is left.
      expect(
        inNamespace(pid, `ls -A "${disk}"`)
          .split('\n')
          .filter((f) => f && !/^store\.db(-wal|-shm)?$/.test(f)),
      ).toEqual([]);
      process.stdout.write(
        `full disk, web restore: a store of ${String(bytes)} bytes onto a ${String(smallKb)} KB tmpfs answered 503 and left nothing; with room it restored ${String(source.totalRows)} rows\n`,
      );
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 300_000);
});
