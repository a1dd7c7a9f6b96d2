import { createHash, randomBytes } from 'node:crypto';
import { digest, ES256 } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportStore } from '../backup/export.js';
import { freshStore, PARCELPOINT, type TestStore } from '../test/store.js';

/**
 * How vrm issues signed disclosure packages, read from the bytes it issues rather than through its
 * own verifier: salts that cannot be guessed, decoy digests that hide how many claims there are, an
 * address whose parts disclose one by one, and holder binding with a key-binding JWT (RFC 9901
 * §4.2.1, §4.2.5, §4.3, §9.3).
 */

const b64json = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const digestOf = (disclosure: string): string => createHash('sha256').update(disclosure).digest('base64url');

interface Parsed {
  header: Record<string, unknown>;
  payload: Record<string, unknown> & { _sd?: string[] };
  disclosures: { text: string; salt: string; name: string; value: unknown }[];
  keyBinding: string;
}

function parse(compact: string): Parsed {
  const parts = compact.split('~');
  const jwt = parts[0] ?? '';
  const [h = '', p = ''] = jwt.split('.');
  return {
    header: b64json(h) as Record<string, unknown>,
    payload: b64json(p) as Parsed['payload'],
    disclosures: parts.slice(1, -1).map((text) => {
      const [salt, name, value] = b64json(text) as [string, string, unknown];
      return { text, salt, name, value };
    }),
    keyBinding: parts.at(-1) ?? '',
  };
}

describe('issuing signed disclosure packages', () => {
  let t: TestStore;
  let email: number;
  let address: number;

  beforeAll(async () => {
    t = await freshStore();
    const { providers, vault, policies } = t.services;
    await providers.add({ ...PARCELPOINT, category: 'shop' });
    email = (await vault.add({ kind: 'email', label: 'Personal', value: { address: 'alex@example.org' } }))
      .id;
    address = (
      await vault.add({
        kind: 'postal_address',
        label: 'Home',
        value: { lines: ['12 Canal Street'], locality: 'Manchester', postcode: 'M1 3HE', country: 'GB' },
      })
    ).id;
    await policies.add({ facts: ['*'], allow: ['delivery'] });
  });
  afterAll(async () => {
    await t.dispose();
  });

  const issue = (holderBinding = false) =>
    t.services.packages.issue({
      provider: 'Parcelpoint',
      facts: [email, address],
      terms: 'SD-BASE',
      purposes: ['delivery'],
      holderBinding,
    });

  it('salts every disclosure with 128 random bits, and hides the number of claims among decoy digests', async () => {
    const totals = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const { sdJwt } = await issue();
      const { payload, disclosures } = parse(sdJwt);
      for (const d of disclosures) {
        expect(Buffer.from(d.salt, 'base64url')).toHaveLength(16);
        expect(d.salt).toMatch(/^[\w-]{22}$/);
      }
      // email and address at the top; the address's four parts inside it.
      const top = payload._sd ?? [];
      const addressDisclosure = disclosures.find((d) => d.name === 'address');
      const parts = (addressDisclosure?.value as { _sd?: string[] } | undefined)?._sd ?? [];
      expect(top.length).toBeGreaterThanOrEqual(2 + 2);
      expect(parts.length).toBeGreaterThanOrEqual(4 + 2);
      // Decoys are digests no disclosure has; every disclosure is referenced exactly once.
      const referenced = [...top, ...parts];
      expect(new Set(referenced).size).toBe(referenced.length);
      for (const d of disclosures) expect(referenced).toContain(digestOf(d.text));
      // Digests are in sorted order, so their place tells nothing (RFC 9901 §4.2.4.1).
      expect(top).toEqual([...top].sort());
      totals.add(top.length + parts.length);
    }
    // The number of digests varies from package to package.
    expect(totals.size).toBeGreaterThan(1);
  });

  it('discloses each part of the address on its own', async () => {
    const pkg = await issue();
    expect(pkg.claims.map((c) => c.claim)).toEqual([
      'email',
      'address.street_address',
      'address.locality',
      'address.postal_code',
      'address.country',
    ]);
    expect(pkg.claims.find((c) => c.claim === 'address.locality')).toMatchObject({
      value: 'Manchester',
      factId: address,
    });

    const shown = parse(await t.services.packages.present(pkg.id, ['address.locality', 'address.country']));
    // The address itself (its digests only) and the two parts: not the street, not the postcode.
    expect(shown.disclosures.map((d) => d.name).sort()).toEqual(['address', 'country', 'locality']);
    expect(shown.disclosures.map((d) => d.value)).not.toContain('12 Canal Street');
    expect(shown.disclosures.find((d) => d.name === 'locality')?.value).toBe('Manchester');
    // `address` alone names every part.
    const whole = parse(await t.services.packages.present(pkg.id, ['address']));
    expect(whole.disclosures.map((d) => d.name).sort()).toEqual([
      'address',
      'country',
      'locality',
      'postal_code',
      'street_address',
    ]);
    await expect(t.services.packages.present(pkg.id, ['address.planet'])).rejects.toThrow(
      /has no claim address\.planet; it has email, address\.street_address/,
    );
  });

  it('binds a package to a holder key on request, and presents it with a key-binding JWT for the nonce and audience given', async () => {
    const pkg = await issue(true);
    expect(pkg.holderBinding).toBe(true);
    const { payload } = parse(pkg.sdJwt);
    const cnf = payload.cnf as { jwk: JWK };
    expect(Object.keys(cnf.jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(cnf.jwk).toMatchObject({ kty: 'EC', crv: 'P-256' });

    const presentation = await t.services.packages.present(pkg.id, ['email'], {
      nonce: 'n-0S6_WzA2Mj',
      audience: 'https://parcelpoint.example',
    });
    const { keyBinding } = parse(presentation);
    expect(decodeProtectedHeader(keyBinding)).toEqual({ alg: 'ES256', typ: 'kb+jwt' });
    const { payload: kb } = await jwtVerify(keyBinding, await importJWK(cnf.jwk, 'ES256'), {
      typ: 'kb+jwt',
      audience: 'https://parcelpoint.example',
    });
    expect(kb.nonce).toBe('n-0S6_WzA2Mj');
    // The store's clock: the fixed test day, 2026-03-15 at noon UTC.
    expect(kb.iat).toBe(Date.parse('2026-03-15T12:00:00Z') / 1000);
    // sd_hash covers the issuer-signed JWT and the disclosures chosen, up to the last `~`.
    const signedPart = presentation.slice(0, presentation.length - keyBinding.length);
    expect(kb.sd_hash).toBe(digestOf(signedPart));

    // The holder's private key stays in the store, out of the audit log.
    const audit = await t.store.db.selectFrom('audit_log').select('newValues').execute();
    expect(audit.some((row) => String(row.newValues).includes('holder_key'))).toBe(false);
    // And out of a plain export; an export with secrets keeps it.
    const holderKeys = async (withSecrets: boolean) =>
      (
        await exportStore(t.store.db, t.store.schemaVersion(), { withSecrets })
      ).tables.disclosure_packages.map((row) => row.holderKey);
    const plain = await holderKeys(false);
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.every((k) => k === null)).toBe(true);
    expect((await holderKeys(true)).filter((k) => typeof k === 'string' && k.includes('"d"'))).toHaveLength(
      1,
    );
  });

  it('refuses key binding for a package issued without a holder key, or without both nonce and audience', async () => {
    const plain = await issue();
    expect(plain.holderBinding).toBe(false);
    expect(parse(plain.sdJwt).payload.cnf).toBeUndefined();
    await expect(
      t.services.packages.present(plain.id, ['email'], { nonce: 'abc', audience: 'https://p.example' }),
    ).rejects.toThrow(/was issued without holder binding, so it cannot carry key binding/);
    const bound = await issue(true);
    await expect(
      t.services.packages.present(bound.id, ['email'], { nonce: ' ', audience: 'https://p.example' }),
    ).rejects.toThrow(/needs both the nonce and the audience/);
    // Without a challenge a bound package presents as any other: no key-binding JWT.
    expect(parse(await t.services.packages.present(bound.id, ['email'])).keyBinding).toBe('');
  });
});

