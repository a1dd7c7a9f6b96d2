import { generateKeyPairSync } from 'node:crypto';
import {
  calculateJwkThumbprint,
  compactVerify,
  CompactSign,
  decodeProtectedHeader,
  errors as joseErrors,
  importJWK,
  type JWK,
} from 'jose';
import type { Clock } from '../platform/clock.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { VrmError } from '../platform/errors.js';
import { KeyRepository, type SigningKeyRow } from './repository.js';

/** The one signature algorithm: ECDSA on P-256 with SHA-256, what SD-JWT VC wallets expect first. */
export const SIGNING_ALG = 'ES256';

export interface PublicKey {
  readonly id: number;
  /** The RFC 7638 thumbprint of the public key; every signature names its key by it. */
  readonly kid: string;
  readonly alg: typeof SIGNING_ALG;
  /** The public key as a JWK (RFC 7517), with `kid`, `alg` and `use`. */
  readonly jwk: JWK;
  readonly createdAt: string;
  /** When the key was retired: it verifies only what was signed up to then. */
  readonly retiredAt: string | null;
  /** Whether it signs now (the person's current key, or a provider's current issuer key). */
  readonly current: boolean;
  /** The provider this issuer key is for; null for the person's own keys. */
  readonly providerId: number | null;
}

/** A key that can sign: its private half never leaves this process. */
export interface SigningKey {
  readonly kid: string;
  readonly alg: typeof SIGNING_ALG;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

export interface VerifiedJws {
  readonly payload: Record<string, unknown>;
  readonly header: Record<string, unknown>;
  /** The key that verified it; `known` is false when the caller supplied the key. */
  readonly kid: string | undefined;
  /** The date the signature was checked at (its `iat`, or the date the caller gave), if any. */
  readonly signedAt: string | null;
}

/**
 * The JWK member that marks a retired key in a key set: the ISO 8601 instant it was retired.
 * RFC 7517 §4 lets a JWK carry members beyond the registered ones, which a reader that does not
 * know them must ignore; the `vrm_` prefix keeps it from clashing with a name registered later.
 */
export const RETIRED_AT_MEMBER = 'vrm_retired_at';

const publicJwkOf = (row: SigningKeyRow): JWK => ({
  ...(JSON.parse(row.publicJwk) as JWK),
  kid: row.kid,
  alg: row.alg,
  use: 'sig',
  ...(row.retiredAt === null ? {} : { [RETIRED_AT_MEMBER]: row.retiredAt }),
});

const toPublicKey = (row: SigningKeyRow, current: boolean): PublicKey => ({
  id: row.id,
  kid: row.kid,
  alg: row.alg,
  jwk: publicJwkOf(row),
  createdAt: row.createdAt,
  retiredAt: row.retiredAt,
  current,
  providerId: row.providerId,
});

/** A key signs while it is not retired and still has its private half. */
const signs = (row: SigningKeyRow): boolean => row.retiredAt === null && row.privateJwk !== null;

const toSigningKey = (row: SigningKeyRow): SigningKey => {
  if (row.privateJwk === null) throw new VrmError('internal', `key ${row.kid} has no private half`);
  return {
    kid: row.kid,
    alg: row.alg,
    privateJwk: JSON.parse(row.privateJwk) as JWK,
    publicJwk: publicJwkOf(row),
  };
};

/** A NumericDate (RFC 7519 §2: seconds since the epoch) as an ISO instant, or null if it is none. */
const numericDate = (value: unknown): Date | null =>
  typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000) : null;

const invalid = (message: string) => new VrmError('invalid_input', message);

/**
 * The person's signing keys, kept in the encrypted store. One key signs at a time; rotating makes
 * a new one, destroys the private half of the old one and keeps its public half, so everything
 * signed before still verifies and nothing new can be signed with it. Agreements, consent receipts
 * and signed disclosures (SD-JWT VC) are all signed here.
 *
 * Each provider can also have an issuer key of its own ({@link KeyService.issuerKeyFor}), so two
 * providers cannot link the person by the key that signed what they were given. Those keys are
 * not in the person's key set ({@link KeyService.jwks}): publishing them there would link them again.
 *
 * @example
 *   const jws = await keys.sign({ hello: 'world' }, 'vrm-agreement+jwt');
 *   const { payload } = await keys.verify(jws);
 */
