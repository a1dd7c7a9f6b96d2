import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CompactSign, importJWK, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { VrmError } from '../platform/errors.js';
import { didJwkKey, parseSdJwt, publicJwk, SD_JWT_LIMITS, verifySdJwt, type SdJwtOptions } from './sd-jwt.js';

/**
 * The verifier against RFC 9901: its own examples (copied into fixtures/rfc9901 with their
 * source), then a hand-made token for every rule it must enforce, each signed with jose here so
 * that only the rule under test is broken.
 */
interface Example {
  readonly issuance?: string;
  readonly issuedClaims?: Record<string, unknown>;
  readonly presentation: string;
  readonly keyBinding?: { nonce: string; aud: string; iat: number };
  readonly processed: Record<string, unknown>;
}
const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./fixtures/rfc9901/${name}.json`, import.meta.url), 'utf8')) as T;
const rfcKey = fixture<{ jwk: JWK }>('issuer-key').jwk;

const enc = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const hash = (text: string, alg = 'sha256'): string => createHash(alg).update(text).digest('base64url');
/** A disclosure and its SHA-256 digest. */
const disclose = (...content: unknown[]): { d: string; h: string } => {
  const d = enc(content);
  return { d, h: hash(d) };
};

const keyPair = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    pub: publicKey.export({ format: 'jwk' }) as JWK,
    priv: privateKey.export({ format: 'jwk' }) as JWK,
  };
};
const issuer = keyPair();
const holder = keyPair();
const NOW = new Date('2026-03-15T12:00:00Z');
const now = Math.floor(NOW.getTime() / 1000);

async function sign(payload: unknown, header: Record<string, unknown> = {}, key: JWK = issuer.priv) {
  const protectedHeader = { alg: 'ES256', typ: 'dc+sd-jwt', ...header };
  return new CompactSign(Buffer.from(JSON.stringify(payload)))
    .setProtectedHeader(protectedHeader)
    .sign(await importJWK(key, 'ES256'));
}

/** A vrm-package-shaped payload with `_sd` digests and extra claims. */
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: 'https://issuer.example',
  iat: now - 60,
  exp: now + 3600,
  vct: 'urn:test:1',
  ...extra,
});

const check = (text: string, options: Partial<SdJwtOptions> = {}) =>
  verifySdJwt(text, { profile: 'vrm-package', issuerKey: () => issuer.pub, now: NOW, ...options });

/** Expects a refusal: a VrmError `invalid_input` whose message starts as the CLI prints it. */
async function refused(promise: Promise<unknown>, reason: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a refusal matching ${String(reason)}`).toBeInstanceOf(VrmError);
  expect((error as VrmError).code).toBe('invalid_input');
  expect((error as VrmError).message).toMatch(/^the SD-JWT is not valid: /);
  expect((error as VrmError).message).toMatch(reason);
}

describe('verifySdJwt on the examples of RFC 9901 (profile sd-jwt, the RFC key of A.5)', () => {
  const rfc = (example: Example, text: string, kb = false) =>
    verifySdJwt(text, {
      profile: 'sd-jwt',
      issuerKey: () => rfcKey,
      // The examples were issued 2023-05-02 and expire 2029-09-01; their key-binding JWTs are from
      // 2025-05-29, so "now" is ten seconds after that for a presentation with one.
      now: new Date(((kb ? example.keyBinding?.iat : undefined) ?? 1_700_000_000) * 1000 + 10_000),
      nonce: kb ? example.keyBinding?.nonce : undefined,
      audience: kb ? example.keyBinding?.aud : undefined,
    });

  it('5.1 and 5.2: the issued SD-JWT shows every claim, the SD-JWT+KB the four it discloses', async () => {
    const example = fixture<Example>('example-5');
    expect((await rfc(example, example.issuance ?? '')).payload).toEqual(example.issuedClaims);
    const presented = await rfc(example, example.presentation, true);
    expect(presented.payload).toEqual(example.processed);
    expect(presented.keyBinding).toEqual({
      nonce: '1234567890',
      audience: 'https://verifier.example.org',
      issuedAt: '2025-05-29T16:41:05.000Z',
    });
    expect(presented.disclosed).toMatchObject({ given_name: 'John', nationalities: ['US'] });
  });

  it('A.1: structured claims with decoys; only region and country of the address', async () => {
    const example = fixture<Example>('example-a1');
    const verified = await rfc(example, example.presentation);
    expect(verified.payload).toEqual(example.processed);
    expect(verified.disclosed).toEqual({ 'address.region': '港区', 'address.country': 'JP' });
  });

  it('A.3: the SD-JWT VC with recursive disclosures, issued and presented with key binding', async () => {
    const example = fixture<Example>('example-a3');
    expect((await rfc(example, example.issuance ?? '')).payload).toEqual(example.issuedClaims);
    const presented = await rfc(example, example.presentation, true);
    expect(presented.payload).toEqual(example.processed);
    // A.3 is typed dc+sd-jwt and has vct and exp: it is a valid vrm-package profile token too.
    await expect(
      verifySdJwt(example.issuance ?? '', {
        profile: 'vrm-package',
        issuerKey: () => rfcKey,
        now: new Date(1_700_000_000_000),
      }),
    ).resolves.toBeTruthy();
  });

  it('refuses the examples when the key is not the RFC key, and 5.1 as a vrm package (typ example+sd-jwt)', async () => {
    const example = fixture<Example>('example-5');
    const text = example.issuance ?? '';
    await refused(
      verifySdJwt(text, { profile: 'sd-jwt', issuerKey: () => issuer.pub, now: NOW }),
      /tampered with: the signature of the issuer-signed JWT/,
    );
    await refused(
      verifySdJwt(text, { profile: 'vrm-package', issuerKey: () => rfcKey, now: NOW }),
      /header typ is "example\+sd-jwt"; a vrm package is typed "dc\+sd-jwt"/,
    );
  });
});

