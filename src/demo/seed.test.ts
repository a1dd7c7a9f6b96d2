import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FACT_KINDS } from '../vault/kinds.js';
import { fixedClock, freshStore, type TestStore } from '../test/store.js';
import { seedDemo } from './seed.js';

const TODAY = '2026-11-22';
let t: TestStore;
beforeEach(async () => {
  t = await freshStore(fixedClock(`${TODAY}T12:00:00.000Z`));
});
afterEach(async () => {
  await t.dispose();
});

describe('seedDemo', () => {
  it('fills the store with what its summary says', async () => {
    const summary = await seedDemo(t.services, TODAY);
    const s = t.services;
    expect(summary.providers).toBeGreaterThanOrEqual(28);
    expect((await s.providers.list()).length).toBe(summary.providers);
    expect((await s.accounts.list()).length).toBe(summary.accounts);
    expect((await s.contracts.list({ includeEnded: true })).length).toBe(summary.contracts);
    expect((await s.cases.list()).length).toBe(summary.cases);
    expect((await s.interactions.list()).length).toBe(summary.interactions);
    expect((await s.documents.list()).length).toBe(summary.documents);
    expect((await s.vault.list({ includeRetired: true })).length).toBe(summary.facts);
  });

  it('gives the demo person every kind of fact, and a move in the address history', async () => {
    await seedDemo(t.services, TODAY);
    const facts = await t.services.vault.list({ includeRetired: true });
    expect(new Set(facts.map((f) => f.kind))).toEqual(new Set(FACT_KINDS));
    const home = facts.find((f) => f.kind === 'postal_address');
    expect(home?.history.map((v) => v.summary)).toEqual([
      'Flat 4, 27 Oxford Road, M1 5QA Manchester, GB',
      '12 Cotham Hill, BS6 6LA Bristol, GB',
    ]);
    expect(home?.current.version).toBe(2);
    expect(facts.filter((f) => f.retiredAt !== null)).toHaveLength(1);
  });

  it('gives the demo person renewals to act on, overdue follow-ups and complaints in every state', async () => {
    await seedDemo(t.services, TODAY);
    const s = t.services;
    const renewals = await s.contracts.renewals({ withinDays: 60, asOf: TODAY });
    expect(renewals.filter((r) => r.daysToCancel >= 0).length).toBeGreaterThan(3);
    const followUps = await s.interactions.followUps({ asOf: TODAY });
    expect(followUps.some((f) => f.overdue)).toBe(true);
    expect(followUps.some((f) => !f.overdue)).toBe(true);
    expect(new Set((await s.cases.list()).map((c) => c.status))).toEqual(
      new Set(['open', 'waiting', 'escalated', 'resolved']),
    );
    const channels = new Set((await s.interactions.list()).map((i) => i.channel));
    expect(channels).toEqual(new Set(['email', 'phone', 'letter', 'chat', 'visit', 'web']));
    const statuses = new Set((await s.providers.list()).map((p) => p.status));
    expect(statuses).toEqual(new Set(['active', 'former', 'prospect']));
  });

  it('uses every billing cycle and more than one currency', async () => {
    await seedDemo(t.services, TODAY);
    const contracts = await t.services.contracts.list({ includeEnded: true });
    expect(new Set(contracts.map((c) => c.billingCycle))).toEqual(
      new Set(['weekly', 'monthly', 'quarterly', 'yearly', 'days']),
    );
    const costs = await t.services.contracts.yearlyCosts({ asOf: TODAY });
    expect(costs.totals.map((c) => c.currency)).toEqual(['EUR', 'GBP', 'USD']);
    expect(contracts.some((c) => !c.derived.active)).toBe(true);
  });

  it('refuses to seed a store twice, naming the clash', async () => {
    await seedDemo(t.services, TODAY);
    await expect(seedDemo(t.services, TODAY)).rejects.toThrow(/already exists/);
  });
});
