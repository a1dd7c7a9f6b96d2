import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { CamelCasePlugin, Kysely } from 'kysely';
import { VrmError } from '../errors.js';
import {
  createPrivateFile,
  errorCode,
  fsyncPath,
  isDiskFull,
  linkIntoPlace,
  removeLeftovers,
  removeTemporary,
  temporaryName,
  writeFailure,
} from '../files.js';
import {
  assertAcceptablePassphrase,
  decodeSessionToken,
  deriveKey,
  encodeSessionToken,
  newSalt,
} from '../crypto/kdf.js';
import { StoreDialect } from './dialect.js';
import { migrate, MIGRATIONS } from './migrations.js';
import type { DatabasePort } from './port.js';
import type { Database as Schema } from './schema.js';
import { attachConnection } from './sqlite/connection.js';
import { SqlitePort } from './sqlite/port.js';
import { applyCipher, configure, rawKeyLiteral, readSalt, verifyKey } from './sqlite/cipher.js';
import { rekeyCopyPath, rekeyStore, removeRekeyCopy, SIDE_FILES } from './sqlite/rekey.js';

export { rekeyCopyPath };

type Connection = Database.Database;

/** How a person proves they may open the store: the passphrase, or a token from `vrm unlock`. */
export type Credentials = { readonly passphrase: string } | { readonly sessionToken: string };

/**
 * An open, unlocked store. `db` is for repositories; `port` for the platform (backups, checks).
 * The connection behind it is not part of it: what differs between engines goes through `port`.
 */
export interface Store {
  readonly path: string;
  readonly db: Kysely<Schema>;
  /** What differs between database engines, for this store (see `port.ts`). */
  readonly port: DatabasePort;
  /** The session token for this store: the derived key, never the passphrase. */
  readonly sessionToken: string;
  /**
   * A value that changes whenever the data changes, through this connection or any other (the
   * CLI writing while the web app runs). Cheap enough to ask on every request.
   */
  dataVersion(): string;
  /** Rows inserted, updated or deleted through this connection since it opened: moved, it wrote. */
  changes(): number;
  /** The schema version the store is at. */
  schemaVersion(): number;
  /** False once the store is closed (or replaced by a re-key). */
  isOpen(): boolean;
  close(): Promise<void>;
}

function wrap(path: string, connection: Connection, key: Buffer): Store {
  const port = new SqlitePort(connection);
  const db = new Kysely<Schema>({
    dialect: new StoreDialect({ database: connection }),
    plugins: [new CamelCasePlugin()],
  });
  const store: Store = {
    path,
    db,
    port,
    sessionToken: encodeSessionToken(key),
    dataVersion: () => port.changeCounter(),
    changes: () => port.writeCount(),
    schemaVersion: () => port.schemaVersion(),
    isOpen: () => port.isOpen(),
    // **Important**: Kysely only closes a connection it has used; a store closed before its first
    // query (a new store, say) would otherwise keep the file open and locked.
    close: async () => {
      await db.destroy();
      if (connection.open) connection.close();
    },
  };
  attachConnection(store, connection);
  return store;
}

/** Options of a new store. `schemaVersion` stops the migrations early, for an export written by an older vrm. */
export interface NewStoreOptions {
  readonly schemaVersion?: number;
}

/** Creates a store in `file`, an empty owner-only file made for it. */
async function createIn(file: string, passphrase: string, options: NewStoreOptions): Promise<Store> {
  const salt = newSalt();
  const key = await deriveKey(passphrase, salt);
  createPrivateFile(file);
  const connection = new Database(file);
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
    throw cause;
  }
  return wrap(file, connection, key);
}

/** Refuses a path that holds a store, or anything else: a new store goes only where nothing is. */
export const refuseExisting = (path: string): void => {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    throw new VrmError(
      'cannot_write',
      `cannot create a store at ${path}: it is a folder; give --store the name of a new file in it, such as ${join(path, 'vrm.db')}`,
    );
  }
  throw new VrmError('conflict', `a store already exists at ${path}`);
};

/** The one message for a new store that could not be written for want of room. */
export const storeDiskFull = (path: string, cause: unknown): VrmError =>
  new VrmError(
    'cannot_write',
    `the disk holding ${dirname(path)} is full: the store needs more room than is free there. ` +
      `Nothing was left at ${path}; free some space and try again.`,
    { cause },
  );

