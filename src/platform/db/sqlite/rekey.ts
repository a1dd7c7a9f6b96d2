import { renameSync, rmSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { VrmError } from '../../errors.js';
import { createPrivateFile, fsyncPath, isDiskFull } from '../../files.js';
import { assertAcceptablePassphrase, decodeSessionToken, deriveKey, newSalt } from '../../crypto/kdf.js';
import { BUSY_TIMEOUT_MS } from '../dialect.js';
import type { Store } from '../store.js';
import { applyCipher, rawKeyLiteral } from './cipher.js';
import { sqliteConnection } from './connection.js';

type Connection = Database.Database;

// The re-key of a SQLCipher store file, behind `changePassphrase` in `../store.ts`.

/** Where a re-key writes its copy; a copy left by a killed re-key is removed on the next open. */
export const rekeyCopyPath = (path: string): string => `${path}.rekey`;

/** The files SQLite keeps beside a database: the database itself, its journal, its WAL and index. */
export const SIDE_FILES = ['', '-journal', '-wal', '-shm'];

/** Removes a re-key's copy and its side files, if any. */
export function removeRekeyCopy(path: string): void {
  for (const suffix of SIDE_FILES) rmSync(rekeyCopyPath(path) + suffix, { force: true });
}

/** Room the re-key needs: the copy, the copy's rollback journal while it is re-keyed, a margin. */
const rekeySpaceNeeded = (storeBytes: number): number => 2 * storeBytes + 8 * 1024 * 1024;

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function tableCounts(connection: Connection, schema: string): Record<string, number> {
  const tables = connection
    .prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((t) => [
      t,
      connection
        .prepare(`SELECT count(*) FROM ${schema}."${t.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number,
    ]),
  );
}

/**
 * The re-key itself (see `changePassphrase`): writes, re-keys, checks and renames the copy, closes
 * `store`, and returns the new key for the store to be opened under.
 */
export async function rekeyStore(store: Store, newPassphrase: string): Promise<Buffer> {
  assertAcceptablePassphrase(newPassphrase);
  const salt = newSalt();
  const key = await deriveKey(newPassphrase, salt);
  const { path } = store;
  const connection = sqliteConnection(store);
  const copy = rekeyCopyPath(path);
  connection.pragma('locking_mode = EXCLUSIVE');
  try {
    connection.pragma('busy_timeout = 0');
    // A write takes the exclusive lock, and the lock stays until locking_mode is NORMAL again.
    connection.exec('BEGIN IMMEDIATE; COMMIT');
    connection.pragma('wal_checkpoint(TRUNCATE)');
  } catch (cause) {
    connection.pragma('locking_mode = NORMAL');
    connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    throw new VrmError(
      'conflict',
      `another program has ${path} open (the web app or another vrm command): close it, then change the passphrase`,
      { cause },
    );
  }
  let renamed = false;
  try {
    removeRekeyCopy(path);
    const storeBytes = statSync(path).size;
    const { bavail, bsize } = statfsSync(dirname(path));
    const free = bavail * bsize;
    if (free < rekeySpaceNeeded(storeBytes)) {
      throw new VrmError(
        'cannot_write',
        `not enough free space in ${dirname(path)} to re-key the store: it needs ` +
          `${megabytes(rekeySpaceNeeded(storeBytes))}, ${megabytes(free)} is free. ` +
          'Nothing was changed: the old passphrase still opens it.',
      );
    }
    createPrivateFile(copy);
    // VACUUM INTO writes the copy under the old key and salt; the copy alone is then re-keyed.
    connection.prepare('VACUUM INTO ?').run(copy);
    const oldKey = decodeSessionToken(store.sessionToken);
    const rekeyed = new Database(copy, { fileMustExist: true });
    try {
      applyCipher(rekeyed, rawKeyLiteral(oldKey));
      rekeyed.pragma('journal_mode = DELETE');
      rekeyed.pragma(`rekey = ${rawKeyLiteral(key, salt)}`);
    } finally {
      rekeyed.close();
    }
    verifyCopy(connection, copy, key);
    fsyncPath(copy);
    renameSync(copy, path);
    renamed = true;
  } catch (cause) {
    connection.pragma('locking_mode = NORMAL');
    connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // The next read drops the exclusive lock, so other programs may open the store again.
    connection.prepare('SELECT count(*) FROM sqlite_master').get();
    if (cause instanceof VrmError) throw cause;
    const full = isDiskFull(cause);
    throw new VrmError(
      full ? 'cannot_write' : 'store_unavailable',
      full
        ? `the disk holding ${path} filled up during the re-key. Nothing was changed: the old passphrase still opens it.`
        : `cannot re-key ${path}: ${String(cause)}. Nothing was changed: the old passphrase still opens it.`,
      { cause },
    );
  } finally {
    if (!renamed) removeRekeyCopy(path);
  }
  // Closing the old connection removes the -wal and -shm it kept under the store's name (the
  // checkpoint left the WAL empty, and the exclusive lock kept anyone from writing to it since).
  await store.close();
  fsyncPath(dirname(path));
  return key;
}

/** The re-keyed copy must open under the new key and hold every table and row of the original. */
function verifyCopy(original: Connection, copy: string, key: Buffer): void {
  const check = new Database(copy, { readonly: true, fileMustExist: true });
  try {
    applyCipher(check, rawKeyLiteral(key));
    const integrity = check.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new Error(`the re-keyed copy fails its integrity check: ${String(integrity)}`);
    const before = JSON.stringify([
      original.pragma('user_version', { simple: true }),
      tableCounts(original, 'main'),
    ]);
    const after = JSON.stringify([
      check.pragma('user_version', { simple: true }),
      tableCounts(check, 'main'),
    ]);
    if (before !== after) throw new Error(`the re-keyed copy differs from the store: ${before} ≠ ${after}`);
  } finally {
    check.close();
  }
}
