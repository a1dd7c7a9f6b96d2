import { createHash, generateKeyPairSync } from 'node:crypto';
import { issueSDJWT, verifySDJWT } from '@meeco/sd-jwt';
import { importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';

/**
 * vrm makes SD-JWTs with @sd-jwt/*. These tests check them against an independent
 * implementation, @meeco/sd-jwt, both ways: what vrm issues verifies there, and what that
 * implementation issues verifies in vrm.
 */
const hasher = (data: string): string => createHash('sha256').update(data).digest('base64url');
const getHasher = (alg: string) => {
  if (alg.toLowerCase() !== 'sha-256') throw new Error(`unexpected hash ${alg}`);
  return Promise.resolve(hasher);
};

describe('SD-JWT interoperability with @meeco/sd-jwt', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await freshStore();
    const { providers, vault, policies } = t.services;
    await providers.add({
      name: 'Parcelpoint',
      website: 'https://parcelpoint.example',
      country: 'GB',
      privacyEmail: 'privacy@parcelpoint.example',
      phone: '0113 496 0200',
    });
    await vault.add({ kind: 'email', label: 'Personal', value: { address: 'alex@example.org' } });
    await vault.add({ kind: 'name', label: 'Name', value: { given: 'Alex', family: 'Morgan' } });
    await vault.add({
      kind: 'postal_address',
      label: 'Home',
      value: { lines: ['4 Harbour Road'], locality: 'Bristol', postcode: 'BS1 5TT', country: 'GB' },
    });
    await policies.add({ facts: ['*'], allow: ['delivery'] });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('a presentation vrm makes verifies with @meeco/sd-jwt, showing only the claims disclosed', async () => {
    const { packages, keys } = t.services;
    const pkg = await packages.issue({
      provider: 'Parcelpoint',
      facts: [1, 2, 3],
      terms: 'SD-BASE',
      purposes: ['delivery'],
    });
    const presentation = await packages.present(pkg.id, ['email', 'address']);
    const [publicJwk] = (await keys.jwks()).keys;
    const verifier = async (jwt: string): Promise<boolean> => {
      // The store's clock is fixed at 2026-03-15; the package is valid for 30 days from then.
      const { payload } = await jwtVerify(jwt, await importJWK(publicJwk ?? {}, 'ES256'), {
        currentDate: new Date('2026-03-16T00:00:00Z'),
      });
      return typeof payload.iss === 'string';
    };
    const claims = (await verifySDJWT(presentation, verifier, getHasher)) as Record<string, unknown>;
    expect(claims).toMatchObject({
      vct: 'urn:vrm:disclosure:1',
      email: 'alex@example.org',
      address: {
        street_address: '4 Harbour Road',
        locality: 'Bristol',
        postal_code: 'BS1 5TT',
        country: 'GB',
      },
      terms: { code: 'SD-BASE' },
    });
    expect(claims).not.toHaveProperty('name');
    expect(claims).not.toHaveProperty('given_name');

    // The same check fails there too when the signed part is altered.
    const [jwt = '', ...rest] = presentation.split('~');
    const [h, p, s] = jwt.split('.');
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
    const altered = Buffer.from(JSON.stringify({ ...payload, recipient: { name: 'Someone else' } })).toString(
      'base64url',
    );
    await expect(
      verifySDJWT([`${h}.${altered}.${s}`, ...rest].join('~'), verifier, getHasher),
    ).rejects.toThrow();
  });

  it('an SD-JWT VC made by @meeco/sd-jwt verifies in vrm, and a tampered one is refused with the reason', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicJwk = publicKey.export({ format: 'jwk' }) as JWK;
    const privateJwk = privateKey.export({ format: 'jwk' }) as JWK;
    const did = `did:jwk:${Buffer.from(JSON.stringify({ crv: publicJwk.crv, kty: publicJwk.kty, x: publicJwk.x, y: publicJwk.y })).toString('base64url')}`;
    const signer = async (header: Record<string, unknown>, payload: Record<string, unknown>) => {
      const key = await importJWK(privateJwk, 'ES256');
      const jws = await new SignJWT(payload).setProtectedHeader({ ...header, alg: 'ES256' }).sign(key);
      return jws.split('.').pop() ?? '';
    };
    const now = Math.floor(Date.parse('2026-03-15T12:00:00Z') / 1000);
    const sdjwt = await issueSDJWT(
      { alg: 'ES256', typ: 'dc+sd-jwt', kid: `${did}#0` },
      {
        iss: did,
        iat: now,
        exp: now + 3600,
        vct: 'urn:example:membership',
        member_id: 'M-1234',
        tier: 'gold',
      },
      { _sd: ['member_id', 'tier'] },
      { hash: { alg: 'sha-256', callback: hasher }, signer },
    );
    const verified = await t.services.packages.verify(sdjwt);
    expect(verified).toMatchObject({
      valid: true,
      issuer: did,
      knownKey: false,
      vct: 'urn:example:membership',
      disclosed: { member_id: 'M-1234', tier: 'gold' },
    });
    // With the issuer's key given explicitly, too.
    expect((await t.services.packages.verify(sdjwt, { key: publicJwk })).disclosed).toHaveProperty(
      'tier',
      'gold',
    );

    const [jwt = '', first = ''] = sdjwt.split('~');
    const decoded = JSON.parse(Buffer.from(first, 'base64url').toString()) as [string, string, unknown];
    const swapped = Buffer.from(JSON.stringify([decoded[0], decoded[1], 'platinum'])).toString('base64url');
    await expect(t.services.packages.verify(`${jwt}~${swapped}~`)).rejects.toThrow(
      /tampered with: disclosure 1/,
    );
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      format: 'jwk',
    }) as JWK;
    await expect(t.services.packages.verify(sdjwt, { key: otherKey })).rejects.toThrow(/tampered with/);
  });
});
