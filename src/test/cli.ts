import { spawnSync } from 'node:child_process';
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
