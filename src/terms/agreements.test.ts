import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, CompactSign, exportJWK, generateKeyPair } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../app.js';
import { createStore, openStore } from '../platform/db/store.js';
import { freshStore, type TestStore } from '../test/store.js';
import {
  canonicalJson,
  COUNTERSIGNATURE_TYP,
  sha256Hex,
  termsText,
  type AgreementExport,
} from './records.js';
import { rosterTerms } from './roster.js';
import { sqliteConnection } from '../platform/db/sqlite/connection.js';

/** The payload of a compact JWS, without checking it: for reading what a test signed. */
const payloadOf = (jws: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

/** An organisation's key pair, made as an organisation would, with jose alone. */
async function organisation() {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const sign = (payload: unknown, typ = COUNTERSIGNATURE_TYP) =>
    new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'ES256', typ })
      .sign(privateKey);
  return { jwk, privateJwk: await exportJWK(privateKey), sign };
}

describe('agreements in the IEEE 7012 manner', () => {
  let t: TestStore;

  beforeEach(async () => {
    t = await freshStore();
    await t.services.providers.add({
      name: 'Acme Insurance',
      website: 'https://acme.example',
      domains: ['acme.example'],
    });
    await t.services.providers.add({ name: 'Parcelpoint' });
    await t.services.vault.add({ kind: 'email', label: 'Personal', value: { address: 'alex@example.org' } });
  });
  afterEach(async () => {
    await t.dispose();
  });

  describe('the signed record', () => {
    it('names the agreement by UUID, both parties, the time, and the terms by roster URI and hash', async () => {
      await t.services.identities.addEmail({ provider: 'Acme Insurance', address: 'alex+acme@example.org' });
      const a = await t.services.agreements.proffer({ provider: 'Acme Insurance', terms: 'SD-BASE' });
      const record = payloadOf(a.signed ?? '');
      const sdBase = rosterTerms('SD-BASE');
      expect(record).toMatchObject({
        agreementId: expect.stringMatching(
          /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        ) as unknown,
        status: 'proffered',
        iat: Date.parse('2026-03-15T12:00:00.000Z') / 1000,
        issuedAt: '2026-03-15T12:00:00.000Z',
        firstParty: { id: 'alex+acme@example.org', kind: 'identity' },
        secondParty: { name: 'Acme Insurance', website: 'https://acme.example', domains: ['acme.example'] },
        terms: {
          code: 'SD-BASE',
          uri: 'https://customercommons.org/',
          sha256: sdBase ? sha256Hex(termsText(sdBase)) : 'missing',
          canonicalisation: 'RFC 8785',
        },
        previous: null,
      });
      expect(a.agreementUuid).toBe(record.agreementId);
      // The person's main address never goes into a record.
      expect(a.signed ? JSON.stringify(record) : '').not.toContain('alex@example.org');
    });

    it('names the person by one pseudonym per provider when vrm gave it no identity', async () => {
      const { agreements } = t.services;
      // Recorded by hand as given to Parcelpoint, but it is the person's own address: not an alias.
      await t.services.identities.addEmail({ provider: 'Parcelpoint', address: 'Alex@example.org' });
      const first = payloadOf(
        (await agreements.proffer({ provider: 'Parcelpoint', terms: 'SD-BASE' })).signed ?? '',
      );
      const again = payloadOf(
        (await agreements.proffer({ provider: 'Parcelpoint', terms: 'NoStalking' })).signed ?? '',
      );
      const other = payloadOf(
        (await agreements.proffer({ provider: 'Acme Insurance', terms: 'SD-BASE' })).signed ?? '',
      );
      expect(first.firstParty).toEqual({
        id: expect.stringMatching(/^urn:uuid:/) as unknown,
        kind: 'pseudonym',
      });
      expect(again.firstParty).toEqual(first.firstParty);
      expect(other.firstParty).not.toEqual(first.firstParty);
      expect(again.agreementId).not.toBe(first.agreementId);
    });

    it('hashes the canonical JSON of the terms entry: keys sorted, no spaces', () => {
      expect(canonicalJson({ b: [1, 'x'], a: { d: null, c: true } })).toBe(
        '{"a":{"c":true,"d":null},"b":[1,"x"]}',
      );
      const text = termsText(rosterTerms('SD-BASE-DP') ?? (undefined as never));
      expect(text.startsWith('{"aiTraining":false,"basedOn":null,"code":"SD-BASE-DP"')).toBe(true);
      expect(JSON.parse(text)).toMatchObject({ code: 'SD-BASE-DP', thirdParties: 'processors' });
    });
  });

  describe('every signed state is kept', () => {
    it('keeps the proffer and the answer, each signed, the answer pointing at the proffer', async () => {
      const { agreements } = t.services;
      const a = await agreements.proffer({ provider: 'Acme Insurance', terms: 'SD-BASE', on: '2026-03-01' });
      const proffer = a.signed ?? '';
      await agreements.answer(a.id, { status: 'countered', counterTerms: 'SD-BASE-DP', on: '2026-03-10' });
      const shown = await agreements.show(a.id);
      expect(shown.records.map((r) => r.state)).toEqual(['proffered', 'countered']);
      expect(shown.records[0]?.jws).toBe(proffer);
      const answer = payloadOf(shown.records[1]?.jws ?? '');
      expect(answer).toMatchObject({
        status: 'countered',
        agreementId: a.agreementUuid,
        counterTerms: { code: 'SD-BASE-DP' },
        previous: { state: 'proffered', jwsSha256: sha256Hex(proffer) },
      });
      expect(shown.signed).toBe(shown.records[1]?.jws);
      expect(await agreements.verify(a.id)).toMatchObject({
        valid: true,
        states: ['proffered', 'countered'],
      });
    });

    it('refuses a record whose bytes were changed, and a chain with a record taken out', async () => {
      const { agreements } = t.services;
      const a = await agreements.proffer({ provider: 'Acme Insurance', terms: 'SD-BASE' });
      await agreements.answer(a.id, { status: 'accepted' });
      const raw = sqliteConnection(t.store);
      expect(() =>
        raw.prepare(`UPDATE agreement_records SET jws = 'x.y.z' WHERE agreement_id = ?`).run(a.id),
      ).toThrow(/cannot be changed/);
      // Behind vrm's back, with the guard lifted: the proffer is gone from the chain.
      raw.exec('DROP TRIGGER agreement_records_jws_fixed');
      raw.prepare(`DELETE FROM agreement_records WHERE agreement_id = ? AND state = 'proffered'`).run(a.id);
      await expect(agreements.verify(a.id)).rejects.toThrow(/the accepted record comes first/);
    });

    it('migrates an agreement signed by an older vrm as its one record, and carries on from it', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vrm-agreements-'));
      try {
        const path = join(dir, 'store.db');
        const old = await createStore(path, 'old store passphrase', { schemaVersion: 4 });
        // As an older vrm wrote them, in the schema-4 tables: today's services expect newer ones.
        const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
        const publicJwk = await exportJWK(publicKey);
        const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
        sqliteConnection(old)
          .prepare(
            `INSERT INTO signing_keys (kid, alg, public_jwk, private_jwk, created_at)
             VALUES (?, 'ES256', ?, ?, '2026-02-01T09:00:00.000Z')`,
          )
          .run(kid, JSON.stringify(publicJwk), JSON.stringify(await exportJWK(privateKey)));
        sqliteConnection(old)
          .prepare(
            `INSERT INTO providers (name, status, created_at, updated_at)
             VALUES ('Acme Insurance', 'active', '2026-02-01T09:00:00.000Z', '2026-02-01T09:00:00.000Z')`,
          )
          .run();
        const jws = await new CompactSign(
          new TextEncoder().encode(JSON.stringify({ type: 'agreement', id: 1, status: 'proffered' })),
        )
          .setProtectedHeader({ alg: 'ES256', kid, typ: 'vrm-agreement+jwt' })
          .sign(privateKey);
        sqliteConnection(old)
          .prepare(
            `INSERT INTO agreements (provider_id, terms_code, proffered_on, status, signed, created_at, updated_at)
             VALUES (1, 'SD-BASE', '2026-02-01', 'proffered', ?, '2026-02-01T09:00:00.000Z', '2026-02-01T09:00:00.000Z')`,
          )
          .run(jws);
        await old.close();

        const store = await openStore(path, { passphrase: 'old store passphrase' });
        const upgraded = createServices(store, () => new Date('2026-02-03T09:00:00.000Z'));
        const shown = await upgraded.agreements.show(1);
        expect(shown.records).toMatchObject([
          { state: 'proffered', jws, createdAt: '2026-02-01T09:00:00.000Z' },
        ]);
        expect(shown).toMatchObject({
          agreementUuid: expect.stringMatching(/^urn:uuid:/) as unknown,
          firstPartyKind: 'pseudonym',
        });
        await upgraded.agreements.answer(1, { status: 'accepted' });
        expect(await upgraded.agreements.verify(1)).toMatchObject({ states: ['proffered', 'accepted'] });
        await store.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('countersignature', () => {
    let id: number;
    let exported: AgreementExport;

    beforeEach(async () => {
      const { agreements } = t.services;
      id = (await agreements.proffer({ provider: 'Acme Insurance', terms: 'SD-BASE-DP' })).id;
      await agreements.answer(id, { status: 'accepted', evidence: 'their reply of 15 March' });
      exported = await agreements.exportRecord(id);
    });

    it('exports what the organisation signs, takes its countersignature, and both verify', async () => {
      const org = await organisation();
      const current = exported.records.at(-1)?.jws ?? '';
      expect(exported).toMatchObject({
        format: 'vrm-agreement-record',
        agreementId: expect.stringMatching(/^urn:uuid:/) as unknown,
        countersign: {
          state: 'accepted',
          protectedHeader: { alg: 'ES256', typ: COUNTERSIGNATURE_TYP },
          payload: { agreementId: exported.agreementId, status: 'accepted', jwsSha256: sha256Hex(current) },
        },
        countersignature: null,
      });
      expect(sha256Hex(exported.terms.text)).toBe(exported.terms.sha256);

      const countersignature = await org.sign(exported.countersign.payload);
      const shown = await t.services.agreements.countersign(id, countersignature, org.jwk);
      expect(shown.records.at(-1)?.countersignature).toMatchObject({ jws: countersignature });
      expect(await t.services.agreements.verify(id)).toMatchObject({ countersigned: true });

      const full = await t.services.agreements.exportRecord(id);
      expect(full.countersignature).toMatchObject({ jws: countersignature, key: org.jwk });
      const checked = await t.services.agreements.verifyExport(JSON.parse(JSON.stringify(full)), {
        key: org.jwk,
      });
      expect(checked).toMatchObject({
        valid: true,
        states: ['proffered', 'accepted'],
        countersigned: true,
        countersignerKey: 'given',
        matchesStore: true,
      });
      // The same countersignature again is no change; another one is refused.
      await t.services.agreements.countersign(id, countersignature, org.jwk);
      const again = await org.sign({ ...exported.countersign.payload });
      if (again !== countersignature) {
        await expect(t.services.agreements.countersign(id, again, org.jwk)).rejects.toThrow(
          /countersigned already/,
        );
      }
    });

    it('refuses a countersignature over other bytes', async () => {
      const org = await organisation();
      const proffer = exported.records[0]?.jws ?? '';
      const other = await org.sign({ ...exported.countersign.payload, jwsSha256: sha256Hex(proffer) });
      await expect(t.services.agreements.countersign(id, other, org.jwk)).rejects.toThrow(
        /signs other bytes \(SHA-256 [0-9a-f]{64}\) than the accepted record/,
      );
    });

    it('refuses a countersignature made with another key than the one given', async () => {
      const org = await organisation();
      const impostor = await organisation();
      const signed = await impostor.sign(exported.countersign.payload);
      await expect(t.services.agreements.countersign(id, signed, org.jwk)).rejects.toThrow(
        /does not verify with the organisation's key .+: signed with another key/,
      );
    });

    it("refuses the organisation's private key, and a countersignature of another type", async () => {
      const org = await organisation();
      const signed = await org.sign(exported.countersign.payload);
      await expect(t.services.agreements.countersign(id, signed, org.privateJwk)).rejects.toThrow(
        /holds a private key/,
      );
      const wrongType = await org.sign(exported.countersign.payload, 'JWT');
      await expect(t.services.agreements.countersign(id, wrongType, org.jwk)).rejects.toThrow(
        /of type "JWT"/,
      );
    });

    it('refuses a record file that was changed: a record, the terms text, or the countersignature', async () => {
      const org = await organisation();
      await t.services.agreements.countersign(id, await org.sign(exported.countersign.payload), org.jwk);
      const full = await t.services.agreements.exportRecord(id);
      const copy = (): AgreementExport => JSON.parse(JSON.stringify(full)) as AgreementExport;

      const changedRecord = copy();
      const last = changedRecord.records[1];
      if (last) {
        const [h, p, s] = last.jws.split('.');
        const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
        payload.answeredOn = '2026-01-01';
        last.jws = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
      }
      await expect(t.services.agreements.verifyExport(changedRecord)).rejects.toThrow(
        /the accepted record: the signature does not match/,
      );

      const changedTerms = copy();
      changedTerms.terms.text = changedTerms.terms.text.replace('"tracking":false', '"tracking":true');
      await expect(t.services.agreements.verifyExport(changedTerms)).rejects.toThrow(/terms were changed/);

      const otherKey = await organisation();
      await expect(t.services.agreements.verifyExport(copy(), { key: otherKey.jwk })).rejects.toThrow(
        /does not verify with the organisation's key/,
      );
      expect(await t.services.agreements.verifyExport(copy())).toMatchObject({ countersignerKey: 'file' });
    });
  });
});
