import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { digest, ES256 } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { IdentityService } from '../identities/service.js';
import type { KeyService } from '../keys/service.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/handle.js';
import { notFound, VrmError } from '../platform/errors.js';
import { qrPicture, type QrPicture } from '../platform/qr.js';
import { parseInput } from '../platform/validation.js';
import type { ProviderService } from '../providers/service.js';
import type { TermsService } from '../terms/service.js';
import type { VaultService } from '../vault/service.js';
import { claimWords } from './claim-text.js';
import { disclosureFrame, issuedClaims, layout, saltOf, type PackageClaim } from './package-claims.js';
import { PackageRepository } from './package.repository.js';
import { packageInput, type PackageInput } from './schemas.js';
import { DisclosureRepository } from './repository.js';
import { didJwkKey, publicJwk, verifySdJwt, type KeyBinding, type SdJwtProfile } from './sd-jwt.js';
import type { DisclosureService, Recorded } from './service.js';

/**
 * Signed disclosures ("Personal 1-click"): a choice of facts for one provider, under the person's
 * terms, issued as an SD-JWT VC (RFC 9901, with the SD-JWT VC type `urn:vrm:disclosure:1`) and
 * signed with the person's key. Each fact is a claim of its own that can be disclosed or withheld;
 * the terms, the purposes and the consent receipt are referenced in the signed payload.
 *
 * The issuer is the person, named by a `did:jwk` that carries their public key, so anyone can check
 * the signature without asking vrm; `vrm verify` also says whether the key is one of this store's.
 */
export const PACKAGE_VCT = 'urn:vrm:disclosure:1';
export type { PackageClaim } from './package-claims.js';

export interface Package {
  readonly id: number;
  readonly event: string;
  readonly providerId: number;
  readonly provider: string;
  readonly termsCode: string;
  readonly sdJwt: string;
  readonly issuedAt: string;
  readonly expiresAt: string | null;
  readonly claims: readonly PackageClaim[];
  readonly receiptId: string | null;
  /** Whether the package names a holder key (`cnf`), so presentations can carry key binding. */
  readonly holderBinding: boolean;
}

/** The challenge a provider sets for a presentation with key binding (RFC 9901 §4.3). */
export interface KeyBindingRequest {
  /** The provider's fresh random value, so an old presentation cannot be replayed. */
  readonly nonce: string;
  /** Who the presentation is for: the provider's identifier, such as its web address. */
  readonly audience: string;
}

export interface Verification {
  readonly valid: true;
  /**
   * The signer is one the person vouches for: a key of this store, or the key they gave. False
   * when the only key is the one the token names (its `did:jwk`): then the token proves only that
   * it was not changed after signing, not who signed it. The CLI exits 10 then; the API says so here.
   */
  readonly trusted: boolean;
  /** Where the key came from: this store, the caller (`--key`), or only the token itself. */
  readonly keySource: 'store' | 'given' | 'token';
  readonly issuer: string;
  readonly kid: string | null;
  /** The key is one of this store's (current or retired), not only the one the package names. */
  readonly knownKey: boolean;
  /** How strictly it was checked: RFC 9901 alone, or also as a vrm package (typ, vct, exp). */
  readonly profile: SdJwtProfile;
  readonly vct: string;
  readonly issuedAt: string | null;
  readonly expiresAt: string | null;
  readonly terms: unknown;
  readonly purposes: unknown;
  readonly recipient: unknown;
  readonly receipt: unknown;
  /** The claims the presentation discloses (nested ones by path, `address.region`). */
  readonly disclosed: Record<string, unknown>;
  /** How many digests have no disclosure: claims kept hidden, and decoys. */
  readonly withheld: number;
  /** The Processed SD-JWT Payload (RFC 9901 §7.1): every claim, disclosed ones in place. */
  readonly claims: Record<string, unknown>;
  /** The key-binding JWT's checked claims, if the presentation has one. */
  readonly keyBinding: KeyBinding | null;
}

export interface VerifyOptions {
  /** The issuer's public key as given (a `--key` file, an API body): checked before use. */
  readonly key?: unknown;
  readonly now?: Date;
  /** `vrm-package` (default) or `sd-jwt` for any RFC 9901 SD-JWT. */
  readonly profile?: SdJwtProfile | undefined;
  /** Expected key-binding nonce and audience; either requires a key-binding JWT. */
  readonly nonce?: string | undefined;
  readonly audience?: string | undefined;
}

const invalid = (reason: string): VrmError =>
  new VrmError('invalid_input', `the SD-JWT is not valid: ${reason}`);

/** `did:jwk` of a public key: the key itself, so the package verifies on its own. */
const didJwk = (jwk: JWK): string => {
  const { kty, crv, x, y } = jwk;
  return `did:jwk:${Buffer.from(JSON.stringify({ crv, kty, x, y })).toString('base64url')}`;
};

