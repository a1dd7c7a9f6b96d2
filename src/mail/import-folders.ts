import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { VrmError } from '../platform/errors.js';
import { expandPath } from '../platform/paths.js';

/**
 * Where an import by path that comes from the web may read: the person's home folder and the
 * folders they named at their terminal (`vrm serve --import-folder DIR`). The CLI is the person
 * at their own terminal and is not held to this; the web app is a page that any request with the
 * session can drive, and a server that can be made to read `/etc/shadow` and serve it back as a
 * message (issue 11) is worse than one that cannot.
 */
export interface ImportFolders {
  /** The person's home folder: `os.homedir()` unless the server was given another. */
  readonly home: string;
  /** Folders named with `vrm serve --import-folder`, read whole, hidden entries included. */
  readonly named: readonly string[];
}

/**
 * The one answer to every refused path. **Important**: it is the same whether the path exists,
 * is a link, is unreadable or is plainly outside, and it names neither the path nor its real
 * target, so the web cannot use the import to learn what is on the machine.
 */
export const OUTSIDE_IMPORT_FOLDERS =
  'imports by path are allowed only from your home folder or a folder named with `vrm serve --import-folder FOLDER`: upload the file instead';

const refused = () => new VrmError('forbidden', OUTSIDE_IMPORT_FOLDERS);

interface Root {
  readonly dir: string;
  /**
   * Hidden entries below home (`~/.ssh`, `~/.gnupg`, `~/.aws`, `~/.password-store`, browser
   * profiles, `~/.local/share/vrm` itself) hold keys and secrets, and a list of the bad ones is
   * never complete, so every hidden entry below home is refused; mail kept in one (Thunderbird's
   * `~/.thunderbird`) is reached by naming that folder, which allows what is below it.
   */
  readonly hiddenAllowed: boolean;
}

const rootsOf = (folders: ImportFolders): Root[] => [
  // A home of `/` (a service account) would allow the whole machine: it then allows nothing.
  ...(resolve(folders.home) === resolve('/') ? [] : [{ dir: resolve(folders.home), hiddenAllowed: false }]),
  ...folders.named.map((dir) => ({ dir: resolve(dir), hiddenAllowed: true })),
];

function inside(path: string, roots: readonly Root[]): boolean {
  return roots.some((root) => {
    if (path !== root.dir && !path.startsWith(root.dir.endsWith(sep) ? root.dir : root.dir + sep))
      return false;
    return (
      root.hiddenAllowed ||
      !relative(root.dir, path)
        .split(sep)
        .some((part) => part.startsWith('.'))
    );
  });
}

/**
 * The real path of an import that comes from the web, or the one refusal when it is not inside
 * home or a named folder. `~` and relative paths are taken from home.
 *
 * The order is what keeps it from telling: the path is checked as written (`..` folded away)
 * before anything on disk is touched, so a path outside gets its answer without a stat; only
 * then is it resolved with `realpath`, so a link in home that points out (`~/passwd → /etc/passwd`)
 * is refused by where it leads, with the same message. A missing file is named only when its
 * nearest existing folder is itself inside; a link whose target is missing is refused, since
 * saying "missing" would tell that its target outside does not exist.
 *
 * @example await confineImportPath('~/Takeout/mail.mbox', { home: '/home/alex', named: [] })
 *   // → '/home/alex/Takeout/mail.mbox'; '/etc/shadow' → VrmError forbidden
 */
export async function confineImportPath(path: string, folders: ImportFolders): Promise<string> {
  if (path.includes('\0')) throw refused();
  const home = resolve(folders.home);
  const lexical = expandPath(path, { home, base: home });
  const roots = rootsOf(folders);
  if (!inside(lexical, roots)) throw refused();

  const realRoots = (
    await Promise.all(roots.map(async (root) => ({ ...root, dir: await realpath(root.dir).catch(() => '') })))
  ).filter((root) => root.dir !== '');
  const { real, missing } = await realPathOf(lexical);
  if (!inside(real, realRoots)) throw refused();
  if (missing) throw new VrmError('not_found', `${lexical}: no such file or folder`);
  return real;
}

/** `realpath`, or for a path that does not exist, the real path of its nearest folder that does. */
async function realPathOf(path: string): Promise<{ real: string; missing: boolean }> {
  try {
    return { real: await realpath(path), missing: false };
  } catch {
    // Walk up to the nearest ancestor that resolves; the root always does.
  }
  const rest: string[] = [];
  let current = path;
  for (;;) {
    rest.unshift(basename(current));
    current = dirname(current);
    let realDir: string;
    try {
      realDir = await realpath(current);
    } catch {
      continue;
    }
    const first = join(realDir, rest[0] ?? '');
    try {
      await lstat(first);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { real: join(realDir, ...rest), missing: true };
      throw refused();
    }
    // It is there but does not resolve: a link to nothing, a loop, or a folder that cannot be
    // searched. Where it would lead is unknown, so it is refused like a path outside.
    throw refused();
  }
}
