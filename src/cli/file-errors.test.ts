import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../platform/db/store.js';
import { vrm, type CliResult } from '../test/cli.js';
import { writeCorpusMbox, corpusFiles } from '../test/corpus.js';
import { Browser } from '../test/http.js';
import {
  leaveFree,
  reached,
  runOnSmallDisk,
  serverOf,
  smallDisk,
  smallDiskUnavailable,
  spawnOnSmallDisk,
  type SmallDisk,
} from '../test/small-disk.js';
import { TEST_PASSPHRASE } from '../test/store.js';
import { EXIT_CODES } from './exit.js';
import { sqliteConnection } from '../platform/db/sqlite/connection.js';

/**
 * Every command that writes a file the person named, pointed at a place it cannot write: a folder
 * that is missing, a folder given for the file, a file given for a folder, and a full disk. Each
 * must end with one line that names the place and what to do, its documented exit code, and
 * nothing half-written left behind: no stack trace, no "internal error".
 */

if (smallDiskUnavailable) console.warn(`full-disk tests skipped: ${smallDiskUnavailable}`);

let dir: string;
let store: string;
let env: Record<string, string>;

const run = (...args: string[]): CliResult => vrm(['--store', store, ...args], env);

/** One line on stderr that is a message, not a bug. */
function expectOneLine(result: CliResult, code: number, message: RegExp): void {
  expect(result.stderr, result.stderr).toMatch(message);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/internal error|ENOENT|EISDIR|ENOTDIR|EEXIST| {4}at /);
  expect(result.code, result.stderr).toBe(code);
}

/** Names in a folder that a writer left under a temporary name. */
const partials = (folder: string): string[] => readdirSync(folder).filter((n) => n.endsWith('.partial'));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-file-errors-'));
  store = join(dir, 'vrm.db');
  env = { HOME: dir, VRM_PASSPHRASE: TEST_PASSPHRASE };
  expect(run('init').code).toBe(0);
  expect(run('provider', 'add', 'Northwind Energy').code).toBe(0);
  writeFileSync(join(dir, 'bill.txt'), 'a bill\n');
  expect(run('document', 'add', join(dir, 'bill.txt'), '--provider', 'Northwind Energy').code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a file written where it cannot be', () => {
  // Each command, with the words its message uses for the file it writes.
  const writers: [string, (file: string) => string[], string][] = [
    ['vrm export --output', (f) => ['export', '--output', f], 'the export'],
    ['vrm mail export --out', (f) => ['mail', 'export', '--out', f], 'the mbox'],
    ['vrm backup', (f) => ['backup', f], 'the backup'],
    ['vrm document get --output', (f) => ['document', 'get', '1', '--output', f], 'document 1'],
    ['vrm keys export --out', (f) => ['keys', 'export', '--out', f], 'the public keys \\(JWK set\\)'],
  ];

  it.each(writers)('%s: a missing folder, a folder, a file for a folder', (_, args, what) => {
    const missing = join(dir, 'no-such-folder', 'out.file');
    expectOneLine(
      run(...args(missing)),
      EXIT_CODES.cannot_write,
      new RegExp(
        `^vrm: cannot write ${what} to ${missing}: the folder ${join(dir, 'no-such-folder')} does not exist\\n$`,
      ),
    );
    const folder = join(dir, 'a-folder');
    mkdirSync(folder, { recursive: true });
    expectOneLine(
      run(...args(folder)),
      EXIT_CODES.cannot_write,
      new RegExp(
        `^vrm: cannot write ${what} to ${folder}: it is a folder; give the name of a new file in it\\n$`,
      ),
    );
    const throughFile = join(dir, 'bill.txt', 'out.file');
    expectOneLine(
      run(...args(throughFile)),
      EXIT_CODES.cannot_write,
      new RegExp(
        `^vrm: cannot write ${what} to ${throughFile}: ${join(dir, 'bill.txt')} is not a folder\\n$`,
      ),
    );
    expect(readdirSync(folder)).toEqual([]);
    expect(partials(dir)).toEqual([]);
    expect(readFileSync(join(dir, 'bill.txt'), 'utf8')).toBe('a bill\n');
  });

  it('--store: a folder given for the store, and a store under a file', () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder, { recursive: true });
    expectOneLine(
      vrm(['--store', folder, 'provider', 'list'], env),
      EXIT_CODES.store_unavailable,
      new RegExp(
        `^vrm: ${folder} is a folder, not a store: give --store the store's file, such as ${folder}/vrm\\.db\\n$`,
      ),
    );
    expectOneLine(
      vrm(['--store', folder, 'init'], env),
      EXIT_CODES.cannot_write,
      new RegExp(
        `^vrm: cannot create a store at ${folder}: it is a folder; give --store the name of a new file in it`,
      ),
    );
    const underFile = join(dir, 'bill.txt', 'vrm.db');
    expectOneLine(
      vrm(['--store', underFile, 'init'], env),
      EXIT_CODES.cannot_write,
      new RegExp(
        `^vrm: cannot create a store at ${underFile}: ${join(dir, 'bill.txt')} is a file, not a folder\\n$`,
      ),
    );
    expectOneLine(
      vrm(['--store', join(dir, 'new.db'), 'restore', folder], env),
      EXIT_CODES.invalid_input,
      new RegExp(`^vrm: cannot read ${folder}: it is a folder\\n$`),
    );
    expect(readdirSync(folder)).toEqual([]);
    expect(partials(dir)).toEqual([]);
  });
});

