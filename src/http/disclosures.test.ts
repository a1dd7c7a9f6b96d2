import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Browser } from '../test/http.js';
import { ecKeyPair, handMadePackage } from '../test/sd-jwt.js';
import { startServer, type RunningServer } from './server.js';

let dir: string;
let server: RunningServer;
let browser: Browser;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-http-disclosures-'));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
  });
  browser = new Browser(server.url);
  await browser.open();
  expect((await browser.call('POST', '/api/store', { passphrase: 'who knows what over http' })).status).toBe(
    200,
  );
  expect(
    (
      await browser.call('POST', '/api/providers', {
        name: 'Parcelpoint',
        category: 'shop',
        country: 'GB',
        privacyEmail: 'privacy@parcelpoint.example',
        phone: '0113 496 0200',
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await browser.call('POST', '/api/facts', {
        kind: 'email',
        label: 'personal',
        value: { address: 'alex@example.org' },
      })
    ).status,
  ).toBe(201);
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the who-knows-what API', () => {
  it('checks a policy, records a disclosure under terms, shows the matrix, and makes and verifies a package', async () => {
    expect((await browser.call('GET', '/api/terms')).json<unknown[]>()).toHaveLength(6);
    // Sharing from now on is governed by the policies; recording what was given is not.
    const refused = await browser.call('POST', '/api/disclosures/share', {
      provider: 1,
      facts: [1],
      purposes: ['delivery'],
    });
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({
      error: { message: expect.stringMatching(/policy check refuses/) as unknown },
    });

    expect((await browser.call('POST', '/api/policies', { facts: ['*'], allow: ['delivery'] })).status).toBe(
      201,
    );
    const check = await browser.call('POST', '/api/policies/check', {
      provider: 'parcelpoint',
      fields: ['email', 'phone'],
      purposes: ['delivery'],
    });
    expect(check.json()).toMatchObject({ allowed: ['email', 'phone'] });

    const recorded = await browser.call('POST', '/api/disclosures', {
      provider: 1,
      facts: [1],
      purposes: ['delivery'],
      terms: 'SD-BASE',
      channel: 'web',
    });
    expect(recorded.status).toBe(201);
    const receiptId = recorded.json<{ receipt: { receiptId: string } }>().receipt.receiptId;
    const receipts = (await browser.call('GET', '/api/receipts')).json<{ id: number; receiptId: string }[]>();
    expect(receipts.map((r) => r.receiptId)).toEqual([receiptId]);
    const one = await browser.call('GET', `/api/receipts/${receipts[0]?.id ?? 0}`);
    expect(one.json()).toMatchObject({ iso27560: { record_id: receiptId } });
    const jws = one.json<{ jws: string }>().jws;
    const checked = await browser.call('POST', '/api/receipts/verify', { jws });
    expect(checked.status).toBe(200);
    expect(checked.json()).toMatchObject({ valid: true, issuedBy: 'PII Principal' });
    const [h, p, sig] = jws.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...(JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as object),
        sensitive: true,
      }),
    ).toString('base64url');
    const tampered = await browser.call('POST', '/api/receipts/verify', { jws: `${h}.${forged}.${sig}` });
    expect(tampered.status).toBe(400);
    expect(JSON.stringify(tampered.json())).toMatch(/the content was changed after it was signed/);
    expect((await browser.call('GET', '/api/disclosures/matrix')).json()).toMatchObject({
      providers: [{ name: 'Parcelpoint', facts: 1 }],
      cells: [{ providerId: 1, factId: 1, outdated: false }],
    });
    expect((await browser.call('GET', '/api/providers/1/knows')).json()).toMatchObject({
      facts: [{ label: 'personal' }],
    });

    const made = await browser.call('POST', '/api/packages', {
      provider: 1,
      facts: [1],
      terms: 'SD-BASE',
      purposes: ['delivery'],
    });
    expect(made.status).toBe(201);
    const pkg = made.json<{ id: number }>();
    const shown = await browser.call('POST', `/api/packages/${pkg.id}/present`, {});
    const presentation = shown.json<{ sdJwt: string; qrSvg: string; qrPng: string }>();
    expect(presentation.qrSvg).toMatch(/^<svg/);
    expect(presentation.qrPng).toMatch(/^data:image\/png;base64,/);
    const verified = await browser.call('POST', '/api/verify', { sdJwt: presentation.sdJwt });
    expect(verified.json()).toMatchObject({
      valid: true,
      knownKey: true,
      disclosed: { email: 'alex@example.org' },
    });
    // Intact but signed by a stranger's did:jwk: an answer, not an error, and not trusted.
    const stranger = await browser.call('POST', '/api/verify', {
      sdJwt: await handMadePackage(ecKeyPair(), { iat: Math.floor(Date.now() / 1000) - 60 }),
    });
    expect(stranger.status).toBe(200);
    expect(stranger.json()).toMatchObject({
      valid: true,
      trusted: false,
      keySource: 'token',
      knownKey: false,
    });
    const bad = await browser.call('POST', '/api/verify', { sdJwt: `${presentation.sdJwt}x` });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ error: { message: expect.stringMatching(/not valid/) as unknown } });
  });

  it('shows every signed state, exports the record, takes a countersignature and verifies it', async () => {
    const { id } = (
      await browser.call('POST', '/api/agreements', { provider: 'parcelpoint', terms: 'SD-BASE' })
    ).json<{
      id: number;
    }>();
    await browser.call('POST', `/api/agreements/${id}/answer`, { status: 'accepted' });
    const shown = (await browser.call('GET', `/api/agreements/${id}`)).json<{
      records: { state: string }[];
    }>();
    expect(shown.records.map((r) => r.state)).toEqual(['proffered', 'accepted']);
    const exported = (await browser.call('GET', `/api/agreements/${id}/export`)).json<{
      countersign: { payload: Record<string, unknown> };
    }>();
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const key = await exportJWK(publicKey);
    const countersignature = await new CompactSign(
      new TextEncoder().encode(JSON.stringify(exported.countersign.payload)),
    )
      .setProtectedHeader({ alg: 'ES256', typ: 'vrm-agreement-countersignature+jwt' })
      .sign(privateKey);
    const wrong = await browser.call('POST', `/api/agreements/${id}/countersignature`, {
      countersignature: `${countersignature.slice(0, -4)}AAAA`,
      key,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json()).toMatchObject({
      error: { message: expect.stringMatching(/does not verify/) as unknown },
    });
    const signed = await browser.call('POST', `/api/agreements/${id}/countersignature`, {
      countersignature,
      key,
    });
    expect(signed.status).toBe(200);
    expect(signed.json()).toMatchObject({
      records: [{ countersignature: null }, { countersignature: { jws: countersignature } }],
    });
    const record = (await browser.call('GET', `/api/agreements/${id}/export`)).json();
    const verified = await browser.call('POST', '/api/agreements/verify-record', { record, key });
    expect(verified.json()).toMatchObject({
      valid: true,
      countersigned: true,
      countersignerKey: 'given',
      matchesStore: true,
    });
    const bad = await browser.call('POST', '/api/agreements/verify-record', { record: { format: 'other' } });
    expect(bad.status).toBe(400);
  });

  it('proffers terms and records the answer, signed; refuses unknown terms and contradictory policies', async () => {
    const proffered = await browser.call('POST', '/api/agreements', {
      provider: 'parcelpoint',
      terms: 'NoStalking',
    });
    expect(proffered.status).toBe(201);
    const id = proffered.json<{ id: number }>().id;
    const answered = await browser.call('POST', `/api/agreements/${id}/answer`, {
      status: 'accepted',
      evidence: 'by e-mail',
    });
    expect(answered.json()).toMatchObject({ status: 'accepted', termsCode: 'NoStalking' });
    expect((await browser.call('GET', `/api/agreements/${id}/verify`)).json()).toMatchObject({ valid: true });
    const unknown = await browser.call('POST', '/api/agreements', { provider: 1, terms: 'NOPE' });
    expect(unknown.status).toBe(404);
    const contradiction = await browser.call('POST', '/api/policies', {
      facts: ['email'],
      allow: ['marketing'],
      deny: ['marketing'],
    });
    expect(contradiction.status).toBe(400);
    expect(contradiction.json()).toMatchObject({
      error: { message: 'policy contradicts itself: it both allows and denies marketing' },
    });
    // A body the service's own schema refuses is named as the service names it, not as "body".
    const unnamed = await browser.call('POST', '/api/policies', { facts: ['email'], allow: 'marketing' });
    expect(unnamed.status).toBe(400);
    expect(unnamed.json<{ error: { message: string } }>().error.message).toMatch(/^policy: /);
    const rotated = await browser.call('POST', '/api/keys/rotate', {});
    expect(rotated.status).toBe(200);
    expect((await browser.call('GET', '/api/keys/jwks')).json<{ keys: unknown[] }>().keys).toHaveLength(2);
  });
});
