import { readFileSync } from 'node:fs';
import { VrmError } from '../platform/errors.js';

/**
 * Reads a file a person named on the command line (`-` is standard input). A missing file, a
 * folder or an unreadable one is a one-line error that names it, never a stack trace.
 */
export function readInput(file: string, what = ''): Buffer {
  try {
    return readFileSync(file === '-' ? 0 : file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(cause));
    throw new VrmError('invalid_input', `cannot read ${what ? `${what} ` : ''}${file}: ${reason}`, { cause });
  }
}

export const readText = (file: string, what = ''): string => readInput(file, what).toString('utf8');
