// Over 500 lines on purpose: one SD-JWT parser and verifier written clause by clause from RFC 9901, read top to bottom.
import { createHash, createPublicKey } from 'node:crypto';
import { compactVerify, errors as joseErrors, importJWK, type JWK } from 'jose';
import { VrmError } from '../platform/errors.js';

/**
 * A verifier of SD-JWTs written from RFC 9901 (Selective Disclosure for JSON Web Tokens), as pure
 * functions: no store, no network. It parses the compact form (§4), checks the issuer-signed JWT
 * (§7.1 step 2), processes the disclosures (§7.1 step 3 to 6) and checks a key-binding JWT
 * (§4.3, §7.3). The caller chooses the issuer's key; `PackageService.verify` does that from the
 * store.
 *
 * Two profiles, so that how strict a check is stays explicit:
 * - `sd-jwt`: RFC 9901 alone. The RFC's own examples verify in it.
 * - `vrm-package`: RFC 9901 plus what every vrm package carries: header `typ` `dc+sd-jwt` (the
 *   SD-JWT VC media type; vrm never issued the legacy `vc+sd-jwt`, so it is refused), a `vct` and
 *   an `exp`.
 *
 * Every refusal is a `VrmError` `invalid_input` whose message starts `the SD-JWT is not valid:`
 * and says why.
 *
 * @example
 *   const result = await verifySdJwt(text, { profile: 'sd-jwt', issuerKey: () => rfcKey, now });
 *   result.payload // the Processed SD-JWT Payload of §7.1
 */

/**
 * Bounds checked before any decoder sees the input, each with its own message.
 * - 512 KB: the RFC's largest example is 4 KB and a vrm package of a well-filled vault a few KB
 *   (a QR code holds 2,953 bytes); 512 KB leaves room for credentials that embed a photo, while
 *   the work a refusal costs (hashing and decoding that much) stays in milliseconds.
 * - 1,000 disclosures: a hundred times the claims of the RFC's PID example (A.3 has 29).
 * - depth 32: the RFC's deepest example nests 4 levels; a recursive walk over 32 levels cannot
 *   exhaust the stack.
 */
export const SD_JWT_LIMITS = { maxLength: 512 * 1024, maxDisclosures: 1_000, maxDepth: 32 } as const;

/** How old a key-binding JWT may be, and how far ahead of our clock its `iat` may run (§7.3 5.5). */
export const KEY_BINDING_WINDOW = { maxAgeSeconds: 300, maxFutureSeconds: 60 } as const;

export type SdJwtProfile = 'sd-jwt' | 'vrm-package';

type JsonObject = Record<string, unknown>;

export interface Disclosure {
  /** 1-based position in the compact form, for messages. */
  readonly position: number;
  readonly encoded: string;
  /** Null for an array element (a 2-element disclosure). */
  readonly name: string | null;
  readonly value: unknown;
}

/** An SD-JWT split and decoded, nothing verified yet: what the caller needs to choose a key. */
export interface ParsedSdJwt {
  readonly issuerJwt: string;
  readonly header: JsonObject;
  readonly payload: JsonObject;
  readonly disclosures: readonly Disclosure[];
  readonly keyBindingJwt: string | null;
  /** `<Issuer-signed JWT>~<Disclosure 1>~...~`: what a key-binding JWT's `sd_hash` covers (§4.3.1). */
  readonly sdJwt: string;
}

export interface SdJwtOptions {
  readonly profile: SdJwtProfile;
  /** The issuer's public key, chosen by the caller once the token is parsed (§7.1 step 2.3). */
  readonly issuerKey: (parsed: ParsedSdJwt) => JWK | Promise<JWK>;
  readonly now: Date;
  /** Expected key-binding `nonce`; giving it requires key binding. */
  readonly nonce?: string | undefined;
  /** Expected key-binding `aud`; giving it requires key binding. */
  readonly audience?: string | undefined;
  /** Require key binding even without a nonce or audience to compare (§7.3 step 2). */
  readonly requireKeyBinding?: boolean | undefined;
}

