// The money benchmark (issue 17, point 6): `npx tsx bench/run.ts money` (or `npx tsx bench/money.ts`).
//
// 1. The data: 100,000 bookings over five years and 20 accounts (generatePayments, seed 17: salaries,
//    subscriptions of every cadence, everyday spending), written as OFX 2, OFX 1 (SGML), QIF,
//    CAMT.053 and ING's CSV, one file per account, into a temporary folder.
// 2. Per format: reading the 20 files (readStatementFile, in a child process of its own: time, CPU
//    and how much its memory grew), and `vrm money import` of the 20 files into a new SQLCipher
//    store (the built CLI with a session token, so no key derivation is timed; wall time, CPU and
//    peak RSS from GNU time). Then the same for all 100,000 as one CAMT file. After the CAMT import,
//    the time to detect the recurring payments over the store's bookings (MoneyService.subscriptions).
//    Needs the build (`npm run bench` makes it; else `node scripts/build.mjs`).
// 3. Side by side in the same run: Debian's `ofxdump` (libofx) on the same OFX files, and
//    `ofxstatement convert -t iso20022` on the same CAMT files; wall time and peak RSS from GNU time.
//
// Targets (issue 17): import ≥ 20,000 bookings a second, detection < 2 s, memory < 300 MB.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePayments } from '../src/money/recurring/index.js';
import { FORMAT_NAMES, FORMATS, writeBenchFiles, type BenchFile, type BenchFormat } from './money-files.js';

const CHILD = '--money-child';
/** `--bookings N` for a quick look; the table is of 100,000. */
const COUNT = ((at) => (at === -1 ? 100_000 : Number(process.argv[at + 1])))(
  process.argv.indexOf('--bookings'),
);
const TARGET_PER_SECOND = 20_000;
const TARGET_DETECT_S = 2;
const TARGET_MB = 300;
const TIME = '/usr/bin/time';
const BIN = fileURLToPath(new URL('../bin/vrm.js', import.meta.url));
const PASSPHRASE = 'benchmark passphrase';

/** What a child measured. */
interface Measured {
  readonly bookings: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakMb: number;
  readonly series?: number;
}

const comma = (value: number, digits = 1): string =>
  value.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const whole = (value: number): string => Math.round(value).toLocaleString('de-DE');
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');

async function child(): Promise<void> {
  const [mode, first, second] = process.argv.slice(process.argv.indexOf(CHILD) + 1);
  const cpu = process.cpuUsage();
  const rssBefore = process.memoryUsage().rss;
  let measured: Measured;
  if (mode === 'read') {
    const files = JSON.parse(readFileSync(first ?? '', 'utf8')) as BenchFile[];
    const { readStatementFile } = await import('../src/money/formats/index.js');
    const started = performance.now();
    let bookings = 0;
    for (const file of files) {
      const read = readStatementFile(readFileSync(file.path), file.path, file.options);
      for (const outcome of read.outcomes) if (outcome.transaction) bookings += 1;
    }
    const used = process.cpuUsage(cpu);
    measured = {
      bookings,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
      // Growth over the loaded process: tsx alone, which the benchmark runs through, takes ~100 MB.
      peakMb: (process.resourceUsage().maxRSS * 1024 - rssBefore) / 2 ** 20,
    };
  } else {
    const { createServices } = await import('../src/app.js');
    const { openStore } = await import('../src/platform/db/store.js');
    const store = await openStore(first ?? '', { sessionToken: second ?? '' });
    const services = createServices(store);
    const detectCpu = process.cpuUsage();
    const started = performance.now();
    const series = (await services.money.subscriptions()).subscriptions.length;
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(detectCpu);
    const bookings = (await services.money.transactions({ limit: 1 })).total;
    await store.close();
    measured = {
      bookings,
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      peakMb: process.resourceUsage().maxRSS / 1024,
      series,
    };
  }
  process.stdout.write(`${JSON.stringify(measured)}\n`);
}

