import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm, type CliResult } from '../test/cli.js';

const PASSPHRASE = 'a long enough passphrase';
let dir: string;
let env: Record<string, string>;

const run = (...args: string[]): CliResult => vrm(['--store', join(dir, 'store.db'), ...args], env);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-cli-amounts-'));
  env = { VRM_PASSPHRASE: PASSPHRASE, VRM_TODAY: '2026-03-15' };
  expect(run('init').code).toBe(0);
  expect(run('provider', 'add', 'Stadtwerke').code).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const add = (price: string): CliResult =>
  run(
    'contract',
    'add',
    'Strom',
    '--provider',
    'Stadtwerke',
    '--price',
    price,
    '--currency',
    'EUR',
    '--cycle',
    'monthly',
  );

describe('vrm contract add --price (issue 14 point 1)', () => {
  it('stores --price 12,99 as 12.99 EUR', () => {
    const added = add('12,99');
    expect(added.stderr).toBe('');
    expect(added.stdout).toMatch(/12\.99 EUR monthly/);
    const list = JSON.parse(run('contract', 'list', '--json').stdout) as { priceMinor: number }[];
    expect(list.map((c) => c.priceMinor)).toEqual([1299]);
  });

  it('refuses an ambiguous --price with both readings, on one line, and stores nothing', () => {
    const refused = add('1,299');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trimEnd().split('\n')).toEqual([
      'vrm: contract: --price: "1,299" is unclear: with "," between thousands it is 1299,00 EUR; as a decimal "," it is 1,299 EUR, more decimals than EUR has. Write 1299 for the first, or 1,30 for the second',
    ]);
    expect(JSON.parse(run('contract', 'list', '--json').stdout)).toHaveLength(1);
  });
});
