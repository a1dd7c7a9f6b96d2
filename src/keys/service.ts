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
import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { Database } from '../platform/db/schema.js';
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
  readonly retiredAt: string | null;
  readonly current: boolean;
}

export interface VerifiedJws {
  readonly payload: Record<string, unknown>;
  readonly header: Record<string, unknown>;
  /** The key that verified it; `known` is false when the caller supplied the key. */
  readonly kid: string | undefined;
}

const publicJwkOf = (row: SigningKeyRow): JWK => ({
  ...(JSON.parse(row.publicJwk) as JWK),
  kid: row.kid,
  alg: row.alg,
  use: 'sig',
});

const toPublicKey = (row: SigningKeyRow, currentId: number | undefined): PublicKey => ({
  id: row.id,
  kid: row.kid,
  alg: row.alg,
  jwk: publicJwkOf(row),
  createdAt: row.createdAt,
  retiredAt: row.retiredAt,
  current: row.id === currentId,
});

const invalid = (message: string) => new VrmError('invalid_input', message);

/**
 * The person's signing keys, kept in the encrypted store. One key signs at a time; rotating makes
 * a new one and keeps the old public keys, so everything signed before still verifies.
 * Agreements, consent receipts and signed disclosures (SD-JWT VC) are all signed here.
 *
 * @example
 *   const jws = await keys.sign({ hello: 'world' }, 'vrm-agreement+jwt');
 *   const { payload } = await keys.verify(jws);
 */
export class KeyService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  private readonly repo = () => new KeyRepository(this.db);

  /** Makes the first key pair if there is none (at `init`, or on first use of an older store). */
  async ensure(): Promise<PublicKey> {
    const row = (await this.repo().current()) ?? (await this.create());
    return toPublicKey(row, row.id);
  }

  async list(): Promise<PublicKey[]> {
    const current = await this.repo().current();
    return (await this.repo().all()).map((row) => toPublicKey(row, current?.id));
  }

  /** A JSON Web Key Set of every public key, current and retired, for anyone who verifies. */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.ensure();
    return { keys: (await this.repo().all()).map(publicJwkOf) };
  }

  /** Retires the signing key and makes a new one; old public keys stay for verification. */
  async rotate(): Promise<{ current: PublicKey; retired: PublicKey[] }> {
    const before = (await this.repo().all()).filter((k) => k.retiredAt === null);
    const created = await this.db.transaction().execute(async (trx) => {
      await new KeyRepository(trx).retireAll(this.clock().toISOString());
      return this.create(trx);
    });
    const retired = await Promise.all(
      before.map(async (k) => toPublicKey((await this.repo().byKid(k.kid)) ?? k, created.id)),
    );
    return { current: toPublicKey(created, created.id), retired };
  }

  /** The current private key, for the SD-JWT issuer; never leaves this process. */
  async signingKey(): Promise<{ kid: string; alg: typeof SIGNING_ALG; privateJwk: JWK; publicJwk: JWK }> {
    const row = (await this.repo().current()) ?? (await this.create());
    return {
      kid: row.kid,
      alg: row.alg,
      privateJwk: JSON.parse(row.privateJwk) as JWK,
      publicJwk: publicJwkOf(row),
    };
  }

  /** Signs a JSON payload as a compact JWS with the current key (`alg`, `kid` and `typ` in the header). */
  async sign(payload: object, typ: string): Promise<string> {
    const { kid, alg, privateJwk } = await this.signingKey();
    const key = await importJWK(privateJwk, alg);
    return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg, kid, typ })
      .sign(key);
  }

  /**
   * Verifies a compact JWS against this store's keys (current or retired), or against the given
   * public key. Every failure is an `invalid_input` error that says why: malformed, unknown key,
   * wrong type, or a signature that does not match (tampered with).
   */
  async verify(jws: string, options: { typ?: string; key?: JWK } = {}): Promise<VerifiedJws> {
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
    if (!jwk) {
      const row = kid === undefined ? undefined : await this.repo().byKid(kid);
      if (!row) throw invalid(`signed with a key this store does not know (kid ${kid ?? 'missing'})`);
      jwk = publicJwkOf(row);
    }
    try {
      const key = await importJWK(jwk, SIGNING_ALG);
      const { payload } = await compactVerify(text, key, { algorithms: [SIGNING_ALG] });
      const parsed = JSON.parse(new TextDecoder().decode(payload)) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw invalid('the JWS payload is not a JSON object');
      }
      return { payload: parsed as Record<string, unknown>, header, kid };
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
  }

  private async create(db: Kysely<Database> = this.db): Promise<SigningKeyRow> {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicJwk = publicKey.export({ format: 'jwk' }) as JWK;
    const privateJwk = privateKey.export({ format: 'jwk' }) as JWK;
    const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
    const row = {
      kid,
      alg: SIGNING_ALG,
      publicJwk: JSON.stringify(publicJwk),
      privateJwk: JSON.stringify(privateJwk),
      createdAt: this.clock().toISOString(),
      retiredAt: null,
    } as const;
    await new KeyRepository(db).insert(row);
    const stored = await new KeyRepository(db).byKid(kid);
    if (!stored) throw new VrmError('internal', 'the new signing key was not stored');
    return stored;
  }
}
