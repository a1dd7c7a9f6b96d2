import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';

/** Personas (issue 18, point 1): their own alias, name and key, saying only what the person attaches. */
describe('PersonaService', () => {
  let t: TestStore;
  let home: number;
  let licence: number;
  let born: number;
  let phone: number;
  beforeEach(async () => {
    t = await freshStore();
    const { vault, identities } = t.services;
    await vault.add({
      kind: 'name',
      label: 'Name',
      value: { full: 'Alex Morgan', given: 'Alex', family: 'Morgan' },
    });
    await vault.add({ kind: 'email', label: 'Mail', value: { address: 'alex@alexmorgan.example' } });
    phone = (await vault.add({ kind: 'phone', label: 'Mobile', value: { number: '+447400123456' } })).id;
    home = (
      await vault.add({
        kind: 'postal_address',
        label: 'Home',
        value: { lines: ['14 Quay Street'], locality: 'Bristol', postcode: 'BS1 4DJ', country: 'GB' },
      })
    ).id;
    licence = (
      await vault.add({
        kind: 'identity_document',
        label: 'Driving licence',
        value: {
          document_type: 'driving_licence',
          number: 'MORGA801234AB9CD',
          issuer: 'DVLA',
          issued_on: '2012-05-03',
        },
      })
    ).id;
    born = (await vault.add({ kind: 'date', label: 'Date of birth', value: { date: '1985-09-12' } })).id;
    await identities.addStrategy({ kind: 'plus', base: 'alex@alexmorgan.example', isDefault: true });
    await identities.addStrategy({ kind: 'catchall', base: 'shop-17.example' });
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('makes a persona with an alias, a name and a key of its own, stating facts generalised', async () => {
    const { personas, keys } = t.services;
    const persona = await personas.create({
      displayName: 'Quiet Harbour',
      pickup: 'PO Box 4471, Bristol BS99 1AA',
      states: [
        { fact: home },
        { fact: licence, form: 'held_since' },
        { fact: born, form: 'year' },
        { says: 'no claims for 6 years' },
      ],
    });
    expect(persona).toMatchObject({
      displayName: 'Quiet Harbour',
      pickup: 'PO Box 4471, Bristol BS99 1AA',
      canSign: true,
      retiredAt: null,
      shownTo: [],
    });
    // On the catch-all domain, not a plus tag on the person's mailbox, though that is the default.
    expect(persona.alias).toMatch(/^quietharbour\.[a-z0-9]{6}@shop-17\.example$/u);
    expect(persona.statements.map((s) => s.text)).toEqual([
      'Home: postcode area BS1',
      'Driving licence: holds a driving licence since 2012',
      'Date of birth: 1985',
      'no claims for 6 years',
    ]);
    expect(persona.statements.every((s) => s.generalised)).toBe(true);
    // Its key is its own: not the person's main key, not another persona's.
    const main = await keys.ensure();
    expect(persona.kid).not.toBe(main.kid);
    expect(persona.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: persona.kid, alg: 'ES256' });
    expect(persona.publicJwk).not.toHaveProperty('d');
    const other = await personas.create({});
    expect(other.kid).not.toBe(persona.kid);
    expect(other.displayName).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{2}$/u);
    expect(other.alias).not.toBe(persona.alias);
    expect((await personas.list()).map((p) => p.id)).toEqual([persona.id, other.id]);
    // Its alias is an identity of the person's, given to no provider.
    const alias = await t.services.identities.get(persona.identityId);
    expect(alias).toMatchObject({ value: persona.alias, providerId: null, kind: 'email' });
  });

  it('states a fact in full only on the person’s word', async () => {
    const { personas } = t.services;
    await expect(personas.create({ states: [{ fact: phone, form: 'full' }] })).rejects.toThrow(
      'your phone number "Mobile" cannot be stated in full: a persona states your facts only in general unless you say so; to state this one in full, say so (full: true, or --full), or state it as country',
    );
    const told = await personas.create({ states: [{ fact: phone, full: true }] });
    expect(told.statements).toEqual([
      { factId: phone, form: 'full', text: 'Mobile: +447400123456', generalised: false },
    ]);
  });

  it('refuses a name, pickup or words of the person’s own that give the person away, and makes nothing', async () => {
    const { personas } = t.services;
    await expect(personas.create({ displayName: 'Alex Morgan' })).rejects.toThrow(
      'persona: the display name gives you away: it holds your name "Alex Morgan"',
    );
    await expect(personas.create({ pickup: '14 Quay Street, Bristol' })).rejects.toThrow(
      /the pickup address gives you away: it holds your postal address/u,
    );
    await expect(personas.create({ states: [{ says: 'call me on 07400 123456' }] })).rejects.toThrow(
      'persona: statement 1 ("call me on 07400 123456") gives you away: it holds your phone number +447400123456. A persona states your facts only generalised, from the vault: leave it out, or state the fact with a form',
    );
    await expect(personas.create({ states: [{ says: 'write to alex@alexmorgan.example' }] })).rejects.toThrow(
      /gives you away: it holds your e-mail address alex@alexmorgan\.example/u,
    );
    expect(await personas.list()).toEqual([]);
    expect(await t.services.identities.list()).toEqual([]);
  });

  it('makes an alias only on a catch-all domain that does not name the person', async () => {
    const { personas, identities } = t.services;
    await expect(personas.create({ strategy: 'plus' })).rejects.toThrow(
      /an alias of a persona is made on a catch-all domain, and none is set up \(strategy \d+ adds a plus tag to your own mailbox, alex@alexmorgan\.example, which would give you away\)/u,
    );
    const named = await identities.addStrategy({ kind: 'catchall', base: 'morgan-family.example' });
    await expect(personas.create({ strategy: named.id })).rejects.toThrow(
      /persona: its alias [a-z0-9.-]+@morgan-family\.example gives you away: it holds your name "Alex Morgan"/u,
    );
    expect(await personas.list()).toEqual([]);
  });

  it('names what is wrong with the input', async () => {
    const { personas } = t.services;
    await expect(personas.create({ states: [{ fact: born, form: 'town' }] })).rejects.toThrow(
      /your date "Date of birth" cannot be stated as the town only: a date can be stated as year/u,
    );
    await expect(personas.create({ states: [{ fact: 999 }] })).rejects.toThrow(/fact 999/u);
    await expect(personas.create({ displayName: '' })).rejects.toThrow(/displayName must not be empty/u);
    await personas.create({ displayName: 'Amber Meadow' });
    await expect(personas.create({ displayName: 'Amber Meadow' })).rejects.toThrow(
      'persona: there is a persona called "Amber Meadow" already: choose another name',
    );
  });

  it('retires a persona once, keeping its alias', async () => {
    const { personas } = t.services;
    const persona = await personas.create({ displayName: 'Hidden Beacon' });
    const retired = await personas.retire(persona.id);
    expect(retired.retiredAt).not.toBeNull();
    expect(retired.alias).toBe(persona.alias);
    await expect(personas.retire(persona.id)).rejects.toThrow(/was retired already/u);
    await expect(personas.get(4242)).rejects.toThrow(/persona 4242/u);
  });
});
