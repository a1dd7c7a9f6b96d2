import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI tests run the real, compiled binary: build it first when a source is newer. */
export default function setup(): void {
  const script = fileURLToPath(new URL('../../scripts/ensure.mjs', import.meta.url));
  execFileSync(process.execPath, [script], { stdio: 'inherit' });
}
