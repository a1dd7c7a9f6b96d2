import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../platform/db/store.js';
import { vrm, VRM_BIN } from '../test/cli.js';
import { rowCounts, sizeableSource, type SizeableSource } from '../test/sizeable.js';
import { TEST_PASSPHRASE } from '../test/store.js';
import { sqliteConnection } from '../platform/db/sqlite/connection.js';

/**
 * `vrm restore` killed with SIGKILL at random moments: whatever the moment, the target holds no
 * store or a complete one, and running the restore again succeeds.
 */

const RUNS = 16;
const env = { PATH: process.env.PATH, HOME: process.env.HOME, VRM_PASSPHRASE: TEST_PASSPHRASE };

let dir: string;
let source: SizeableSource;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-restore-kill-'));
  source = await sizeableSource(dir, TEST_PASSPHRASE);
}, 300_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

function runRestore(target: string, file: string, killAfterMs?: number): Promise<Outcome> {
  const child = spawn(process.execPath, [VRM_BIN, '--store', target, 'restore', file], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

/** The row counts of the store at `path`, which must pass its integrity check. */
async function countsAt(path: string, tables: readonly string[]): Promise<Record<string, number>> {
  const store = await openStore(path, { passphrase: TEST_PASSPHRASE });
  try {
    expect(sqliteConnection(store).pragma('integrity_check', { simple: true })).toBe('ok');
    const all = rowCounts(store);
    return Object.fromEntries(tables.map((t) => [t, all[t] ?? -1]));
  } finally {
    await store.close();
  }
}

const removeStore = (path: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
};

describe.each([
  { what: 'a JSON export', file: () => source.exportFile, expected: () => source.exportCounts },
  { what: 'an encrypted backup', file: () => source.backupFile, expected: () => source.backupCounts },
])('vrm restore of $what, killed at random moments', ({ what, file, expected }) => {
  it(`leaves no store or a complete one ${RUNS} times out of ${RUNS}, and the next restore succeeds`, async () => {
    const folder = mkdtempSync(join(dir, 'kill-'));
    const target = join(folder, 'store.db');
    const tables = Object.keys(expected());
    expect(source.totalRows).toBeGreaterThan(5000);

    // Uninterrupted runs give the span the kills are spread over: the quickest of three, as the
    // machine may be busy with other work during any one of them.
    let span = Infinity;
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const whole = await runRestore(target, file());
      span = Math.min(span, Date.now() - started);
      expect(whole.stderr).toBe('');
      expect(await countsAt(target, tables)).toEqual(expected());
      removeStore(target);
    }

    let killed = 0;
    let midWrite = 0;
    let complete = 0;
    for (let i = 0; i < RUNS; i++) {
      // Each run is killed at a random moment in its own slice of the span, so the kills cover
      // the start, the key derivation, the writing and the finish alike.
      const at = Math.floor(((i + Math.random()) / RUNS) * span);
      const outcome = await runRestore(target, file(), at);
      if (outcome.signal === 'SIGKILL') killed++;
      if (readdirSync(folder).some((f) => f !== 'store.db')) midWrite++;
      if (existsSync(target)) {
        // A store at the target is a complete one: every row of every table is there.
        expect(await countsAt(target, tables), `run ${i}, killed after ${at} ms`).toEqual(expected());
        complete++;
        removeStore(target);
      }
      const again = await runRestore(target, file());
      expect(again.stderr, `re-run after run ${i}, killed after ${at} ms`).toBe('');
      expect(again.code).toBe(0);
      expect(await countsAt(target, tables)).toEqual(expected());
      // The restore that succeeded removed what the killed one had left.
      expect(readdirSync(folder)).toEqual(['store.db']);
      removeStore(target);
    }
    process.stdout.write(
      `restore of ${what}: ${String(span)} ms uninterrupted; ${String(killed)}/${String(RUNS)} killed, ` +
        `${String(midWrite)} while writing, ${String(complete)} after finishing; every re-run succeeded\n`,
    );
    expect(killed).toBeGreaterThanOrEqual(RUNS / 2);
    expect(midWrite).toBeGreaterThanOrEqual(3);
  }, 600_000);
});

describe('vrm restore into a store that exists', () => {
  it('is refused before the file is read, whatever the file holds', () => {
    const folder = mkdtempSync(join(dir, 'exists-'));
    const target = join(folder, 'store.db');
    writeFileSync(target, 'not a store, but a file that must not be touched');
    const garbage = join(folder, 'garbage.json');
    writeFileSync(garbage, '{ not json');
    for (const file of [garbage, join(folder, 'missing.json'), source.backupFile]) {
      const result = vrm(['--store', target, 'restore', file], { VRM_PASSPHRASE: TEST_PASSPHRASE });
      expect(result.stderr).toBe(
        `vrm: a store already exists at ${target}: restore goes into a new store (use --store)\n`,
      );
      expect(result.code).toBe(4);
    }
  });
});
