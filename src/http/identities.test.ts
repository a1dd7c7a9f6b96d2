import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Browser } from '../test/http.js';
import { startServer, type RunningServer } from './server.js';

let dir: string;
let server: RunningServer;
let browser: Browser;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-http-identities-'));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
  });
  browser = new Browser(server.url);
  await browser.open();
  expect((await browser.call('POST', '/api/store', { passphrase: 'identities over http' })).status).toBe(200);
  expect((await browser.call('POST', '/api/providers', { name: 'Acme Insurance' })).status).toBe(201);
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the identities API', () => {
  it('sets up a strategy, makes an alias for a provider, and recognises it again', async () => {
    const strategy = await browser.call('POST', '/api/alias-strategies', {
      kind: 'catchall',
      base: 'alexmorgan.example',
    });
    expect(strategy.status).toBe(201);
    const made = await browser.call('POST', '/api/identities', { mode: 'alias', provider: 'acme' });
    expect(made.status).toBe(201);
    const identity = made.json<{ id: number; value: string; providerId: number }>();
    expect(identity.value).toMatch(/^acmeinsuranc\.[a-z0-9]{6}@alexmorgan\.example$/);
    const found = await browser.call(
      'GET',
      `/api/identities/recognise?address=${encodeURIComponent(identity.value.toUpperCase())}`,
    );
    expect(found.json()).toMatchObject({ how: 'exact', providerId: identity.providerId });
    expect((await browser.call('GET', `/api/identities/${identity.id}`)).json()).toMatchObject({
      id: identity.id,
    });
    expect((await browser.call('GET', '/api/identities?provider=acme')).json<unknown[]>()).toHaveLength(1);
  });

  it('answers bad input with the field and the reason', async () => {
    const badMode = await browser.call('POST', '/api/identities', { mode: 'pigeon', provider: 'acme' });
    expect(badMode.status).toBe(400);
    expect(badMode.json()).toMatchObject({ error: { code: 'invalid_input' } });
    const badAddress = await browser.call('POST', '/api/identities', {
      mode: 'email',
      provider: 'acme',
      address: 'nope',
    });
    expect(badAddress.status).toBe(400);
    expect(badAddress.json<{ error: { message: string } }>().error.message).toMatch(
      /address: "nope" is not an e-mail/,
    );
    const unknown = await browser.call('POST', '/api/identities', {
      mode: 'email',
      provider: 'No Such Ltd',
      address: 'a@b.example',
    });
    expect(unknown.status).toBe(404);
    const noStrategy = await browser.call('POST', '/api/identities', { mode: 'alias', provider: 'acme' });
    expect(noStrategy.status).toBe(400);
    expect(noStrategy.json<{ error: { message: string } }>().error.message).toMatch(/no alias strategy/);
  });

  it('imports an alias export, lists the bad lines, and confirms a suggestion from the review queue', async () => {
    const csv = [
      'alias,note,enabled,mailboxes',
      'acmeinsurance.k3@simplelogin.com,Acme Insurance,true,me@example.org',
      'broken,row,true,me@example.org',
    ].join('\n');
    const imported = await browser.call('POST', '/api/identities/import', { csv, filename: 'sl.csv' });
    expect(imported.status).toBe(200);
    expect(imported.json()).toMatchObject({
      imported: 1,
      suggested: 1,
      problems: [{ line: 3, message: 'sl.csv: line 3: alias "broken" is not an e-mail address' }],
    });
    const queue = (await browser.call('GET', '/api/identities/review')).json<{ id: number }[]>();
    expect(queue).toHaveLength(1);
    const confirmed = await browser.call('POST', `/api/identities/${queue[0]?.id ?? 0}/confirm`, {});
    expect(confirmed.json()).toMatchObject({ review: 'confirmed', providerId: 1 });
    expect((await browser.call('GET', '/api/identities/review')).json<unknown[]>()).toHaveLength(0);
    const bad = await browser.call('POST', '/api/identities/import', {
      csv: 'who,what\n1,2',
      filename: 'x.csv',
    });
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/^x\.csv: line 1: the header/);
  });
});