/**
 * Builds a new store at `path` that is never seen half-made: it is created owner-only under a
 * temporary name beside `path`, filled by `fill`, then checked, flushed and linked into place by
 * {@link publishStore}. A failure or a kill at any moment leaves nothing at `path`, only a
 * temporary file that the next build removes; a store that appears at `path` meanwhile is never
 * replaced. Returns the store opened at `path`, and what `fill` returned.
 *
 * @example
 *   const { store, filled } = await buildStore(path, passphrase, (s) => restoreExport(s, data));
 */
export async function buildStore<T>(
  path: string,
  passphrase: string,
  fill: (store: Store) => Promise<T>,
  options: NewStoreOptions = {},
): Promise<{ store: Store; filled: T }> {
  assertAcceptablePassphrase(passphrase);
  refuseExisting(path);
  const temporary = temporaryName(path);
  let built: Store | undefined;
  try {
    createPrivateFolder(dirname(path));
    removeLeftovers(path);
    built = await createIn(temporary, passphrase, options);
    const filled = await fill(built);
    const finished = built;
    built = undefined;
    await publishStore(finished, path);
    return { store: reopen(path, decodeSessionToken(finished.sessionToken)), filled };
  } catch (cause) {
    await built?.close();
    if (isDiskFull(cause)) throw storeDiskFull(path, cause);
    // A file or SQLite error is the place's fault (a folder, a permission); anything else, a bug.
    if (cause instanceof VrmError || errorCode(cause) === undefined) throw cause;
    throw new VrmError('cannot_write', `cannot create a store at ${path}: ${writeFailure(cause, path)}`, {
      cause,
    });
  } finally {
    removeTemporary(temporary);
  }
}

/** Opens a store just built, as it is: an older schema asked for stays older, not migrated. */
function reopen(path: string, key: Buffer): Store {
  const connection = new Database(path, { fileMustExist: true });
  try {
    applyCipher(connection, rawKeyLiteral(key));
    configure(connection);
  } catch (cause) {
    connection.close();
    throw cause;
  }
  return wrap(path, connection, key);
}

/** Creates a new, empty store at `path`; refuses to touch a file that exists. */
export async function createStore(
  path: string,
  passphrase: string,
  options: NewStoreOptions = {},
): Promise<Store> {
  return (await buildStore(path, passphrase, () => Promise.resolve(undefined), options)).store;
}

/**
 * Gives a finished store, open under a temporary name, its name `path`: its pages must pass
 * SQLite's integrity check, its WAL is folded in and the store closed (so no side file holds data
 * under the temporary name), the file flushed, then linked to `path` unless a store is there by
 * now. `store` is closed either way; `what` names it in the message when it is damaged.
 */
export async function publishStore(store: Store, path: string, what = 'the new store'): Promise<void> {
  const temporary = store.path;
  try {
    const bad = store.port.integrityProblems();
    if (bad.length > 0) {
      throw new VrmError('store_unavailable', `${what} is damaged: ${bad.slice(0, 3).join('; ')}`);
    }
    store.port.checkpoint();
  } finally {
    await store.close();
  }
  fsyncPath(temporary);
  if (!linkIntoPlace(temporary, path)) {
    throw new VrmError(
      'conflict',
      `a store appeared at ${path} while this one was being written: that store was left as it is, and this one discarded`,
    );
  }
}

/** Opens an existing store; a wrong passphrase or token fails without modifying the file. */
export async function openStore(path: string, credentials: Credentials): Promise<Store> {
  if (!existsSync(path)) {
    throw new VrmError('store_unavailable', `no store at ${path} (create one with \`vrm init\`)`);
  }
  if (statSync(path).isDirectory()) {
    throw new VrmError(
      'store_unavailable',
      `${path} is a folder, not a store: give --store the store's file, such as ${join(path, 'vrm.db')}`,
    );
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
    // A restore killed between linking the store into place and removing its temporary name
    // leaves that name as a second one of this file.
    removeLeftovers(path);
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
  const key = await rekeyStore(store, newPassphrase);
  return openStore(store.path, { sessionToken: encodeSessionToken(key) });
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
