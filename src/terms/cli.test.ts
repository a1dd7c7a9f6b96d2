import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { vrm } from '../test/cli.js';
import type { AgreementExport } from './records.js';

describe('vrm agreement export, countersignature and verify', () => {
  it('writes the record, takes the organisation’s countersignature, and verifies both; refuses tampering', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrm-agreement-cli-'));
    const env = { VRM_HOME: dir, VRM_PASSPHRASE: 'agreement cli passphrase' };
    const run = (...args: string[]) => vrm(args, env);
    const ok = (...args: string[]) => {
      const result = run(...args);
      expect(result.stderr.startsWith('vrm:') ? result.stderr : '', args.join(' ')).toBe('');
      expect(result.code, args.join(' ')).toBe(0);
      return result.stdout;
    };
    const refused = (...args: string[]) => {
      const result = run(...args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      return result.stderr;
    };
    try {
      ok('init');
      ok('provider', 'add', 'Parcelpoint', '--category', 'shop', '--website', 'https://parcelpoint.example');
      ok('agreement', 'proffer', 'parcelpoint', '--terms', 'SD-BASE-DP', '--on', '2026-02-01');
      ok('agreement', 'answer', '1', '--status', 'accepted', '--evidence', 'their e-mail of 3 Feb');

      const file = join(dir, 'agreement-1.json');
      ok('agreement', 'export', '1', '--out', file);
      const exported = JSON.parse(readFileSync(file, 'utf8')) as AgreementExport;
      expect(exported.records.map((r) => r.state)).toEqual(['proffered', 'accepted']);

      // The organisation's side, with nothing but a JOSE library.
      const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
      const orgKey = join(dir, 'parcelpoint.jwk');
      writeFileSync(orgKey, JSON.stringify(await exportJWK(publicKey)));
      const sign = (payload: unknown) =>
        new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
          .setProtectedHeader(exported.countersign.protectedHeader)
          .sign(privateKey);
      const countersignature = join(dir, 'countersignature.jws');

      // Over other bytes: the proffer's hash instead of the acceptance's.
      writeFileSync(
        countersignature,
        await sign({ ...exported.countersign.payload, jwsSha256: 'ab'.repeat(32) }),
      );
      expect(refused('agreement', 'countersignature', '1', countersignature, '--key', orgKey)).toMatch(
        /signs other bytes/,
      );
      // With another key than the organisation's.
      const other = await generateKeyPair('ES256', { extractable: true });
      const otherKey = join(dir, 'other.jwk');
      writeFileSync(otherKey, JSON.stringify(await exportJWK(other.publicKey)));
      writeFileSync(countersignature, `${await sign(exported.countersign.payload)}\n`);
      expect(refused('agreement', 'countersignature', '1', countersignature, '--key', otherKey)).toMatch(
        /does not verify with the organisation's key/,
      );
      expect(refused('agreement', 'countersignature', '1', countersignature)).toMatch(/--key/);

      expect(ok('agreement', 'countersignature', '1', countersignature, '--key', orgKey)).toMatch(
        /Parcelpoint's countersignature of the accepted record verifies/,
      );
      expect(ok('agreement', 'show', '1')).toMatch(/proffered[\s\S]*accepted[\s\S]*Countersignature: /);
      expect(ok('agreement', 'verify', '1')).toMatch(/countersigned by the organisation/);

      ok('agreement', 'export', '1', '--out', file);
      expect(ok('agreement', 'verify', file, '--key', orgKey)).toMatch(
        /Valid: agreement urn:uuid:.+, proffered then accepted[\s\S]*Countersigned by the organisation[\s\S]*same signed record/,
      );
      expect(refused('agreement', 'verify', file, '--key', otherKey)).toMatch(/does not verify/);
      const full = JSON.parse(readFileSync(file, 'utf8')) as AgreementExport;
      const tampered = join(dir, 'tampered.json');
      writeFileSync(
        tampered,
        JSON.stringify({
          ...full,
          terms: { ...full.terms, text: full.terms.text.replace('"profiling":false', '"profiling":true') },
        }),
      );
      expect(refused('agreement', 'verify', tampered)).toMatch(/terms were changed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