export class KeyService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private readonly repo = () => new KeyRepository(this.db);

  /** Makes the first key pair if there is none (at `init`, or on first use of an older store). */
  async ensure(): Promise<PublicKey> {
    const row = (await this.repo().current()) ?? (await this.renew(null));
    return toPublicKey(row, true);
  }

  /**
   * After a restore from an export without secrets: the keys that came without their private half
   * are retired as of now (they verify what they signed before), and the person gets a fresh
   * signing key. Providers' issuer keys are made again on their next use. Returns how many keys
   * were retired and the new key, if one was made.
   */
  async renewAfterRestore(): Promise<{ retired: number; fresh: PublicKey | null }> {
    const retired = await this.repo().retireWithoutPrivateHalf(this.clock().toISOString());
    if (retired === 0) return { retired, fresh: null };
    const hadCurrent = (await this.repo().current()) !== undefined;
    const fresh = await this.ensure();
    return { retired, fresh: hadCurrent ? null : fresh };
  }

  /** Every key, the person's and the providers' issuer keys, oldest first. */
  async list(): Promise<PublicKey[]> {
    const current = await this.repo().current();
    return (await this.repo().all()).map((row) =>
      toPublicKey(row, row.providerId === null ? row.id === current?.id : signs(row)),
    );
  }

  /**
   * A JSON Web Key Set of the person's public keys, current and retired, for anyone who verifies.
   * A retired key carries {@link RETIRED_AT_MEMBER}. Providers' issuer keys are left out on purpose.
   */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.ensure();
    return { keys: (await this.repo().personal()).map(publicJwkOf) };
  }

  /**
   * Retires the person's signing key and makes a new one. The retired key's private half is
   * removed from the store at once; its public half stays, to verify what it signed before.
   * Providers' issuer keys are left as they are.
   */
  async rotate(): Promise<{ current: PublicKey; retired: PublicKey[] }> {
    const before = (await this.repo().personal()).filter((k) => k.retiredAt === null);
    const created = await this.renew(null, { always: true });
    const retired = await Promise.all(
      before.map(async (k) => toPublicKey((await this.repo().byKid(k.kid)) ?? k, false)),
    );
    return { current: toPublicKey(created, true), retired };
  }

  /** The current private key, for the SD-JWT issuer; never leaves this process. */
  async signingKey(): Promise<SigningKey> {
    return toSigningKey((await this.repo().current()) ?? (await this.renew(null)));
  }

  /**
   * The issuer key for one provider, made on first use and kept in the store: what is signed for
   * this provider names this key, not the person's, so providers cannot link the person by it.
   * A provider's key is deleted with the provider. Call it outside a transaction: making the
   * key opens one of its own.
   *
   * @example
   *   const { kid, privateJwk } = await keys.issuerKeyFor(provider.id);
   */
  async issuerKeyFor(providerId: number): Promise<SigningKey> {
    return toSigningKey((await this.repo().currentFor(providerId)) ?? (await this.renew(providerId)));
  }

  /**
   * One of this store's keys by its thumbprint (`kid`), the person's or a provider's issuer key,
   * current or retired; undefined when the key is not one of this store's.
   */
  async findKey(kid: string): Promise<PublicKey | undefined> {
    const row = await this.repo().byKid(kid);
    if (!row) return undefined;
    const current = row.providerId === null ? (await this.repo().current())?.id === row.id : signs(row);
    return toPublicKey(row, current);
  }

  /** Whether a key (by its thumbprint) is one of the person's: their own or a provider's issuer key. */
  async isIssuerKey(kid: string): Promise<boolean> {
    return (await this.repo().byKid(kid)) !== undefined;
  }

  /**
   * Refuses a signature by one of this store's keys dated after that key was retired: its private
   * half was destroyed then, so such a signature was made with a copy kept from before, or carries
   * a false date. Returns the key when the date is within its life.
   *
   * @example
   *   await keys.assertKeyValidAt(kid, new Date(payload.iat * 1000));
   */
  async assertKeyValidAt(kid: string, at: Date | string): Promise<PublicKey> {
    const key = await this.findKey(kid);
    if (!key) throw invalid(`signed with a key this store does not know (kid ${kid})`);
    const when = typeof at === 'string' ? new Date(at) : at;
    if (Number.isNaN(when.getTime())) throw invalid(`the signature's date "${String(at)}" is not a date`);
    if (key.retiredAt !== null && when.getTime() > Date.parse(key.retiredAt)) {
      throw invalid(
        `signed with key ${kid}, which was retired on ${key.retiredAt}, but dated ${when.toISOString()}: ` +
          'a retired key signs nothing new, so this signature was made with a copy of the key or carries a false date',
      );
    }
    return key;
  }

  /**
   * Signs a JSON payload as a compact JWS with the current key. The protected header carries
   * `alg`, `kid`, `typ` and `iat` (the signing time, RFC 7519 §5.3 replicating the claim in the
   * header), so the signature is dated without changing the signed record.
   */
  async sign(payload: object, typ: string): Promise<string> {
    const { kid, alg, privateJwk } = await this.signingKey();
    const key = await importJWK(privateJwk, alg);
    const iat = Math.floor(this.clock().getTime() / 1000);
    return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg, kid, typ, iat })
      .sign(key);
  }

  /**
   * Verifies a compact JWS against this store's keys (current or retired), or against the given
   * public key. Every failure is an `invalid_input` error that says why: malformed, unknown key,
   * wrong type, a signature that does not match (tampered with), or one by a store key dated after
   * that key was retired. The date is `at` if given, else the payload's `iat`, else the header's.
   */
  async verify(
    jws: string,
    options: { typ?: string; key?: JWK; at?: Date | string } = {},
  ): Promise<VerifiedJws> {
    const text = jws.trim();
    if (!/^[\w-]+\.[\w-]*\.[\w-]+$/.test(text)) {
      throw invalid('not a compact JWS: expected three base64url parts separated by dots');
    }
    let header: Record<string, unknown>;
    try {
      header = decodeProtectedHeader(text);
    } catch {
      throw invalid('the JWS header is not valid base64url JSON');
    }
    if (options.typ !== undefined && header.typ !== options.typ) {
      throw invalid(`the JWS is of type "${String(header.typ)}", expected "${options.typ}"`);
    }
    const kid = typeof header.kid === 'string' ? header.kid : undefined;
    let jwk = options.key;
    let stored: SigningKeyRow | undefined;
    if (!jwk) {
      stored = kid === undefined ? undefined : await this.repo().byKid(kid);
      if (!stored) throw invalid(`signed with a key this store does not know (kid ${kid ?? 'missing'})`);
      jwk = publicJwkOf(stored);
    }
    let payload: Record<string, unknown>;
    try {
      const key = await importJWK(jwk, SIGNING_ALG);
      const verified = await compactVerify(text, key, { algorithms: [SIGNING_ALG] });
      const parsed = JSON.parse(new TextDecoder().decode(verified.payload)) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw invalid('the JWS payload is not a JSON object');
      }
      payload = parsed as Record<string, unknown>;
    } catch (error) {
      if (error instanceof VrmError) throw error;
      if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
        throw invalid('the signature does not match: the content was changed after it was signed');
      }
      if (error instanceof SyntaxError) throw invalid('the JWS payload is not valid JSON');
      throw invalid(
        `the JWS could not be verified: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    // Only a date under the signature counts, so it is read after the signature was checked.
    const at = options.at ?? numericDate(payload.iat) ?? numericDate(header.iat);
    if (stored && at !== null) await this.assertKeyValidAt(stored.kid, at);
    const signedAt = at === null ? null : new Date(at).toISOString();
    return { payload, header, kid, signedAt };
  }

  /**
   * The key that signs for the person (`providerId` null) or for one provider, made if there is
   * none that can sign (none yet, or only keys restored without their private half, which are
   * retired now). With `always`, a new key is made whatever there is: a rotation. One transaction,
   * so two processes never both make a key.
   */
  private async renew(providerId: number | null, options: { always?: boolean } = {}): Promise<SigningKeyRow> {
    try {
      return await inTransaction(this.db, async (trx) => {
        const repo = new KeyRepository(trx);
        const existing = providerId === null ? await repo.current() : await repo.currentFor(providerId);
        if (existing && !options.always) return existing;
        await repo.retire(providerId, this.clock().toISOString());
        return this.create(trx, providerId);
      });
    } catch (error) {
      if (providerId !== null && /FOREIGN KEY/.test(error instanceof Error ? error.message : '')) {
        throw new VrmError('not_found', `provider ${providerId} does not exist`, { cause: error });
      }
      throw error;
    }
  }

  private async create(db: Db, providerId: number | null): Promise<SigningKeyRow> {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicJwk = publicKey.export({ format: 'jwk' }) as JWK;
    const privateJwk = privateKey.export({ format: 'jwk' }) as JWK;
    const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
    const row = {
      kid,
      alg: SIGNING_ALG,
      publicJwk: JSON.stringify(publicJwk),
      privateJwk: JSON.stringify(privateJwk),
      providerId,
      createdAt: this.clock().toISOString(),
      retiredAt: null,
    } as const;
    await new KeyRepository(db).insert(row);
    const stored = await new KeyRepository(db).byKid(kid);
    if (!stored) throw new VrmError('internal', 'the new signing key was not stored');
    return stored;
  }
}
