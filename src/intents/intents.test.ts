import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, freshStore, type TestStore } from '../test/store.js';
import { readSignedDemand } from './demand.js';

/** Intents (issue 18, point 2): a draft under a persona, published as a signed Demand and as text. */
describe('IntentService', () => {
  let t: TestStore;
  let personaId: number;
  let phone: number;
  beforeEach(async () => {
    t = await freshStore(fixedClock('2026-12-07T10:00:00Z'));
    const { vault, identities, personas } = t.services;
    await vault.add({
      kind: 'name',
      label: 'Name',
      value: { full: 'Alex Morgan', given: 'Alex', family: 'Morgan' },
    });
    phone = (await vault.add({ kind: 'phone', label: 'Mobile', value: { number: '+447400123456' } })).id;
    const home = await vault.add({
      kind: 'postal_address',
      label: 'Home',
      value: { lines: ['14 Quay Street'], locality: 'Bristol', postcode: 'BS1 4DJ', country: 'GB' },
    });
    await identities.addStrategy({ kind: 'catchall', base: 'shop-17.example' });
    personaId = (
      await personas.create({
        displayName: 'Quiet Harbour',
        states: [{ fact: home.id }, { says: 'no claims for 6 years' }],
      })
    ).id;
  });
  afterEach(async () => {
    await t.dispose();
  });

  const carInsurance = () => ({
    persona: personaId,
    category: 'car insurance',
    description: 'Comprehensive cover for a 2019 hatchback, 8,000 miles a year.',
    quantity: { value: 1, unit: 'car' },
    where: 'postcode area BS1',
    from: '2027-01-15',
    until: '2028-01-14',
    budget: { amount: '600,00', currency: 'GBP', per: 'year' as const },
    answerBy: '2026-12-20',
  });

  it('makes a draft under the persona, on PDC-INTENT unless told, with the budget read as the person writes it', async () => {
    const intent = await t.services.intents.create(carInsurance());
    expect(intent).toMatchObject({
      personaName: 'Quiet Harbour',
      status: 'draft',
      budget: { maxMinor: 60000, currency: 'GBP', per: 'year' },
      terms: [expect.objectContaining({ code: 'PDC-INTENT' })],
      answerBy: '2026-12-20',
    });
    expect(intent.identifier).toMatch(/^urn:uuid:[0-9a-f-]{36}$/u);
    expect(intent.alias).toMatch(/@shop-17\.example$/u);
    expect((await t.services.intents.list()).map((i) => i.id)).toEqual([intent.id]);
  });

  it('publishes it as a Demand signed by the persona’s key, never the person’s, and as text', async () => {
    const { intents, keys } = t.services;
    const intent = await intents.create(carInsurance());
    const published = await intents.document(intent.id);
    const persona = await t.services.personas.get(personaId);
    expect(published.kid).toBe(persona.kid);
    expect(published.kid).not.toBe((await keys.ensure()).kid);
    expect(await readSignedDemand(published.jws, published.publicJwk)).toEqual(published.demand);
    expect(published.demand).toMatchObject({
      '@type': 'Demand',
      identifier: intent.identifier,
      areaServed: 'postcode area BS1',
      priceSpecification: { maxPrice: '600.00', priceCurrency: 'GBP' },
    });
    expect(published.text).toContain('- Home: postcode area BS1\n- no claims for 6 years');
    expect(published.text).toContain(`Please send your offer by 2026-12-20 to ${persona.alias}.`);
  });

  it('refuses what would give the person away, or cannot be, with the reason', async () => {
    const { intents } = t.services;
    await expect(
      intents.create({ ...carInsurance(), description: 'Call Alex Morgan on 07400 123456' }),
    ).rejects.toThrow(
      'intent: description gives you away: it holds your name "Alex Morgan". An intent says only what the persona may: leave it out, or attach the fact to the persona generalised',
    );
    await expect(intents.create({ ...carInsurance(), where: '14 Quay Street' })).rejects.toThrow(
      /intent: where gives you away: it holds your postal address/u,
    );
    await expect(intents.create({ ...carInsurance(), answerBy: '2026-12-07' })).rejects.toThrow(
      'intent: answerBy 2026-12-07 is not after today (2026-12-07): give vendors time to answer',
    );
    await expect(intents.create({ ...carInsurance(), until: '2026-12-31' })).rejects.toThrow(
      'intent: until 2026-12-31 is before from 2027-01-15',
    );
    await expect(
      intents.create({ ...carInsurance(), budget: { amount: 'lots', currency: 'GBP' } }),
    ).rejects.toThrow(/intent: budget: /u);
    await expect(intents.create({ ...carInsurance(), terms: ['NO-SUCH-TERMS'] })).rejects.toThrow(
      /NO-SUCH-TERMS/u,
    );
    await expect(intents.create({ ...carInsurance(), persona: 99 })).rejects.toThrow(/persona 99/u);
    await t.services.personas.retire(personaId);
    await expect(intents.create(carInsurance())).rejects.toThrow(/persona Quiet Harbour is retired/u);
    expect(await intents.list()).toEqual([]);
  });

  it('lets the document carry a fact the person allowed in full, and nothing else of theirs', async () => {
    const { intents, personas } = t.services;
    const told = await personas.create({
      displayName: 'Amber Meadow',
      states: [{ fact: phone, full: true }],
    });
    const intent = await intents.create({ ...carInsurance(), persona: told.id });
    const published = await intents.document(intent.id);
    expect(published.text).toContain('- Mobile: +447400123456');
  });
});
