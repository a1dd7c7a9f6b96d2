import { createHash } from 'node:crypto';
import { writeSync } from 'node:fs';
import { open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { VrmError } from '../platform/errors.js';
import { writeNewFile } from '../platform/files.js';
import type { FileKind } from './schemas.js';

/**
 * The mail area's file I/O, kept apart from the services: what a file is, the head of an mbox,
 * counting a Maildir, an upload's private copy, and writing an mbox.
 */

/** The name every temporary copy of an upload starts with. */
export const UPLOAD_PREFIX = '.vrm-upload-';

/**
 * Removes the temporary copies of uploads that a killed server left in `folder`: mail in plain
 * text must not lie beside the encrypted store. Run when the server starts, before any upload.
 */
export async function removeLeftoverUploads(folder: string): Promise<number> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const leftovers = names.filter((name) => name.startsWith(UPLOAD_PREFIX));
  await Promise.all(leftovers.map((name) => rm(join(folder, name), { force: true })));
  return leftovers.length;
}

/**
 * Writes bytes to a new file only this user can read (`wx`: never over an existing one), and
 * stops at `max` bytes, so a body that lies about its length cannot fill the disk.
 */
export async function writePrivately(
  file: string,
  bytes: AsyncIterable<Uint8Array>,
  max: number,
): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    let size = 0;
    for await (const chunk of bytes) {
      size += chunk.length;
      if (size > max) {
        throw new VrmError(
          'invalid_input',
          `the file is larger than the ${max / 1024 / 1024} MB an upload takes`,
        );
      }
      await handle.write(chunk);
    }
    if (size === 0) throw new VrmError('invalid_input', 'the file is empty');
  } finally {
    await handle.close();
  }
}

/** What a file is: a folder is a Maildir; `name` ending .mbox, or a `From ` start, an mbox. */
export async function fileKind(file: string, name: string): Promise<FileKind> {
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new VrmError('not_found', `${file}: no such file or folder`);
  }
  if (info.isDirectory()) return 'maildir';
  if (/\.(mbox|mbx)$/i.test(name)) return 'mbox';
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    return head.toString('latin1') === 'From ' ? 'mbox' : 'eml';
  } finally {
    await handle.close();
  }
}

/** The size of a file in bytes. */
export async function fileSize(file: string): Promise<number> {
  return (await stat(file)).size;
}

/**
 * What tells an mbox read before from another file at the same path: the SHA-256 of its first
 * bytes (up to 64 KB, and never more than the file had then), with their length. Mail appended
 * later does not change it; a different file does.
 */
export async function headHash(path: string, length?: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(length ?? 64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return `${bytesRead}:${createHash('sha256').update(head.subarray(0, bytesRead)).digest('hex')}`;
  } finally {
    await handle.close();
  }
}

/** The head hash of the file now, over as many bytes as the stored one covered. */
export async function sameHead(path: string, stored: string | null): Promise<boolean> {
  const length = Number(stored?.split(':')[0]);
  return stored !== null && Number.isInteger(length) && (await headHash(path, length)) === stored;
}

/** How many messages a Maildir holds (its subfolders too), or null when it cannot be read. */
export async function countMaildir(dir: string): Promise<number | null> {
  let total = 0;
  const countIn = async (folder: string) => {
    for (const sub of ['cur', 'new']) {
      try {
        total += (await readdir(`${folder}/${sub}`)).filter((n) => !n.startsWith('.')).length;
      } catch {
        // no such subfolder
      }
    }
  };
  await countIn(dir);
  try {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name.startsWith('.')) await countIn(`${dir}/${entry.name}`);
    }
  } catch {
    return null;
  }
  return total;
}

/** Writes `chunks` to a new file at `path` (never over an existing one): an exported mbox. */
export function writeMbox(path: string, chunks: Iterable<Uint8Array>): void {
  writeNewFile(path, 'the mbox', (fd) => {
    for (const chunk of chunks) writeSync(fd, chunk);
  });
}
