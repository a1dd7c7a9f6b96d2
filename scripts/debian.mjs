// Installs the Debian packages vrm needs when their programs are missing: apt-get as root, or
// through sudo. `npm start` needs poppler's pdftotext (reading PDF answers to data requests);
// `npm test` needs the servers and checkers the tests run against (scripts/test.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** What vrm itself runs: [program path, Debian package, what for, and 'lean' to leave out its recommendations]. */
export const RUNTIME_PACKAGES = [
  ['/usr/bin/pdftotext', 'poppler-utils', 'reading PDF answers to data requests'],
];

/**
 * Installs each package whose program is missing. Never fails the caller: without a package the
 * feature that needs it says so (a PDF answer is kept, with a note that its text was not read).
 */
export function installDebian(wanted) {
  const needed = wanted.filter(([path]) => !existsSync(path));
  if (needed.length === 0) return;
  const asRoot = process.getuid?.() === 0;
  const apt = (args) =>
    spawnSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['apt-get', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  const packages = needed.map(([, name]) => name);
  console.error(
    `[setup] installing Debian packages ${packages.join(', ')} for ${needed.map(([, , why]) => why).join(' and ')}…`,
  );
  // A package marked 'lean' comes without its recommendations: gnucash-common is wanted for its
  // example files, not the whole of GnuCash it recommends.
  const full = needed.filter((entry) => entry[3] !== 'lean').map(([, name]) => name);
  const lean = needed.filter((entry) => entry[3] === 'lean').map(([, name]) => name);
  const install = (names, extra) =>
    names.length === 0 || apt(['install', '-y', '-qq', ...extra, ...names]).status === 0;
  if (
    apt(['update', '-qq']).status !== 0 ||
    !install(full, []) ||
    !install(lean, ['--no-install-recommends'])
  ) {
    console.error(`[setup] could not install ${packages.join(', ')}; what needs them will say so.`);
  }
}
