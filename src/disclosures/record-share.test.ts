import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, PARCELPOINT, type TestStore } from '../test/store.js';

describe('recording what was given, and sharing from now on', () => {
  let t: TestStore;
  let home: number;
  let mobile: number;

  beforeEach(async () => {
    t = await freshStore();
    const { providers, vault } = t.services;
    await providers.add({ ...PARCELPOINT, category: 'shop' });
    home = (
      await vault.add({
        kind: 'postal_address',
        label: 'Home',
        value: { lines: ['12 Canal Street'], locality: 'Manchester', postcode: 'M1 3HE', country: 'GB' },
      })
    ).id;
    mobile = (await vault.add({ kind: 'phone', label: 'Mobile', value: { number: '+447911123456' } })).id;
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('records a past disclosure although no policy exists, with what the policy would have said', async () => {
    const { disclosures } = t.services;
    const done = await disclosures.record({
      provider: 'Parcelpoint',
      facts: [home, mobile],
      purposes: ['delivery'],
      on: '2025-06-01',
    });
    expect(done.disclosures).toHaveLength(2);
    expect(done.disclosures[0]).toMatchObject({ disclosedOn: '2025-06-01', policyOverride: null });
    expect(done.evaluation.decisions.map((d) => d.allowed)).toEqual([false, false]);
    expect(done.verdict).toBe(
      'Your policies would refuse “Home” (postal address): no policy covers “Home” (postal address) for Parcelpoint: nothing goes by default; “Mobile” (phone number): no policy covers “Mobile” (phone number) for Parcelpoint: nothing goes by default.',
    );
    expect(done.verdict).not.toMatch(/fact:/);
    expect(await disclosures.list()).toHaveLength(2);
  });

  it('keeps the reason given with a record the policy would have refused', async () => {
    const done = await t.services.disclosures.record({
      provider: 'Parcelpoint',
      facts: [mobile],
      purposes: ['delivery'],
      override: 'the courier needed it',
    });
    expect(done.disclosures[0]?.policyOverride).toBe('the courier needed it');
  });

  it('lets the policy check govern sharing today, naming facts by label and kind', async () => {
    const { disclosures, policies } = t.services;
    await expect(
      disclosures.share({ provider: 'Parcelpoint', facts: [home], purposes: ['delivery'] }),
    ).rejects.toThrow(
      /^the policy check refuses “Home” \(postal address\) \(no policy covers “Home” \(postal address\) for Parcelpoint: nothing goes by default\): change the policy, or share it anyway with your reason$/,
    );
    expect(await disclosures.list()).toHaveLength(0);
    await expect(
      disclosures.share({ provider: 'Parcelpoint', facts: [home], purposes: ['delivery'], on: '2025-01-01' }),
    ).rejects.toThrow(/recorded, not shared/);
    await policies.add({ category: 'shop', facts: ['home'], allow: ['delivery'] });
    const shared = await disclosures.share({
      provider: 'Parcelpoint',
      facts: [home],
      purposes: ['delivery'],
    });
    expect(shared.disclosures).toHaveLength(1);
    expect(shared.verdict).toMatch(/^Your policies allow “Home” \(postal address\) for delivery/);
  });

  it('takes policy facts by label, number or kind, stores them as ids, and names them by label', async () => {
    const { policies, vault } = t.services;
    const policy = await policies.add({
      facts: ['home', String(mobile), 'postal-address', 'E-mail address'],
      allow: ['service'],
    });
    expect(policy.facts).toEqual([`fact:${home}`, `fact:${mobile}`, 'postal_address', 'email']);
    expect(policy.factNames).toEqual([
      '“Home” (postal address)',
      '“Mobile” (phone number)',
      'any postal address',
      'any e-mail address',
    ]);
    const second = await vault.add({ kind: 'phone', label: 'mobile', value: { number: '+447911123457' } });
    await expect(policies.add({ facts: ['Mobile'], allow: ['service'] })).rejects.toThrow(
      `facts: "Mobile" fits 2 facts: ${mobile} “Mobile” (phone number), ${second.id} “mobile” (phone number); name one by its label or number`,
    );
    await expect(policies.add({ facts: ['work'], allow: ['service'] })).rejects.toThrow(
      /facts: no fact is labelled "work"/,
    );
  });
});
