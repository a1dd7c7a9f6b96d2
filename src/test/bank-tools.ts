/**
 * The independent bank-statement readers Debian ships (ofxstatement, AqBanking, ofxdump), run as
 * the tests' second opinion. They need no build of vrm, so the tests that call them stay in the
 * fast project. `npm test` installs them (scripts/test.mjs); a missing one fails with how to get it.
 */
import { execFileSync } from 'node:child_process';

/** Fails with the package to install when `command` is not on the PATH. */
export function requireTool(command: string, debianPackage: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'pipe' });
  } catch {
    throw new Error(
      `${command} is not installed: run npm test (scripts/test.mjs installs it) or apt-get install ${debianPackage}`,
    );
  }
}

/** Runs a tool and returns its standard output; its standard error is in the thrown error. */
export function runTool(command: string, args: readonly string[]): string {
  return execFileSync(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  }).toString();
}
