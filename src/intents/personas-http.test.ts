import { describe, expect, it } from 'vitest';
import { useApiServer } from '../test/http.js';

/** The personas API (issue 18): made, read, refused with the reason, retired. */
const api = useApiServer('personas', 'personas over http', {
  seed: async (services) => {
    await services.vault.add({ kind: 'name', label: 'Name', value: { full: 'Alex Morgan' } });
    await services.vault.add({
      kind: 'postal_address',
      label: 'Home',
      value: { lines: ['14 Quay Street'], locality: 'Bristol', postcode: 'BS1 4DJ', country: 'GB' },
    });
    await services.identities.addStrategy({ kind: 'catchall', base: 'shop-17.example' });
  },
});

describe('the personas API', () => {
  it('makes a persona, lists and reads it, and retires it', async () => {
    const made = await api.browser.call('POST', '/api/personas', {
      displayName: 'Patient Heron',
      states: [{ fact: 2, form: 'town' }, { says: 'no claims for 6 years' }],
    });
    expect(made.status).toBe(201);
    const persona = made.json<{ id: number; alias: string; statements: { text: string }[] }>();
    expect(persona.alias).toMatch(/@shop-17\.example$/u);
    expect(persona.statements.map((s) => s.text)).toEqual(['Home: Bristol, GB', 'no claims for 6 years']);
    const list = await api.browser.call('GET', '/api/personas');
    expect(list.json<{ id: number }[]>().map((p) => p.id)).toEqual([persona.id]);
    expect((await api.browser.call('GET', `/api/personas/${persona.id}`)).status).toBe(200);
    const retired = await api.browser.call('POST', `/api/personas/${persona.id}/retire`);
    expect(retired.json<{ retiredAt: string | null }>().retiredAt).not.toBeNull();
  });

  it('answers what would give the person away, or cannot be, with 400 and the reason', async () => {
    const full = await api.browser.call('POST', '/api/personas', { states: [{ fact: 2, form: 'full' }] });
    expect(full.status).toBe(400);
    expect(full.text).toContain(
      'cannot be stated in full: a persona states your facts only in general unless you say so',
    );
    const named = await api.browser.call('POST', '/api/personas', { displayName: 'Alex Morgan' });
    expect(named.status).toBe(400);
    expect(named.text).toContain('the display name gives you away: it holds your name \\"Alex Morgan\\"');
    const odd = await api.browser.call('POST', '/api/personas', { states: [{ fact: 2, form: 'galaxy' }] });
    expect(odd.status).toBe(400);
    expect(odd.text).toContain('form must be one of postcode_area, town, country');
    const both = await api.browser.call('POST', '/api/personas', { states: [{ fact: 2, says: 'hello' }] });
    expect(both.text).toContain('give either fact (a vault fact, with its form) or says (your own words)');
    expect((await api.browser.call('GET', '/api/personas/999')).status).toBe(404);
  });

  it('makes an intent under a persona and answers it as published', async () => {
    const persona = (
      await api.browser.call('POST', '/api/personas', { displayName: 'Northern Compass' })
    ).json<{ id: number }>();
    const made = await api.browser.call('POST', '/api/intents', {
      persona: persona.id,
      category: 'home insurance',
      description: 'Buildings and contents for a flat',
      budget: { amount: '25', currency: 'GBP', per: 'month' },
      answerBy: '2099-01-31',
    });
    expect(made.status).toBe(201);
    const intent = made.json<{ id: number; budget: { maxMinor: number } }>();
    expect(intent.budget.maxMinor).toBe(2500);
    const published = await api.browser.call('GET', `/api/intents/${intent.id}/document`);
    expect(published.status).toBe(200);
    const body = published.json<{
      jws: string;
      demand: { '@type': string };
      text: string;
      publicJwk: { d?: string };
    }>();
    expect(body.demand['@type']).toBe('Demand');
    expect(body.jws.split('.')).toHaveLength(3);
    expect(body.publicJwk.d).toBeUndefined();
    expect(body.text).toContain('Budget: at most 25.00 GBP a month');
    const bad = await api.browser.call('POST', '/api/intents', { persona: persona.id, category: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('description is required');
  });
});
