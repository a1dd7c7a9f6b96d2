import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
} from 'node:fs';
import { createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { CamelCasePlugin, Kysely } from 'kysely';
import { VrmError } from '../errors.js';
import {
  assertAcceptablePassphrase,
  decodeSessionToken,
  deriveKey,
  encodeSessionToken,
  newSalt,
  SALT_BYTES,
} from '../crypto/kdf.js';
import { beginImmediately, BUSY_TIMEOUT_MS, StoreDialect } from './dialect.js';
import { migrate, MIGRATIONS } from './migrations.js';
import type { Database as Schema } from './schema.js';

type Connection = Database.Database;

/** How a person proves they may open the store: the passphrase, or a token from `vrm unlock`. */
export type Credentials = { readonly passphrase: string } | { readonly sessionToken: string };

/** An open, unlocked store. `db` is for repositories; `connection` for the platform only. */
export interface Store {
  readonly path: string;
  readonly db: Kysely<Schema>;
  readonly connection: Connection;
  /** The session token for this store: the derived key, never the passphrase. */
  readonly sessionToken: string;
  /**
   * A value that changes whenever the data changes, through this connection or any other (the
   * CLI writing while the web app runs). Cheap enough to ask on every request.
   */
  dataVersion(): string;
  /** Rows inserted, updated or deleted through this connection since it opened: moved, it wrote. */
  changes(): number;
  close(): Promise<void>;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** `x'…'` blob literal for SQLCipher's raw key: 32 key bytes, then optionally the 16 salt bytes. */
const rawKeyLiteral = (key: Buffer, salt?: Buffer): string =>
  `"x'${key.toString('hex')}${salt ? salt.toString('hex') : ''}'"`;

function applyCipher(connection: Connection, keyLiteral: string): void {
  // SQLCipher 4 format, so stock `sqlcipher` opens the store with the same passphrase.
  connection.pragma(`cipher = 'sqlcipher'`);
  connection.pragma('legacy = 4');
  connection.pragma(`key = ${keyLiteral}`);
}

function configure(connection: Connection): void {
  connection.pragma('journal_mode = WAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  beginImmediately(connection);
  // In WAL mode NORMAL never corrupts the store; a power cut may lose only the last commits.
  connection.pragma('synchronous = NORMAL');
  // **Important**: temporary tables and sort spills stay in memory, never in plaintext temp files.
  connection.pragma('temp_store = MEMORY');
  connection.pragma('secure_delete = ON');
}

function readSalt(path: string): Buffer {
  const header = Buffer.alloc(SALT_BYTES);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, header, 0, SALT_BYTES, 0);
    if (read < SALT_BYTES) {
      throw new VrmError('store_unavailable', `${path} is not a vrm store (the file is too short)`);
    }
  } finally {
    closeSync(fd);
  }
  if (header.equals(SQLITE_HEADER)) {
    throw new VrmError('store_unavailable', `${path} is an unencrypted SQLite database, not a vrm store`);
  }
  return header;
}

function wrap(path: string, connection: Connection, key: Buffer): Store {
  // total_changes() counts this connection's writes; data_version moves when another commits.
  const changes = connection.prepare('SELECT total_changes() AS n').pluck();
  const dataVersion = connection.prepare('PRAGMA data_version').pluck();
  const db = new Kysely<Schema>({
    dialect: new StoreDialect({ database: connection }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    path,
    db,
    connection,
    sessionToken: encodeSessionToken(key),
    dataVersion: () => `${String(changes.get())}.${String(dataVersion.get())}`,
    changes: () => changes.get() as number,
    // **Important**: Kysely only closes a connection it has used; a store closed before its first
    // query (a new store, say) would otherwise keep the file open and locked.
    close: async () => {
      await db.destroy();
      if (connection.open) connection.close();
    },
  };
}

/**
 * Checks a key against the store without writing a byte: a read-only connection reads the schema,
 * and a wrong key fails there, before any write-capable connection exists.
 */
function verifyKey(path: string, key: Buffer): void {
  const probe = new Database(path, { readonly: true, fileMustExist: true });
  try {
    applyCipher(probe, rawKeyLiteral(key));
    probe.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (cause) {
    const code = cause instanceof Error && 'code' in cause ? String(cause.code) : '';
    // A writer killed mid-transaction left a hot rollback journal (or a WAL this connection may
    // not recover): SQLite must write before it reads. The key is checked on page 1's own bytes
    // instead, and the write connection that follows rolls back or recovers with the right key.
    if (code.startsWith('SQLITE_READONLY') && pageOneAuthenticates(path, key)) return;
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_READONLY')) {
      throw new VrmError('unauthorized', `wrong passphrase or session token for ${path}`, { cause });
    }
    throw new VrmError('store_unavailable', `cannot read ${path}: ${String(cause)}`, { cause });
  } finally {
    probe.close();
  }
}

/** SQLCipher 4's pages (`legacy = 4`): 4096 bytes, ending in a 16-byte IV and a 64-byte HMAC. */
const PAGE_BYTES = 4096;
const HMAC_BYTES = 64;

/**
 * Whether `key` is the store's key, from the HMAC of page 1 alone: SQLCipher 4 signs each page's
 * ciphertext, IV and page number (4 bytes, little-endian) with HMAC-SHA512, under a key derived
 * from the store's key by PBKDF2-HMAC-SHA512 (2 rounds, the salt with each byte XOR 0x3a). Only
 * reads bytes: no SQLite connection, so no journal is rolled back and no side file is made.
 */
function pageOneAuthenticates(path: string, key: Buffer): boolean {
  const page = Buffer.alloc(PAGE_BYTES);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, page, 0, PAGE_BYTES, 0) < PAGE_BYTES) return false;
  } finally {
    closeSync(fd);
  }
  const salt = page.subarray(0, SALT_BYTES);
  const hmacKey = pbkdf2Sync(
    key,
    salt.map((byte) => byte ^ 0x3a),
    2,
    key.length,
    'sha512',
  );
  const pageNumber = Buffer.alloc(4);
  pageNumber.writeUInt32LE(1);
  const signed = page.subarray(SALT_BYTES, PAGE_BYTES - HMAC_BYTES);
  const mac = createHmac('sha512', hmacKey).update(signed).update(pageNumber).digest();
  return timingSafeEqual(mac, page.subarray(PAGE_BYTES - HMAC_BYTES));
}