export interface KeyBinding {
  readonly nonce: string;
  readonly audience: string;
  readonly issuedAt: string;
}

export interface VerifiedSdJwt {
  readonly header: JsonObject;
  /** The Processed SD-JWT Payload: disclosed claims in place, `_sd`, `_sd_alg` and digests gone. */
  readonly payload: JsonObject;
  /** The claims the disclosures reveal, at any depth, by name (array elements under their array's). */
  readonly disclosed: Record<string, unknown>;
  /** How many embedded digests had no disclosure: withheld claims and decoys alike. */
  readonly withheld: number;
  readonly hashAlg: HashAlg;
  readonly keyBinding: KeyBinding | null;
}

const invalid = (reason: string): VrmError =>
  new VrmError('invalid_input', `the SD-JWT is not valid: ${reason}`);

const count = (n: number): string => n.toLocaleString('en');

// ── parsing ───────────────────────────────────────────────────────────────────────────────────

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * How deeply a JSON text nests, counted without parsing it, so that a thousand `[` are refused
 * before anything builds or walks them. Brackets inside strings do not count.
 */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** JSON from a base64url part, or a refusal that names the part. */
function decodeJson(part: string, what: string): unknown {
  if (!BASE64URL.test(part)) throw invalid(`badly formed: ${what} is not base64url`);
  const text = Buffer.from(part, 'base64url').toString('utf8');
  if (jsonDepth(text) > SD_JWT_LIMITS.maxDepth) {
    throw invalid(`${what} nests deeper than ${SD_JWT_LIMITS.maxDepth} levels, more than vrm accepts`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid(`badly formed: ${what} is not base64url-encoded JSON`);
  }
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function decodeObject(part: string, what: string): JsonObject {
  const value = decodeJson(part, what);
  if (!isObject(value)) throw invalid(`badly formed: ${what} is not a JSON object`);
  return value;
}

function decodeDisclosure(encoded: string, position: number): Disclosure {
  const what = `disclosure ${position}`;
  const value = decodeJson(encoded, what);
  // §4.2.1 and §4.2.2: [salt, name, value] for an object property, [salt, value] for an array element.
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 3)) {
    throw invalid(`badly formed: ${what} is not a [salt, name, value] or [salt, value] array`);
  }
  if (typeof value[0] !== 'string') throw invalid(`badly formed: ${what} has a salt that is not a string`);
  if (value.length === 2) return { position, encoded, name: null, value: value[1] as unknown };
  if (typeof value[1] !== 'string') {
    throw invalid(`badly formed: ${what} has a claim name that is not a string`);
  }
  // §7.1 step 3.3.2.2, checked here so that it holds wherever the digest turns up.
  if (value[1] === '_sd' || value[1] === '...') {
    throw invalid(`${what} discloses a claim named "${value[1]}", a name RFC 9901 reserves for digests`);
  }
  return { position, encoded, name: value[1], value: value[2] as unknown };
}

/**
 * Splits a compact SD-JWT or SD-JWT+KB (§4) and decodes its parts, within `SD_JWT_LIMITS`.
 * Nothing is verified: the result is only for choosing the issuer's key.
 */
