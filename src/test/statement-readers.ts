import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Debian's independent readers of the statement formats and their example files, for tests that
 * compare vrm's readers with them. `npm test` installs them (scripts/test.mjs); a test that finds
 * one missing fails with a message that says which package to install, never skips.
 */

export const OFX_SAMPLES = '/usr/share/doc/libofx-dev/ofx_sample_files';
export const QIF_SAMPLES = '/usr/share/doc/gnucash-common/examples';
const OFXDUMP = '/usr/bin/ofxdump';

/** Fails with what to install when a tool or a sample folder is missing. */
export function requirePath(path: string, debianPackage: string): void {
  if (!existsSync(path))
    throw new Error(`${path} is missing: install the Debian package ${debianPackage} (npm test does)`);
}

/** The libofx examples: name and bytes, `.gz` ones unpacked in memory. */
export function ofxSamples(): { name: string; bytes: Buffer }[] {
  requirePath(OFX_SAMPLES, 'libofx-doc');
  return readdirSync(OFX_SAMPLES)
    .filter((name) => /\.(ofx|xml|sgml)(\.gz)?$/u.test(name) && !name.includes('.log'))
    .sort()
    .map((name) => {
      const raw = readFileSync(join(OFX_SAMPLES, name));
      return { name, bytes: name.endsWith('.gz') ? gunzipSync(raw) : raw };
    });
}

/** One `ofx_proc_transaction()` block of ofxdump's output. */
export interface DumpedTransaction {
  readonly account: string;
  /** `YYYY-MM-DD` of "Date posted", in UTC. */
  readonly postedOn: string | null;
  /** As printed ("-80.00"). */
  readonly amount: string | null;
  readonly fitid: string | null;
  readonly name: string | null;
  /** Set for investment transactions (buys, sells, INVBANKTRAN), which vrm does not import. */
  readonly investment: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Fri Oct  4 10:59:00 1996 UTC` → `1996-10-04`. */
function dumpDate(text: string | undefined): string | null {
  const match = /^\w{3} (\w{3}) +(\d{1,2}) [\d:]+ (\d{4})/u.exec(text ?? '');
  if (!match) return null;
  const month = MONTHS.indexOf(match[1] ?? '') + 1;
  return `${match[3]}-${String(month).padStart(2, '0')}-${(match[2] ?? '').padStart(2, '0')}`;
}

/**
 * Runs `ofxdump` on the bytes (written to a temporary file) with TZ=UTC and returns its
 * transactions and exit status.
 */
export function ofxdump(bytes: Buffer): { status: number | null; transactions: DumpedTransaction[] } {
  requirePath(OFXDUMP, 'ofx');
  const dir = mkdtempSync(join(tmpdir(), 'vrm-ofxdump-'));
  try {
    const file = join(dir, 'statement.ofx');
    writeFileSync(file, bytes);
    const run = spawnSync(OFXDUMP, [file], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, TZ: 'UTC' },
      timeout: 30_000,
      maxBuffer: 512 * 1024 * 1024,
    });
    const blocks = run.stdout
      .split(/\n(?=\S)/u)
      .filter((block) => block.startsWith('ofx_proc_transaction()'));
    const transactions = blocks.map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.split('\n').slice(1)) {
        const at = line.indexOf(':');
        if (at > 0) fields.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
      }
      return {
        account: fields.get('Account ID') ?? '',
        postedOn: dumpDate(fields.get('Date posted')),
        amount: fields.get('Total money amount') ?? null,
        fitid: fields.get("Financial institution's ID for this transaction") ?? null,
        name: fields.get('Name of payee or transaction description') ?? null,
        investment: fields.has('Investment transaction type'),
      };
    });
    return { status: run.status, transactions };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `-80.00` → -8000 for a two-decimal currency; ofxdump prints amounts as floating point. */
export const dumpedMinor = (amount: string | null, digits: number): number =>
  Math.round(Number(amount) * 10 ** digits);

/** One record of perl's Finance::QIF, an independent QIF reader. */
export interface PerlQifRecord {
  readonly header: string;
  readonly date: string | null;
  readonly amount: string | null;
  readonly payee: string | null;
}

const FINANCE_QIF = `
use strict; use warnings; use Finance::QIF; use JSON::PP;
my $json = JSON::PP->new->canonical;
my $qif = Finance::QIF->new(file => $ARGV[0], autodetect => 1);
while (my $r = $qif->next) {
  print $json->encode({ header => $r->{header}, date => $r->{date},
    amount => $r->{transaction} // $r->{total}, payee => $r->{payee} }), "\\n";
}`;

/** Reads a QIF file with perl's Finance::QIF (Debian's libfinance-qif-perl): one record per line. */
export function financeQif(path: string): PerlQifRecord[] {
  requirePath('/usr/share/perl5/Finance/QIF.pm', 'libfinance-qif-perl');
  const run = spawnSync('perl', ['-e', FINANCE_QIF, path], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`Finance::QIF could not read ${path}: ${run.stderr}`);
  return run.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as PerlQifRecord);
}
