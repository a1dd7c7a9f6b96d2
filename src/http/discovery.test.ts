import { describe, expect, it } from 'vitest';
import { DISCOVERY_ALIAS, seedDiscovery } from '../test/discovery.js';
import { useApiServer } from '../test/http.js';
import { buildOpenApi } from './openapi.js';

/** The discovery routes of the API (issue 16, part 5): the list, adding one, dismissing one. */
const PASSPHRASE = 'who else has my data over http';

interface Listed {
  domain: string;
  name: string;
  leak: boolean;
  dismissed: boolean;
  wroteTo: { address: string; givenTo: { name: string } | null }[];
}

const api = useApiServer('discovery', PASSPHRASE, { seed: seedDiscovery });

describe('the discovery routes', () => {
  it('lists the organisations outside the ledger, the leak flagged', async () => {
    const result = await api.browser.call('GET', '/api/discoveries');
    expect(result.status).toBe(200);
    const listed = result.json<Listed[]>();
    expect(listed.map((o) => [o.domain, o.name, o.leak])).toEqual([
      ['cornershop.example', 'Corner Shop', false],
      ['databroker.example', 'Broker Deals', true],
    ]);
    const leaked = listed[1]?.wroteTo[0];
    expect(leaked?.address).toBe(DISCOVERY_ALIAS);
    expect(leaked?.givenTo?.name).toBe('Acme');
  });

  it('dismisses one and lists it again, and shows the dismissed with all=true', async () => {
    expect((await api.browser.call('POST', '/api/discoveries/databroker.example/dismiss')).status).toBe(200);
    const without = (await api.browser.call('GET', '/api/discoveries')).json<Listed[]>();
    expect(without.map((o) => o.domain)).toEqual(['cornershop.example']);
    const all = (await api.browser.call('GET', '/api/discoveries?all=true')).json<Listed[]>();
    expect(all.find((o) => o.domain === 'databroker.example')?.dismissed).toBe(true);
    expect((await api.browser.call('DELETE', '/api/discoveries/databroker.example/dismiss')).status).toBe(
      200,
    );
    const again = (await api.browser.call('GET', '/api/discoveries')).json<Listed[]>();
    expect(again.map((o) => o.domain)).toContain('databroker.example');
  });

  it('adds one to the providers and answers the provider; refuses what it cannot add, naming why', async () => {
    const added = await api.browser.call('POST', '/api/discoveries/cornershop.example/add');
    expect(added.status).toBe(201);
    const body = added.json<{ provider: { id: number; name: string }; messages: number }>();
    expect(body.provider.name).toBe('Corner Shop');
    expect(body.messages).toBe(2);
    const provider = await api.browser.call('GET', `/api/providers/${String(body.provider.id)}`);
    expect(provider.status).toBe(200);

    const again = await api.browser.call('POST', '/api/discoveries/cornershop.example/add');
    expect(again.status).toBe(409);
    expect(again.json<{ error: { message: string } }>().error.message).toBe(
      `cornershop.example is already in your providers as Corner Shop (provider ${String(body.provider.id)})`,
    );
    const bad = await api.browser.call('POST', `/api/discoveries/${encodeURIComponent('not a domain')}/add`);
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain(
      'domain must be a mail domain such as shop.example',
    );
  });

  it('documents the domain in the path in the OpenAPI document', () => {
    const doc = buildOpenApi() as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const add = doc.paths['/api/discoveries/{domain}/add']?.post;
    expect(add?.parameters).toEqual([expect.objectContaining({ name: 'domain', in: 'path' })]);
  });
});