export function parseSdJwt(input: string): ParsedSdJwt {
  if (input.length > SD_JWT_LIMITS.maxLength) {
    throw invalid(
      `too large: ${count(input.length)} characters, more than the ${count(SD_JWT_LIMITS.maxLength)} vrm accepts`,
    );
  }
  const text = input.trim();
  let tildes = 0;
  for (let i = text.indexOf('~'); i !== -1; i = text.indexOf('~', i + 1)) {
    if (++tildes > SD_JWT_LIMITS.maxDisclosures + 1) {
      throw invalid(
        `too many parts: more than ${count(SD_JWT_LIMITS.maxDisclosures)} disclosures, more than vrm accepts`,
      );
    }
  }
  const parts = text.split('~');
  const [issuerJwt = '', ...rest] = parts;
  if (parts.length < 2 || !JWT.test(issuerJwt)) {
    throw invalid('badly formed: expected an issuer-signed JWT followed by ~ and the disclosures');
  }
  const last = rest.pop() ?? '';
  if (last !== '' && !JWT.test(last)) {
    throw invalid(
      'badly formed: the last part is neither empty (an SD-JWT ends with ~) nor a key-binding JWT',
    );
  }
  const empty = rest.findIndex((d) => d === '');
  if (empty !== -1) throw invalid(`badly formed: part ${empty + 2} is empty (~~)`);
  const [h = '', p = ''] = issuerJwt.split('.');
  const header = decodeObject(h, 'the header');
  const payload = decodeObject(p, 'the payload');
  const disclosures = rest.map((d, i) => decodeDisclosure(d, i + 1));
  return {
    issuerJwt,
    header,
    payload,
    disclosures,
    keyBindingJwt: last === '' ? null : last,
    sdJwt: `${[issuerJwt, ...rest].join('~')}~`,
  };
}

// ── keys ──────────────────────────────────────────────────────────────────────────────────────

const CURVES: Record<string, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

/** The key with only the members that name it, or why it is not a usable public key. */
function checkJwk(value: unknown, crv?: 'P-256'): JWK | string {
  if (!isObject(value)) return 'is not a JSON Web Key (a JSON object)';
  if ('d' in value)
    return 'is a private key: give the public key only (without "d"), and keep the private one';
  const b64 = (member: string, bytes: number): string | null => {
    const v = value[member];
    return typeof v === 'string' && BASE64URL.test(v) && Buffer.from(v, 'base64url').length === bytes
      ? v
      : null;
  };
  let jwk: JWK;
  if (value.kty === 'EC') {
    const size =
      typeof value.crv === 'string' && Object.hasOwn(CURVES, value.crv) ? CURVES[value.crv] : undefined;
    if (size === undefined || (crv && value.crv !== crv)) {
      return `is on curve ${typeof value.crv === 'string' ? `"${value.crv.slice(0, 20)}"` : '(none)'}; vrm accepts ${crv ?? 'P-256, P-384 or P-521'}`;
    }
    const x = b64('x', size);
    const y = b64('y', size);
    if (x === null || y === null)
      return `has no valid "${x === null ? 'x' : 'y'}" (${size} bytes, base64url)`;
    jwk = { kty: 'EC', crv: value.crv as string, x, y };
  } else if (value.kty === 'OKP' && !crv && value.crv === 'Ed25519') {
    const x = b64('x', 32);
    if (x === null) return 'has no valid "x" (32 bytes, base64url)';
    jwk = { kty: 'OKP', crv: 'Ed25519', x };
  } else {
    return `is not ${crv ? `an EC ${crv}` : 'an EC or Ed25519'} public key (kty ${typeof value.kty === 'string' ? `"${value.kty.slice(0, 20)}"` : 'missing'})`;
  }
  try {
    // Node refuses an EC point that is not on its curve: a forged key fails here, with a reason.
    createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    return `is not a point on curve ${jwk.crv ?? ''}`;
  }
  return jwk;
}

/**
 * A public key in JWK form, checked: an object, no private part, a curve vrm knows, coordinates
 * of its size and on it. Only the members that name the key are kept. `crv` narrows the curve
 * (an issuer's is P-256, for ES256). Throws `invalid_input` with `what` and the reason.
 *
 * @example publicJwk(JSON.parse(file), '--key: issuer.jwk', 'P-256')
 */
export function publicJwk(value: unknown, what: string, crv?: 'P-256'): JWK {
  const checked = checkJwk(value, crv);
  if (typeof checked === 'string') throw new VrmError('invalid_input', `${what} ${checked}`);
  return checked;
}

