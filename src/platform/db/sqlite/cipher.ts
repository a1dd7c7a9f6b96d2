import { closeSync, openSync, readSync } from 'node:fs';
import { createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { VrmError } from '../../errors.js';
import { SALT_BYTES } from '../../crypto/kdf.js';
import { beginImmediately, BUSY_TIMEOUT_MS } from '../dialect.js';

type Connection = Database.Database;

// SQLCipher's side of the store file: the key applied to a connection, the connection's settings,
// and the checks that a key is the store's before anything may write. SQLite-only by nature.

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** `x'…'` blob literal for SQLCipher's raw key: 32 key bytes, then optionally the 16 salt bytes. */
export const rawKeyLiteral = (key: Buffer, salt?: Buffer): string =>
  `"x'${key.toString('hex')}${salt ? salt.toString('hex') : ''}'"`;

export function applyCipher(connection: Connection, keyLiteral: string): void {
  // SQLCipher 4 format, so stock `sqlcipher` opens the store with the same passphrase.
  connection.pragma(`cipher = 'sqlcipher'`);
  connection.pragma('legacy = 4');
  connection.pragma(`key = ${keyLiteral}`);
}

export function configure(connection: Connection): void {
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

export function readSalt(path: string): Buffer {
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

/**
 * Checks a key against the store without writing a byte: a read-only connection reads the schema,
 * and a wrong key fails there, before any write-capable connection exists.
 */
export function verifyKey(path: string, key: Buffer): void {
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
