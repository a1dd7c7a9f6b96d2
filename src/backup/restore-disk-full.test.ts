import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm, VRM_BIN } from '../test/cli.js';
import { sizeableSource, type SizeableSource } from '../test/sizeable.js';
import { TEST_PASSPHRASE } from '../test/store.js';
import { EXPORT_TABLES } from './export.js';

/**
 * `vrm restore` onto a disk too small for the store: a tmpfs of a set size, mounted in a private
 * mount namespace so nothing outside the test sees it. The restore must say, in one line, that
 * the disk is full, leave nothing at the target, and succeed once there is room.
 */

const probe = spawnSync('unshare', ['--mount', '--propagation', 'private', 'true'], { encoding: 'utf8' });
const refused =
  probe.status === 0
    ? undefined
    : `unshare --mount is refused here (${(probe.stderr || String(probe.error)).trim()}): ` +
      'the full-disk cases need a private mount namespace to mount a small tmpfs in';
if (refused) process.stdout.write(`skipped: ${refused}\n`);

let dir: string;
let source: SizeableSource;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-restore-full-'));
  if (!refused) source = await sizeableSource(dir, TEST_PASSPHRASE);
}, 300_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** What happened inside the namespace: each run's exit code and stderr, and the folder's files. */
interface DiskFullRun {
  readonly first: { code: number; stderr: string };
  readonly leftAfterFailure: string[];
  readonly second: { code: number; stderr: string };
  readonly counts: Record<string, number>;
  readonly leftAfterSuccess: string[];
}

/**
 * In a private mount namespace: mounts a tmpfs of `smallKb` at a new folder, restores `file` into
 * it, lists what is left, grows the tmpfs to `roomKb` and restores again.
 */
function restoreOnSmallDisk(file: string, smallKb: number, roomKb: number): DiskFullRun {
  const mount = mkdtempSync(join(dir, 'mount-'));
  const out = mkdtempSync(join(dir, 'out-'));
  const script = `
    mount -t tmpfs -o size=\${SMALL}k,mode=0700 tmpfs "$DISK" || exit 90
    "$NODE" "$BIN" --store "$DISK/store.db" restore "$FILE" 2> "$OUT/first.err"; echo $? > "$OUT/first.code"
    ls -A "$DISK" > "$OUT/left-after-failure"
    mount -o remount,size=\${ROOM}k "$DISK" || exit 91
    "$NODE" "$BIN" --store "$DISK/store.db" restore "$FILE" 2> "$OUT/second.err"; echo $? > "$OUT/second.code"
    "$NODE" "$BIN" --store "$DISK/store.db" info --json > "$OUT/info.json"
    ls -A "$DISK" > "$OUT/left-after-success"
  `;
  const result = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], {
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      VRM_PASSPHRASE: TEST_PASSPHRASE,
      NODE: process.execPath,
      BIN: VRM_BIN,
      DISK: mount,
      OUT: out,
      FILE: file,
      SMALL: String(smallKb),
      ROOM: String(roomKb),
    },
  });
  expect(result.status, result.stderr).toBe(0);
  const read = (name: string) => readFileSync(join(out, name), 'utf8');
  const lines = (name: string) => read(name).split('\n').filter(Boolean);
  const info = JSON.parse(read('info.json')) as { counts: Record<string, number> };
  return {
    first: { code: Number(read('first.code')), stderr: read('first.err') },
    leftAfterFailure: lines('left-after-failure'),
    second: { code: Number(read('second.code')), stderr: read('second.err') },
    counts: info.counts,
    leftAfterSuccess: lines('left-after-success'),
  };
}

/** The size of the store a restore of `file` makes, on a disk with room. */
function restoredSize(file: string): number {
  const folder = mkdtempSync(join(dir, 'sized-'));
  const target = join(folder, 'store.db');
  const made = vrm(['--store', target, 'restore', file], { VRM_PASSPHRASE: TEST_PASSPHRASE });
  expect(made.stderr).toBe('');
  return statSync(target).size;
}

describe.skipIf(refused !== undefined).each([
  { what: 'a JSON export', file: () => source.exportFile },
  { what: 'an encrypted backup', file: () => source.backupFile },
])('vrm restore of $what onto a full disk', ({ what, file }) => {
  it('says the disk is full in one line, exits 6, leaves nothing, and works once there is room', () => {
    const bytes = restoredSize(file());
    const expected = Object.fromEntries(EXPORT_TABLES.map((t) => [t, source.exportCounts[t]]));
    const disk = join(dir, 'mount-');
    // A quarter, a half and three quarters of the room the store needs: the disk fills up while
    // the rows are written, and (with the most room) only when they are committed.
    for (const share of [0.25, 0.5, 0.75]) {
      const smallKb = Math.floor((bytes * share) / 1024);
      const run = restoreOnSmallDisk(file(), smallKb, Math.ceil((bytes * 4) / 1024) + 16 * 1024);
      expect(run.first.stderr, `${String(smallKb)} KB`).toMatch(
        new RegExp(
          `^vrm: the disk holding ${disk}\\w+ is full: the store needs more room than is free there\\. ` +
            `Nothing was left at ${disk}\\w+/store\\.db; free some space and try again\\.\\n$`,
        ),
      );
      expect(run.first.code).toBe(9);
      expect(run.leftAfterFailure).toEqual([]);

      expect(run.second.stderr).toBe('');
      expect(run.second.code).toBe(0);
      expect(run.counts).toEqual(expected);
      expect(run.leftAfterSuccess).toEqual(['store.db']);
      process.stdout.write(
        `full disk, restore of ${what}: a store of ${String(bytes)} bytes onto a ${String(smallKb)} KB ` +
          `tmpfs failed with exit ${String(run.first.code)} and left nothing; with room it restored every row\n`,
      );
    }
  }, 300_000);
});
