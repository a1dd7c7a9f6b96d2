import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { VrmError } from './errors.js';

/**
 * Files that appear whole or not at all: written under a temporary name beside their target,
 * flushed, then linked into place. The temporary name carries the writer's process id, so a file
 * left by a killed writer can be told from one that a running writer still fills.
 */

/** Flushes a file, or a folder's entries, to the disk, so a rename or link survives a power cut. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Creates an empty file only its owner can read, whatever the umask; fails if the name exists. */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'wx', 0o600));
  chmodSync(path, 0o600);
}

/**
 * A temporary name beside `target`, so the final link never crosses file systems: hidden, and
 * ending in `.partial`, so neither a person nor vrm takes it for the finished file.
 */
export const temporaryName = (target: string): string =>
  join(
    dirname(target),
    `.${basename(target)}.${String(process.pid)}-${randomBytes(6).toString('hex')}.partial`,
  );

/** SQLite's side files of a store opened under the temporary name. */
const SIDE_SUFFIXES = ['', '-journal', '-wal', '-shm'];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files beside `target` that a killed or failed writer left, with their
 * side files. A file whose writer still runs is left alone; a name written before the process id
 * was part of it (a hex tag alone) is always a leftover.
 */
export function removeLeftovers(target: string): void {
  const pattern = new RegExp(
    `^\\.${escapeRegExp(basename(target))}\\.(?:(\\d+)-)?[0-9a-f]{12}\\.partial(?:-journal|-wal|-shm)?$`,
  );
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match) continue;
    if (match[1] !== undefined && isRunning(Number(match[1]))) continue;
    rmSync(join(dirname(target), name), { force: true });
  }
}

/** Removes a temporary file and the side files SQLite may have made beside it. */
export function removeTemporary(path: string): void {
  for (const suffix of SIDE_SUFFIXES) removeIfThere(path + suffix);
}

/** Removes a file if it is there; a path through a file (ENOTDIR) holds none either. */
function removeIfThere(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch (error) {
    if (errorCode(error) !== 'ENOTDIR') throw error;
  }
}

/**
 * Gives the finished file `temporary` the name `target`, never replacing what is there: link(2)
 * fails if the name exists, where rename(2) would silently overwrite it (a store that appeared
 * meanwhile, or a mistyped target that is the store). A rename after a check would leave a moment
 * between the two for another file to appear and be lost; reserving the name first with an empty
 * file would leave that empty file behind when killed. Returns false, and places nothing, when
 * `target` exists. The temporary name is removed either way; a kill between the link and the
 * removal leaves it as a second name of the finished file, which the next writer removes.
 */
export function linkIntoPlace(temporary: string, target: string): boolean {
  try {
    linkSync(temporary, target);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw cause;
  } finally {
    removeTemporary(temporary);
  }
  fsyncPath(dirname(target));
  return true;
}

/** The system's or SQLite's code for a failed operation, looked for along the chain of causes. */
export function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|SQLITE_[A-Z_]+)$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when a write failed because its disk is full: ENOSPC from the system, SQLITE_FULL from SQLite. */
export function isDiskFull(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

/** Why a file could not be written at `path`, in words: the folder, the permission, the full disk. */
export function writeFailure(cause: unknown, path: string): string {
  if (isDiskFull(cause)) return `the disk holding ${dirname(path)} is full`;
  switch (errorCode(cause) ?? '') {
    case 'ENOENT':
      return `the folder ${dirname(path)} does not exist`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `no permission to write in ${dirname(path)}`;
    case 'EISDIR':
      return `${path} is a folder`;
    case 'ENOTDIR':
      return `${dirname(path)} is not a folder`;
    case 'EEXIST':
      // Creating a missing folder met a file of that name.
      return `${(cause as NodeJS.ErrnoException).path ?? dirname(path)} is a file, not a folder`;
    default:
      return String(cause instanceof Error ? cause.message : cause);
  }
}

/**
 * The one error for a file vrm could not write where the person asked: `what` names it ("the
 * export"), the reason says what to fix.
 *
 * @example cannotWrite(error, 'out/vrm.json', 'the export') // → "cannot write the export to out/vrm.json: the folder out does not exist"
 */
export function cannotWrite(cause: unknown, path: string, what: string): VrmError {
  if (cause instanceof VrmError) return cause;
  const reason = writeFailure(cause, path);
  const advice = isDiskFull(cause) ? '; free some space and try again' : '';
  return new VrmError('cannot_write', `cannot write ${what} to ${path}: ${reason}${advice}`, { cause });
}

/** Throws `cannot_write` when `path` names a folder, where a file is to be written. */
export function refuseFolder(path: string, what: string): void {
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    return;
  }
  if (folder) {
    throw new VrmError(
      'cannot_write',
      `cannot write ${what} to ${path}: it is a folder; give the name of a new file in it`,
    );
  }
}

/**
 * Writes `content` to `path`, owner-only, so that the file is either what it was or the whole new
 * content: it is written under a temporary name, flushed and renamed over `path`. A full disk or a
 * kill midway leaves an earlier file at `path` as it was, never a half-written one.
 *
 * @example writeFileWhole('vrm-export.json', text, 'the export')
 */
export function writeFileWhole(path: string, content: string | Uint8Array, what: string): void {
  refuseFolder(path, what);
  const temporary = temporaryName(path);
  try {
    removeLeftovers(path);
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      for (let written = 0; written < bytes.length;) {
        written += writeSync(fd, bytes, written, bytes.length - written);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
    fsyncPath(dirname(path));
  } catch (cause) {
    removeIfThere(temporary);
    throw cannotWrite(cause, path, what);
  }
}

/**
 * Writes a new file at `path`, which must not exist, with `write` given its descriptor: it is
 * written under a temporary name and linked into place only when whole, so a full disk or a kill
 * midway leaves nothing at `path`. Returns what `write` returned.
 *
 * @example writeNewFile('mail.mbox', 'the mbox', (fd) => writeSync(fd, 'From …'))
 */
export function writeNewFile<T>(path: string, what: string, write: (fd: number) => T): T {
  refuseFolder(path, what);
  const exists = (): VrmError =>
    new VrmError('conflict', `${path} already exists: give the name of a new file for ${what}`);
  if (existsSync(path)) throw exists();
  const temporary = temporaryName(path);
  let placed: boolean;
  let result: T;
  try {
    removeLeftovers(path);
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      result = write(fd);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    placed = linkIntoPlace(temporary, path);
  } catch (cause) {
    throw cannotWrite(cause, path, what);
  } finally {
    removeIfThere(temporary);
  }
  if (!placed) throw exists();
  return result;
}