describe('issuer keys', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await freshStore();
    const { providers, vault, policies } = t.services;
    for (const name of ['Parcelpoint', 'Harbour Bank']) {
      await providers.add({
        name,
        country: 'GB',
        privacyEmail: `privacy@${name.toLowerCase().replace(' ', '')}.example`,
        phone: '0113 496 0200',
      });
    }
    await vault.add({ kind: 'email', label: 'Personal', value: { address: 'alex@example.org' } });
    await policies.add({ facts: ['*'], allow: ['delivery'] });
  });
  afterAll(async () => {
    await t.dispose();
  });

  const issueFor = (provider: string) =>
    t.services.packages.issue({ provider, facts: [1], terms: 'SD-BASE', purposes: ['delivery'] });

  it('signs for each provider with a key of its own, so two providers cannot link the person by the issuer', async () => {
    const { packages, keys } = t.services;
    const first = parse((await issueFor('Parcelpoint')).sdJwt);
    const second = parse((await issueFor('Harbour Bank')).sdJwt);
    const again = parse((await issueFor('Parcelpoint')).sdJwt);
    expect(first.payload.iss).not.toBe(second.payload.iss);
    expect(first.header.kid).not.toBe(second.header.kid);
    // The same provider sees the same issuer each time.
    expect(again.payload.iss).toBe(first.payload.iss);
    // Neither is the person's published key, nor in the key set they hand out.
    const published = (await keys.jwks()).keys.map(
      (k) =>
        `did:jwk:${Buffer.from(JSON.stringify({ crv: k.crv, kty: k.kty, x: k.x, y: k.y })).toString('base64url')}`,
    );
    expect(published).not.toContain(first.payload.iss);
    expect(published).not.toContain(second.payload.iss);
    // vrm still knows both as the person's own.
    for (const pkg of await packages.list()) {
      expect(await packages.verify(pkg.sdJwt)).toMatchObject({
        trusted: true,
        knownKey: true,
        keySource: 'store',
      });
    }
  });

  it('refuses a package signed with a retired key and dated after its retirement', async () => {
    const { packages, keys } = t.services;
    const old = await keys.signingKey();
    await keys.rotate();
    // A copy of the retired key, kept from before the rotation, signs a package dated today.
    const forger = new SDJwtVcInstance({
      signer: await ES256.getSigner(old.privateJwk),
      signAlg: 'ES256',
      hasher: digest,
      hashAlg: 'sha-256',
      saltGenerator: () => randomBytes(16).toString('base64url'),
    });
    const { kty, crv, x, y } = old.publicJwk;
    const iss = `did:jwk:${Buffer.from(JSON.stringify({ crv, kty, x, y })).toString('base64url')}`;
    const iat = Math.floor(Date.parse('2026-03-15T12:00:00Z') / 1000) + 60;
    const forged = await forger.issue(
      { iss, iat, exp: iat + 86_400, vct: 'urn:vrm:disclosure:1', email: 'alex@example.org' },
      { _sd: ['email'] },
      { header: { kid: `${iss}#0` } },
    );
    await expect(packages.verify(forged, { now: new Date((iat + 120) * 1000) })).rejects.toThrow(
      /the SD-JWT is not valid: signed with key \S+, which was retired on .* a retired key signs nothing new/,
    );
  });
});
