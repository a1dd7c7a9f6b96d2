import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const VRM_BIN = fileURLToPath(new URL('../../bin/vrm.js', import.meta.url));

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real `vrm` binary in a child process with a clean environment: only what the test
 * gives (a store, a passphrase or session) and what Node needs.
 */
export function vrm(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  input?: string,
): CliResult {
  const result = spawnSync(process.execPath, [VRM_BIN, ...args], {
    encoding: 'utf8',
    input,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    timeout: 30_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Like `vrm`, without blocking: for tests that run several commands at once (beside an import,
 * against the web app's store).
 */
export function vrmAsync(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VRM_BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
  });
}
