import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, CompactSign, importJWK, type JWK } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../app.js';
import type { Clock } from '../platform/clock.js';
import { createStore, openStore } from '../platform/db/store.js';
import { freshStore, type TestStore } from '../test/store.js';
import { sqliteConnection } from '../platform/db/sqlite/connection.js';

/** A clock the test moves on: rotation and forged dates are about before and after. */
function movableClock(iso: string): { clock: Clock; set: (iso: string) => void } {
  let now = new Date(iso);
  return { clock: () => new Date(now), set: (next) => (now = new Date(next)) };
}

/** A JWS made outside vrm with a private key someone kept: what a forger would do. */
async function forge(privateJwk: JWK, kid: string, payload: object, header: object = {}): Promise<string> {
  const key = await importJWK(privateJwk, 'ES256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'vrm-test+jwt', ...header })
    .sign(key);
}

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

interface KeyRow {
  kid: string;
  private_jwk: string | null;
  retired_at: string | null;
}

let t: TestStore;
let time: ReturnType<typeof movableClock>;
const rows = (): KeyRow[] =>
  sqliteConnection(t.store)
    .prepare('SELECT kid, private_jwk, retired_at FROM signing_keys ORDER BY id')
    .all() as KeyRow[];

beforeEach(async () => {
  time = movableClock('2026-03-01T09:00:00.000Z');
  t = await freshStore(time.clock);
});
afterEach(async () => {
  await t.dispose();
});

describe('KeyService.rotate', () => {
  it('destroys the retired key’s private half: the store keeps no private key but the current one', async () => {
    const { keys } = t.services;
    const first = await keys.ensure();
    const signed = await keys.sign({ agreed: true }, 'vrm-test+jwt');
    time.set('2026-04-01T09:00:00.000Z');
    const { current, retired } = await keys.rotate();
    time.set('2026-05-01T09:00:00.000Z');
    await keys.rotate();

    const stored = rows();
    expect(stored).toHaveLength(3);
    expect(stored.filter((r) => r.private_jwk !== null).map((r) => r.kid)).toEqual([
      (await keys.ensure()).kid,
    ]);
    expect(stored.filter((r) => r.retired_at !== null).map((r) => r.kid)).toEqual([first.kid, current.kid]);
    expect(retired.map((k) => k.kid)).toEqual([first.kid]);
    // The public half stays: what the first key signed before it was retired still verifies.
    const verified = await keys.verify(signed, { typ: 'vrm-test+jwt' });
    expect(verified).toMatchObject({ kid: first.kid, payload: { agreed: true } });
    expect(verified.signedAt).toBe('2026-03-01T09:00:00.000Z');
    // And nothing of the private half is in the audit log either.
    expect(JSON.stringify(await t.services.audit.list({ entity: 'signing_keys', limit: 50 }))).not.toMatch(
      /private_jwk|"d"/,
    );
  });

  it('is refused by the store itself: a retired key cannot keep a private half', () => {
    expect(() =>
      sqliteConnection(t.store)
        .prepare(
          `INSERT INTO signing_keys (kid, alg, public_jwk, private_jwk, created_at, retired_at)
           VALUES ('x', 'ES256', '{}', '{}', '2026-01-01', '2026-02-01')`,
        )
        .run(),
    ).toThrow(/CHECK constraint/);
  });
});

describe('KeyService.verify and assertKeyValidAt', () => {
  it('refuse a signature dated after its key’s retirement, made with the private key kept from before', async () => {
    const { keys } = t.services;
    const stolen = await keys.signingKey();
    time.set('2026-04-01T09:00:00.000Z');
    await keys.rotate();
    const retiredAt = '2026-04-01T09:00:00.000Z';
    const after = seconds('2026-04-02T00:00:00.000Z');
    const refusal = new RegExp(`key ${stolen.kid}, which was retired on ${retiredAt}`);

    // Dated in the payload (as an SD-JWT is), in the protected header (as vrm signs), or by the caller.
    const inPayload = await forge(stolen.privateJwk, stolen.kid, { iat: after });
    await expect(keys.verify(inPayload)).rejects.toThrow(refusal);
    const inHeader = await forge(stolen.privateJwk, stolen.kid, { x: 1 }, { iat: after });
    await expect(keys.verify(inHeader)).rejects.toThrow(refusal);
    const undated = await forge(stolen.privateJwk, stolen.kid, { x: 1 });
    await expect(keys.verify(undated, { at: '2026-04-01T09:00:01.000Z' })).rejects.toThrow(refusal);
    await expect(keys.assertKeyValidAt(stolen.kid, new Date(after * 1000))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/dated 2026-04-02T00:00:00.000Z/) as unknown,
    });

    // Dated up to its retirement, the same key's signature stands.
    const before = await forge(stolen.privateJwk, stolen.kid, { iat: seconds(retiredAt) });
    expect((await keys.verify(before)).kid).toBe(stolen.kid);
    expect((await keys.assertKeyValidAt(stolen.kid, retiredAt)).retiredAt).toBe(retiredAt);
    // The current key signs now, and is valid now.
    const fresh = await keys.sign({ x: 2 }, 'vrm-test+jwt');
    expect((await keys.verify(fresh)).signedAt).toBe(retiredAt);
    await expect(keys.assertKeyValidAt('no-such-key', retiredAt)).rejects.toThrow(/does not know/);
  });
});

