import { spawn } from 'node:child_process';

/**
 * The kill tests' shared parts (changes, requests, bank imports): kill moments from a seeded
 * generator, so a failing run is replayed with `VRM_KILL_SEED=n`, and a child process killed
 * at a moment chosen from what it prints.
 */

/** mulberry32: a small seeded generator, so a failing run's kill moments can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** This run's seed (`VRM_KILL_SEED`, else a random one) and the words that replay it. */
export function killSeed(): {
  readonly seed: number;
  readonly replay: string;
  readonly random: () => number;
} {
  const seed = Number(process.env.VRM_KILL_SEED || Math.floor(Math.random() * 2 ** 31));
  return {
    seed,
    replay: `kill moments from seed ${String(seed)}: replay with VRM_KILL_SEED=${String(seed)}`,
    random: seeded(seed),
  };
}

export interface ChildRun {
  readonly killed: boolean;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node --import tsx script …args` and SIGKILLs it `extraMs` after `killWhen` first holds
 * for what it printed so far (never, when `killWhen` is left out): the test waits on the child's
 * own words, not on time.
 */
export function runAndKill(
  script: string,
  args: readonly string[],
  options: {
    cwd: string;
    env: Record<string, string | undefined>;
    killWhen?: (stdout: string) => boolean;
    extraMs?: number;
  },
): Promise<ChildRun> {
  return new Promise<ChildRun>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killing = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!killing && options.killWhen?.(stdout)) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), options.extraMs ?? 0);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ killed: signal === 'SIGKILL', code, stdout, stderr }));
  });
}
