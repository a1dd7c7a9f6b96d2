import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { issueSDJWT, verifySDJWT } from '@meeco/sd-jwt';
import { CompactSign, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VrmError } from '../platform/errors.js';
import { b64json, ecKeyPair, handMadePackage } from '../test/sd-jwt.js';
import { freshStore, PARCELPOINT, type TestStore } from '../test/store.js';

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
    await providers.add({ ...PARCELPOINT });
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
    // The provider takes the issuer's key from its did:jwk, as any verifier can; it is the key vrm
    // made for this provider, not the person's published one.
    const iss = (
      JSON.parse(Buffer.from(presentation.split('.')[1] ?? '', 'base64url').toString()) as { iss: string }
    ).iss;
    const publicJwk = JSON.parse(Buffer.from(iss.slice('did:jwk:'.length), 'base64url').toString()) as JWK;
    expect((await keys.jwks()).keys.map((k) => k.x)).not.toContain(publicJwk.x);
    const verifier = async (jwt: string): Promise<boolean> => {
      // The store's clock is fixed at 2026-03-15; the package is valid for 30 days from then.
      const { payload } = await jwtVerify(jwt, await importJWK(publicJwk, 'ES256'), {
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

  it('an SD-JWT VC by @meeco/sd-jwt with nested claims, array elements, recursion, decoys and sha-512 verifies in vrm in full', async () => {
    const issuer = ecKeyPair();
    // The header exactly as @meeco/sd-jwt encodes it (its member order), or the signature breaks.
    const signer = async (header: Record<string, unknown>, payload: Record<string, unknown>) =>
      (
        await new CompactSign(Buffer.from(JSON.stringify(payload)))
          .setProtectedHeader(header as { alg: 'ES256' })
          .sign(await importJWK(issuer.privateJwk, 'ES256'))
      )
        .split('.')
        .pop() ?? '';
    const sha512 = (data: string): string => createHash('sha512').update(data).digest('base64url');
    const now = Math.floor(Date.parse('2026-03-15T12:00:00Z') / 1000);
    const claims = {
      given_name: 'Alex',
      address: { street_address: '4 Harbour Road', locality: 'Bristol', country: 'GB' },
      nationalities: ['GB', 'IE', 'FR'],
      memberships: [{ club: 'Rowing', since: 2019 }, 'Library'],
    };
    const sdjwt = await issueSDJWT(
      { alg: 'ES256', typ: 'dc+sd-jwt' },
      { iss: issuer.did, iat: now, exp: now + 3600, vct: 'urn:example:person', ...claims },
      {
        _sd: ['given_name', 'address', 'nationalities'],
        _sd_decoy: 2,
        address: { _sd: ['street_address', 'locality'], _sd_decoy: 1 },
        nationalities: { _sd: [0, 1, 2] },
        memberships: { _sd: [1], 0: { _sd: ['since'] } },
      },
      { hash: { alg: 'sha-512', callback: sha512 }, signer },
    );
    const verified = await t.services.packages.verify(sdjwt, { key: issuer.publicJwk });
    expect(verified).toMatchObject({ trusted: true, keySource: 'given', knownKey: false });
    expect(verified.claims).toEqual({
      iss: issuer.did,
      iat: now,
      exp: now + 3600,
      vct: 'urn:example:person',
      ...claims,
    });
    expect(verified.withheld).toBe(3);
    // Without the key, the same token is intact but its signer unknown: not trusted.
    expect(await t.services.packages.verify(sdjwt)).toMatchObject({ trusted: false, keySource: 'token' });

    // Only some of them: one nationality, the street without the locality.
    const parts = sdjwt.split('~');
    const decoded = (d: string) => JSON.parse(Buffer.from(d, 'base64url').toString()) as unknown[];
    const keep = parts.slice(1, -1).filter((d) => {
      const [, a, b] = decoded(d);
      return (
        a === 'address' || a === 'nationalities' || a === 'street_address' || (b === undefined && a === 'IE')
      );
    });
    const some = await t.services.packages.verify(`${[parts[0], ...keep].join('~')}~`, {
      key: issuer.publicJwk,
    });
    expect(some.claims).toMatchObject({
      address: { street_address: '4 Harbour Road', country: 'GB' },
      nationalities: ['IE'],
      memberships: [{ club: 'Rowing' }],
    });
    expect(some.claims).not.toHaveProperty('given_name');
  });

  it('the examples of RFC 9901 verify with its key in the sd-jwt profile, with key binding where they have it', async () => {
    const fixture = (name: string) =>
      JSON.parse(readFileSync(new URL(`./fixtures/rfc9901/${name}.json`, import.meta.url), 'utf8')) as {
        presentation: string;
        processed: unknown;
        keyBinding?: { nonce: string; aud: string; iat: number };
        jwk: unknown;
      };
    const key = fixture('issuer-key').jwk;
    for (const name of ['example-5', 'example-a1', 'example-a3']) {
      const example = fixture(name);
      const kb = example.keyBinding;
      const verified = await t.services.packages.verify(example.presentation, {
        key,
        profile: 'sd-jwt',
        ...(kb ? { nonce: kb.nonce, audience: kb.aud, now: new Date((kb.iat + 30) * 1000) } : {}),
      });
      expect(verified.claims, name).toEqual(example.processed);
      expect(verified.trusted).toBe(true);
    }
  });

  it('refuses what the old verifier took: a forged key-binding JWT, a duplicate disclosure, a nested forgery', async () => {
    const { packages } = t.services;
    const issuer = ecKeyPair();
    const holder = ecKeyPair();
    const text = await handMadePackage(issuer, { claims: { cnf: { jwk: holder.publicJwk } } });
    const sdHash = createHash('sha256').update(text).digest('base64url');
    const kb = async (key: JWK) =>
      new SignJWT({
        nonce: 'n',
        aud: 'https://shop.example',
        iat: Math.floor(Date.parse('2026-03-15T12:00:00Z') / 1000),
        sd_hash: sdHash,
      })
        .setProtectedHeader({ alg: 'ES256', typ: 'kb+jwt' })
        .sign(await importJWK(key, 'ES256'));
    const options = { key: issuer.publicJwk };
    expect(
      (await packages.verify(`${text}${await kb(holder.privateJwk)}`, options)).keyBinding,
    ).toMatchObject({ nonce: 'n' });
    await expect(packages.verify(`${text}${await kb(issuer.privateJwk)}`, options)).rejects.toThrow(
      /tampered with: the signature of the key-binding JWT/,
    );
    await expect(packages.verify(text, { ...options, nonce: 'n' })).rejects.toThrow(/no key-binding JWT/);
    const [jwt = '', disclosure = ''] = text.split('~');
    await expect(packages.verify(`${jwt}~${disclosure}~${disclosure}~`, options)).rejects.toThrow(
      /disclosure 2 is the same as disclosure 1/,
    );
    // A claim whose digest sits in an array: an element disclosure cannot stand for it.
    const element = b64json(['c2FsdA', 'mallory@example.org']);
    const nested = await handMadePackage(issuer, {
      claims: { _sd: [], emails: [{ '...': createHash('sha256').update(element).digest('base64url') }] },
    });
    expect((await packages.verify(`${nested.split('~')[0]}~${element}~`, options)).claims).toMatchObject({
      emails: ['mallory@example.org'],
    });
  });

  it('refuses a key that is null, not an object, private or off its curve, and a did:jwk without a curve', async () => {
    const { packages } = t.services;
    const issuer = ecKeyPair();
    const text = await handMadePackage(issuer);
    const { x } = issuer.publicJwk as { x: string };
    for (const [key, reason] of [
      [null, /the key given is not a JSON Web Key/],
      [42, /the key given is not a JSON Web Key/],
      [issuer.privateJwk, /the key given is a private key/],
      [{ ...issuer.publicJwk, y: x }, /the key given is not a point on curve P-256/],
    ] as [unknown, RegExp][]) {
      const error = await packages.verify(text, { key }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VrmError);
      expect((error as VrmError).message).toMatch(reason);
    }
    const badDid = await handMadePackage({ ...issuer, did: `did:jwk:${b64json({ kty: 'EC', x })}` });
    await expect(packages.verify(badDid)).rejects.toThrow(
      /the key in the issuer's did:jwk is on curve \(none\)/,
    );
  });

  it("a token whose kid names this store's DID but whose key is another is not trusted", async () => {
    const [own] = (await t.services.keys.jwks()).keys;
    const { kty, crv, x, y } = own ?? {};
    const ownDid = `did:jwk:${b64json({ crv, kty, x, y })}`;
    const stranger = ecKeyPair();
    const text = await handMadePackage(stranger, { header: { kid: `${ownDid}#0` } });
    expect(await t.services.packages.verify(text)).toMatchObject({ trusted: false, knownKey: false });
    // Claiming the store's DID as issuer while signing with another key is a forgery.
    const claimed = await handMadePackage({ ...stranger, did: ownDid });
    await expect(t.services.packages.verify(claimed)).rejects.toThrow(/tampered with/);
  });
});