describe.skipIf(smallDiskUnavailable !== undefined)('a file written to a full disk', () => {
  let disk: SmallDisk | undefined;
  afterEach(() => {
    disk?.dispose();
    disk = undefined;
  });

  it('an export and an mbox export fail whole: an earlier export stays as it was, no new file appears', () => {
    disk = smallDisk();
    // More than the 1 MB left free, in each: a 2 MB scan in the export, 300 messages (1.6 MB) in the mbox.
    writeFileSync(join(dir, 'scan.bin'), randomBytes(2 * 1024 * 1024));
    expect(run('document', 'add', join(dir, 'scan.bin'), '--provider', 'Northwind Energy').code).toBe(0);
    const mbox = join(dir, 'some.mbox');
    writeCorpusMbox(mbox, corpusFiles().slice(0, 300));
    expect(run('mail', 'import', mbox).code).toBe(0);
    const result = runOnSmallDisk(
      disk,
      16,
      `cp "$STORE" "$DISK/vrm.db"
printf 'the export of last week\\n' > "$DISK/export.json"
${leaveFree(1)}
"$NODE" "$VRM_BIN" --store "$DISK/vrm.db" export --output "$DISK/export.json" 2> "$OUT/export.err"; echo $? > "$OUT/export.code"
"$NODE" "$VRM_BIN" --store "$DISK/vrm.db" mail export --out "$DISK/mail.mbox" 2> "$OUT/mbox.err"; echo $? > "$OUT/mbox.code"
cp "$DISK/export.json" "$OUT/"
ls -A "$DISK" > "$OUT/listing"`,
      { STORE: store, VRM_PASSPHRASE: TEST_PASSPHRASE },
    );
    expect(result.code, result.stderr).toBe(0);
    const { out: folder } = disk;
    const out = (name: string): string => readFileSync(join(folder, name), 'utf8');
    expect(out('export.err')).toBe(
      `vrm: cannot write the export to ${disk.mount}/export.json: the disk holding ${disk.mount} is full; free some space and try again\n`,
    );
    expect(out('export.code')).toBe(`${String(EXIT_CODES.cannot_write)}\n`);
    expect(out('mbox.err')).toBe(
      `vrm: cannot write the mbox to ${disk.mount}/mail.mbox: the disk holding ${disk.mount} is full; free some space and try again\n`,
    );
    expect(out('mbox.code')).toBe(`${String(EXIT_CODES.cannot_write)}\n`);
    expect(out('export.json')).toBe('the export of last week\n');
    // The WAL and SHM are the store's own; nothing half-written is left.
    expect(disk.listing().filter((n) => !/^vrm\.db(-wal|-shm)?$/.test(n))).toEqual(['export.json', 'filler']);
  });

  it('a mail import that fills the disk keeps what it imported, and the same import after freeing space finishes it', async () => {
    disk = smallDisk();
    const mbox = join(dir, 'corpus-600.mbox');
    writeCorpusMbox(mbox, corpusFiles().slice(0, 600));
    const fresh = join(dir, 'import-target.db');
    expect(vrm(['--store', fresh, 'init'], env).code).toBe(0);
    const result = runOnSmallDisk(
      disk,
      32,
      `cp "$STORE" "$DISK/vrm.db"
${leaveFree(2)}
"$NODE" "$VRM_BIN" --store "$DISK/vrm.db" mail import "$MBOX" > /dev/null 2> "$OUT/first.err"; echo $? > "$OUT/first.code"
cp "$DISK/vrm.db" "$OUT/full.db"; cp "$DISK/vrm.db-wal" "$OUT/full.db-wal" 2>/dev/null
rm "$DISK/filler"
"$NODE" "$VRM_BIN" --store "$DISK/vrm.db" mail import "$MBOX" --json > "$OUT/second.json" 2> "$OUT/second.err"; echo $? > "$OUT/second.code"
"$NODE" "$VRM_BIN" --store "$DISK/vrm.db" provider list > /dev/null
cp "$DISK/vrm.db" "$OUT/after.db"`,
      { STORE: fresh, MBOX: mbox, VRM_PASSPHRASE: TEST_PASSPHRASE },
    );
    expect(result.code, result.stderr).toBe(0);
    const { out: folder } = disk;
    const out = (name: string): string => readFileSync(join(folder, name), 'utf8');
    expect(out('first.err')).toBe(
      `vrm: the disk holding the store filled up during the import of ${mbox}: the messages imported before that are kept. ` +
        'Free some space and run the same import again: it skips what is in already.\n',
    );
    expect(out('first.code')).toBe(`${String(EXIT_CODES.cannot_write)}\n`);

    // What the first import committed is there, whole.
    const full = await openStore(join(disk.out, 'full.db'), { passphrase: TEST_PASSPHRASE });
    const kept = sqliteConnection(full).prepare('SELECT count(*) FROM messages').pluck().get() as number;
    expect(sqliteConnection(full).pragma('integrity_check', { simple: true })).toBe('ok');
    await full.close();
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(600);

    // The second run goes on after what was kept, and the store ends as a clean import leaves one.
    expect(out('second.err')).toBe('');
    expect(out('second.code')).toBe('0\n');
    const second = JSON.parse(out('second.json')) as { imported: number; resumedFrom: string | null };
    expect(second.resumedFrom).not.toBeNull();
    const after = await openStore(join(disk.out, 'after.db'), { passphrase: TEST_PASSPHRASE });
    const total = sqliteConnection(after).prepare('SELECT count(*) FROM messages').pluck().get() as number;
    expect(sqliteConnection(after).pragma('integrity_check', { simple: true })).toBe('ok');
    await after.close();
    const clean = join(dir, 'clean-import.db');
    expect(vrm(['--store', clean, 'init'], env).code).toBe(0);
    expect(vrm(['--store', clean, 'mail', 'import', mbox], env).code).toBe(0);
    const cleanStore = await openStore(clean, { passphrase: TEST_PASSPHRASE });
    const cleanTotal = sqliteConnection(cleanStore)
      .prepare('SELECT count(*) FROM messages')
      .pluck()
      .get() as number;
    await cleanStore.close();
    expect(total).toBe(cleanTotal);
    expect(total).toBe(kept + second.imported);
  });

  it('the web app answers a write on a full disk with 507 and its message, and goes on reading', async () => {
    disk = smallDisk();
    const fresh = join(dir, 'web-target.db');
    expect(vrm(['--store', fresh, 'init'], env).code).toBe(0);
    const child = spawnOnSmallDisk(
      disk,
      8,
      `cp "$STORE" "$DISK/vrm.db"
"$NODE" "$VRM_BIN" --store "$DISK/vrm.db" serve --port 0 & server=$!
echo "server $server"
(
  until [ -e "$OUT/fill" ]; do sleep 0.02; done
  ${leaveFree(0)}; touch "$OUT/filled"
  until [ -e "$OUT/free-up" ]; do sleep 0.02; done
  rm "$DISK/filler"; touch "$OUT/freed"
) & watcher=$!
wait $server; code=$?
kill $watcher 2>/dev/null
exit $code`,
      { STORE: fresh },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const { url, pid } = await serverOf(child);
    try {
      const owner = new Browser(url);
      await owner.open();
      expect((await owner.call('POST', '/api/session', { passphrase: TEST_PASSPHRASE })).status).toBe(200);
      expect((await owner.call('POST', '/api/providers', { name: 'Before The Disk Filled' })).status).toBe(
        201,
      );
      writeFileSync(join(disk.out, 'fill'), '');
      await reached(join(disk.out, 'filled'));
      // Enough to outgrow the WAL's free pages: a note of 8 KB, many times.
      const notes = 'n'.repeat(8000);
      let refused: Awaited<ReturnType<Browser['call']>> | undefined;
      for (let i = 0; i < 2000 && !refused; i++) {
        const r = await owner.call('POST', '/api/providers', { name: `Filler ${String(i)}`, notes });
        if (r.status !== 201) refused = r;
      }
      expect(refused?.status).toBe(507);
      expect(refused?.json()).toEqual({
        error: {
          code: 'cannot_write',
          message:
            'the disk holding the store is full: this change was not made; free some space and try again',
          details: [],
        },
      });
      const list = await owner.call('GET', '/api/providers');
      expect(list.status).toBe(200);
      expect(list.text).toContain('Before The Disk Filled');
      writeFileSync(join(disk.out, 'free-up'), '');
      await reached(join(disk.out, 'freed'));
      expect((await owner.call('POST', '/api/providers', { name: 'After Space Was Freed' })).status).toBe(
        201,
      );
    } finally {
      process.kill(pid, 'SIGTERM');
      await exited;
    }
  });
});
