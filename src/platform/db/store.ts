import { closeSync, existsSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { VrmError } from '../errors.js';
import {
  assertAcceptablePassphrase,
  decodeSessionToken,
  deriveKey,
  encodeSessionToken,
  newSalt,
  SALT_BYTES,
} from '../crypto/kdf.js';
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
  connection.pragma('busy_timeout = 5000');
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
    dialect: new SqliteDialect({ database: connection }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    path,
    db,
    connection,
    sessionToken: encodeSessionToken(key),
    dataVersion: () => `${String(changes.get())}.${String(dataVersion.get())}`,
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
    if (cause instanceof Error && 'code' in cause && cause.code === 'SQLITE_NOTADB') {
      throw new VrmError('unauthorized', `wrong passphrase or session token for ${path}`, { cause });
    }
    throw new VrmError('store_unavailable', `cannot read ${path}: ${String(cause)}`, { cause });
  } finally {
    probe.close();
  }
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
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const salt = newSalt();
  const key = await deriveKey(passphrase, salt);
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
  const connection = new Database(path, { fileMustExist: true });
  try {
    applyCipher(connection, rawKeyLiteral(key));
    configure(connection);
    migrate(connection);
  } catch (cause) {
    connection.close();
    if (cause instanceof VrmError) throw cause;
    throw new VrmError('store_unavailable', `cannot open ${path}: ${String(cause)}`, { cause });
  }
  return wrap(path, connection, key);
}

/**
 * Re-keys the store under a new passphrase, with a fresh salt, and returns the new session token.
 * SQLite3 Multiple Ciphers cannot re-key in WAL mode, so the store checkpoints, leaves WAL for
 * the re-key and returns to it.
 */
export async function changePassphrase(store: Store, newPassphrase: string): Promise<string> {
  assertAcceptablePassphrase(newPassphrase);
  const salt = newSalt();
  const key = await deriveKey(newPassphrase, salt);
  const connection = store.connection;
  connection.pragma('wal_checkpoint(TRUNCATE)');
  connection.pragma('journal_mode = DELETE');
  try {
    connection.pragma(`rekey = ${rawKeyLiteral(key, salt)}`);
  } finally {
    connection.pragma('journal_mode = WAL');
  }
  return encodeSessionToken(key);
}