const hasher = (data: string | ArrayBuffer, alg: string): Uint8Array => digest(data, alg);

/** A public EC key in JWK form, with only the members RFC 7638 names. */
const publicMembers = ({ kty, crv, x, y }: JWK): JWK => ({ kty, crv, x, y });

export class PackageService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
    private readonly vault: VaultService,
    private readonly identities: IdentityService,
    private readonly terms: TermsService,
    private readonly ledger: DisclosureService,
    private readonly keys: KeyService,
  ) {}

  private readonly repo = (db: Db = this.db) => new PackageRepository(db);

  /**
   * Issues a signed disclosure package for a provider and records what it discloses in the
   * ledger (channel `signed_package`), with its consent receipt, in one transaction.
   */
  async issue(input: PackageInput): Promise<Package & { recorded: Recorded }> {
    const parsed = parseInput(packageInput, input, 'package');
    if (parsed.facts.length === 0 && parsed.identities.length === 0) {
      throw new VrmError('invalid_input', 'package: choose at least one fact or identity to put in it');
    }
    const provider = await this.providers.get(parsed.provider);
    const terms = await this.terms.get(parsed.terms);
    const facts = await Promise.all([...new Set(parsed.facts)].map((id) => this.vault.get(id)));
    const identities = await Promise.all(
      [...new Set(parsed.identities)].map((id) => this.identities.get(id)),
    );
    for (const fact of facts) {
      if (fact.retiredAt)
        throw new VrmError('conflict', `fact ${fact.id} (${fact.label}) is retired: it is no longer true`);
    }
    for (const identity of identities) {
      if (identity.providerId !== provider.id) {
        throw new VrmError('conflict', `identity ${identity.id} was not given to ${provider.name}`);
      }
    }
    const claims = layout(identities, facts);
    const holder = parsed.holderBinding ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : undefined;

    // A key of its own for each provider: the same `iss` to two providers would let them link the
    // person through the credential, which per-provider identities exist to prevent.
    const key = await this.keys.issuerKeyFor(provider.id);
    const issuer = didJwk(key.publicJwk);
    const now = this.clock();
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + parsed.validDays * 86_400;
    const event = randomUUID();
    // The ledger check runs (and may refuse) before anything is signed.
    const evaluation = await this.ledger.preview(
      {
        provider: provider.id,
        facts: facts.map((f) => f.id),
        identities: identities.map((i) => i.id),
        purposes: parsed.purposes,
        terms: terms.code,
        override: parsed.override ?? null,
      },
      { share: true },
    );
    const receipt = await this.ledger.signReceipt({
      provider,
      terms,
      at: now,
      channel: 'signed_package',
      purposes: parsed.purposes,
      facts,
      identityCount: identities.length,
    });
    const sdjwt = new SDJwtVcInstance({
      signer: await ES256.getSigner(key.privateJwk),
      signAlg: 'ES256',
      hasher,
      hashAlg: 'sha-256',
      saltGenerator: saltOf,
    });
    const payload = {
      iss: issuer,
      iat,
      exp,
      vct: PACKAGE_VCT,
      jti: `urn:uuid:${event}`,
      recipient: { name: provider.name, ...(provider.website ? { website: provider.website } : {}) },
      terms: { code: terms.code, name: terms.name, url: terms.url ?? `urn:vrm:terms:${terms.code}` },
      purposes: [...new Set(parsed.purposes)],
      consent_receipt: `urn:uuid:${receipt.receiptId}`,
      ...(holder ? { cnf: { jwk: publicMembers(holder.publicKey.export({ format: 'jwk' })) } } : {}),
      ...Object.fromEntries(claims.map((c) => [c.claim, c.value])),
    };
    const sdJwt = await sdjwt.issue(payload, disclosureFrame(claims), {
      header: { kid: `${issuer}#0` },
    });
    const recorded = await this.ledger.share(
      {
        provider: provider.id,
        facts: facts.map((f) => f.id),
        identities: identities.map((i) => i.id),
        purposes: parsed.purposes,
        terms: terms.code,
        override: evaluation.refused ? (parsed.override ?? null) : null,
        note: `signed disclosure package ${event}`,
      },
      {
        channel: 'signed_package',
        event,
        receipt,
        within: async (trx) => {
          await this.repo(trx).insert({
            event,
            providerId: provider.id,
            termsCode: terms.code,
            sdJwt,
            issuedAt: now.toISOString(),
            expiresAt: new Date(exp * 1000).toISOString(),
            holderKey: holder ? JSON.stringify(holder.privateKey.export({ format: 'jwk' })) : null,
          });
        },
      },
    );
    const stored = await this.byEvent(event);
    return { ...stored, recorded };
  }

  async list(filter: { provider?: number | string | undefined } = {}): Promise<Package[]> {
    const providerId =
      filter.provider === undefined ? undefined : await this.providers.resolve(filter.provider);
    const rows = await this.repo().list(providerId);
    return Promise.all(rows.map(async (r) => ({ ...r, claims: await this.claimsIn(r.sdJwt, r.event) })));
  }

  async get(id: number): Promise<Package> {
    const found = (await this.list()).find((p) => p.id === id);
    if (!found) throw notFound('package', id);
    return found;
  }

  /**
   * A presentation of a package that discloses only some of its claims (default: all). This is
   * what goes to the provider: the hidden claims stay as digests it cannot reverse. A claim with
   * parts (`address`) names all its parts; `address.locality` names one. With `binding` (the
   * provider's nonce and its own identifier), a key-binding JWT signed with the package's holder
   * key ends the presentation.
   */
  async present(id: number, claims?: readonly string[], binding?: KeyBindingRequest): Promise<string> {
    const pkg = await this.get(id);
    const names = pkg.claims.map((c) => c.claim);
    const chosen = new Set<string>();
    const unknown: string[] = [];
    for (const name of claims ?? names) {
      const matching = names.filter((n) => n === name || n.startsWith(`${name}.`));
      if (matching.length === 0) unknown.push(name);
      for (const n of matching) chosen.add(n);
    }
    if (unknown.length > 0) {
      throw new VrmError(
        'invalid_input',
        `package ${id} has no claim ${unknown.join(', ')}; it has ${names.join(', ')}`,
      );
    }
    const frame: Record<string, true | Record<string, true>> = {};
    for (const name of chosen) {
      const [parent = name, part] = name.split('.', 2);
      if (part === undefined) frame[parent] = true;
      else frame[parent] = { ...(frame[parent] === true ? {} : frame[parent]), [part]: true };
    }
    if (!binding) {
      const sdjwt = new SDJwtVcInstance({ hasher, hashAlg: 'sha-256' });
      return sdjwt.present(pkg.sdJwt, frame);
    }
    const nonce = binding.nonce.trim();
    const audience = binding.audience.trim();
    if (!nonce || !audience) {
      throw new VrmError(
        'invalid_input',
        'key binding needs both the nonce and the audience the provider gave (--nonce and --audience)',
      );
    }
    const holderKey = await this.holderKeyOf(id);
    if (!holderKey) {
      throw new VrmError(
        'conflict',
        `package ${id} was issued without holder binding, so it cannot carry key binding: issue a new one with --holder-binding`,
      );
    }
    const sdjwt = new SDJwtVcInstance({
      hasher,
      hashAlg: 'sha-256',
      kbSigner: await ES256.getSigner(holderKey),
      kbSignAlg: 'ES256',
    });
    return sdjwt.present(pkg.sdJwt, frame, {
      kb: { payload: { iat: Math.floor(this.clock().getTime() / 1000), aud: audience, nonce } },
    });
  }

  /** The package as a QR code, SVG text or PNG bytes; refused when too long for a phone to read. */
  async qr(text: string, format: 'svg' | 'png'): Promise<string | Buffer> {
    const picture = await this.qrPicture(text);
    if ('tooLarge' in picture) throw new VrmError('invalid_input', picture.tooLarge);
    return format === 'svg' ? picture.svg : picture.png;
  }

  /** A presentation as a QR code drawn at the size it is meant to be shown, or why it is not one. */
  qrPicture(text: string): Promise<QrPicture> {
    return qrPicture(text, { what: 'This presentation', instead: 'save it as a file, or show fewer claims' });
  }

  /** A JSON bundle for filling in forms: the fields by name, with the signed package to attach. */
  async bundle(id: number, claims?: readonly string[], binding?: KeyBindingRequest) {
    const pkg = await this.get(id);
    const presentation = await this.present(id, claims, binding);
    const verified = await this.verify(presentation);
    return {
      provider: pkg.provider,
      terms: verified.terms,
      purposes: verified.purposes,
      issuedAt: verified.issuedAt,
      expiresAt: verified.expiresAt,
      fields: verified.disclosed,
      consentReceipt: pkg.receiptId,
      sdJwt: presentation,
    };
  }

  /**
   * Verifies an SD-JWT (a package or a presentation) with `verifySdJwt` (RFC 9901, see
   * ./sd-jwt.ts) and says whose key signed it. The key is, in order: the one given (`key`, the
   * `--key` file), the one the issuer's `did:jwk` carries, or this store's key the header's `kid`
   * names. Each failure says why: badly formed, expired, tampered with, or signed by a key vrm
   * cannot find.
   *
   * **Important**: a token signed by the key its own `did:jwk` names proves only that it was not
   * changed after signing, not who signed it: anyone can make a key and a did:jwk. `trusted` is
   * true only for a key of this store or one the caller gave.
   */
  async verify(text: string, options: VerifyOptions = {}): Promise<Verification> {
    const given = options.key === undefined ? undefined : publicJwk(options.key, 'the key given', 'P-256');
    // Set by the key choice below, which runs inside verifySdJwt once the token is parsed.
    const signer: { source: Verification['keySource']; known: boolean; kid?: string } = {
      source: 'given',
      known: false,
    };
    const verified = await verifySdJwt(text, {
      profile: options.profile ?? 'vrm-package',
      now: options.now ?? this.clock(),
      nonce: options.nonce,
      audience: options.audience,
      issuerKey: async ({ header, payload }) => {
        // The person's keys, their own and each provider's issuer key, current and retired.
        const own = (await this.keys.list()).map((k) => k.jwk);
        const isOwn = async (jwk: JWK) => {
          const thumbprint = await calculateJwkThumbprint(jwk, 'sha256');
          const known = own.some((k) => k.kid === thumbprint);
          if (known) signer.kid = thumbprint;
          return known;
        };
        if (given) {
          signer.known = await isOwn(given);
          return given;
        }
        const iss = typeof payload.iss === 'string' ? payload.iss : '';
        if (iss.startsWith('did:jwk:')) {
          const jwk = didJwkKey(iss);
          signer.known = await isOwn(jwk);
          signer.source = signer.known ? 'store' : 'token';
          return jwk;
        }
        const kid = typeof header.kid === 'string' ? header.kid : '';
        const named = own.find((k) => k.kid === kid || `${didJwk(k)}#0` === kid);
        if (!named) {
          throw invalid(
            `signed by a key vrm cannot find (iss ${iss.slice(0, 80) || 'missing'}): give the issuer's public key with --key`,
          );
        }
        signer.known = true;
        signer.source = 'store';
        signer.kid = named.kid;
        return named;
      },
    });
    const { header, payload } = verified;
    // One of the person's keys signs nothing after it was retired: its private half is gone.
    if (signer.kid !== undefined && typeof payload.iat === 'number') {
      await this.keys.assertKeyValidAt(signer.kid, new Date(payload.iat * 1000)).catch((error: unknown) => {
        throw error instanceof VrmError ? invalid(error.message) : error;
      });
    }
    const iso = (n: unknown): string | null =>
      typeof n === 'number' ? new Date(n * 1000).toISOString() : null;
    return {
      valid: true,
      trusted: signer.source !== 'token',
      keySource: signer.source,
      knownKey: signer.known,
      profile: options.profile ?? 'vrm-package',
      issuer: typeof payload.iss === 'string' ? payload.iss : '',
      kid: typeof header.kid === 'string' ? header.kid : null,
      vct: typeof payload.vct === 'string' ? payload.vct : '',
      issuedAt: iso(payload.iat),
      expiresAt: iso(payload.exp),
      terms: payload.terms ?? null,
      purposes: payload.purposes ?? null,
      recipient: payload.recipient ?? null,
      receipt: payload.consent_receipt ?? null,
      disclosed: verified.disclosed,
      withheld: verified.withheld,
      claims: payload,
      keyBinding: verified.keyBinding,
    };
  }

  private async byEvent(event: string): Promise<Package> {
    const found = (await this.list()).find((p) => p.event === event);
    if (!found) throw new VrmError('internal', `package ${event} was not stored`);
    return found;
  }

  /** The claims of a package, and the fact or identity each came from (through the ledger). */
  private async claimsIn(sdJwt: string, event: string): Promise<PackageClaim[]> {
    const rows = await new DisclosureRepository(this.db).sourcesOf(event);
    const identities = await Promise.all(
      rows.flatMap((r) => (r.identityId === null ? [] : [this.identities.get(r.identityId)])),
    );
    const facts = await Promise.all(
      rows.flatMap((r) => (r.factId === null ? [] : [this.vault.get(r.factId)])),
    );
    const sources = new Map(layout(identities, facts).map((c) => [c.claim, c]));
    return issuedClaims(sdJwt).map(({ claim, value }) => {
      const [parent = claim, part] = claim.split('.', 2);
      const source = sources.get(parent);
      // A part of a claim (`address.locality`) is named after its whole: "home address: town or city".
      const whole = source?.label ?? claimWords(parent);
      return {
        claim,
        value,
        label: part === undefined ? whole : `${whole}: ${claimWords(part)}`,
        factId: source?.factId ?? null,
        identityId: source?.identityId ?? null,
      };
    });
  }

  /** The private JWK of a package's holder key, or undefined when it was issued without one. */
  private async holderKeyOf(id: number): Promise<JWK | undefined> {
    const holderKey = await this.repo().holderKey(id);
    return holderKey ? (JSON.parse(holderKey) as JWK) : undefined;
  }
}