/**
 * Creates a new encrypted store at `path`; refuses to touch a file that exists. `schemaVersion`
 * stops the migrations early, for restoring an export written by an older vrm.
 */
export async function createStore(
  path: string,
  passphrase: string,
  options: { schemaVersion?: number } = {},
): Promise<Store> {
  assertAcceptablePassphrase(passphrase);
  if (existsSync(path)) {
    throw new VrmError('conflict', `a store already exists at ${path}`);
  }
  createPrivateFolder(dirname(path));
  const salt = newSalt();
  const key = await deriveKey(passphrase, salt);
  // SQLite would create the file 0644; its -wal, -shm and -journal then take the store's mode.
  try {
    createPrivateFile(path);
  } catch (cause) {
    const exists = (cause as NodeJS.ErrnoException).code === 'EEXIST';
    throw exists
      ? new VrmError('conflict', `a store already exists at ${path}`, { cause })
      : new VrmError('store_unavailable', `cannot create a store at ${path}: ${String(cause)}`, { cause });
  }
  const connection = new Database(path);
  try {
    applyCipher(connection, rawKeyLiteral(key, salt));
    configure(connection);
    const upTo = options.schemaVersion ?? Infinity;
    migrate(
      connection,
      MIGRATIONS.filter((m) => m.version <= upTo),
    );
  } catch (cause) {
    connection.close();
    throw new VrmError('store_unavailable', `cannot create a store at ${path}: ${String(cause)}`, { cause });
  }
  return wrap(path, connection, key);
}

