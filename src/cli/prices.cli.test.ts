import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm, type CliResult } from '../test/cli.js';

/** A contract's price history from the command line (issue 17, point 3). */
let dir: string;
let env: Record<string, string>;

const run = (...args: string[]): CliResult => vrm(['--store', join(dir, 'store.db'), ...args], env);
const ok = (...args: string[]): string => {
  const result = run(...args);
  expect(result.stderr.startsWith('vrm:') ? result.stderr : '', args.join(' ')).toBe('');
  expect(result.code, args.join(' ')).toBe(0);
  return result.stdout;
};
/** One line on stderr, no stack trace, the exit code given. */
const fails = (code: number, ...args: string[]): string => {
  const result = run(...args);
  expect(result.code, result.stderr).toBe(code);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
  return result.stderr;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-cli-prices-'));
  env = { VRM_PASSPHRASE: 'prices from the command line', VRM_TODAY: '2026-03-15' };
  ok('init');
  ok('provider', 'add', 'Streamline TV');
  ok(
    'contract',
    'add',
    'Streamline Standard',
    '--provider',
    'Streamline TV',
    '--price',
    '10,99',
    '--currency',
    'GBP',
    '--cycle',
    'monthly',
    '--start',
    '2025-02-03',
  );
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vrm contract price', () => {
  it('records a rise from a day on and shows the history with the change in percent', () => {
    const said = ok('contract', 'price', '1', '12,99', '--from', '2026-03-14', '--note', 'letter of 1 March');
    expect(said).toContain('Contract 1 (Streamline Standard) costs 12.99 GBP monthly.');
    expect(said).toContain('Price history: 10.99 GBP from 2025-02-03, 12.99 GBP from 2026-03-14 (+18.2 %).');
    expect(ok('contract', 'show', '1')).toMatch(
      /price history:\s+10\.99 GBP from 2025-02-03, 12\.99 GBP from 2026-03-14 \(\+18\.2 %\)/,
    );
    const shown = JSON.parse(ok('contract', 'show', '1', '--json')) as {
      priceMinor: number;
      priceHistory: { priceMinor: number; note: string | null }[];
    };
    expect(shown.priceMinor).toBe(1299);
    expect(shown.priceHistory.map((p) => p.priceMinor)).toEqual([1099, 1299]);
    expect(shown.priceHistory[1]?.note).toBe('letter of 1 March');
    // Said twice, it is one entry.
    ok('contract', 'price', '1', '12.99', '--from', '2026-03-14');
    expect(JSON.parse(ok('contract', 'show', '1', '--json'))).toMatchObject({
      priceHistory: [{}, {}],
    });
  });

  it('records a new price given in an edit from --price-from', () => {
    const said = ok('contract', 'update', '1', '--price', '13,49', '--price-from', '2026-06-01');
    expect(said).toContain('12.99 GBP from 2026-03-14 (+18.2 %), 13.49 GBP from 2026-06-01 (+3.8 %).');
  });

  it('names the option and says how to fix a bad price or day', () => {
    expect(fails(2, 'contract', 'price', '1', '1,299')).toMatch(/^vrm: contract: amount: "1,299" is unclear/);
    expect(fails(2, 'contract', 'price', '1', '9.99', '--from', '2024-12-01')).toMatch(
      /--from: 2024-12-01 is before the contract started on 2025-02-03: give a day on or after its start/,
    );
    expect(fails(2, 'contract', 'update', '1', '--price-from', '2026-04-01')).toMatch(
      /--price-from: give the price that applies from 2026-04-01/,
    );
    expect(fails(3, 'contract', 'price', '99', '9.99')).toMatch(/contract 99 does not exist/);
  });
});

describe('half-yearly billing from the command line', () => {
  it('takes half-yearly and the words people use for it', () => {
    ok('provider', 'add', 'Harbour Home Insurance');
    for (const words of ['half-yearly', 'semi-annually', 'every six months']) {
      const said = ok(
        'contract',
        'add',
        `Contents (${words})`,
        '--provider',
        'Harbour',
        '--price',
        '60',
        '--currency',
        'GBP',
        '--cycle',
        words,
        '--start',
        '2025-10-01',
      );
      expect(said).toContain('60.00 GBP half-yearly');
    }
    expect(ok('costs')).toMatch(/Harbour Home Insurance\s+360\.00 GBP/);
  });
});
