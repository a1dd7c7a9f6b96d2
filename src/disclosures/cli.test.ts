import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vrm } from '../test/cli.js';
import { ecKeyPair, handMadePackage } from '../test/sd-jwt.js';

describe('vrm policy, disclosure, agreement, package, verify, receipt and keys', () => {
  it('records disclosures under terms, shows who knows what, and makes and verifies a signed package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrm-disclosure-cli-'));
    const env = { VRM_HOME: dir, VRM_PASSPHRASE: 'disclosure cli passphrase' };
    const run = (...args: string[]) => vrm(args, env);
    const ok = (...args: string[]) => {
      const result = run(...args);
      expect(result.stderr.startsWith('vrm:') ? result.stderr : '', args.join(' ')).toBe('');
      expect(result.code, args.join(' ')).toBe(0);
      return result.stdout;
    };
    try {
      ok('init');
      ok(
        'provider',
        'add',
        'Parcelpoint',
        '--category',
        'shop',
        '--country',
        'GB',
        '--privacy-email',
        'privacy@parcelpoint.example',
        '--phone',
        '0113 496 0200',
      );
      ok('fact', 'add', 'email', 'alex@example.org', '--label', 'personal');
      ok(
        'fact',
        'add',
        'postal-address',
        '--label',
        'home',
        '--line',
        '12 Canal Street',
        '--locality',
        'Manchester',
        '--postcode',
        'M1 3HE',
        '--country',
        'GB',
        '--valid-from',
        '2024-01-01',
      );

      // Nothing goes by default, and the check says why.
      expect(ok('policy', 'check', 'parcelpoint', '--fields', 'email', '--purpose', 'delivery')).toMatch(
        /any e-mail address +NO +no policy covers any e-mail address for Parcelpoint/,
      );
      const refused = run(
        'disclosure',
        'share',
        'parcelpoint',
        '--facts',
        'personal',
        '--purpose',
        'delivery',
      );
      expect(refused.code).toBe(4);
      expect(refused.stderr).toMatch(/^vrm: the policy check refuses “personal” \(e-mail address\) /);
      const contradiction = run(
        'policy',
        'add',
        '--facts',
        'email',
        '--allow',
        'marketing',
        '--deny',
        'marketing',
      );
      expect(contradiction.stderr).toBe(
        'vrm: policy contradicts itself: it both allows and denies marketing\n',
      );

      ok(
        'policy',
        'add',
        '--category',
        'shop',
        '--facts',
        'email,postal_address',
        '--allow',
        'delivery,service',
      );
      expect(
        ok(
          'disclosure',
          'record',
          'parcelpoint',
          '--facts',
          '1,2',
          '--purpose',
          'delivery',
          '--terms',
          'SD-BASE',
          '--on',
          '2024-02-01',
        ),
      ).toMatch(
        /Recorded 2 disclosure\(s\) to Parcelpoint on 2024-02-01 under SD-BASE[\s\S]*Consent receipt /,
      );
      ok('fact', 'update', '2', '--line', '4 Harbour Road', '--locality', 'Bristol', '--postcode', 'BS1 5TT');
      expect(ok('disclosure', 'fact', '2')).toMatch(/Parcelpoint +v1 +12 Canal Street.*OUTDATED/);
      const matrix = JSON.parse(ok('disclosure', 'matrix', '--json')) as { cells: { outdated: boolean }[] };
      expect(matrix.cells.map((c) => c.outdated).sort()).toEqual([false, true]);

      const receipt = JSON.parse(ok('receipt', 'export', '1', '--format', 'iso27560')) as Record<
        string,
        unknown
      >;
      expect(receipt).toMatchObject({ notice: { notice_id: 'SD-BASE' }, event: { type: 'given' } });

      // A receipt held anywhere verifies from a file, from standard input, or with the public key given.
      const jwsFile = join(dir, 'receipt.jws');
      ok('receipt', 'export', '1', '--format', 'jws', '--out', jwsFile);
      expect(ok('receipt', 'verify', jwsFile)).toMatch(
        /^Valid consent receipt \(Kantara CR v1\.1\): signed by one of your keys, issued by the person \(PII principal\)[\s\S]*to \(PII controller\): +Parcelpoint[\s\S]*tel:\+441134960200[\s\S]*delivery \[3 - Delivery\]/,
      );
      const jws = readFileSync(jwsFile, 'utf8');
      const fromStdin = vrm(['receipt', 'verify', '-', '--json'], env, jws);
      expect(fromStdin.code).toBe(0);
      expect(JSON.parse(fromStdin.stdout)).toMatchObject({ valid: true, issuedBy: 'PII Principal' });
      const keyFile = join(dir, 'key.jwk');
      const jwks = JSON.parse(ok('keys', 'export')) as { keys: object[] };
      writeFileSync(keyFile, JSON.stringify(jwks.keys[0]));
      expect(ok('receipt', 'verify', jwsFile, '--key', keyFile)).toMatch(/signed by the key given/);
      const [rh, rp, rs] = jws.trim().split('.');
      const changed = JSON.parse(Buffer.from(rp ?? '', 'base64url').toString()) as Record<string, unknown>;
      const forgedReceipt = Buffer.from(JSON.stringify({ ...changed, jurisdiction: 'US' })).toString(
        'base64url',
      );
      writeFileSync(join(dir, 'forged.jws'), `${rh}.${forgedReceipt}.${rs}`);
      const forgedRun = run('receipt', 'verify', join(dir, 'forged.jws'));
      expect(forgedRun.code).toBe(2);
      expect(forgedRun.stderr).toMatch(/the content was changed after it was signed/);

      ok('agreement', 'proffer', 'parcelpoint', '--terms', 'SD-BASE-DP', '--on', '2024-02-01');
      expect(
        ok('agreement', 'answer', '1', '--status', 'accepted', '--evidence', 'their e-mail of 3 Feb'),
      ).toMatch(/Parcelpoint accepted SD-BASE-DP/);
      expect(ok('agreement', 'verify', '1')).toMatch(/signature is valid/);

      const sdjwt = join(dir, 'package.sdjwt');
      const qr = join(dir, 'package.png');
      const bundle = join(dir, 'bundle.json');
      ok(
        'package',
        'new',
        'parcelpoint',
        '--facts',
        '1,2',
        '--terms',
        'SD-BASE',
        '--purpose',
        'delivery',
        '--out',
        sdjwt,
        '--qr',
        qr,
        '--bundle',
        bundle,
      );
      expect(readFileSync(qr).subarray(1, 4).toString()).toBe('PNG');
      expect(JSON.parse(readFileSync(bundle, 'utf8'))).toMatchObject({
        fields: { email: 'alex@example.org', address: { locality: 'Bristol' } },
      });
      expect(ok('verify', sdjwt)).toMatch(
        /^Valid: signed by one of your keys[\s\S]*email: alex@example\.org/,
      );
      const presentation = ok('package', 'present', '1', '--claims', 'email').trim();
      const shown = JSON.parse(ok('verify', presentation, '--json')) as {
        disclosed: object;
        withheld: number;
      };
      expect(shown).toMatchObject({ disclosed: { email: 'alex@example.org' } });
      // The address, hidden among at least two decoys.
      expect(shown.withheld).toBeGreaterThanOrEqual(1 + 2);

      // A tampered package is refused with the reason, and so are badly formed ones.
      const text = readFileSync(sdjwt, 'utf8').trim();
      const [jwt = '', ...rest] = text.split('~');
      const [h, p, s] = jwt.split('.');
      const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
      const forged = Buffer.from(JSON.stringify({ ...payload, purposes: ['marketing'] })).toString(
        'base64url',
      );
      writeFileSync(join(dir, 'forged.sdjwt'), [`${h}.${forged}.${s}`, ...rest].join('~'));
      const tampered = run('verify', join(dir, 'forged.sdjwt'));
      expect(tampered.code).toBe(2);
      expect(tampered.stderr).toMatch(/^vrm: the SD-JWT is not valid: tampered with/);
      expect(run('verify', 'not-a-jwt').stderr).toMatch(/badly formed/);

      // Rotating keeps the old key for verification; the JWK set has both.
      ok('keys', 'rotate');
      expect(ok('verify', sdjwt)).toMatch(/one of your keys/);
      const set = (JSON.parse(ok('keys', 'export')) as { keys: Record<string, unknown>[] }).keys;
      expect(set).toHaveLength(2);
      expect(set[0]?.vrm_retired_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(set[1]).not.toHaveProperty('vrm_retired_at');
      expect(ok('keys', 'list')).toMatch(/you \(published\) .*retired \d{4}-\d\d-\d\d, verifies only/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('vrm verify: RFC 9901 examples with --key, key binding with --nonce, exit 10 for an unknown signer, big tokens and bad key files refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrm-verify-cli-'));
    const env = { VRM_HOME: dir, VRM_PASSPHRASE: 'verify cli passphrase', VRM_TODAY: '2026-03-15' };
    const run = (...args: string[]) => vrm(args, env);
    const fixture = (name: string) =>
      JSON.parse(readFileSync(new URL(`./fixtures/rfc9901/${name}.json`, import.meta.url), 'utf8')) as {
        presentation: string;
        jwk: unknown;
      };
    try {
      expect(run('init').code).toBe(0);
      const rfcKey = join(dir, 'rfc-key.json');
      writeFileSync(rfcKey, JSON.stringify(fixture('issuer-key').jwk));
      const a1 = join(dir, 'a1.sdjwt');
      writeFileSync(a1, `${fixture('example-a1').presentation}\n`);
      const shown = run('verify', a1, '--key', rfcKey, '--profile', 'sd-jwt');
      expect(shown.stderr).toBe('');
      expect(shown.code).toBe(0);
      expect(shown.stdout).toMatch(
        /^Valid: signed by the key in .*rfc-key\.json[\s\S]*address\.region: 港区/,
      );
      // As a vrm package it is refused: the RFC's examples are typed example+sd-jwt.
      expect(run('verify', a1, '--key', rfcKey).stderr).toMatch(/header typ is "example\+sd-jwt"/);
      // Without the key there is none to check it with (its issuer is a URL, not a did:jwk).
      expect(run('verify', a1, '--profile', 'sd-jwt').stderr).toMatch(/signed by a key vrm cannot find/);
      // Key binding: asked for and missing; present but made long ago.
      const noKb = run('verify', a1, '--key', rfcKey, '--profile', 'sd-jwt', '--nonce', '1234567890');
      expect(noKb.code).toBe(2);
      expect(noKb.stderr).toMatch(/no key-binding JWT, and one is required/);
      const five = join(dir, 'five.sdjwt');
      writeFileSync(five, fixture('example-5').presentation);
      expect(
        run('verify', five, '--key', rfcKey, '--profile', 'sd-jwt', '--nonce', '1234567890').stderr,
      ).toMatch(/key-binding JWT is stale: made 2025-05-29/);

      // Signed by a stranger's did:jwk: intact, but proves no identity. Exit 10, in JSON too.
      const stranger = ecKeyPair();
      const token = join(dir, 'stranger.sdjwt');
      writeFileSync(token, await handMadePackage(stranger));
      const unknown = run('verify', token);
      expect(unknown.code).toBe(10);
      expect(unknown.stdout).toMatch(/^Intact, but the signer is unknown[\s\S]*email: mallory@example\.org/);
      expect(unknown.stderr).toBe(
        'vrm: signed by a key that is not yours and was not given with --key: this proves only that the token was not changed after signing, not who signed it\n',
      );
      const json = run('verify', token, '--json');
      expect(json.code).toBe(10);
      expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, trusted: false, keySource: 'token' });
      const strangerKey = join(dir, 'stranger.json');
      writeFileSync(strangerKey, JSON.stringify(stranger.publicJwk));
      expect(run('verify', token, '--key', strangerKey).code).toBe(0);

      // Bad key files: each one line and exit 2, never an internal error.
      for (const [content, reason] of [
        ['null', /is not a JSON Web Key \(a JSON object\)/],
        ['"key"', /is not a JSON Web Key/],
        ['[1]', /is not a JSON Web Key/],
        [JSON.stringify(stranger.privateJwk), /is a private key: give the public key only/],
        [JSON.stringify({ ...stranger.publicJwk, crv: 'P-384' }), /is on curve "P-384"; vrm accepts P-256/],
      ] as [string, RegExp][]) {
        writeFileSync(strangerKey, content);
        const refused = run('verify', token, '--key', strangerKey);
        expect(refused.code, content).toBe(2);
        expect(refused.stderr).toMatch(/^vrm: --key: .*stranger\.json /);
        expect(refused.stderr).toMatch(reason);
      }

      // 10 million ~ and 1 MB: refused at once, before anything decodes them.
      for (const [name, text] of [
        ['tildes', '~'.repeat(10_000_000)],
        ['megabyte', `${'a'.repeat(1024 * 1024)}.b.c~`],
      ] as const) {
        const file = join(dir, `${name}.sdjwt`);
        writeFileSync(file, text);
        const started = Date.now();
        const big = run('verify', file);
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(big.code).toBe(2);
        expect(big.stderr).toMatch(
          /^vrm: the SD-JWT is not valid: too large: .* bytes, more than the 524,288 vrm accepts/,
        );
        const piped = vrm(['verify', '-'], env, text);
        expect(piped.stderr).toMatch(/too large: [\d,]+ characters/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
