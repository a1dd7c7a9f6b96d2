import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApi } from './openapi.js';
import { Browser } from '../test/http.js';
import { startServer, type RunningServer } from './server.js';

/** A campaign's letter notice over the API (issue 15): the PDF as a download, refusals as JSON. */
let dir: string;
let server: RunningServer;
let browser: Browser;
const items: Record<string, number> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-http-change-letters-'));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    webRoot: fileURLToPath(new URL('../../dist/web/', import.meta.url)),
    clock: () => new Date('2026-03-15T12:00:00Z'),
  });
  browser = new Browser(server.url);
  await browser.open();
  const post = async (path: string, body: unknown) => {
    const answer = await browser.call('POST', path, body);
    expect(answer.status, answer.text).toBeLessThan(300);
    return answer.json<{ id: number }>();
  };
  expect((await browser.call('POST', '/api/store', { passphrase: 'change letters over http' })).status).toBe(
    200,
  );
  await post('/api/facts', { kind: 'name', label: 'name', value: { full: 'Alex Morgan' } });
  const home = await post('/api/facts', {
    kind: 'postal_address',
    label: 'home',
    value: { lines: ['4 Old Mill Lane'], locality: 'Manchester', postcode: 'M4 6AB', country: 'GB' },
    validFrom: '2019-08-01',
  });
  const power = await post('/api/providers', {
    name: 'Northern Power',
    country: 'GB',
    postalAddress: '1 Mill Street\nLeeds\nLS1 2AB',
  });
  const bank = await post('/api/providers', {
    name: 'Harbour Bank',
    country: 'GB',
    privacyEmail: 'privacy@harbour.example',
  });
  await post('/api/accounts', { providerId: power.id, customerNumber: 'NP-4471' });
  for (const provider of [power.id, bank.id])
    await post('/api/disclosures', { provider, facts: [home.id], on: '2020-01-10', purposes: ['service'] });
  const update = await browser.call('PATCH', `/api/facts/${String(home.id)}`, {
    value: { lines: ['12 Cotham Hill'], locality: 'Bristol', postcode: 'BS6 6LA', country: 'GB' },
    validFrom: '2026-02-01',
  });
  expect(update.status, update.text).toBe(200);
  const campaign = (await browser.call('POST', '/api/campaigns', { fact: 'home' })).json<{
    items: { id: number; provider: string }[];
  }>();
  for (const item of campaign.items) items[item.provider] = item.id;
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/campaign-items/:id/letter', () => {
  it('answers the letter notice as a PDF attachment, dated as asked', async () => {
    const result = await browser.call(
      'POST',
      `/api/campaign-items/${String(items['Northern Power'])}/letter`,
      {
        date: '2026-03-16',
      },
    );
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toBe('application/pdf');
    expect(result.headers['content-disposition']).toMatch(
      /^attachment; filename="2026-03-16-letter-northern-power\.pdf"/,
    );
    expect(result.text.startsWith('%PDF-')).toBe(true);
  });

  it('refuses an e-mail item as JSON saying what to do, and a bad date naming the field', async () => {
    const byMail = await browser.call(
      'POST',
      `/api/campaign-items/${String(items['Harbour Bank'])}/letter`,
      {},
    );
    expect(byMail.status).toBe(409);
    expect(byMail.json<{ error: { message: string } }>().error.message).toContain(
      'the notice to Harbour Bank goes by e-mail',
    );
    const badDate = await browser.call(
      'POST',
      `/api/campaign-items/${String(items['Northern Power'])}/letter`,
      {
        date: '16.03.2026',
      },
    );
    expect(badDate.status).toBe(400);
    const { error } = badDate.json<{ error: { details: { path: string }[] } }>();
    expect(error.details.map((d) => d.path)).toEqual(['date']);
  });

  it('is described in the OpenAPI document as a PDF answer', () => {
    const doc = buildOpenApi() as {
      paths: Record<string, { post?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    const route = doc.paths['/api/campaign-items/{id}/letter']?.post;
    expect(Object.keys(route?.responses['200']?.content ?? {})).toEqual(['application/pdf']);
  });

  it('keeps the letter with the provider when the item is marked posted', async () => {
    const id = String(items['Northern Power']);
    const sent = await browser.call('POST', `/api/campaign-items/${id}/sent`, { on: '2026-03-16' });
    expect(sent.status, sent.text).toBe(200);
    expect(sent.json()).toMatchObject({ state: 'sent', sentOn: '2026-03-16' });
    const documents = await browser.call('GET', '/api/documents');
    expect(documents.text).toContain('Letter: Change of address (customer number NP-4471)');
  });
});
