import { z } from 'zod';
import { isoDateSchema } from '../platform/dates.js';
import { providerReference } from '../providers/schemas.js';
import { purposeList, purposeSchema, termsCode } from '../terms/schemas.js';
import { KIND_LIST } from '../vault/kind-names.js';

/**
 * Input schemas of the disclosure ledger, its policies and its signed packages, shared by the
 * services, the HTTP API (and so its OpenAPI document) and restore.
 */

/** How a disclosure was given. */
export const CHANNELS = [
  'web',
  'email',
  'phone',
  'letter',
  'in_person',
  'app',
  'signed_package',
  'other',
] as const;

/** Facts or identities by id; none is an empty list. */
const ids = z.array(z.number().int().positive()).default([]);

/** The reason for going ahead although the policy check says no. */
const override = z.string().trim().min(1).max(500).nullable().optional();

export const recordInput = z.object({
  provider: providerReference,
  facts: ids,
  identities: ids,
  on: isoDateSchema.optional(),
  channel: z.enum(CHANNELS, { error: `channel must be one of ${CHANNELS.join(', ')}` }).default('other'),
  purposes: purposeList,
  terms: z.string().trim().min(1).nullable().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
  override,
});
export type RecordInput = z.input<typeof recordInput>;

/**
 * What a policy is about, as the person names it: `*`, a kind (`postal_address`, "postal address"),
 * a fact's label ("home") or number (`3`, `fact:3`). The policy service resolves it and stores `*`,
 * the kind's id or `fact:ID`.
 */
const selectorSchema = z
  .string({ error: 'name a fact by its label or number, a kind, or *' })
  .trim()
  .min(1, { error: `name a fact by its label or number, a kind (${KIND_LIST}) or *` })
  .max(200);

export const policyInput = z.object({
  provider: providerReference.nullable().optional(),
  category: z.string().trim().toLowerCase().min(1).nullable().optional(),
  facts: z.array(selectorSchema).min(1, { error: 'facts: name at least one fact, kind or *' }),
  allow: z.array(z.union([z.literal('*'), purposeSchema])).default([]),
  deny: z.array(purposeSchema).default([]),
  terms: z.string().trim().min(1).nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
export type PolicyInput = z.input<typeof policyInput>;

export const packageInput = z.object({
  provider: providerReference,
  facts: ids,
  identities: ids,
  terms: termsCode,
  purposes: purposeList,
  /** Days the package stays valid; default 30. */
  validDays: z.number().int().min(1).max(3650).default(30),
  override,
  /**
   * Binds the package to a key of the person's (RFC 9901 §4.3): its `cnf` names a key made for this
   * package, and a presentation made with a nonce and an audience carries a key-binding JWT signed
   * with it, so a provider can tell the person presenting from someone replaying a copy.
   */
  holderBinding: z.boolean().default(false),
});
export type PackageInput = z.input<typeof packageInput>;
