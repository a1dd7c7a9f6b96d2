import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../app.js';
import { createStore } from '../platform/db/store.js';
import { vrm, type CliResult } from '../test/cli.js';
import { fixedClock } from '../test/store.js';
import { seedSubscriptions } from '../test/subscriptions.js';

/** `vrm money case|dismiss|restore` (issue 17, point 3): the alerts on my money, numbered. */
const PASSPHRASE = 'alerts on my money on the command line';
let dir: string;
const env = { VRM_PASSPHRASE: PASSPHRASE, VRM_TODAY: '2026-03-15' };
const run = (...args: string[]): CliResult => vrm(['--store', join(dir, 'store.db'), ...args], env);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-cli-alerts-'));
  const store = await createStore(join(dir, 'store.db'), PASSPHRASE);
  await seedSubscriptions(createServices(store, fixedClock()));
  await store.close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The number `vrm money subscriptions` shows for the alert whose line matches. */
const numberOf = (listing: string, line: RegExp): string => {
  const found = listing.split('\n').find((l) => line.test(l));
  const number = /^\s*(\d+)\./u.exec(found ?? '')?.[1];
  if (number === undefined) throw new Error(`no alert ${String(line)} in:\n${listing}`);
  return number;
};

describe('vrm money alerts', () => {
  it('numbers the alerts, opens a case once, dismisses and restores', () => {
    const listed = run('money', 'subscriptions');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/Streamline TV: 10\.99 EUR → 12\.99 EUR from 14 January 2026/u);
    const charged = numberOf(listed.stdout, /Membership: 2 payments after the contract ended/u);
    expect(listed.stdout).toContain(`\`vrm money case ${charged}\``);

    const opened = run('money', 'case', charged);
    expect(opened.stderr).toBe('');
    expect(opened.stdout).toMatch(
      /^Case \d+ "Charged after the contract ended: Membership" opened with Ironworks Gym, with the 2 payments as evidence/u,
    );
    expect(run('money', 'case', charged).stdout).toMatch(
      /A case was already opened for this alert: case \d+/u,
    );
    expect(run('money', 'subscriptions').stdout).toMatch(/Membership: 2 payments .*\(case \d+ opened\)/u);
    const shown = JSON.parse(run('case', 'list', '--json').stdout) as { title: string }[];
    expect(shown.filter((c) => c.title.startsWith('Charged after'))).toHaveLength(1);

    const rise = numberOf(listed.stdout, /Streamline TV: 10\.99 EUR → 12\.99 EUR/u);
    const dismissed = run('money', 'dismiss', rise);
    expect(dismissed.stdout).toMatch(/^Dismissed: Streamline TV: 10\.99 EUR → 12\.99 EUR/u);
    const after = run('money', 'subscriptions');
    expect(after.stdout).not.toMatch(/10\.99 EUR → 12\.99 EUR/u);
    expect(after.stdout).toMatch(/1 dismissed alert not shown: `vrm money subscriptions --all` shows them/u);
    expect(run('money', 'subscriptions', '--all').stdout).toMatch(/10\.99 EUR → 12\.99 EUR.*\(dismissed\)/u);
    expect(run('money', 'restore', rise).stdout).toMatch(/^Shown again: Streamline TV/u);
    expect(run('money', 'subscriptions').stdout).toMatch(/10\.99 EUR → 12\.99 EUR/u);
  });

  it('shows one recurring payment with the payments it rests on', () => {
    const json = JSON.parse(run('money', 'subscriptions', '--json').stdout) as {
      subscriptions: { number: number; providerName: string | null }[];
    };
    const gym = json.subscriptions.find((s) => s.providerName === 'Ironworks Gym');
    const shown = run('money', 'series', String(gym?.number));
    expect(shown.stderr).toBe('');
    expect(shown.stdout).toMatch(/^Ironworks Gym: 25\.00 EUR monthly\nContract: Membership\nPaid 15 times/u);
    expect(shown.stdout).toMatch(/2026-03-01 +-25\.00 EUR +IRONWORKS GYM 2026-03-01/u);
    expect(shown.stdout).toMatch(/Membership: 2 payments after the contract ended/u);
  });

  it('answers bad input in one line with the right exit code', () => {
    const rise = numberOf(run('money', 'subscriptions').stdout, /10\.99 EUR → 12\.99 EUR/u);
    const cases: [string[], number, RegExp][] = [
      [['money', 'dismiss', '99'], 3, /no alert is known by 99/u],
      [['money', 'series', '99999'], 3, /no recurring payment is known by 99999/u],
      [['money', 'case', rise], 2, /a case can be opened for a charge after a contract ended/u],
      [['money', 'restore', rise], 2, /is not dismissed: nothing to restore/u],
    ];
    for (const [args, code, message] of cases) {
      const result = run(...args);
      expect.soft(result.code, args.join(' ')).toBe(code);
      expect.soft(result.stderr, args.join(' ')).toMatch(message);
      expect.soft(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
