import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../test/http.js';
import { startServer, type RunningServer } from './server.js';

/** The letters routes of the API: the PDF as a download, its refusals as JSON, and the posted record. */
let dir: string;
let server: RunningServer;
let browser: Browser;
let providerId: number;
let factId: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-http-letters-'));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    webRoot: fileURLToPath(new URL('../../dist/web/', import.meta.url)),
    clock: () => new Date('2026-12-07T12:00:00Z'),
  });
  browser = new Browser(server.url);
  await browser.open();
  expect((await browser.call('POST', '/api/store', { passphrase: 'letters over http' })).status).toBe(200);
  await browser.call('POST', '/api/facts', { kind: 'name', label: 'name', value: { full: 'Alex Morgan' } });
  factId = (
    await browser.call('POST', '/api/facts', {
      kind: 'postal_address',
      label: 'home',
      value: { lines: ['12 Harbour Road'], locality: 'Bristol', postcode: 'BS1 4DJ', country: 'GB' },
    })
  ).json<{ id: number }>().id;
  providerId = (
    await browser.call('POST', '/api/providers', {
      name: 'Northern Power',
      country: 'GB',
      postalAddress: '1 Mill Street\nMANCHESTER\nM1 2AB',
    })
  ).json<{ id: number }>().id;
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/providers/:id/letter', () => {
  it('answers the PDF as an attachment', async () => {
    const result = await browser.call('POST', `/api/providers/${String(providerId)}/letter`, {
      from: { factId },
      subject: 'Change of address',
      body: 'I have moved.',
    });
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toBe('application/pdf');
    expect(result.headers['content-disposition']).toMatch(
      /^attachment; filename="2026-12-07-letter-northern-power\.pdf"/,
    );
    expect(result.text.startsWith('%PDF-')).toBe(true);
  });

  it('says which characters it printed as a stand-in', async () => {
    const result = await browser.call('POST', `/api/providers/${String(providerId)}/letter`, {
      from: { factId },
      subject: 'Change of address',
      body: 'Manchester → Bristol',
    });
    expect(result.status).toBe(200);
    expect(decodeURIComponent(String(result.headers['x-vrm-warnings']))).toBe(
      'body: "→" (U+2192) was printed as a plain stand-in',
    );
  });

  it('refuses bad input as JSON naming each field', async () => {
    const result = await browser.call('POST', `/api/providers/${String(providerId)}/letter`, {
      from: { factId: 'nowhere' },
      subject: 'Change of address',
      body: '',
      layout: 'a5',
    });
    expect(result.status).toBe(400);
    const { error } = result.json<{ error: { message: string; details: { path: string }[] } }>();
    expect(error.details.map((d) => d.path)).toEqual(['body', 'layout']);
    expect(error.message).toBe(
      'letter: body must not be empty; layout: must be one of din5008-a, din5008-b, uk',
    );
  });

  it('records a posted letter, and offers the form its choices', async () => {
    const options = await browser.call('GET', `/api/providers/${String(providerId)}/letter`);
    expect(options.json()).toMatchObject({
      recipient: ['Northern Power', '1 Mill Street', 'MANCHESTER', 'M1 2AB'],
      senders: [{ factId, label: 'home' }],
      suggestedFactId: factId,
      layout: 'uk',
    });
    const posted = await browser.call('POST', `/api/providers/${String(providerId)}/letter/posted`, {
      from: { factId },
      subject: 'Change of address',
      body: 'I have moved.',
      postedOn: '2026-12-08',
    });
    expect(posted.status).toBe(200);
    expect(posted.json()).toMatchObject({ interaction: { channel: 'letter', direction: 'outbound' } });
  });
});
