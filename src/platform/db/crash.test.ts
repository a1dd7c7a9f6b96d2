import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freshStore, TEST_PASSPHRASE, type TestStore } from '../../test/store.js';
import { decodeSessionToken } from '../crypto/kdf.js';
import { sqliteConnection } from './sqlite/connection.js';
import { openStore } from './store.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const DOCUMENTS = 8;

/**
 * A program writing to the store with its key, as vrm or the stock `sqlcipher` shell would: in
 * the journal mode given, with a small page cache so a big transaction spills to the disk before
 * it commits. It says `ready` with its writes in flight, for the test to SIGKILL it.
 */
const WRITER = `
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
const db = new Database(process.env.STORE, { fileMustExist: true });
db.pragma("cipher = 'sqlcipher'");
db.pragma('legacy = 4');
db.pragma(\`key = "x'\${process.env.KEY}'"\`);
db.pragma(\`journal_mode = \${process.env.MODE}\`);
db.pragma('wal_autocheckpoint = 0');
db.pragma('cache_size = 20');
const add = db.prepare(
  "INSERT INTO documents (provider_id, title, filename, media_type, size, sha256, content, added_at) " +
    "VALUES (1, 'late', 'late.bin', 'application/octet-stream', 1048576, 'x', ?, '2026-03-15T12:00:00Z')",
);
if (process.env.COMMIT !== '1') {
  db.exec('BEGIN');
  db.exec('DELETE FROM documents');
}
for (let i = 0; i < 6; i++) add.run(randomBytes(1048576));
process.stdout.write('ready\\n');
setInterval(() => undefined, 1000);
`;

async function killedWriter(t: TestStore, env: { MODE: string; COMMIT?: string }): Promise<void> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', WRITER], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      STORE: t.path,
      KEY: decodeSessionToken(t.store.sessionToken).toString('hex'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.on('exit', (code) => {
      reject(new Error(`the writer stopped by itself (${String(code)})`));
    });
  });
  const killed = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await killed;
}

const fingerprint = (path: string): string =>
  existsSync(path)
    ? `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${String(statSync(path).mtimeMs)}`
    : 'absent';

let t: TestStore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

async function storeWithDocuments(): Promise<TestStore> {
  const s = await freshStore();
  const provider = await s.services.providers.add({ name: 'Bulky Documents Ltd' });
  for (let i = 0; i < DOCUMENTS; i++) {
    await s.services.documents.add({
      providerId: provider.id,
      filename: `scan-${i}.bin`,
      content: randomBytes(1024 * 1024),
    });
  }
  // The writer needs the store to itself: vrm's own connection is closed, as after a command.
  await s.store.close();
  return s;
}

/** A wrong passphrase is refused, and not a byte of the store or of its journal or WAL moves. */
async function expectRefusedUntouched(path: string, sideFile: string): Promise<void> {
  const before = [fingerprint(path), fingerprint(sideFile)];
  await expect(openStore(path, { passphrase: 'not the passphrase at all' })).rejects.toMatchObject({
    code: 'unauthorized',
  });
  expect([fingerprint(path), fingerprint(sideFile)]).toEqual(before);
}

async function documentsAfterOpening(path: string): Promise<number> {
  const store = await openStore(path, { passphrase: TEST_PASSPHRASE });
  try {
    expect(sqliteConnection(store).pragma('integrity_check', { simple: true })).toBe('ok');
    return sqliteConnection(store).prepare('SELECT count(*) FROM documents').pluck().get() as number;
  } finally {
    await store.close();
  }
}

describe('opening a store after a writer was killed', () => {
  it('rolls back a hot rollback journal by itself, with the right passphrase only', async () => {
    t = await storeWithDocuments();
    await killedWriter(t, { MODE: 'DELETE' });
    const journal = `${t.path}-journal`;
    // Hot: the journal holds the pages the transaction had already overwritten in the store.
    expect(statSync(journal).size).toBeGreaterThan(1024 * 1024);

    await expectRefusedUntouched(t.path, journal);
    expect(await documentsAfterOpening(t.path)).toBe(DOCUMENTS);
    expect(existsSync(journal)).toBe(false);
  });

  it('drops the frames of a killed transaction from the WAL, with the right passphrase only', async () => {
    t = await storeWithDocuments();
    await killedWriter(t, { MODE: 'WAL' });
    const wal = `${t.path}-wal`;
    expect(statSync(wal).size).toBeGreaterThan(1024 * 1024);

    await expectRefusedUntouched(t.path, wal);
    expect(await documentsAfterOpening(t.path)).toBe(DOCUMENTS);
  });

  it('keeps the commits in a WAL whose -shm is gone, with the right passphrase only', async () => {
    t = await storeWithDocuments();
    await killedWriter(t, { MODE: 'WAL', COMMIT: '1' });
    const wal = `${t.path}-wal`;
    rmSync(`${t.path}-shm`);

    await expectRefusedUntouched(t.path, wal);
    expect(await documentsAfterOpening(t.path)).toBe(DOCUMENTS + 6);
  });
});
