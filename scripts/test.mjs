// Runs the whole test suite with vitest and ends with the plain summary line `N passed, N failed`
// (CI reads that line). Extra arguments go to vitest, such as a file filter.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { installDebian, RUNTIME_PACKAGES } from './debian.mjs';

const root = new URL('..', import.meta.url).pathname;

// The browser tests drive Debian's Chromium (Playwright's own download does not work offline); the
// mail tests run a real IMAP server, Debian's Dovecot, and a real SMTP server, Debian's Exim; the QR
// codes are read back with an independent decoder, zbar's zbarimg; letters are checked with poppler's
// pdftotext and qpdf; the calendar feed is read by python3-icalendar; bank statements are read
// by independent readers too (libofx's ofxdump, Finance::QIF, ofxstatement, aqbanking) on the
// formats' own examples (libofx-doc, gnucash-common). What is missing is installed
// (scripts/debian.mjs).
installDebian([
  ...RUNTIME_PACKAGES,
  ['/usr/bin/chromium', 'chromium', 'the browser tests'],
  ['/usr/sbin/dovecot', 'dovecot-imapd', 'the IMAP tests'],
  ['/usr/bin/zbarimg', 'zbar-tools', 'the QR code tests'],
  ['/usr/sbin/exim4', 'exim4-daemon-light', 'the SMTP tests'],
  ['/usr/bin/qpdf', 'qpdf', 'the letter tests'],
  ['/usr/lib/python3/dist-packages/icalendar', 'python3-icalendar', 'the calendar tests'],
  ['/usr/bin/ofxdump', 'ofx', 'the OFX tests (an independent OFX reader)', 'lean'],
  [
    '/usr/share/doc/libofx-dev/ofx_sample_files/README.txt',
    'libofx-doc',
    "the OFX tests (the specification's examples)",
    'lean',
  ],
  [
    '/usr/share/doc/gnucash-common/examples/abc.qif',
    'gnucash-common',
    "the QIF tests (GnuCash's examples)",
    'lean',
  ],
  [
    '/usr/share/perl5/Finance/QIF.pm',
    'libfinance-qif-perl',
    'the QIF tests (an independent QIF reader)',
    'lean',
  ],
  ['/usr/bin/ofxstatement', 'ofxstatement', 'the CAMT and CSV tests (an independent reader)', 'lean'],
  [
    '/usr/lib/python3/dist-packages/ofxstatement/plugins/iso20022.py',
    'ofxstatement-plugins',
    'the CAMT and CSV tests (its ISO 20022 and bank plugins)',
    'lean',
  ],
  ['/usr/bin/aqbanking-cli', 'aqbanking-tools', 'the CAMT tests (a second independent reader)', 'lean'],
]);
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
