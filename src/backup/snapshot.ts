import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  openStore,
  publishStore,
  storeDiskFull,
  type Credentials,
  type Store,
} from '../platform/db/store.js';
import { VrmError } from '../platform/errors.js';
import {
  cannotWrite,
  createPrivateFile,
  fsyncPath,
  isDiskFull,
  linkIntoPlace,
  refuseFolder,
  removeLeftovers,
  removeTemporary,
  temporaryName,
  writeFailure,
} from '../platform/files.js';

/**
 * A backup is an encrypted copy of the whole store file, mail and documents included. SQLite's
 * online backup API refuses to copy an encrypted database into a new file here (SQLite3 Multiple
 * Ciphers calls the two "incompatible"), but `VACUUM INTO` writes the copy through the same cipher,
 * key and salt, inside one read transaction: a consistent snapshot while other connections write,
 * which opens with the passphrase the store had when the backup was made.
 */

const describeFsError = (cause: unknown, path: string): VrmError => cannotWrite(cause, path, 'the backup');

const backupExists = (target: string): VrmError =>
  new VrmError('conflict', `${target} already exists: choose a new file name`);

/** Writes an encrypted backup of the open store to `target` (0600), which must not exist yet. */
export function writeBackup(store: Store, file: string): { path: string; bytes: number } {
  const target = resolve(file);
  refuseFolder(target, 'the backup');
  if (existsSync(target)) throw backupExists(target);
  const partial = temporaryName(target);
  try {
    removeLeftovers(target);
    // **Important**: created empty and owner-only first; VACUUM INTO fills an empty file in place,
    // so the copy is never readable by others, not even for a moment.
    createPrivateFile(partial);
    store.port.snapshotInto(partial);
    fsyncPath(partial);
    if (!linkIntoPlace(partial, target)) throw backupExists(target);
  } catch (cause) {
    if (cause instanceof VrmError) throw cause;
    throw describeFsError(cause, target);
  } finally {
    removeTemporary(partial);
  }
  return { path: target, bytes: statSync(target).size };
}

/**
 * True for a store file (a backup, or SQLite's plaintext header, which the store refuses by name);
 * false for text, which goes to the JSON export's reader and its line-and-column errors.
 */
export function isBackupFile(file: string): boolean {
  const head = Buffer.alloc(4096);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return looksLikeBackup(head.subarray(0, read));
}

/** The same test on a file's bytes already read (an upload): its first 4 KiB decide. */
export function looksLikeBackup(bytes: Uint8Array): boolean {
  const start = bytes.subarray(0, 4096);
  if (Buffer.from(start.subarray(0, 16)).equals(Buffer.from('SQLite format 3\0', 'latin1'))) return true;
  // An encrypted store's first page is random bytes, which are practically never valid UTF-8 over
  // 4 KiB; `stream` lets a character cut off at the end of the buffer pass.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(start, { stream: true });
    return false;
  } catch {
    return true;
  }
}

/** Copies a file into a new owner-only one: copyFile(2) would give the copy the source's mode. */
function copyOwnerOnly(from: string, to: string): void {
  const input = openSync(from, 'r');
  try {
    const output = openSync(to, 'wx', 0o600);
    try {
      const chunk = Buffer.alloc(1 << 20);
      for (let n = readSync(input, chunk); n > 0; n = readSync(input, chunk)) {
        writeSync(output, chunk, 0, n);
      }
      fsyncSync(output);
    } finally {
      closeSync(output);
    }
  } finally {
    closeSync(input);
  }
}

/**
 * Restores a backup into a new store at `target`: the backup is copied beside it under a
 * temporary name, opened with the credentials it was made under (which also upgrades an older
 * schema), and given its name by {@link publishStore}, which checks it page by page first. A
 * failure or a kill at any step leaves nothing at `target`; what a killed restore left beside it
 * is removed by the next one.
 */
export async function restoreBackup(
  file: string,
  target: string,
  credentials: Credentials,
): Promise<{ path: string }> {
  const path = resolve(target);
  if (existsSync(path)) {
    throw new VrmError(
      'conflict',
      `a store already exists at ${path}: restore goes into a new store (use --store)`,
    );
  }
  const partial = temporaryName(path);
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    removeLeftovers(path);
    copyOwnerOnly(file, partial);
    let store: Store;
    try {
      store = await openStore(partial, credentials);
    } catch (error) {
      if (error instanceof VrmError) {
        // The messages name the temporary copy; the person knows the file they gave.
        throw new VrmError(error.code, error.message.replaceAll(partial, file), { cause: error });
      }
      throw error;
    }
    await publishStore(store, path, file);
  } catch (cause) {
    if (isDiskFull(cause)) throw storeDiskFull(path, cause);
    if (cause instanceof VrmError) throw cause;
    throw new VrmError('cannot_write', `cannot restore into ${path}: ${writeFailure(cause, path)}`, {
      cause,
    });
  } finally {
    removeTemporary(partial);
  }
  return { path };
}