/** Runs a measurement in a tsx child process of its own. */
function inChild(args: string[]): Measured {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), CHILD, ...args],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  if (run.status !== 0) throw new Error(`the benchmark's child ${args[0] ?? ''} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as Measured;
}

const baseEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.VRM_PASSPHRASE;
  delete env.VRM_SESSION;
  return env;
};

/** A new store made with `vrm init`, and its session token (`vrm unlock --raw`): no key derivation timed. */
function newStore(path: string): string {
  const env = { ...baseEnv(), VRM_PASSPHRASE: PASSPHRASE };
  for (const args of [['init'], ['unlock', '--raw']]) {
    const result = spawnSync(process.execPath, [BIN, '--store', path, ...args], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`vrm ${args.join(' ')} failed: ${result.stderr}`);
    if (args[0] === 'unlock') return result.stdout.trim();
  }
  throw new Error('unreachable');
}

/** What `vrm money import` is told besides the files: one invocation takes all 20. */
const IMPORT_OPTIONS: Record<BenchFormat, string[]> = {
  ofx2: [],
  ofx1: [],
  qif: ['--currency', 'EUR', '--date-order', 'dmy'],
  camt: [],
  csv: ['--preset', 'ing-de'],
};

/** `vrm money import` of the 20 files into a fresh store, under GNU time. */
function cliImport(
  format: BenchFormat,
  files: readonly BenchFile[],
  dir: string,
): Measured & { store: string; token: string } {
  const store = join(dir, `${format}.db`);
  const token = newStore(store);
  const timing = join(dir, `time-import-${format}.txt`);
  const run = spawnSync(
    TIME,
    [
      '-f',
      '%e %M %U %S',
      '-o',
      timing,
      process.execPath,
      BIN,
      '--store',
      store,
      'money',
      'import',
      ...files.map((f) => f.path),
      ...IMPORT_OPTIONS[format],
      '--json',
    ],
    { env: { ...baseEnv(), VRM_SESSION: token }, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (run.status !== 0)
    throw new Error(
      `vrm money import (${format}) failed (exit ${String(run.status)}): ${run.stderr.slice(-2000)}`,
    );
  // One file's summary is an object, several files' an array.
  const said = JSON.parse(run.stdout) as { imported: number } | { imported: number }[];
  const summaries = Array.isArray(said) ? said : [said];
  const [elapsed = 0, kb = 0, user = 0, system = 0] = (
    readFileSync(timing, 'utf8').trim().split('\n').at(-1) ?? ''
  )
    .split(' ')
    .map(Number);
  return {
    bookings: summaries.reduce((n, s) => n + s.imported, 0),
    seconds: elapsed,
    cpuSeconds: user + system,
    peakMb: kb / 1024,
    store,
    token,
  };
}

/** Occurrences of `marker` in a file: the bookings a peer wrote out. */
function occurrences(path: string, marker: string): number {
  if (!existsSync(path)) return 0;
  const text = readFileSync(path, 'latin1');
  let count = 0;
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + marker.length)) count += 1;
  return count;
}

/**
 * A peer tool over the same files, one process per file: total wall time, the largest RSS, and the
 * bookings it gave out (`marker` counted in what it wrote: to standard output when `toFile` is
 * false, else to the file it is given).
 */
function peer(
  command: string,
  args: (file: string, out: string) => string[],
  files: readonly BenchFile[],
  dir: string,
  marker: string,
  toFile: boolean,
): { seconds: number; peakMb: number; bookings: number } | null {
  if (!existsSync(TIME) || spawnSync('which', [command]).status !== 0) return null;
  let seconds = 0;
  let peakMb = 0;
  let bookings = 0;
  for (const [i, file] of files.entries()) {
    const timing = join(dir, `time-${command}-${i}.txt`);
    const out = join(dir, `peer-${command}-${i}.out`);
    const stdout = openSync(toFile ? '/dev/null' : out, 'w');
    // Exit codes are not judged: ofxdump exits 1 on a statement without a balance, having read it all.
    spawnSync(TIME, ['-f', '%e %M', '-o', timing, command, ...args(file.path, out)], {
      stdio: ['ignore', stdout, 'ignore'],
    });
    closeSync(stdout);
    const [elapsed = '0', kb = '0'] =
      readFileSync(timing, 'utf8').trim().split('\n').at(-1)?.split(' ') ?? [];
    seconds += Number(elapsed);
    peakMb = Math.max(peakMb, Number(kb) / 1024);
    bookings += occurrences(out, marker);
    rmSync(out, { force: true });
  }
  return { seconds, peakMb, bookings };
}

function parent(): void {
  const dir = mkdtempSync(join(tmpdir(), 'vrm-bench-money-'));
  try {
    const generated = performance.now();
    const { payments } = generatePayments({ seed: 17, count: COUNT, years: 5, accounts: 20 });
    const { files, oneCamt } = writeBenchFiles(dir, payments);
    const from = payments[0]?.bookedOn ?? '';
    const to = payments.at(-1)?.bookedOn ?? '';
    console.log(
      `money: ${whole(payments.length)} bookings, ${from} to ${to}, 20 accounts, written as ${FORMATS.length} formats in ${comma((performance.now() - generated) / 1000)} s`,
    );
    console.log(
      `machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores, ${whole(totalmem() / 2 ** 30)} GB; load ${loadavg()
        .map((l) => comma(l, 2))
        .join(' ')} at the start`,
    );
    const rows: string[] = [];
    const header =
      '| format | what | bookings | time | CPU | a second | peak RSS | ≥ 20.000/s | < 300 MB |\n|---|---|--:|--:|--:|--:|--:|:-:|:-:|';
    let detect: Measured | undefined;
    for (const format of FORMATS) {
      const list = files[format];
      const listFile = join(dir, `${format}.json`);
      writeFileSync(listFile, JSON.stringify(list));
      const read = inChild(['read', listFile]);
      const stored = cliImport(format, list, dir);
      if (format === 'camt') detect = inChild(['detect', stored.store, stored.token]);
      for (const [what, m] of [
        ['vrm: read (readStatementFile; memory: growth)', read],
        ['vrm money import: into a new store', stored],
      ] as const) {
        const perSecond = m.bookings / m.seconds;
        rows.push(
          `| ${FORMAT_NAMES[format]} | ${what} | ${whole(m.bookings)} | ${comma(m.seconds, 2)} s | ${comma(m.cpuSeconds, 2)} s | ${whole(perSecond)} | ${whole(m.peakMb)} MB | ${what.includes('import') ? verdict(perSecond >= TARGET_PER_SECOND) : ''} | ${verdict(m.peakMb < TARGET_MB)} |`,
        );
      }
      rmSync(stored.store, { force: true });
      if (format === 'ofx2' || format === 'ofx1') {
        const dumped = peer('ofxdump', (file) => [file], list, dir, 'ofx_proc_transaction', false);
        rows.push(
          dumped
            ? `| ${FORMAT_NAMES[format]} | ofxdump (libofx): parse | ${whole(dumped.bookings)} | ${comma(dumped.seconds, 2)} s | | ${whole(dumped.bookings / dumped.seconds)} | ${whole(dumped.peakMb)} MB | | |`
            : `| ${FORMAT_NAMES[format]} | ofxdump: not installed (Debian package ofx), skipped | | | | | | | |`,
        );
      }
      if (format === 'camt') {
        const converted = peer(
          'ofxstatement',
          (file, out) => ['convert', '-t', 'iso20022', file, out],
          list,
          dir,
          '<STMTTRN>',
          true,
        );
        rows.push(
          converted
            ? `| ${FORMAT_NAMES[format]} | ofxstatement convert -t iso20022: to OFX | ${whole(converted.bookings)} | ${comma(converted.seconds, 2)} s | | ${whole(converted.bookings / converted.seconds)} | ${whole(converted.peakMb)} MB | | |`
            : `| ${FORMAT_NAMES[format]} | ofxstatement: not installed (Debian packages ofxstatement, ofxstatement-plugins), skipped | | | | | | | |`,
        );
      }
      console.log(`  ${FORMAT_NAMES[format]} done`);
    }
    {
      // One file of all the bookings: where a reader that held the whole file would show it.
      const listFile = join(dir, 'camt-all.json');
      writeFileSync(listFile, JSON.stringify([oneCamt]));
      const read = inChild(['read', listFile]);
      const stored = cliImport('camt', [oneCamt], dir);
      for (const [what, m] of [
        ['vrm: read one file of all (memory: growth)', read],
        ['vrm money import: one file of all, into a new store', stored],
      ] as const) {
        const perSecond = m.bookings / m.seconds;
        rows.push(
          `| CAMT.053 | ${what} | ${whole(m.bookings)} | ${comma(m.seconds, 2)} s | ${comma(m.cpuSeconds, 2)} s | ${whole(perSecond)} | ${whole(m.peakMb)} MB | ${what.includes('import') ? verdict(perSecond >= TARGET_PER_SECOND) : ''} | ${verdict(m.peakMb < TARGET_MB)} |`,
        );
      }
    }
    console.log('');
    console.log(header);
    for (const row of rows) console.log(row);
    if (detect) {
      console.log('');
      console.log(
        `Detecting the recurring payments over the store's ${whole(detect.bookings)} bookings (MoneyService.subscriptions, with their alerts): ${comma(detect.seconds, 2)} s (${comma(detect.cpuSeconds, 2)} s of CPU), ${whole(detect.series ?? 0)} series (target < ${TARGET_DETECT_S} s: ${verdict(detect.seconds < TARGET_DETECT_S)})`,
      );
    }
    console.log(
      `load ${loadavg()
        .map((l) => comma(l, 2))
        .join(' ')} at the end`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes(CHILD)) await child();
else parent();
