// Runs the whole test suite with vitest and ends with the plain summary line `N passed, N failed`
// (CI reads that line). Extra arguments go to vitest, such as a file filter.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

// The browser tests drive Debian's Chromium (Playwright's own download does not work offline).
// Install it where it is missing: apt-get as root, or through sudo.
if (!existsSync('/usr/bin/chromium')) {
  const asRoot = process.getuid?.() === 0;
  const apt = (args) =>
    spawnSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['apt-get', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  console.error('[setup] installing Debian package chromium for the browser tests…');
  if (apt(['update', '-qq']).status !== 0 || apt(['install', '-y', '-qq', 'chromium']).status !== 0) {
    console.error('[setup] could not install chromium; the browser tests will fail and say so.');
  }
}
const report = join(root, 'reports', 'vitest.json');
mkdirSync(join(root, 'reports'), { recursive: true });
rmSync(report, { force: true });

const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(
  process.execPath,
  [
    vitest,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const data = JSON.parse(readFileSync(report, 'utf8'));
  passed = data.numPassedTests ?? 0;
  // A file that fails to load has no test results, but is a failure all the same.
  failed =
    (data.numFailedTests ?? 0) +
    (data.testResults ?? []).filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
} else {
  failed = 1;
}
const status = result.status ?? 1;
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(status);
