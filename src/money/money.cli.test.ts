import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../app.js';
import { createStore } from '../platform/db/store.js';
import { vrm, type CliResult } from '../test/cli.js';
import { booking, shaOf, statement } from '../test/statements.js';

/** `vrm money …` (issue 17): the lists, assigning a booking, rules, and bad input to them. */
const PASSPHRASE = 'my money on the command line';
let dir: string;
const env = { VRM_PASSPHRASE: PASSPHRASE };
const run = (...args: string[]): CliResult => vrm(['--store', join(dir, 'store.db'), ...args], env);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-cli-money-'));
  const store = await createStore(join(dir, 'store.db'), PASSPHRASE);
  const services = createServices(store);
  await services.providers.add({ name: 'Streamline TV' });
  const read = statement([
    booking({
      key: 'ref:1',
      counterpartyName: 'STV LIMITED',
      creditorId: 'DE98ZZZ09999999999',
      amountMinor: -1299,
    }),
    booking({
      key: 'ref:2',
      bookedOn: '2026-02-02',
      counterpartyName: 'STV LIMITED',
      creditorId: 'DE98ZZZ09999999999',
    }),
  ]);
  await services.money.importStatement(read, { name: 'jan.xml', sha256: shaOf(read) });
  await store.close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vrm money', () => {
  it('lists, assigns with a rule, and lists the rules and imports', () => {
    expect(run('money', 'accounts').stdout).toMatch(/DE89370400440532013000/);
    const listed = run('money', 'transactions', '--unmatched');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/-12,99 €|€-12\.99|-€12\.99|12[.,]99/);
    const assigned = run('money', 'assign', '1', 'streamline');
    expect(assigned.stderr).toBe('');
    expect(assigned.stdout).toMatch(/pays Streamline TV/);
    expect(assigned.stdout).toMatch(
      /SEPA creditor identifier DE98ZZZ09999999999 → Streamline TV; 1 other booking matched again/,
    );
    expect(run('money', 'rules').stdout).toMatch(/Streamline TV/);
    expect(run('money', 'imports').stdout).toMatch(/jan\.xml/);
  });

  it('answers bad input in one line with the right exit code', () => {
    const cases: [string[], number, RegExp][] = [
      [['money', 'assign', '9999', 'Streamline TV'], 3, /transaction 9999 does not exist/],
      [['money', 'assign', '1', 'Nobody Ltd'], 3, /no provider with id or name "Nobody Ltd"/],
      [['money', 'assign', 'abc', 'none'], 2, /transaction id must be a positive whole number/],
      [['money', 'rules', 'remove', '9999'], 3, /rule 9999 does not exist/],
      [['money', 'transactions', '--limit', '100000'], 2, /limit: must be at most 500/],
      [['money', 'transactions', '--from', '2026-02-30'], 2, /from: must be a real date/],
    ];
    for (const [args, code, message] of cases) {
      const result = run(...args);
      expect.soft(result.code, args.join(' ')).toBe(code);
      expect.soft(result.stderr, args.join(' ')).toMatch(message);
      expect.soft(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