/** Like `publicJwk`, for a key the token carries: its refusal is the token's. */
function tokenJwk(value: unknown, what: string, crv?: 'P-256'): JWK {
  const checked = checkJwk(value, crv);
  if (typeof checked === 'string') throw invalid(`${what} ${checked}`);
  return checked;
}

/** The key a `did:jwk` carries (its method-specific id is the base64url JWK), checked. */
export function didJwkKey(did: string): JWK {
  const match = /^did:jwk:([A-Za-z0-9_-]+)(?:#[^#]*)?$/.exec(did);
  if (!match?.[1]) throw invalid('the issuer is not a well-formed did:jwk');
  const text = Buffer.from(match[1], 'base64url').toString('utf8');
  let value: unknown;
  try {
    if (jsonDepth(text) > SD_JWT_LIMITS.maxDepth) throw new Error('too deep');
    value = JSON.parse(text) as unknown;
  } catch {
    throw invalid("the issuer's did:jwk does not hold JSON");
  }
  return tokenJwk(value, "the key in the issuer's did:jwk", 'P-256');
}

async function importKey(jwk: JWK, alg: string, what: string) {
  try {
    return await importJWK(jwk, alg);
  } catch (cause) {
    throw new VrmError(
      'invalid_input',
      `the SD-JWT is not valid: ${what} is not a usable ${alg} public key`,
      { cause },
    );
  }
}

/** Verifies a compact JWS with jose, turning its errors into refusals that say which part failed. */
async function verifySignature(jws: string, jwk: JWK, alg: string, what: string): Promise<void> {
  const key = await importKey(jwk, alg, `the key for ${what}`);
  try {
    await compactVerify(jws, key, { algorithms: [alg] });
  } catch (cause) {
    throw new VrmError(
      'invalid_input',
      cause instanceof joseErrors.JWSSignatureVerificationFailed
        ? `the SD-JWT is not valid: tampered with: the signature of ${what} does not match its content (or the key is not the signer's)`
        : `the SD-JWT is not valid: badly formed: ${what} is not a valid JWS (${cause instanceof Error ? cause.message : 'unknown reason'})`,
      { cause },
    );
  }
}

// ── digests ───────────────────────────────────────────────────────────────────────────────────

/** `_sd_alg` values vrm accepts (IANA Named Information Hash Algorithm names), and Node's names. */
const HASHES = { 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512' } as const;
export type HashAlg = keyof typeof HASHES;

function hashAlgOf(payload: JsonObject): HashAlg {
  const alg = payload._sd_alg ?? 'sha-256';
  if (typeof alg === 'string' && Object.hasOwn(HASHES, alg)) return alg as HashAlg;
  throw invalid(
    `its digests use ${typeof alg === 'string' ? `"${alg.slice(0, 40)}"` : 'a non-string _sd_alg'}; vrm accepts sha-256, sha-384 and sha-512`,
  );
}

const digestOf = (text: string, alg: HashAlg): string =>
  createHash(HASHES[alg]).update(text, 'ascii').digest('base64url');

// ── processing (§7.1 step 3 to 5) ─────────────────────────────────────────────────────────────

class Processor {
  private readonly byDigest = new Map<string, Disclosure>();
  private readonly seen = new Set<string>();
  private readonly used = new Set<Disclosure>();
  readonly disclosed: Record<string, unknown> = {};
  withheld = 0;

  constructor(disclosures: readonly Disclosure[], alg: HashAlg) {
    for (const d of disclosures) {
      const digest = digestOf(d.encoded, alg);
      const twin = this.byDigest.get(digest);
      // §4: a Holder MUST NOT send a Disclosure more than once.
      if (twin) throw invalid(`disclosure ${d.position} is the same as disclosure ${twin.position}`);
      this.byDigest.set(digest, d);
    }
  }

  /** The disclosures no digest refers to (§7.1 step 5). */
  unused(): Disclosure[] {
    return [...this.byDigest.values()].filter((d) => !this.used.has(d));
  }

  /** A digest met in the payload or in a disclosed value: once only (§4.1, §7.1 step 4). */
  private take(digest: string, where: string): Disclosure | undefined {
    if (this.seen.has(digest)) throw invalid(`the digest ${digest.slice(0, 12)}… appears twice (${where})`);
    this.seen.add(digest);
    const found = this.byDigest.get(digest);
    if (found) this.used.add(found);
    else this.withheld++;
    return found;
  }

  /**
   * The value with its digests replaced by what they disclose, recursively (§7.1 step 3).
   * `inside` says whether it is part of a disclosed value, whose claims `disclosed` already shows.
   */
  value(value: unknown, path: string, depth: number, inside = false): unknown {
    if (depth > SD_JWT_LIMITS.maxDepth) {
      throw invalid(`its claims nest deeper than ${SD_JWT_LIMITS.maxDepth} levels (at ${path})`);
    }
    if (Array.isArray(value)) return this.array(value, path, depth, inside);
    if (isObject(value)) return this.object(value, path, depth, inside);
    return value;
  }

  private array(items: readonly unknown[], path: string, depth: number, inside: boolean): unknown[] {
    const out: unknown[] = [];
    for (const [i, item] of items.entries()) {
      const at = `${path}[${i}]`;
      if (isObject(item) && Object.hasOwn(item, '...')) {
        const digest = item['...'];
        // §4.2.4.2: the object holds the key "..." and nothing else, and its value is a digest.
        if (typeof digest !== 'string' || Object.keys(item).length !== 1) {
          throw invalid(`${at} uses "..." but is not {"...": "<digest>"}`);
        }
        const d = this.take(digest, at);
        if (!d) continue; // §7.1 step 3.4: an element without its disclosure is left out.
        if (d.name !== null) {
          throw invalid(
            `disclosure ${d.position} is for a claim named "${d.name}" but its digest stands for an array element (${at})`,
          );
        }
        const shown = this.value(d.value, at, depth + 1, true);
        if (!inside) this.note(path, shown, true);
        out.push(shown);
      } else out.push(this.value(item, at, depth + 1, inside));
    }
    return out;
  }

  private object(object: JsonObject, path: string, depth: number, inside: boolean): JsonObject {
    // A Map, then entries: a claim named "__proto__" stays a claim, never a prototype.
    const out = new Map<string, unknown>();
    for (const [key, inner] of Object.entries(object)) {
      if (key === '_sd') continue;
      if (key === '...') throw invalid(`${path || 'the payload'} has a "..." claim outside an array`);
      if (key === '_sd_alg' && depth > 0)
        throw invalid(`_sd_alg appears nested (${path}): only the top level may hold it`);
      out.set(key, this.value(inner, path ? `${path}.${key}` : key, depth + 1, inside));
    }
    if (Object.hasOwn(object, '_sd')) {
      const digests = object._sd;
      if (!Array.isArray(digests) || !digests.every((d) => typeof d === 'string')) {
        throw invalid(`${path ? `${path}._sd` : '_sd'} is not an array of digests`);
      }
      for (const digest of digests) {
        const d = this.take(digest, path ? `${path}._sd` : '_sd');
        if (!d) continue;
        if (d.name === null) {
          throw invalid(
            `disclosure ${d.position} is an array element but its digest stands for a claim (${path ? `${path}._sd` : '_sd'})`,
          );
        }
        if (out.has(d.name)) {
          throw invalid(
            `disclosure ${d.position} discloses "${d.name}", a claim ${path || 'the payload'} already has`,
          );
        }
        const at = path ? `${path}.${d.name}` : d.name;
        const shown = this.value(d.value, at, depth + 1, true);
        if (!inside) this.note(at, shown, false);
        out.set(d.name, shown);
      }
    }
    return Object.fromEntries(out);
  }

  /** Records a disclosed claim for `disclosed`: top-level names as they are, nested ones by path. */
  private note(path: string, value: unknown, element: boolean): void {
    if (!element) {
      Object.defineProperty(this.disclosed, path, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return;
    }
    const list = Object.hasOwn(this.disclosed, path) ? this.disclosed[path] : undefined;
    if (Array.isArray(list)) list.push(value);
    else
      Object.defineProperty(this.disclosed, path, {
        value: [value],
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
}

// ── dates ─────────────────────────────────────────────────────────────────────────────────────

/** The largest NumericDate a JavaScript Date can show (8.64e15 ms, in seconds). */
const MAX_DATE_SECONDS = 8.64e12;

/** A NumericDate claim (RFC 7519 §2), or null if absent; anything else is refused. */
function numericDate(payload: JsonObject, claim: string, what = 'the payload'): number | null {
  if (!Object.hasOwn(payload, claim)) return null;
  const value = payload[claim];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(`${what}'s ${claim} is not a number of seconds (a NumericDate)`);
  }
  if (Math.abs(value) > MAX_DATE_SECONDS) throw invalid(`${what}'s ${claim} is out of range (${value})`);
  return value;
}

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

// ── verification ──────────────────────────────────────────────────────────────────────────────

const PACKAGE_TYP = 'dc+sd-jwt';

/**
 * Verifies an SD-JWT or SD-JWT+KB per RFC 9901 §7.1 and §7.3 and returns its processed payload.
 * The order is the RFC's: parse, algorithm, signature, `_sd_alg`, disclosures, dates, then key
 * binding; nothing from the payload is trusted before the signature holds.
 */
export async function verifySdJwt(text: string, options: SdJwtOptions): Promise<VerifiedSdJwt> {
  const parsed = parseSdJwt(text);
  const { header, payload } = parsed;

  // §7.1 step 2.1: ES256, the one algorithm vrm signs with; `none` never.
  if (header.alg !== 'ES256') {
    throw invalid(
      `signed with ${typeof header.alg === 'string' ? `"${header.alg.slice(0, 20)}"` : 'no algorithm'}; vrm accepts ES256`,
    );
  }
  if (options.profile === 'vrm-package' && header.typ !== PACKAGE_TYP) {
    throw invalid(
      `its header typ is ${typeof header.typ === 'string' ? `"${header.typ.slice(0, 40)}"` : 'missing'}; a vrm package is typed "${PACKAGE_TYP}"`,
    );
  }

  // §7.1 step 2.2 and 2.3: the caller's key, then the signature, before anything else is trusted.
  const issuerKey = tokenJwk(await options.issuerKey(parsed), "the issuer's key", 'P-256');
  await verifySignature(parsed.issuerJwt, issuerKey, 'ES256', 'the issuer-signed JWT');

  // §7.1 step 2.4 and 3 to 5.
  const hashAlg = hashAlgOf(payload);
  const processor = new Processor(parsed.disclosures, hashAlg);
  const processed = processor.value(payload, '', 0) as JsonObject;
  delete processed._sd_alg;
  const [stray] = processor.unused();
  if (stray) {
    throw invalid(
      `tampered with: disclosure ${stray.position} is not one the issuer signed (no digest in the payload or in another disclosure refers to it)`,
    );
  }

  // §7.1 step 6: the validity claims of the processed payload.
  const now = options.now.getTime() / 1000;
  const exp = numericDate(processed, 'exp');
  const nbf = numericDate(processed, 'nbf');
  const iat = numericDate(processed, 'iat');
  if (options.profile === 'vrm-package') {
    if (typeof processed.vct !== 'string' || processed.vct === '') {
      throw invalid('it has no vct (the credential type every vrm package names)');
    }
    if (exp === null) throw invalid('it has no exp (every vrm package carries an expiry date)');
  }
  if (exp !== null && exp <= now) throw invalid(`expired on ${iso(exp)}`);
  if (nbf !== null && nbf > now) throw invalid(`not valid yet: its nbf is ${iso(nbf)}`);
  if (iat !== null && iat > now)
    throw invalid(`not valid yet: it was issued in the future (iat ${iso(iat)})`);

  const keyBinding = await checkKeyBinding(parsed, processed, hashAlg, options);
  return {
    header,
    payload: processed,
    disclosed: processor.disclosed,
    withheld: processor.withheld,
    hashAlg,
    keyBinding,
  };
}

/** §4.3 and §7.3 step 5: a key-binding JWT, if there is one or the caller requires one. */
async function checkKeyBinding(
  parsed: ParsedSdJwt,
  processed: JsonObject,
  hashAlg: HashAlg,
  options: SdJwtOptions,
): Promise<KeyBinding | null> {
  const required =
    options.requireKeyBinding === true || options.nonce !== undefined || options.audience !== undefined;
  const jwt = parsed.keyBindingJwt;
  if (jwt === null) {
    if (required) {
      throw invalid('it has no key-binding JWT, and one is required (a nonce or audience was given)');
    }
    return null;
  }
  const cnf = processed.cnf;
  if (!isObject(cnf)) {
    throw invalid('it has a key-binding JWT but no cnf claim naming the holder key to check it with');
  }
  if (!Object.hasOwn(cnf, 'jwk'))
    throw invalid('its cnf has no jwk: vrm checks key binding with a cnf.jwk only');
  const holderKey = tokenJwk(cnf.jwk, 'the holder key (cnf.jwk)');

  const [h = '', p = ''] = jwt.split('.');
  const header = decodeObject(h, "the key-binding JWT's header");
  const payload = decodeObject(p, "the key-binding JWT's payload");
  const alg = header.alg;
  const algs = holderKey.kty === 'OKP' ? ['EdDSA'] : ['ES256', 'ES384', 'ES512'];
  if (typeof alg !== 'string' || !algs.includes(alg)) {
    throw invalid(
      `the key-binding JWT is signed with ${typeof alg === 'string' ? `"${alg.slice(0, 20)}"` : 'no algorithm'}; vrm accepts ${algs.join(', ')} for this holder key`,
    );
  }
  await verifySignature(jwt, holderKey, alg, 'the key-binding JWT');
  if (header.typ !== 'kb+jwt') {
    throw invalid(
      `the key-binding JWT's typ is ${typeof header.typ === 'string' ? `"${header.typ.slice(0, 40)}"` : 'missing'}; RFC 9901 requires "kb+jwt"`,
    );
  }
  const what = 'the key-binding JWT';
  const iat = numericDate(payload, 'iat', what);
  if (iat === null) throw invalid(`${what} has no iat`);
  const now = options.now.getTime() / 1000;
  if (iat > now + KEY_BINDING_WINDOW.maxFutureSeconds) {
    throw invalid(`${what} was made in the future (iat ${iso(iat)})`);
  }
  if (iat < now - KEY_BINDING_WINDOW.maxAgeSeconds) {
    throw invalid(
      `${what} is stale: made ${iso(iat)}, more than ${KEY_BINDING_WINDOW.maxAgeSeconds / 60} minutes ago; ask the holder for a fresh presentation`,
    );
  }
  for (const claim of ['aud', 'nonce', 'sd_hash'] as const) {
    if (typeof payload[claim] !== 'string') throw invalid(`${what} has no ${claim} string`);
  }
  const { aud, nonce, sd_hash: sdHash } = payload as { aud: string; nonce: string; sd_hash: string };
  if (sdHash !== digestOf(parsed.sdJwt, hashAlg)) {
    throw invalid(`tampered with: ${what}'s sd_hash does not match the SD-JWT it comes with`);
  }
  if (options.nonce !== undefined && nonce !== options.nonce) {
    throw invalid(`${what}'s nonce is not the one expected: it was made for another request`);
  }
  if (options.audience !== undefined && aud !== options.audience) {
    throw invalid(
      `${what} was made for ${JSON.stringify(aud.slice(0, 100))}, not ${JSON.stringify(options.audience)}`,
    );
  }
  return { nonce, audience: aud, issuedAt: iso(iat) };
}
