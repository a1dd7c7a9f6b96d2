import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../platform/db/store.js';
import { vrm, VRM_BIN } from '../test/cli.js';
import { writeCorpusMbox } from '../test/corpus.js';
import { TEST_PASSPHRASE } from '../test/store.js';
import { sqliteConnection } from '../platform/db/sqlite/connection.js';

/**
 * `vrm backup` and `vrm restore` of a backup, over a store holding the SpamAssassin corpus and
 * messages placed by hand: the restored store must be the same, table by table and row by row.
 */

let dir: string;
let source: string;
const env = { VRM_PASSPHRASE: TEST_PASSPHRASE };
const run = (store: string, ...args: string[]) => vrm(['--store', store, ...args], env);
const HAND_FOLDER = 'Kept by hand';

const open = (path: string): Promise<Store> => openStore(path, { passphrase: TEST_PASSPHRASE });

/** Every table in sqlite_master, each as the sorted digests of its rows: equal means the same rows. */
function tableDigests(store: Store): Record<string, string[]> {
  const c = sqliteConnection(store);
  const names = c
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, string[]> = {};
  for (const name of names) {
    const rows = c.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all() as Record<
      string,
      unknown
    >[];
    out[name] = rows
      .map((row) =>
        createHash('sha256')
          .update(
            JSON.stringify(row, (_, v: unknown) =>
              v instanceof Uint8Array ? `blob:${Buffer.from(v).toString('hex')}` : v,
            ),
          )
          .digest('hex'),
      )
      .sort();
  }
  return out;
}

/** The digests of every stored original, inflated back to the bytes that arrived. */
function originals(store: Store): Map<string, Buffer> {
  const rows = sqliteConnection(store).prepare('SELECT compressed FROM message_raw').all() as {
    compressed: Buffer;
  }[];
  const out = new Map<string, Buffer>();
  for (const { compressed } of rows) {
    const raw = inflateRawSync(compressed);
    out.set(createHash('sha256').update(raw).digest('hex'), raw);
  }
  return out;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-backup-'));
  source = join(dir, 'source.db');
  writeCorpusMbox(join(dir, 'corpus.mbox'));
  expect(run(source, 'init').code).toBe(0);
  expect(run(source, 'provider', 'add', 'Backup Plaintext Canary Ltd').code).toBe(0);
  expect(run(source, 'mail', 'import', join(dir, 'corpus.mbox')).code).toBe(0);
  for (const id of ['3', '1500', '6000']) {
    const placed = run(source, 'mail', 'place', id, '--folder', HAND_FOLDER, '--flag');
    expect(placed.stderr).toBe('');
  }
}, 300_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vrm mail export', () => {
  it('writes an mbox that reads back to every original byte for byte, CRLF line ends included', async () => {
    const mbox = join(dir, 'export.mbox');
    expect(run(source, 'mail', 'export', '-o', mbox).code).toBe(0);
    const again = join(dir, 'from-export.db');
    expect(run(again, 'init').code).toBe(0);
    expect(run(again, 'mail', 'import', mbox).code).toBe(0);
    const [a, b] = [await open(source), await open(again)];
    try {
      const before = originals(a);
      const after = originals(b);
      expect(after.size).toBe(before.size);
      const lost = [...before].filter(([digest]) => !after.has(digest));
      // mbox cannot end a message without a newline: such a message comes back with one added.
      for (const [, raw] of lost) {
        expect(raw.at(-1)).not.toBe(0x0a);
        const withNewline = Buffer.concat([raw, Buffer.from('\n')]);
        expect(after.has(createHash('sha256').update(withNewline).digest('hex'))).toBe(true);
      }
      expect(lost.length).toBeLessThanOrEqual(1);
      expect([...before.values()].filter((raw) => raw.includes('\r\n')).length).toBeGreaterThan(0);
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);
});

