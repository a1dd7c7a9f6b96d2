import { z } from 'zod';
import { providerReference } from '../providers/schemas.js';

/**
 * Input schemas of identities and alias strategies, shared by the service and the HTTP API (and so
 * its OpenAPI document).
 */

export const strategyInput = z.object({
  kind: z.enum(['plus', 'catchall'], { error: 'kind must be plus or catchall' }),
  base: z.string({ error: 'base is required' }).trim().min(1, { error: 'base must not be empty' }),
  isDefault: z.boolean().optional(),
});
export type StrategyInput = z.input<typeof strategyInput>;

const note = z.string().trim().max(500).nullable().optional();

export const generateInput = z.object({
  provider: providerReference,
  /** A strategy id, or `plus` / `catchall` for the first of that kind; default: the default one. */
  strategy: z.union([z.number().int().positive(), z.enum(['plus', 'catchall'])]).optional(),
  note,
});
export const emailInput = z.object({
  provider: providerReference,
  address: z.string({ error: 'address is required' }),
  note,
});
export const phoneInput = z.object({
  provider: providerReference,
  number: z.string({ error: 'number is required' }),
  country: z.string().optional(),
  note,
});
export const postalInput = z.object({
  provider: providerReference,
  factId: z.number({ error: 'the postal address fact is required' }).int().positive(),
  tag: z
    .string({ error: 'tag is required' })
    .trim()
    .min(1, { error: 'tag must not be empty' })
    .max(60, { error: 'tag is longer than 60 characters' }),
  note,
});
export type GenerateInput = z.input<typeof generateInput>;
export type EmailIdentityInput = z.input<typeof emailInput>;
export type PhoneIdentityInput = z.input<typeof phoneInput>;
export type PostalIdentityInput = z.input<typeof postalInput>;

/**
 * Any kind of identity in one input, for a surface that creates them all in one place: `mode`
 * says which, and each kind has its own fields.
 */
export const identityCreate = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('alias'), ...generateInput.shape }),
    z.object({ mode: z.literal('email'), ...emailInput.shape }),
    z.object({ mode: z.literal('postal'), ...postalInput.shape }),
    z.object({ mode: z.literal('phone'), ...phoneInput.shape }),
  ],
  { error: 'mode must be alias, email, postal or phone' },
);
