import { readFileSync } from 'node:fs';
import { VrmError } from '../platform/errors.js';
import { expandPath } from '../platform/paths.js';

/**
 * Reads a file a person named on the command line (`-` is standard input). A missing file, a
 * folder or an unreadable one is a one-line error that names it, never a stack trace.
 */
export function readInput(file: string, what = ''): Buffer {
  try {
    return readFileSync(file === '-' ? 0 : expandPath(file));
  } catch (cause) {
    throw new VrmError(
      'invalid_input',
      `cannot read ${what ? `${what} ` : ''}${file}: ${readFailure(cause)}`,
      {
        cause,
      },
    );
  }
}

/** Why a file could not be read, in words. */
export function readFailure(cause: unknown): string {
  switch ((cause as NodeJS.ErrnoException).code ?? '') {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'no permission to read it';
    default:
      return String(cause instanceof Error ? cause.message : cause);
  }
}

/**
 * Text by its byte-order mark: UTF-16 (as Windows tools save "Unicode text"), else UTF-8, where a
 * byte that is not UTF-8 reads as U+FFFD and costs only the text it is in.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return bytes.toString('utf8');
}

export const readText = (file: string, what = ''): string => decodeText(readInput(file, what));
