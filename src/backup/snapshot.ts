import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { openStore, type Credentials, type Store } from '../platform/db/store.js';
import { VrmError } from '../platform/errors.js';

/**
 * A backup is an encrypted copy of the whole store file, mail and documents included. SQLite's
 * online backup API refuses to copy an encrypted database into a new file here (SQLite3 Multiple
 * Ciphers calls the two "incompatible"), but `VACUUM INTO` writes the copy through the same cipher,
 * key and salt, inside one read transaction: a consistent snapshot while other connections write,
 * which opens with the passphrase the store had when the backup was made.
 */

/** A temporary name beside the target, so the final rename never crosses file systems. */
const partialName = (target: string): string =>
  join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function describeFsError(cause: unknown, path: string): VrmError {
  const code = (cause as NodeJS.ErrnoException).code ?? (cause as { code?: string }).code;
  const reason =
    code === 'ENOENT'
      ? `the folder ${dirname(path)} does not exist`
      : code === 'EACCES' || code === 'EPERM'
        ? `no permission to write in ${dirname(path)}`
        : code === 'ENOSPC' || code === 'SQLITE_FULL'
          ? `the disk holding ${dirname(path)} is full`
          : code === 'EISDIR'
            ? `${path} is a folder`
            : String(cause instanceof Error ? cause.message : cause);
  return new VrmError('invalid_input', `cannot write the backup ${path}: ${reason}`, { cause });
}

/**
 * Moves a finished file to `target` without ever replacing what is there: link(2) fails if the
 * name exists, where rename(2) would silently overwrite it (a mistyped target may be the store).
 */
function publish(partial: string, target: string): void {
  try {
    linkSync(partial, target);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new VrmError('conflict', `${target} already exists: choose a new file name`, { cause });
    }
    throw describeFsError(cause, target);
  } finally {
    rmSync(partial, { force: true });
  }
  fsyncPath(dirname(target));
}

/** Writes an encrypted backup of the open store to `target` (0600), which must not exist yet. */
export function writeBackup(store: Store, file: string): { path: string; bytes: number } {
  const target = resolve(file);
  if (existsSync(target)) {
    throw new VrmError('conflict', `${target} already exists: choose a new file name`);
  }
  const partial = partialName(target);
  try {
    // **Important**: created empty and owner-only first; VACUUM INTO fills an empty file in place,
    // so the copy is never readable by others, not even for a moment.
    closeSync(openSync(partial, 'wx', 0o600));
    store.connection.prepare('VACUUM INTO ?').run(partial);
    fsyncPath(partial);
  } catch (cause) {
    rmSync(partial, { force: true });
    throw describeFsError(cause, target);
  }
  publish(partial, target);
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
 * Restores a backup into a new store at `target`: the backup is copied beside it, opened with the
 * credentials it was made under (which also upgrades an older schema), checked page by page, and
 * only then given its name. A failure at any step leaves nothing at `target`.
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
  const partial = partialName(path);
  const cleanUp = (): void => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  };
  try {
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      copyOwnerOnly(file, partial);
    } catch (cause) {
      throw describeFsError(cause, path);
    }
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
    try {
      const problems = store.connection.pragma('integrity_check', { simple: false }) as {
        integrity_check: string;
      }[];
      const bad = problems.map((p) => p.integrity_check).filter((m) => m !== 'ok');
      if (bad.length > 0) {
        throw new VrmError('store_unavailable', `${file} is damaged: ${bad.slice(0, 3).join('; ')}`);
      }
      store.connection.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await store.close();
    }
    fsyncPath(partial);
    publish(partial, path);
  } finally {
    cleanUp();
  }
  return { path };
}