/** Opens an existing store; a wrong passphrase or token fails without modifying the file. */
export async function openStore(path: string, credentials: Credentials): Promise<Store> {
  if (!existsSync(path)) {
    throw new VrmError('store_unavailable', `no store at ${path} (create one with \`vrm init\`)`);
  }
  const salt = readSalt(path);
  const key =
    'passphrase' in credentials
      ? await deriveKey(credentials.passphrase, salt)
      : decodeSessionToken(credentials.sessionToken);
  verifyKey(path, key);
  tightenModes(path);
  const connection = new Database(path, { fileMustExist: true });
  try {
    applyCipher(connection, rawKeyLiteral(key));
    configure(connection);
    migrate(connection);
    // Open and read, so no re-key holds the store: a copy beside it is one a killed re-key left.
    removeRekeyCopy(path);
  } catch (cause) {
    connection.close();
    if (cause instanceof VrmError) throw cause;
    throw new VrmError('store_unavailable', `cannot open ${path}: ${String(cause)}`, { cause });
  }
  return wrap(path, connection, key);
}

/**
 * A read-only connection to a store that is open elsewhere (the web app's search worker): the key
 * comes from the open store's session token, so nothing is derived again, and SQLite refuses every
 * write on it. The store must be open read-write by its owner, which keeps its WAL index.
 */
export function openReader(path: string, sessionToken: string): Connection {
  const connection = new Database(path, { readonly: true, fileMustExist: true });
  try {
    applyCipher(connection, rawKeyLiteral(decodeSessionToken(sessionToken)));
    connection.pragma('busy_timeout = 5000');
    connection.pragma('temp_store = MEMORY');
    connection.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (cause) {
    connection.close();
    throw new VrmError('store_unavailable', `cannot read ${path}: ${String(cause)}`, { cause });
  }
  return connection;
}

/** Where a re-key writes its copy; a copy left by a killed re-key is removed on the next open. */
export const rekeyCopyPath = (path: string): string => `${path}.rekey`;

const SIDE_FILES = ['', '-journal', '-wal', '-shm'];

function removeRekeyCopy(path: string): void {
  for (const suffix of SIDE_FILES) rmSync(rekeyCopyPath(path) + suffix, { force: true });
}

/** Flushes a file, or a folder's entries, to the disk, so a rename survives a power cut. */
function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
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
 * Re-keys the store under a new passphrase, with a fresh salt, and returns the store reopened
 * under it (`store` is closed). The file is never re-keyed in place: a copy beside it is written
 * with VACUUM INTO, re-keyed, checked against the original, flushed and renamed over it. So at
 * every instant the path holds one complete store, under the old passphrase until the rename
 * and under the new one after it; a failure (a full disk, a kill) leaves only a stray copy.
 * The store is locked exclusively throughout: another process with it open (the web app, say)
 * makes the re-key fail at once instead of writing to a file that is about to be replaced.
 */
export async function changePassphrase(store: Store, newPassphrase: string): Promise<Store> {
  assertAcceptablePassphrase(newPassphrase);
  const salt = newSalt();
  const key = await deriveKey(newPassphrase, salt);
  const { path, connection } = store;
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
        'store_unavailable',
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
    const full = cause instanceof Error && 'code' in cause && cause.code === 'SQLITE_FULL';
    throw new VrmError(
      'store_unavailable',
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
  return openStore(path, { sessionToken: encodeSessionToken(key) });
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

/** Creates an empty file only its owner can read, whatever the umask. */
function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'wx', 0o600));
  chmodSync(path, 0o600);
}

/** Creates a folder and its missing parents, each only its owner can enter, whatever the umask. */
function createPrivateFolder(dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (first === undefined) return;
  for (let folder = resolve(dir); ; folder = dirname(folder)) {
    chmodSync(folder, 0o700);
    if (folder === resolve(first) || folder === dirname(folder)) return;
  }
}

/**
 * Makes a store that others may read (one an older vrm created 0644) owner-only, with the side
 * files it has now; side files SQLite creates later take the store's mode. Called once the key is
 * known right: a wrong passphrase changes nothing. A store owned by someone else is left alone.
 */
function tightenModes(path: string): void {
  for (const file of SIDE_FILES.map((suffix) => path + suffix)) {
    try {
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EPERM') throw error;
    }
  }
}
