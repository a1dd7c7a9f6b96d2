import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../app.js';
import { createStore } from '../platform/db/store.js';
import { vrm, type CliResult } from '../test/cli.js';
import { booking, shaOf, statement } from '../test/statements.js';
import { addStadtwerke } from '../test/subscriptions.js';

/** `vrm money spend` and `vrm money paid` (issue 17, point 4). */
const PASSPHRASE = 'my spend on the command line';
let dir: string;
const env = { VRM_PASSPHRASE: PASSPHRASE, VRM_TODAY: '2026-03-15' };
const run = (...args: string[]): CliResult => vrm(['--store', join(dir, 'store.db'), ...args], env);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-cli-spend-'));
  const store = await createStore(join(dir, 'store.db'), PASSPHRASE);
  const services = createServices(store);
  await addStadtwerke(services);
  const read = statement([
    booking({ key: 'a', bookedOn: '2025-01-15', amountMinor: -6000, counterpartyName: 'Stadtwerke' }),
    booking({ key: 'b', bookedOn: '2025-07-15', amountMinor: -7200, counterpartyName: 'Stadtwerke' }),
    booking({ key: 'c', bookedOn: '2025-03-02', amountMinor: -123_450, counterpartyName: 'Autohaus Berg' }),
  ]);
  await services.money.importStatement(read, { name: 'giro.xml', sha256: shaOf(read) });
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vrm money spend', () => {
  it('prints every month with decimal commas, and the yearly totals', () => {
    const out = run('money', 'spend', '--from', '2025-01', '--to', '2025-12');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^2025-01 +60\.00 EUR +1$/m);
    expect(out.stdout).toMatch(/^2025-02 +0\.00 EUR +0$/m);
    expect(out.stdout).toMatch(/^2025-03 +1,234\.50 EUR +1$/m);
    expect(out.stdout).toMatch(/Each year:\n {2}2025 {2}1,366\.50 EUR/);
  });

  it('groups by provider, the unassigned by payee, and by category', () => {
    const byProvider = run('money', 'spend', '--by', 'provider');
    expect(byProvider.stdout).toMatch(/^Autohaus Berg \(not assigned\) +1,234\.50 EUR/m);
    expect(byProvider.stdout).toMatch(/^Stadtwerke +132\.00 EUR/m);
    const byCategory = run('money', 'spend', '--by', 'category');
    expect(byCategory.stdout).toMatch(/^No category +1,234\.50 EUR/m);
    expect(byCategory.stdout).toMatch(/^energy +132\.00 EUR/m);
  });

  it('answers JSON, and a bad option with one line naming it', () => {
    const json = JSON.parse(run('money', 'spend', '--json').stdout) as { currencies: { currency: string }[] };
    expect(json.currencies.map((c) => c.currency)).toEqual(['EUR']);
    const bad = run('money', 'spend', '--from', 'March');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/from: must be a month as YYYY-MM/);
  });
});

describe('vrm money paid', () => {
  it('compares each contract with what was paid, in words', () => {
    const out = run('money', 'paid', '--from', '2025-01', '--to', '2025-12');
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(
      /Strom +Stadtwerke +half-yearly +120.00 EUR +132.00 EUR +Paid 12.00 EUR more than the contract says/,
    );
  });
});

describe('vrm money payments', () => {
  it("lists a provider's payments and each year's total", () => {
    const out = run('money', 'payments', 'Stadtwerke');
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(/^2025-07-15 +-72\.00 EUR /m);
    expect(out.stdout).toMatch(/each year:\n {2}2025 {2}132\.00 EUR/);
  });
});
