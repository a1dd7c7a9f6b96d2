// Makes a fresh clone ready to run, using nothing but Node: installs the npm packages when they
// are missing or the lock file changed, then builds the CLI when a source file is newer than the
// build. `npm start` and `npm test` call it first, so each is one command on a new machine.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installDebian, RUNTIME_PACKAGES } from './debian.mjs';

const root = new URL('..', import.meta.url).pathname;
const log = (text) => process.stderr.write(`[setup] ${text}\n`);
const run = (command, args) => {
  try {
    execFileSync(command, args, { cwd: root, stdio: 'inherit' });
  } catch (error) {
    log(
      `\`${[command, ...args].join(' ')}\` failed (exit ${error.status ?? error.code}); see its output above.`,
    );
    rmSync(join(root, '.build-lock'), { recursive: true, force: true });
    process.exit(1);
  }
};

// Node 20.19 or newer: the pinned majors (vitest 4, eslint 9, commander 14) need it.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  log(`vrm needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
  process.exit(1);
}

// The Debian programs vrm runs (pdftotext for PDF answers), when missing.
installDebian(RUNTIME_PACKAGES);

const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.vrm-install-stamp');
const lockHash = createHash('sha256').update(readFileSync(lock)).digest('hex');
const installed = () => existsSync(stamp) && readFileSync(stamp, 'utf8') === lockHash;

/**
 * One install or build at a time: several test runs may start together, and two `npm ci` at once
 * leave node_modules half deleted. The others wait, then check again.
 */
function exclusively(work) {
  const lockDir = join(root, '.build-lock');
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      if (Date.now() - started > 300_000) rmSync(lockDir, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

if (!installed()) {
  exclusively(() => {
    if (installed()) return;
    log('installing npm packages (the first time, SQLCipher is compiled from source: about two minutes)…');
    run('npm', ['ci', '--no-audit', '--no-fund']);
    writeFileSync(stamp, lockHash);
  });
}

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const built = join(root, 'dist', '.build-stamp');
const sources = Math.max(
  newest(join(root, 'src')),
  newest(join(root, 'web')),
  statSync(join(root, 'package-lock.json')).mtimeMs,
);
const stale = () => !existsSync(built) || statSync(built).mtimeMs < sources;
if (stale()) {
  exclusively(() => {
    if (!stale()) return;
    log('building the CLI and the web app…');
    run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
  });
}
