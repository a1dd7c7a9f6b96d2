import { createHash } from 'node:crypto';
import type { JWK } from 'jose';
import { z } from 'zod';
import type { AgreementsTable } from '../platform/db/schema.js';
import type { Terms } from './roster.js';

/**
 * The signed records of an agreement, as IEEE 7012-2025 asks: a record of what the first party
 * (the person) proffered to the second party (the organisation), and of its answer, that both
 * sides keep and either can check later. Pure functions over JSON; signing happens in the service.
 */

/** The JWS `typ` of the person's signed record of one state of an agreement. */
export const AGREEMENT_TYP = 'vrm-agreement+jwt';
/** The JWS `typ` of the organisation's countersignature of one of those records. */
export const COUNTERSIGNATURE_TYP = 'vrm-agreement-countersignature+jwt';
/** The record's own format version: 1 has the agreement UUID, both parties and the chain. */
export const RECORD_VERSION = 1;
export const EXPORT_FORMAT = 'vrm-agreement-record';
export const EXPORT_FORMAT_VERSION = 1;

export type AgreementState = AgreementsTable['status'];

/**
 * JSON in the canonical form of RFC 8785 (JCS) for the values vrm signs: object keys sorted by
 * UTF-16 code units, no whitespace, strings escaped as ECMAScript's `JSON.stringify` does. The
 * values here hold no fractions, so the number rule of JCS is the plain integer form.
 *
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new TypeError('canonicalJson: only whole numbers are canonicalised here');
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The exact terms text: the canonical JSON (RFC 8785) of the terms entry, every field of it
 * (code, name, summary, purposes, third parties, retention, profiling, AI training, tracking,
 * source, based-on and URL). The roster publishes its agreements as pages of prose that vrm does
 * not copy; what the person proffers is this entry, and its hash fixes it in every record.
 */
export function termsText(terms: Terms): string {
  return canonicalJson({
    code: terms.code,
    name: terms.name,
    summary: terms.summary,
    purposes: terms.purposes,
    thirdParties: terms.thirdParties,
    retention: terms.retention,
    profiling: terms.profiling,
    aiTraining: terms.aiTraining,
    tracking: terms.tracking,
    source: terms.source,
    basedOn: terms.basedOn,
    url: terms.url,
  });
}

export interface TermsReference {
  readonly code: string;
  readonly name: string;
  readonly source: Terms['source'];
  /** Where the roster publishes the agreement; null for the person's own terms. */
  readonly uri: string | null;
  /** SHA-256 (hex) of the exact terms text, `termsText`. */
  readonly sha256: string;
  readonly canonicalisation: 'RFC 8785';
}

export const termsReference = (terms: Terms): TermsReference => ({
  code: terms.code,
  name: terms.name,
  source: terms.source,
  uri: terms.url,
  sha256: sha256Hex(termsText(terms)),
  canonicalisation: 'RFC 8785',
});

export interface Party {
  /** The identity vrm gave the provider (an e-mail alias), else a pseudonym `urn:uuid:…`. */
  readonly id: string;
  readonly kind: 'identity' | 'pseudonym';
}

export interface SecondParty {
  readonly name: string;
  readonly website: string | null;
  readonly domains: readonly string[];
}

/** What the person signs for each state of an agreement (the JWS payload). */
export interface AgreementRecord {
  readonly type: 'agreement';
  readonly version: typeof RECORD_VERSION;
  /** `urn:uuid:…`, the same in every record of the agreement. */
  readonly agreementId: string;
  readonly status: AgreementState;
  /** Seconds since the epoch (a JWT NumericDate), and the same instant in ISO 8601. */
  readonly iat: number;
  readonly issuedAt: string;
  readonly firstParty: Party;
  readonly secondParty: SecondParty;
  readonly terms: TermsReference;
  readonly profferedOn: string;
  readonly counterTerms: TermsReference | null;
  readonly answeredOn: string | null;
  readonly evidence: {
    readonly note: string | null;
    readonly document: Record<string, unknown> | null;
    readonly interaction: Record<string, unknown> | null;
  };
  /** The record before this one: the SHA-256 (hex) of its compact JWS, as ASCII. Null for the proffer. */
  readonly previous: { readonly state: AgreementState; readonly jwsSha256: string } | null;
}

/**
 * What the organisation signs to countersign a record: a second compact JWS whose payload names
 * the agreement and holds the SHA-256 of the person's JWS, so it signs exactly those bytes.
 */
export interface CountersignPayload {
  readonly type: 'agreement-countersignature';
  readonly agreementId: string;
  readonly status: AgreementState;
  /** SHA-256 (hex) of the person's compact JWS of this state, as ASCII. */
  readonly jwsSha256: string;
}

export const countersignPayload = (
  record: { agreementId: string; status: AgreementState },
  jws: string,
): CountersignPayload => ({
  type: 'agreement-countersignature',
  agreementId: record.agreementId,
  status: record.status,
  jwsSha256: sha256Hex(jws),
});

const state = z.enum(['proffered', 'accepted', 'rejected', 'countered']);
const compactJws = z.string().regex(/^[\w-]+\.[\w-]*\.[\w-]+$/, { error: 'not a compact JWS' });

/** The exported record file (docs/formats.md), checked field by field when it is read back. */
export const agreementExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `format must be "${EXPORT_FORMAT}"` }),
  formatVersion: z.literal(EXPORT_FORMAT_VERSION, {
    error: `formatVersion must be ${EXPORT_FORMAT_VERSION}`,
  }),
  agreementId: z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/, { error: 'must be urn:uuid:…' }),
  records: z
    .array(z.object({ state, jws: compactJws, createdAt: z.string() }))
    .min(1, { error: 'at least the proffer' }),
  terms: z.object({ code: z.string(), sha256: z.string(), text: z.string() }),
  counterTerms: z.object({ code: z.string(), sha256: z.string(), text: z.string() }).nullable(),
  countersign: z.object({
    state,
    protectedHeader: z.object({ alg: z.string(), typ: z.literal(COUNTERSIGNATURE_TYP) }),
    payload: z.object({
      type: z.literal('agreement-countersignature'),
      agreementId: z.string(),
      status: state,
      jwsSha256: z.string(),
    }),
  }),
  countersignature: z
    .object({
      state,
      jws: compactJws,
      key: z.record(z.string(), z.unknown()),
      kid: z.string(),
      countersignedAt: z.string(),
    })
    .nullable(),
});
export type AgreementExport = z.output<typeof agreementExportSchema>;

/** An organisation's public key as given by a person: an EC P-256 JWK with no private part. */
export function publicOrgKey(value: unknown): JWK {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('the organisation key is not a JSON Web Key (a JSON object)');
  }
  const jwk = value as JWK;
  if (jwk.d !== undefined) {
    throw new TypeError(
      'the organisation key holds a private key ("d"): give only the organisation\'s public key',
    );
  }
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new TypeError(
      `the organisation key is ${String(jwk.kty)}${jwk.crv ? ` ${jwk.crv}` : ''}: vrm checks ES256 countersignatures, with an EC P-256 public key`,
    );
  }
  const { kty, crv, x, y } = jwk;
  return { kty, crv, x, y };
}
