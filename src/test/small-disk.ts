import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VRM_BIN } from './cli.js';

/**
 * A small disk for full-disk tests: a tmpfs mounted inside a private mount namespace of a shell
 * script, so the mount is seen by that script and its children only and vanishes with them; the
 * host never sees it. The script gets `$DISK` (the tmpfs), `$OUT` (a folder on the host's disk, to
 * leave results in), `$NODE` and `$VRM_BIN` (to run the real CLI). Needs root or CAP_SYS_ADMIN.
 */
const UNSHARE = ['--mount', '--propagation', 'private', 'sh', '-c'];

/** Why a small disk cannot be had here, or undefined when it can. */
export const smallDiskUnavailable: string | undefined = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'vrm-disk-probe-'));
  try {
    const probe = spawnSync('unshare', [...UNSHARE, 'mount -t tmpfs -o size=1m tmpfs "$0"', dir], {
      encoding: 'utf8',
    });
    if (probe.error) return `unshare cannot run: ${probe.error.message}`;
    if (probe.status !== 0)
      return `cannot mount a tmpfs in a private mount namespace: ${probe.stderr.trim()}`;
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

export interface SmallDisk {
  /** The host folder for results: the script's `$OUT`. */
  readonly out: string;
  /** The tmpfs's mount point, as the script sees it (`$DISK`); an empty folder on the host. */
  readonly mount: string;
  /** The names in `$OUT/listing`, which `COLLECT` writes: what the tmpfs held at the end. */
  listing(): string[];
  dispose(): void;
}

export function smallDisk(): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'vrm-disk-'));
  const out = join(dir, 'out');
  const mount = join(dir, 'disk');
  mkdirSync(out);
  mkdirSync(mount);
  return {
    out,
    mount,
    listing: () =>
      readFileSync(join(out, 'listing'), 'utf8')
        .split('\n')
        .filter((name) => name !== ''),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function scriptFor(megabytes: number, body: string): string {
  return `set -u\nmount -t tmpfs -o size=${megabytes}m tmpfs "$DISK" || exit 99\n${body}`;
}

function envFor(disk: SmallDisk, env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DISK: disk.mount,
    OUT: disk.out,
    NODE: process.execPath,
    VRM_BIN,
    ...env,
  };
}

/** Runs `body` with a tmpfs of `megabytes` at `$DISK`, and waits for it. */
export function runOnSmallDisk(
  disk: SmallDisk,
  megabytes: number,
  body: string,
  env: Record<string, string> = {},
): { code: number; stdout: string; stderr: string } {
  const result = spawnSync('unshare', [...UNSHARE, scriptFor(megabytes, body)], {
    encoding: 'utf8',
    env: envFor(disk, env),
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `body` with a tmpfs of `megabytes` at `$DISK`, for a script that runs a server. */
export function spawnOnSmallDisk(
  disk: SmallDisk,
  megabytes: number,
  body: string,
  env: Record<string, string> = {},
): ChildProcess {
  return spawn('unshare', [...UNSHARE, scriptFor(megabytes, body)], {
    env: envFor(disk, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Shell: fills the tmpfs with a file `$DISK/<name>` until `free` megabytes are left. */
export const leaveFree = (megabytes: number, name = 'filler'): string =>
  `fallocate -l $(( $(df -B1 --output=avail "$DISK" | tail -1) - ${megabytes} * 1048576 )) "$DISK/${name}"`;

/** Shell: writes `$DISK/<name>` until the tmpfs is full, to the last byte. */
export const fillUp = (name = 'filler-2'): string =>
  `dd if=/dev/zero of="$DISK/${name}" bs=1M status=none 2>/dev/null; true`;

/** Shell: what the tmpfs holds at the end, and the store on it, copied to `$OUT`. */
export const COLLECT = `ls -A "$DISK" > "$OUT/listing"; cp "$DISK"/vrm.db "$OUT"/ 2>/dev/null; true`;

/** Resolves once `path` exists (a step the script on the small disk has taken). */
export async function reached(path: string): Promise<void> {
  for (let waited = 0; !existsSync(path); waited += 20) {
    if (waited > 20_000) throw new Error(`the script on the small disk never reached ${path}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The URL and process id of a server that a script on the small disk started: the script echoes
 * `server <pid>`, and the server prints its URL.
 */
export function serverOf(child: ChildProcess): Promise<{ url: string; pid: number }> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const url = /vrm is serving (http:\S+)/.exec(seen)?.[1];
      const pid = /^server (\d+)$/m.exec(seen)?.[1];
      if (url && pid) resolve({ url, pid: Number(pid) });
    });
    child.on('exit', (code) => {
      reject(new Error(`the server on the small disk stopped (${String(code)}): ${seen}`));
    });
  });
}