describe('vrm backup and restore', () => {
  it('restores every row of every table and every original byte for byte, hand placements too', async () => {
    const file = join(dir, 'whole.vrmbackup');
    const made = run(source, 'backup', file);
    expect(made.stderr).toMatch(/opens with the passphrase/);
    expect(made.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Encrypted: neither SQLite's header nor any known text of the store is in the file.
    const bytes = readFileSync(file);
    for (const known of ['SQLite format 3', 'Backup Plaintext Canary', HAND_FOLDER, 'jm@jmason.org']) {
      expect(bytes.includes(known), known).toBe(false);
    }

    const restoredPath = join(dir, 'restored.db');
    const restored = run(restoredPath, 'restore', file);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(statSync(restoredPath).mode & 0o777).toBe(0o600);

    const [a, b] = [await open(source), await open(restoredPath)];
    try {
      const before = tableDigests(a);
      const after = tableDigests(b);
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
      expect(before.messages?.length).toBeGreaterThan(6000);
      const hand = sqliteConnection(b)
        .prepare('SELECT id FROM messages WHERE placed_by_hand = 1 AND folder = ? ORDER BY id')
        .pluck()
        .all(HAND_FOLDER);
      expect(hand).toEqual([3, 1500, 6000]);
      expect([...originals(b).keys()].sort()).toEqual([...originals(a).keys()].sort());
    } finally {
      await a.close();
      await b.close();
    }
    // The restored store works with the commands, under the passphrase the backup was made with.
    expect(run(restoredPath, 'mail', 'show', '1500').stdout).toMatch(HAND_FOLDER);
  }, 120_000);

  it('refuses a wrong passphrase, an existing store or file, and a missing folder, saying which', () => {
    const file = join(dir, 'refusals.vrmbackup');
    expect(run(source, 'backup', file).code).toBe(0);
    const again = run(source, 'backup', file);
    expect(again.stderr).toMatch(/already exists: choose a new file name/);
    expect(run(source, 'backup', source).stderr).toMatch(/already exists/);
    expect(run(source, 'backup', join(dir, 'no', 'such', 'b')).stderr).toMatch(
      /cannot write the backup .*: the folder .*no\/such does not exist/,
    );
    const target = join(dir, 'wrong-key.db');
    const wrong = vrm(['--store', target, 'restore', file], { VRM_PASSPHRASE: 'not the passphrase at all' });
    expect(wrong.stderr).toMatch(/wrong passphrase or session token for .*refusals\.vrmbackup/);
    expect(existsSync(target)).toBe(false);
    expect(run(source, 'restore', file).stderr).toMatch(/a store already exists at/);
    // Text goes to the JSON export's reader; a plaintext SQLite file is named as one.
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not an export\n');
    expect(run(join(dir, 'from-text.db'), 'restore', text).stderr).toMatch(
      /notes\.txt:1:\d+: not valid JSON/,
    );
    const plain = join(dir, 'plain.sqlite');
    writeFileSync(plain, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080)]));
    expect(run(join(dir, 'from-plain.db'), 'restore', plain).stderr).toMatch(
      /is an unencrypted SQLite database/,
    );
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  }, 120_000);

  it('takes a consistent snapshot while another connection writes', async () => {
    const writer = await open(source);
    const file = join(dir, 'busy.vrmbackup');
    try {
      const insert = sqliteConnection(writer).transaction((i: number) => {
        const now = new Date(0).toISOString();
        const { lastInsertRowid } = sqliteConnection(writer)
          .prepare("INSERT INTO providers (name, status, created_at, updated_at) VALUES (?, 'active', ?, ?)")
          .run(`Writer ${i}`, now, now);
        sqliteConnection(writer)
          .prepare('INSERT INTO provider_domains (provider_id, domain) VALUES (?, ?)')
          .run(lastInsertRowid, `writer-${i}.example`);
      });
      const child = spawn(process.execPath, [VRM_BIN, '--store', source, 'backup', file], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
        stdio: 'ignore',
      });
      const done = new Promise<number | null>((resolve) => child.on('exit', resolve));
      let written = 0;
      const deadline = Date.now() + 60_000;
      while (
        child.exitCode === null &&
        child.signalCode === null &&
        written < 100_000 &&
        Date.now() < deadline
      ) {
        insert(written++);
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(await done).toBe(0);
      expect(written).toBeGreaterThan(0);
    } finally {
      await writer.close();
    }
    const restoredPath = join(dir, 'busy.db');
    expect(run(restoredPath, 'restore', file).code).toBe(0);
    const b = await open(restoredPath);
    try {
      const count = (sql: string) => sqliteConnection(b).prepare(sql).pluck().get() as number;
      // Each write added a provider and its domain in one transaction: a snapshot has both or neither.
      expect(count("SELECT count(*) FROM providers WHERE name LIKE 'Writer %'")).toBe(
        count("SELECT count(*) FROM provider_domains WHERE domain LIKE 'writer-%'"),
      );
      expect(sqliteConnection(b).pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await b.close();
    }
  }, 120_000);

  it('leaves nothing at the target when killed during the backup', async () => {
    const killDir = mkdtempSync(join(dir, 'kill-'));
    const file = join(killDir, 'killed.vrmbackup');
    const child = spawn(process.execPath, [VRM_BIN, '--store', source, 'backup', file], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: 'ignore',
    });
    const exit = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_, signal) => resolve(signal)),
    );
    // Waits, bounded, for the first byte of the copy to land anywhere in the folder; then kills it.
    const deadline = Date.now() + 30_000;
    let landed: string[] = [];
    while (landed.length === 0 && Date.now() < deadline && child.exitCode === null) {
      landed = readdirSync(killDir);
      if (landed.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    child.kill('SIGKILL');
    expect(await exit).toBe('SIGKILL');
    expect(landed.length).toBeGreaterThan(0);
    expect(existsSync(file)).toBe(false);
  }, 60_000);
});
