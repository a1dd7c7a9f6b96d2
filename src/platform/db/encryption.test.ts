import { existsSync, readFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { freshStore, TEST_PASSPHRASE, type TestStore } from '../../test/store.js';
import { sqliteConnection } from './sqlite/connection.js';

const CANARIES = [
  'Zyxwvut Plaintext Canary Ltd',
  'canary.mailbox@plaintext-canary.example',
  'GB29NWBK60161331926819',
  'Canary document body: the quick brown fox',
  'Flat 9, 99 Canary Wharf Road',
];

/** Every place SQLite may have put the data: the file, its WAL, its rollback journal. */
const files = (path: string): string[] =>
  [path, `${path}-wal`, `${path}-journal`].filter((f) => existsSync(f));

function leaks(path: string): string[] {
  const found: string[] = [];
  for (const file of files(path)) {
    const bytes = readFileSync(file);
    for (const canary of CANARIES) {
      for (const encoding of ['utf8', 'utf16le'] as const) {
        if (bytes.includes(Buffer.from(canary, encoding))) found.push(`${file}: ${canary} (${encoding})`);
      }
    }
  }
  return found;
}

let t: TestStore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

describe('the store at rest', () => {
  it('holds none of the written values in plaintext: not in the file, its WAL or its journal', async () => {
    t = await freshStore();
    const { providers, vault, documents } = t.services;
    const provider = await providers.add({ name: CANARIES[0] ?? '', notes: CANARIES[4] });
    await vault.add({ kind: 'email', label: 'canary', value: { address: CANARIES[1] } });
    await vault.add({ kind: 'bank_account', label: 'canary', value: { iban: CANARIES[2] } });
    await documents.add({
      providerId: provider.id,
      filename: 'canary.txt',
      content: Buffer.from(CANARIES[3] ?? ''),
    });

    // While open, the recent writes sit in the WAL: it must be encrypted too.
    expect(existsSync(`${t.path}-wal`)).toBe(true);
    expect(readFileSync(`${t.path}-wal`).length).toBeGreaterThan(0);
    expect(leaks(t.path)).toEqual([]);
    expect(readFileSync(t.path).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');

    // A control: the same check does find the values when they are there in the clear.
    const plain = new Database(`${t.dir}/plain.db`);
    plain.exec(`CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('${CANARIES[0] ?? ''}')`);
    plain.close();
    expect(leaks(`${t.dir}/plain.db`)).toHaveLength(1);

    // After a checkpoint and close, the main file holds everything: still nothing readable.
    sqliteConnection(t.store).pragma('wal_checkpoint(TRUNCATE)');
    await t.store.close();
    expect(leaks(t.path)).toEqual([]);
    rmSync(t.dir, { recursive: true, force: true });
    t = undefined;
  });

  it('is a standard SQLCipher 4 database that stock SQLCipher opens with the passphrase', async () => {
    t = await freshStore();
    await t.services.providers.add({ name: 'Readable Without vrm' });
    sqliteConnection(t.store).pragma('wal_checkpoint(TRUNCATE)');
    const stock = new Database(t.path, { readonly: true });
    stock.pragma(`cipher = 'sqlcipher'`);
    stock.pragma('legacy = 4');
    stock.pragma(`key = '${TEST_PASSPHRASE}'`);
    expect(stock.prepare('SELECT name FROM providers').all()).toEqual([{ name: 'Readable Without vrm' }]);
    stock.close();
  });
});
