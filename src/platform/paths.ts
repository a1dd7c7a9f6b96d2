import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A path as a person writes it, made absolute: `~` and `~/…` are the home folder, as a shell would
 * read them. The shell does not expand `~` inside quotes or after `=` (`--store=~/vrm.db`), nor
 * does a browser form, so every path vrm reads from a person goes through here.
 *
 * @example expandPath('~/Takeout/mail.mbox', { home: '/home/alex' }) // → '/home/alex/Takeout/mail.mbox'
 * @example expandPath('mail.mbox', { base: '/tmp' }) // → '/tmp/mail.mbox'
 */
export function expandPath(path: string, where: { home?: string; base?: string } = {}): string {
  const home = where.home ?? homedir();
  const written = path === '~' ? home : /^~[/\\]/.test(path) ? join(home, path.slice(2)) : path;
  return where.base === undefined ? resolve(written) : resolve(where.base, written);
}
