import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../platform/db/store.js';
import { vrm, type CliResult } from '../test/cli.js';
import { OFX_SAMPLES, QIF_SAMPLES, requirePath } from '../test/statement-readers.js';
import { readOfx } from './formats/ofx.js';

/**
 * `vrm money import` (issue 17) on the formats' real files: the OFX specification's example that
 * libofx ships, GnuCash's QIF example, a crafted ISO 20022 CAMT.053 and a bank's CSV; each file
 * read by its own reader, each booking kept once, and every skip named by file and line.
 */
const PASSPHRASE = 'statements come home';
const FIXTURES = fileURLToPath(new URL('./formats/fixtures/', import.meta.url));
let dir: string;
const env = { VRM_PASSPHRASE: PASSPHRASE };
const run = (...args: string[]): CliResult => vrm(['--store', join(dir, 'store.db'), ...args], env);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-cli-money-import-'));
  await (await createStore(join(dir, 'store.db'), PASSPHRASE)).close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vrm money import', () => {
  it('imports OFX, CAMT, CSV and QIF files, each booking once', () => {
    requirePath(OFX_SAMPLES, 'libofx-doc');
    const ofx = join(dir, 'spec160.ofx');
    copyFileSync(join(OFX_SAMPLES, 'ofx_spec160_stmtrs_example.sgml'), ofx);
    const expected = readOfx(readFileSync(ofx), { fileName: ofx }).outcomes.filter(
      (o) => o.transaction,
    ).length;
    expect(expected).toBeGreaterThan(0);

    const first = run('money', 'import', ofx);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      new RegExp(
        `spec160\\.ofx \\(OFX[^)]*\\)[^:]*: ${expected} bookings? read .*: ${expected} imported, 0 already held, 0 skipped`,
        'u',
      ),
    );
    const again = run('money', 'import', ofx);
    expect(again.stdout).toMatch(new RegExp(`0 imported, ${expected} already held`, 'u'));
    expect(again.stdout).toMatch(/already imported on /u);

    const camt = run('money', 'import', join(FIXTURES, 'camt053-v08.xml'), '--json');
    // Its one pending entry is a note, named with its line, not a skip: it comes again, booked.
    expect(camt.code).toBe(0);
    expect(JSON.parse(camt.stdout)).toMatchObject({
      format: 'camt',
      imported: 6,
      skipped: 0,
      notes: [{ location: expect.stringMatching(/camt053-v08\.xml:\d+$/u) as string }],
    });
    const pending = run('money', 'import', join(FIXTURES, 'camt053-v02.xml'));
    expect(pending.code).toBe(0);
    expect(pending.stderr).toBe('');
    expect(pending.stdout).toMatch(/0 skipped\n/u);
    expect(pending.stdout).toMatch(
      /note .*camt053-v02\.xml:284: 1 pending booking \(PDNG\) not imported yet: it will come booked in a later statement/u,
    );

    const csv = run('money', 'import', join(FIXTURES, 'csv', 'ing-de.csv'));
    expect(csv.code).toBe(0);
    expect(csv.stdout).toMatch(/ing-de\.csv \(CSV[^)]*\)/u);

    requirePath(QIF_SAMPLES, 'gnucash-common');
    const qif = run('money', 'import', join(QIF_SAMPLES, 'abc.qif'), '--currency', 'USD', '--json');
    expect(JSON.parse(qif.stdout)).toMatchObject({ format: 'qif' });

    const accounts = run('money', 'accounts', '--json');
    expect((JSON.parse(accounts.stdout) as unknown[]).length).toBeGreaterThanOrEqual(4);
  });

  it('keeps the good bookings of a bad file and names each bad one, exiting 2', () => {
    const csv = join(dir, 'mine.csv');
    writeFileSync(
      csv,
      'Date;Payee;Amount\n2026-03-03;Streamline TV;-12,99\n2026-04-03;Streamline TV;twelve\n',
    );
    const partial = run('money', 'import', csv, '--preset', 'generic', '--currency', 'GBP');
    expect(partial.code).toBe(2);
    expect(partial.stdout).toMatch(/1 imported, 0 already held, 1 skipped/u);
    expect(partial.stdout).toMatch(/skipped .*mine\.csv:3: /u);
    expect(partial.stderr).toMatch(/1 booking skipped, each named with its reason; the rest was imported/u);

    const wrongPreset = run('money', 'import', join(FIXTURES, 'csv', 'ing-de.csv'), '--preset', 'monzo');
    expect(wrongPreset.code).toBe(2);
    expect(wrongPreset.stdout).toMatch(/0 imported/u);
    expect(wrongPreset.stdout).toMatch(/skipped .*ing-de\.csv:\d+: /u);

    const cases: [string[], RegExp][] = [
      [['money', 'import', join(dir, 'missing.ofx')], /cannot read the statement .*missing\.ofx/u],
      [['money', 'import', csv, '--preset', 'nobank'], /no CSV preset "nobank"/u],
      [['money', 'import', csv, '--date-order', 'ymd'], /date order must be dmy or mdy/u],
      [['money', 'import', csv, '--currency', 'XYZ'], /currency/u],
    ];
    for (const [args, message] of cases) {
      const result = run(...args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /u);
    }
  });
});