describe('KeyService.jwks', () => {
  it('marks each retired key with vrm_retired_at, and holds no private member', async () => {
    const { keys } = t.services;
    const first = await keys.ensure();
    time.set('2026-04-01T09:00:00.000Z');
    const { current } = await keys.rotate();
    const { keys: set } = await keys.jwks();
    expect(set.map((k) => k.kid)).toEqual([first.kid, current.kid]);
    expect(set[0]).toMatchObject({ kid: first.kid, vrm_retired_at: '2026-04-01T09:00:00.000Z' });
    expect(set[1]).not.toHaveProperty('vrm_retired_at');
    expect(JSON.stringify(set)).not.toMatch(/"d":/);
    expect((await keys.list()).map((k) => [k.current, k.retiredAt])).toEqual([
      [false, '2026-04-01T09:00:00.000Z'],
      [true, null],
    ]);
  });
});

describe('KeyService.issuerKeyFor', () => {
  it('gives each provider a key of its own, kept, never the main key, and left out of the key set', async () => {
    const { keys, providers } = t.services;
    const main = await keys.ensure();
    const acme = await providers.add({ name: 'Acme Energy' });
    const globex = await providers.add({ name: 'Globex Bank' });
    const forAcme = await keys.issuerKeyFor(acme.id);
    const forGlobex = await keys.issuerKeyFor(globex.id);

    expect(new Set([main.kid, forAcme.kid, forGlobex.kid]).size).toBe(3);
    expect(forAcme).toMatchObject({ alg: 'ES256', publicJwk: { kty: 'EC', crv: 'P-256', kid: forAcme.kid } });
    expect(forAcme.privateJwk).toHaveProperty('d');
    expect(forAcme.publicJwk).not.toHaveProperty('d');
    expect((await keys.issuerKeyFor(acme.id)).kid).toBe(forAcme.kid);
    expect((await keys.signingKey()).kid).toBe(main.kid);
    expect((await keys.ensure()).kid).toBe(main.kid);
    expect((await keys.jwks()).keys.map((k) => k.kid)).toEqual([main.kid]);

    // The verifier can tell the keys are the person's, and whose.
    expect(await keys.isIssuerKey(forAcme.kid)).toBe(true);
    expect(await keys.isIssuerKey(main.kid)).toBe(true);
    expect(await keys.isIssuerKey('someone-else')).toBe(false);
    expect(await keys.findKey(forGlobex.kid)).toMatchObject({ providerId: globex.id, current: true });
    expect((await keys.list()).map((k) => k.providerId)).toEqual([null, acme.id, globex.id]);

    // Rotating the person's key leaves the providers' keys as they are.
    await keys.rotate();
    expect((await keys.issuerKeyFor(acme.id)).kid).toBe(forAcme.kid);
    expect(rows().filter((r) => r.private_jwk !== null)).toHaveLength(3);

    // Deleting a provider deletes its key; the others stay.
    await providers.delete(acme.id, { cascade: true });
    expect(await keys.isIssuerKey(forAcme.kid)).toBe(false);
    expect(await keys.isIssuerKey(forGlobex.kid)).toBe(true);
    await expect(keys.issuerKeyFor(9999)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('a store from before retired keys lost their private half', () => {
  it('loses the private half of every retired key when it opens; the current key signs on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrm-keys-upgrade-'));
    try {
      const path = join(dir, 'store.db');
      const old = await createStore(path, 'old store passphrase', { schemaVersion: 4 });
      const insert = sqliteConnection(old).prepare(
        `INSERT INTO signing_keys (kid, alg, public_jwk, private_jwk, created_at, retired_at)
         VALUES (?, 'ES256', ?, ?, '2026-01-01T00:00:00.000Z', ?)`,
      );
      const [a, b] = [await keyPair(), await keyPair()];
      insert.run(a.kid, a.publicJwk, a.privateJwk, '2026-02-01T00:00:00.000Z');
      insert.run(b.kid, b.publicJwk, b.privateJwk, null);
      await old.close();

      const store = await openStore(path, { passphrase: 'old store passphrase' });
      try {
        const stored = sqliteConnection(store)
          .prepare('SELECT kid, private_jwk IS NOT NULL AS private FROM signing_keys ORDER BY id')
          .all();
        expect(stored).toEqual([
          { kid: a.kid, private: 0 },
          { kid: b.kid, private: 1 },
        ]);
        const { keys } = createServices(store);
        expect((await keys.signingKey()).kid).toBe(b.kid);
        expect(
          sqliteConnection(store)
            .prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'signing_keys'`)
            .pluck()
            .get(),
        ).toBe(2);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A key pair as schema 4 stored it: the JWKs as JSON text, the thumbprint as `kid`. */
async function keyPair(): Promise<{ kid: string; publicJwk: string; privateJwk: string }> {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicJwk = publicKey.export({ format: 'jwk' }) as JWK;
  return {
    kid: await calculateJwkThumbprint(publicJwk, 'sha256'),
    publicJwk: JSON.stringify(publicJwk),
    privateJwk: JSON.stringify(privateKey.export({ format: 'jwk' })),
  };
}
