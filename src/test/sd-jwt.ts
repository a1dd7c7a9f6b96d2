import { createHash, generateKeyPairSync } from 'node:crypto';
import { CompactSign, importJWK, type JWK } from 'jose';

/**
 * SD-JWTs made by hand for tests: signed with jose by a key of their own, shaped like a vrm
 * package (typ dc+sd-jwt, vct, exp), so that each test breaks only the rule it is about.
 */
export const b64json = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export function ecKeyPair(): { publicJwk: JWK; privateJwk: JWK; did: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicJwk = publicKey.export({ format: 'jwk' });
  const { kty, crv, x, y } = publicJwk;
  return {
    publicJwk,
    privateJwk: privateKey.export({ format: 'jwk' }),
    did: `did:jwk:${b64json({ crv, kty, x, y })}`,
  };
}

/** A compact JWS over `payload` (JSON), with the header given on top of ES256 and dc+sd-jwt. */
export async function signJws(payload: unknown, privateJwk: JWK, header: Record<string, unknown> = {}) {
  return new CompactSign(Buffer.from(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', typ: 'dc+sd-jwt', ...header })
    .sign(await importJWK(privateJwk, 'ES256'));
}

/**
 * An SD-JWT with one disclosed claim (`email`), issued by `signer` as its did:jwk, valid from
 * `iat` (seconds) for a day. `header` and `claims` override what a vrm package carries.
 */
export async function handMadePackage(
  signer: { privateJwk: JWK; did: string },
  options: { iat?: number; header?: Record<string, unknown>; claims?: Record<string, unknown> } = {},
): Promise<string> {
  const iat = options.iat ?? Math.floor(Date.parse('2026-03-15T12:00:00Z') / 1000);
  const disclosure = b64json(['c2FsdHNhbHRzYWx0', 'email', 'mallory@example.org']);
  const digest = createHash('sha256').update(disclosure).digest('base64url');
  const payload = {
    iss: signer.did,
    iat,
    exp: iat + 86_400,
    vct: 'urn:vrm:disclosure:1',
    _sd: [digest],
    ...options.claims,
  };
  return `${await signJws(payload, signer.privateJwk, { kid: `${signer.did}#0`, ...options.header })}~${disclosure}~`;
}
