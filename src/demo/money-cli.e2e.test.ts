import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrmAsync, type CliResult } from '../test/cli.js';

/**
 * Issue 17 point 8 on the command line: the money commands the README shows a newcomer, run on
 * the demo store `vrm demo` builds, and the money steps of `vrm tour`.
 */
const TODAY = '2026-11-22';
let dir: string;
const env = { VRM_PASSPHRASE: 'the demo money passphrase', VRM_TODAY: TODAY };
const run = (...args: string[]): Promise<CliResult> =>
  vrmAsync(['--store', join(dir, 'demo.db'), ...args], env);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-demo-money-'));
  const made = await run('demo');
  expect(made.stderr).toBe('');
  expect(made.stdout).toMatch(/\d{3} bank bookings\.$/mu);
}, 180_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the money commands on the demo store', () => {
  it('lists the recurring payments with the price rise, the gym still charging and the forgotten app', async () => {
    const shown = await run('money', 'subscriptions');
    expect(shown.stderr).toBe('');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(
      /^ *\d+\. · Streamline TV: 10\.99 GBP → 12\.99 GBP from \d{1,2} \w+ 2026$/mu,
    );
    expect(shown.stdout).toMatch(/^ *\d+\. ! Anytime membership: 2 payments after the contract ended on /mu);
    expect(shown.stdout).toMatch(
      /^ *\d+\. · TALLYPOD APP: 4\.99 GBP monthly since .*, and no contract for it$/mu,
    );
    expect(shown.stdout).toMatch(/Kestrel Card +yearly +95\.00 GBP/u);
  });

  it('shows the unmatched bookings with the directory’s suggestions', async () => {
    const shown = await run('money', 'transactions', '--unmatched', '--limit', '500');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Marks and Spencer plc');
  });

  it('makes the forgotten app a contract once it has a provider, and its alert goes', async () => {
    const listed = JSON.parse((await run('money', 'subscriptions', '--json')).stdout) as {
      subscriptions: { number: number; label: string }[];
    };
    const app = listed.subscriptions.find((s) => s.label === 'TALLYPOD APP');
    expect(app).toBeDefined();
    expect((await run('provider', 'add', 'Tallypod', '--category', 'software')).code).toBe(0);
    const made = await run('money', 'confirm', String(app?.number), '--provider', 'Tallypod');
    expect(made.stderr).toBe('');
    expect(made.stdout).toMatch(/^Contract \d+ "TALLYPOD APP": 4\.99 GBP, since /u);
    const after = await run('money', 'subscriptions');
    expect(after.stdout).not.toContain('TALLYPOD APP: 4.99 GBP monthly since');
  });
});

describe('vrm tour', () => {
  it('shows the demo’s recurring payments and unmatched bookings', async () => {
    const toured = await vrmAsync(['tour'], { VRM_TODAY: TODAY });
    const store = /^ {2}node bin\/vrm\.js --store (\S+) provider list$/mu.exec(toured.stdout)?.[1];
    if (store) rmSync(dirname(store), { recursive: true, force: true });
    expect(toured.stderr).toBe('');
    expect(toured.code).toBe(0);
    expect(toured.stdout).toContain('$ vrm money subscriptions');
    expect(toured.stdout).toContain('Streamline TV: 10.99 GBP → 12.99 GBP from');
    expect(toured.stdout).toContain('$ vrm money transactions --unmatched --limit 5');
  }, 180_000);
});
