import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { VrmError } from '../../platform/errors.js';
import type { RawMessage, SourceProblem } from '../types.js';

/**
 * A single message saved as a file (`.eml`, as mail programs export one message), read whole: one
 * message is small enough to hold in memory, and the parser needs all of it anyway. An empty file
 * is no message: it is reported through `onProblem` (as a Maildir's is) and null comes back, so
 * that an import of many files goes on past it.
 *
 * @example const message = await readEml('letter.eml'); // → { raw, location: 'letter.eml' }
 */
export async function readEml(
  path: string,
  options: { onProblem?: (problem: SourceProblem) => void } = {},
): Promise<RawMessage | null> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (error) {
    throw fileError(path, error);
  }
  if (raw.length > 0) return { raw, location: basename(path) };
  options.onProblem?.({ location: basename(path), reason: 'the file is empty' });
  return null;
}

const FILE_ERROR_REASONS = new Map([
  ['ENOENT', 'no such file'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
  ['EISDIR', 'it is a folder, not a file'],
  ['ENOTDIR', 'it is a file, not a folder'],
]);

/**
 * Why a file could not be read, in words a person can act on (`no such file`, `permission
 * denied`), instead of Node's `ENOENT: no such file or directory, open '…'`.
 */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  return FILE_ERROR_REASONS.get(code) ?? (error instanceof Error ? error.message : String(error));
}

/** The `VrmError` for a file a person named that cannot be read: `not_found` when it is missing. */
export function fileError(path: string, error: unknown): VrmError {
  const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
  return new VrmError(missing ? 'not_found' : 'invalid_input', `${path}: ${fileErrorReason(error)}`, {
    cause: error,
  });
}