describe('verifySdJwt refuses what RFC 9901 says must be refused, with the reason', () => {
  it('accepts a well-made token, as a control for the cases below', async () => {
    const email = disclose('s1', 'email', 'alex@example.org');
    const jwt = await sign(claims({ _sd: [email.h] }));
    const verified = await check(`${jwt}~${email.d}~`);
    expect(verified.payload).toEqual(claims({ email: 'alex@example.org' }));
    expect(verified.withheld).toBe(0);
  });

  it('a disclosure given twice, and a digest that appears twice, directly, nested or in an array', async () => {
    const a = disclose('s1', 'email', 'alex@example.org');
    const jwt = await sign(claims({ _sd: [a.h] }));
    await refused(check(`${jwt}~${a.d}~${a.d}~`), /disclosure 2 is the same as disclosure 1/);
    await refused(check(`${await sign(claims({ _sd: [a.h, a.h] }))}~`), /appears twice \(_sd\)/);
    await refused(
      check(`${await sign(claims({ _sd: [a.h], address: { _sd: [a.h] } }))}~${a.d}~`),
      /appears twice \(_sd\)/,
    );
    const fr = disclose('s2', 'FR');
    await refused(
      check(`${await sign(claims({ nationalities: [{ '...': fr.h }, { '...': fr.h }] }))}~${fr.d}~`),
      /appears twice \(nationalities\[1\]\)/,
    );
    // Twice once a disclosed value is opened: the payload's digest again inside a disclosure.
    const outer = disclose('s3', 'address', { _sd: [a.h] });
    await refused(
      check(`${await sign(claims({ _sd: [outer.h, a.h] }))}~${outer.d}~${a.d}~`),
      /appears twice \(_sd\)/,
    );
  });

  it('a disclosure named _sd or ..., and one whose name is a claim the object already has', async () => {
    for (const name of ['_sd', '...']) {
      const bad = disclose('s1', name, 'x');
      await refused(
        check(`${await sign(claims({ _sd: [bad.h] }))}~${bad.d}~`),
        new RegExp(`named "${name.replace(/\./g, '\\.')}", a name RFC 9901 reserves`),
      );
    }
    const clash = disclose('s1', 'email', 'mallory@example.org');
    await refused(
      check(`${await sign(claims({ email: 'alex@example.org', _sd: [clash.h] }))}~${clash.d}~`),
      /disclosure 1 discloses "email", a claim the payload already has/,
    );
    const twin = disclose('s2', 'email', 'mallory@example.org');
    await refused(
      check(`${await sign(claims({ _sd: [clash.h, twin.h] }))}~${clash.d}~${twin.d}~`),
      /disclosure 2 discloses "email"/,
    );
  });

  it('a disclosure no digest refers to', async () => {
    const a = disclose('s1', 'email', 'alex@example.org');
    const stray = disclose('s2', 'phone_number', '+44 7700 900123');
    await refused(
      check(`${await sign(claims({ _sd: [a.h] }))}~${a.d}~${stray.d}~`),
      /tampered with: disclosure 2 is not one the issuer signed/,
    );
    // A disclosure nested in one that is not sent does not connect either (§4.2.6).
    const inner = disclose('s3', 'street_address', '4 Harbour Road');
    const outer = disclose('s4', 'address', { _sd: [inner.h] });
    await refused(
      check(`${await sign(claims({ _sd: [outer.h] }))}~${inner.d}~`),
      /disclosure 1 is not one the issuer signed/,
    );
  });

  it('an array-element disclosure where a claim is expected, and a claim where an element is', async () => {
    const element = disclose('s1', 'FR');
    await refused(
      check(`${await sign(claims({ _sd: [element.h] }))}~${element.d}~`),
      /disclosure 1 is an array element but its digest stands for a claim \(_sd\)/,
    );
    const property = disclose('s2', 'nationality', 'FR');
    await refused(
      check(`${await sign(claims({ nationalities: [{ '...': property.h }] }))}~${property.d}~`),
      /disclosure 1 is for a claim named "nationality" but its digest stands for an array element/,
    );
    await refused(
      check(`${await sign(claims({ nationalities: [{ '...': property.h, extra: 1 }] }))}~`),
      /uses "\.\.\." but is not \{"\.\.\.": "<digest>"\}/,
    );
    await refused(check(`${await sign(claims({ _sd: 'x' }))}~`), /_sd is not an array of digests/);
    await refused(check(`${await sign(claims({ _sd: [1] }))}~`), /_sd is not an array of digests/);
  });

  it('a header typ other than dc+sd-jwt (legacy vc+sd-jwt included), in the vrm-package profile only', async () => {
    const payload = claims();
    await refused(check(`${await sign(payload, { typ: undefined })}~`), /header typ is missing/);
    await refused(check(`${await sign(payload, { typ: 'JWT' })}~`), /header typ is "JWT"/);
    await refused(check(`${await sign(payload, { typ: 'vc+sd-jwt' })}~`), /header typ is "vc\+sd-jwt"/);
    await expect(
      check(`${await sign(payload, { typ: 'JWT' })}~`, { profile: 'sd-jwt' }),
    ).resolves.toBeTruthy();
  });

  it('a missing vct or exp (vrm-package), and dates that are not numbers or out of range (both profiles)', async () => {
    const noVct: Record<string, unknown> = claims();
    delete noVct.vct;
    await refused(check(`${await sign(noVct)}~`), /it has no vct/);
    const noExp: Record<string, unknown> = claims();
    delete noExp.exp;
    await refused(check(`${await sign(noExp)}~`), /it has no exp/);
    await expect(check(`${await sign(noExp)}~`, { profile: 'sd-jwt' })).resolves.toBeTruthy();
    for (const claim of ['exp', 'iat', 'nbf']) {
      for (const profile of ['vrm-package', 'sd-jwt'] as const) {
        await refused(
          check(`${await sign(claims({ [claim]: '2030-01-01' }))}~`, { profile }),
          new RegExp(`payload's ${claim} is not a number of seconds`),
        );
        await refused(
          check(`${await sign(claims({ [claim]: 1e20 }))}~`, { profile }),
          new RegExp(`payload's ${claim} is out of range`),
        );
      }
    }
    await refused(check(`${await sign(claims({ exp: now - 1 }))}~`), /expired on 2026-03-15T11:59:59/);
    await refused(check(`${await sign(claims({ nbf: now + 60 }))}~`), /not valid yet: its nbf/);
    await refused(check(`${await sign(claims({ iat: now + 60 }))}~`), /issued in the future/);
  });

  it('an algorithm other than ES256, and none', async () => {
    const payload = enc(claims());
    await refused(check(`${enc({ alg: 'none', typ: 'dc+sd-jwt' })}.${payload}.AA~`), /signed with "none"/);
    await refused(check(`${enc({ typ: 'dc+sd-jwt' })}.${payload}.AA~`), /signed with no algorithm/);
    const hs = await new CompactSign(Buffer.from(JSON.stringify(claims())))
      .setProtectedHeader({ alg: 'HS256', typ: 'dc+sd-jwt' })
      .sign(new Uint8Array(32));
    await refused(check(`${hs}~`), /signed with "HS256"; vrm accepts ES256/);
  });

  it('empty parts, a last part that is not a JWT, and a compact form without its ~', async () => {
    const a = disclose('s1', 'email', 'alex@example.org');
    const jwt = await sign(claims({ _sd: [a.h] }));
    await refused(check(`${jwt}~~${a.d}~`), /part 2 is empty \(~~\)/);
    await refused(check(`${jwt}~${a.d}~~`), /part 3 is empty/);
    await refused(check(`${jwt}~${a.d}~not-a-jwt`), /neither empty .* nor a key-binding JWT/);
    await refused(check(jwt), /expected an issuer-signed JWT followed by ~/);
    await refused(check(`${jwt}~%%%~`), /disclosure 1 is not base64url/);
    await refused(check(`${jwt}~${enc({ a: 1 })}~`), /disclosure 1 is not a \[salt, name, value\]/);
  });

  it('follows _sd_alg: sha-256 by default, sha-384 and sha-512; refuses others', async () => {
    for (const [alg, node] of [
      ['sha-384', 'sha384'],
      ['sha-512', 'sha512'],
    ] as const) {
      const d = enc(['s1', 'email', 'alex@example.org']);
      const verified = await check(`${await sign(claims({ _sd_alg: alg, _sd: [hash(d, node)] }))}~${d}~`);
      expect(verified).toMatchObject({ hashAlg: alg, payload: { email: 'alex@example.org' } });
      expect(verified.payload).not.toHaveProperty('_sd_alg');
      // The same disclosure under a SHA-256 digest does not match a sha-512 token.
      await refused(
        check(`${await sign(claims({ _sd_alg: alg, _sd: [hash(d)] }))}~${d}~`),
        /disclosure 1 is not one the issuer signed/,
      );
    }
    for (const alg of ['md5', 'SHA-256', 'sha3-256', 42]) {
      await refused(
        check(`${await sign(claims({ _sd_alg: alg }))}~`),
        /vrm accepts sha-256, sha-384 and sha-512/,
      );
    }
    await refused(
      check(`${await sign(claims({ address: { _sd_alg: 'sha-256' } }))}~`),
      /_sd_alg appears nested \(address\)/,
    );
  });

  it('shows recursive disclosures and array elements in full (§4.2.6, §4.2.4.2), never undefined', async () => {
    const de = disclose('s1', 'DE');
    const fr = disclose('s2', 'FR');
    const uk = disclose('s3', 'UK');
    const nationalities = disclose('s4', 'nationalities', [
      { '...': de.h },
      { '...': fr.h },
      { '...': uk.h },
    ]);
    const street = disclose('s5', 'street_address', '4 Harbour Road');
    const address = disclose('s6', 'address', { locality: 'Bristol', _sd: [street.h] });
    const jwt = await sign(
      claims({ _sd: [nationalities.h, address.h], tags: ['a', { '...': de.h.slice(1) + 'x' }] }),
    );
    const verified = await check(`${jwt}~${nationalities.d}~${de.d}~${fr.d}~${address.d}~${street.d}~`);
    expect(verified.payload).toEqual(
      claims({
        tags: ['a'],
        nationalities: ['DE', 'FR'],
        address: { locality: 'Bristol', street_address: '4 Harbour Road' },
      }),
    );
    expect(verified.disclosed).toEqual({
      nationalities: ['DE', 'FR'],
      address: { locality: 'Bristol', street_address: '4 Harbour Road' },
    });
    // UK and the decoy in tags have no disclosure.
    expect(verified.withheld).toBe(2);
    // A claim named __proto__ stays a claim.
    const proto = disclose('s7', '__proto__', { polluted: true });
    const odd = await check(`${await sign(claims({ _sd: [proto.h] }))}~${proto.d}~`);
    expect(Object.hasOwn(odd.payload, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('checks the signature before dates and disclosures: a changed payload is "tampered with"', async () => {
    const a = disclose('s1', 'email', 'alex@example.org');
    const jwt = await sign(claims({ _sd: [a.h] }));
    const [h, , s] = jwt.split('.');
    for (const changed of [
      claims({ _sd: [a.h], exp: now - 10 }),
      claims({ _sd: [a.h, a.h] }),
      claims({ _sd: [a.h], email: 'x' }),
      claims({ _sd: [a.h], _sd_alg: 'md5' }),
    ]) {
      await refused(
        check(`${h}.${enc(changed)}.${s}~${a.d}~`),
        /tampered with: the signature of the issuer-signed JWT does not match/,
      );
    }
  });
});

describe('verifySdJwt checks a key-binding JWT (§4.3, §7.3)', () => {
  const cnf = { jwk: holder.pub };
  async function presentation(
    kb: Record<string, unknown> = {},
    header: Record<string, unknown> = {},
    key: JWK = holder.priv,
    extra: Record<string, unknown> = { cnf },
  ) {
    const a = disclose('s1', 'email', 'alex@example.org');
    const sdJwt = `${await sign(claims({ _sd: [a.h], ...extra }))}~${a.d}~`;
    const kbJwt = await new CompactSign(
      Buffer.from(
        JSON.stringify({
          iat: now - 5,
          aud: 'https://verifier.example',
          nonce: 'n-1',
          sd_hash: hash(sdJwt),
          ...kb,
        }),
      ),
    )
      .setProtectedHeader({ alg: 'ES256', typ: 'kb+jwt', ...header })
      .sign(await importJWK(key, 'ES256'));
    return { sdJwt, text: `${sdJwt}${kbJwt}` };
  }

  it('accepts a good one, with or without expected nonce and audience', async () => {
    const { text } = await presentation();
    const verified = await check(text, { nonce: 'n-1', audience: 'https://verifier.example' });
    expect(verified.keyBinding).toEqual({
      nonce: 'n-1',
      audience: 'https://verifier.example',
      issuedAt: '2026-03-15T11:59:55.000Z',
    });
    expect((await check(text)).keyBinding?.nonce).toBe('n-1');
  });

  it('refuses a forged one, a wrong typ, nonce, audience, sd_hash or age, and alg none', async () => {
    const other = keyPair();
    await refused(
      check((await presentation({}, {}, other.priv)).text),
      /tampered with: the signature of the key-binding JWT/,
    );
    await refused(
      check((await presentation({}, { typ: 'JWT' })).text),
      /typ is "JWT"; RFC 9901 requires "kb\+jwt"/,
    );
    await refused(check((await presentation()).text, { nonce: 'n-2' }), /nonce is not the one expected/);
    await refused(
      check((await presentation()).text, { audience: 'https://other.example' }),
      /made for "https:\/\/verifier\.example", not "https:\/\/other\.example"/,
    );
    await refused(check((await presentation({ sd_hash: hash('other') })).text), /sd_hash does not match/);
    await refused(
      check((await presentation({ iat: now - 3600 })).text),
      /is stale: made 2026-03-15T11:00:00/,
    );
    await refused(check((await presentation({ iat: now + 3600 })).text), /made in the future/);
    await refused(
      check((await presentation({ iat: 'today' })).text),
      /key-binding JWT's iat is not a number/,
    );
    await refused(check((await presentation({ nonce: 5 })).text), /has no nonce string/);
    // A key-binding JWT for fewer disclosures than are presented: its sd_hash is of another SD-JWT.
    const { sdJwt, text } = await presentation();
    const extra = disclose('s9', 'phone', '1');
    const kbJwt = text.slice(sdJwt.length);
    await refused(check(`${sdJwt}${extra.d}~${kbJwt}`), /disclosure 2 is not one the issuer signed/);
    const none = `${enc({ alg: 'none', typ: 'kb+jwt' })}.${enc({ iat: now })}.AA`;
    await refused(check(`${sdJwt}${none}`), /key-binding JWT is signed with "none"/);
  });

  it('refuses one without cnf, and none when the caller requires it', async () => {
    await refused(check((await presentation({}, {}, holder.priv, {})).text), /no cnf claim/);
    await refused(
      check((await presentation({}, {}, holder.priv, { cnf: { kid: 'k' } })).text),
      /cnf has no jwk/,
    );
    await refused(
      check((await presentation({}, {}, holder.priv, { cnf: { jwk: holder.priv } })).text),
      /holder key \(cnf\.jwk\) is a private key/,
    );
    const { sdJwt } = await presentation();
    await refused(check(sdJwt, { nonce: 'n-1' }), /no key-binding JWT, and one is required/);
    await refused(check(sdJwt, { audience: 'x' }), /no key-binding JWT, and one is required/);
    await refused(check(sdJwt, { requireKeyBinding: true }), /no key-binding JWT, and one is required/);
  });
});

describe('verifySdJwt bounds its input before decoding it', () => {
  it(`refuses more than ${SD_JWT_LIMITS.maxLength.toLocaleString('en')} characters, 10 million ~ and 1 MB alike, quickly`, async () => {
    for (const text of ['~'.repeat(10_000_000), `${'a'.repeat(1024 * 1024)}.b.c~`]) {
      const started = performance.now();
      await refused(check(text), /too large: [\d,]+ characters, more than the 524,288 vrm accepts/);
      // Measured at about 5 ms; the bound leaves room for a busy machine.
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it(`refuses more than ${SD_JWT_LIMITS.maxDisclosures.toLocaleString('en')} disclosures and nesting deeper than ${SD_JWT_LIMITS.maxDepth}`, async () => {
    const jwt = await sign(claims());
    await refused(check(`${jwt}${'~AA'.repeat(1001)}~`), /too many parts: more than 1,000 disclosures/);
    const nested: unknown = JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`);
    const deep = enc(['s', 'x', nested]);
    await refused(check(`${jwt}~${deep}~`), /disclosure 1 nests deeper than 32 levels/);
    await refused(
      check(`${enc({ alg: 'ES256', a: nested })}.${enc(claims())}.AA~`),
      /the header nests deeper than 32 levels/,
    );
    // A chain of disclosures, each shallow, that together nest 40 deep.
    let chain = disclose('s0', 'leaf', 1);
    const parts = [chain.d];
    for (let i = 1; i < 40; i++) {
      chain = disclose(`s${i}`, `level${i}`, { _sd: [chain.h] });
      parts.push(chain.d);
    }
    await refused(
      check(`${await sign(claims({ _sd: [chain.h] }))}~${parts.join('~')}~`),
      /its claims nest deeper than 32 levels/,
    );
  });
});

describe('keys: did:jwk and JWK files are checked, each refusal with its reason', () => {
  const did = (value: unknown) => `did:jwk:${enc(value)}`;
  const { x, y } = issuer.pub as { x: string; y: string };

  it('takes a well-formed did:jwk with or without #0, and refuses malformed ones', () => {
    expect(didJwkKey(`${did({ kty: 'EC', crv: 'P-256', x, y })}#0`)).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x,
      y,
    });
    const cases: [string, RegExp][] = [
      ['did:jwk:', /not a well-formed did:jwk/],
      ['did:jwk:!!!', /not a well-formed did:jwk/],
      ['did:jwk:AAAA', /does not hold JSON/],
      [did(null), /is not a JSON Web Key/],
      [did([1]), /is not a JSON Web Key/],
      [did({ kty: 'EC', x, y }), /is on curve \(none\); vrm accepts P-256/],
      [did({ kty: 'EC', crv: 'P-384', x, y }), /is on curve "P-384"; vrm accepts P-256/],
      [did({ kty: 'EC', crv: 'P-256', x: 'A', y }), /has no valid "x"/],
      [did({ kty: 'EC', crv: 'P-256', x, y: x }), /is not a point on curve P-256/],
      [did({ kty: 'RSA', n: 'AQAB', e: 'AQAB' }), /is not an EC P-256 public key \(kty "RSA"\)/],
      [did({ ...issuer.priv }), /is a private key/],
      [
        `did:jwk:${Buffer.from(`${'['.repeat(100)}${']'.repeat(100)}`).toString('base64url')}`,
        /does not hold JSON/,
      ],
    ];
    for (const [text, reason] of cases) {
      expect(() => didJwkKey(text), text.slice(0, 40)).toThrow(reason);
    }
  });

  it('publicJwk refuses null, non-objects, private keys and points off the curve, naming the key', () => {
    for (const [value, reason] of [
      [null, /--key: k\.json is not a JSON Web Key/],
      ['key', /is not a JSON Web Key/],
      [[issuer.pub], /is not a JSON Web Key/],
      [issuer.priv, /is a private key: give the public key only/],
      [{ kty: 'EC', crv: 'P-256', x, y: x }, /is not a point on curve P-256/],
      [{ kty: 'oct', k: 'AA' }, /is not an EC P-256 public key/],
    ] as [unknown, RegExp][]) {
      expect(() => publicJwk(value, '--key: k.json', 'P-256')).toThrow(reason);
      expect(() => publicJwk(value, '--key: k.json', 'P-256')).toThrow(VrmError);
    }
  });

  it('parseSdJwt names the part that is badly formed', () => {
    expect(() => parseSdJwt('a.b.c~')).toThrow(/the header is not base64url-encoded JSON/);
    expect(() => parseSdJwt(`${enc([1])}.${enc({})}.c~`)).toThrow(/the header is not a JSON object/);
    expect(() => parseSdJwt(`${enc({})}.${enc(null)}.c~`)).toThrow(/the payload is not a JSON object/);
  });
});
