import { z } from 'zod';
import { isoDateSchema } from '../platform/dates.js';
import { currencySchema } from '../platform/money.js';
import { OFFER_PERIODS } from './offer-read.js';
import { STATEMENT_FORMS } from './statements.js';

/**
 * Input schemas of personas (issue 18), shared by the service and the HTTP API (and so its
 * OpenAPI document).
 */

/** What a persona says: a vault fact in a form (generalised unless `full`), or the person's own words. */
export const personaStatementInput = z
  .object({
    fact: z.number({ error: 'fact must be the id of a vault fact' }).int().positive().optional(),
    form: z.enum(STATEMENT_FORMS, { error: `form must be one of ${STATEMENT_FORMS.join(', ')}` }).optional(),
    /** The person's word that this fact may be stated in full. */
    full: z.boolean({ error: 'full must be true or false' }).optional(),
    says: z
      .string({ error: 'says must be text' })
      .trim()
      .min(1, { error: 'says must not be empty' })
      .max(300, { error: 'says is longer than 300 characters' })
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.fact === undefined) === (v.says === undefined))
      ctx.addIssue({
        code: 'custom',
        message: 'give either fact (a vault fact, with its form) or says (your own words)',
      });
    else if (v.says !== undefined && (v.form !== undefined || v.full !== undefined))
      ctx.addIssue({ code: 'custom', message: 'form and full are for a fact, not for your own words' });
  });
export type PersonaStatementInput = z.input<typeof personaStatementInput>;

export const personaInput = z.object({
  /** Chosen by the person, or generated (`Quiet Harbour 27`). */
  displayName: z
    .string()
    .trim()
    .min(1, { error: 'displayName must not be empty' })
    .max(80, { error: 'displayName is longer than 80 characters' })
    .optional(),
  /** The alias strategy its alias is made with: an id, plus or catchall; the default one unless said. */
  strategy: z.union([z.number().int().positive(), z.enum(['plus', 'catchall'])]).optional(),
  /** A postal pickup or PO box it may give. */
  pickup: z.string().trim().min(1).max(300, { error: 'pickup is longer than 300 characters' }).optional(),
  note: z.string().trim().max(500, { error: 'note is longer than 500 characters' }).optional(),
  states: z.array(personaStatementInput).max(30, { error: 'a persona states at most 30 things' }).optional(),
});
export type PersonaInput = z.input<typeof personaInput>;

/** A new intent: what the person wants, under which persona, and by when offers are expected. */
export const intentInput = z
  .object({
    persona: z.number({ error: 'persona must be the id of a persona' }).int().positive(),
    category: z
      .string({ error: 'category is required: what kind of thing, such as "car insurance"' })
      .trim()
      .min(1, { error: 'category must not be empty' })
      .max(100, { error: 'category is longer than 100 characters' }),
    description: z
      .string({ error: 'description is required: what you want, in your words' })
      .trim()
      .min(1, { error: 'description must not be empty' })
      .max(2000, { error: 'description is longer than 2000 characters' }),
    quantity: z
      .object({
        value: z
          .number({ error: 'quantity.value must be a number' })
          .positive({ error: 'quantity.value must be more than 0' }),
        unit: z.string().trim().min(1, { error: 'quantity.unit must not be empty' }).max(40),
      })
      .strict()
      .optional(),
    where: z.string().trim().min(1).max(200, { error: 'where is longer than 200 characters' }).optional(),
    from: isoDateSchema.optional(),
    until: isoDateSchema.optional(),
    /** The most the person will pay, as they write it (`600`, `49,99`), in `currency`. */
    budget: z
      .object({
        amount: z.union([z.string().trim(), z.number().transform((n) => String(n))]),
        currency: currencySchema,
        per: z.enum(['month', 'year'], { error: 'budget.per must be month or year' }).optional(),
      })
      .strict()
      .optional(),
    /** Term codes of the roster or the person's own (`PDC-INTENT`, the default). */
    terms: z.array(z.string().trim().min(1)).max(10).optional(),
    answerBy: isoDateSchema,
    /** The contract it would replace: what the offers are compared with (default: found by name). */
    replaces: z.number({ error: 'replaces must be the id of a contract' }).int().positive().optional(),
  })
  .strict();
export type IntentInput = z.input<typeof intentInput>;

/** Vendors added to an intent, or taken off: providers by name or id, or `directory:slug`. */
const vendorRefs = z
  .array(z.string().trim().min(1, { error: 'a vendor is a name, an id or directory:slug' }).max(200), {
    error: 'give a list of vendors',
  })
  .max(100, { error: 'at most 100 vendors at a time' });
export const vendorChange = z
  .object({ add: vendorRefs.optional(), remove: vendorRefs.optional() })
  .refine((c) => (c.add?.length ?? 0) + (c.remove?.length ?? 0) > 0, {
    error: 'name a vendor to add or remove',
  });
export type VendorChange = z.input<typeof vendorChange>;

const words = (what: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(200, { error: `${what}: each at most 200 characters` }),
    )
    .max(50, { error: `${what}: at most 50` });

/** An offer entered by hand: the vendor, and what it offers, as the person writes it. */
export const offerInput = z
  .object({
    intent: z.number({ error: 'intent must be the id of an intent' }).int().positive(),
    /** The vendor: a provider's name or id. */
    vendor: z.union([z.number().int().positive(), z.string().trim().min(1).max(200)], {
      error: 'vendor is required: the provider that made the offer',
    }),
    /** As the person writes it: `545`, `47,20`. Left out: the vendor named no price. */
    price: z.union([z.string().trim(), z.number().transform((n) => String(n))]).optional(),
    currency: currencySchema.optional(),
    period: z.enum(OFFER_PERIODS, { error: `period must be one of ${OFFER_PERIODS.join(', ')}` }).optional(),
    termMonths: z
      .number({ error: 'termMonths must be a number of months' })
      .int({ error: 'termMonths must be a whole number of months' })
      .positive({ error: 'termMonths must be more than 0' })
      .max(600)
      .optional(),
    validUntil: isoDateSchema.optional(),
    included: words('included').optional(),
    excluded: words('excluded').optional(),
    conditions: z
      .string()
      .trim()
      .min(1)
      .max(2000, { error: 'conditions are longer than 2000 characters' })
      .optional(),
  })
  .strict();
export type OfferInput = z.input<typeof offerInput>;

/** Accepting an offer: the facts revealed to its vendor, under which terms, and the others declined. */
export const acceptInput = z
  .object({
    facts: z
      .array(z.number().int().positive(), {
        error: 'facts: give the vault facts the vendor needs to contract',
      })
      .min(1, { error: 'facts: choose at least one fact the vendor needs to contract' })
      .max(30),
    /** The terms the facts are given under: a roster code or the person's own (default SD-BASE). */
    terms: z.string().trim().min(1).default('SD-BASE'),
    /** Send the other vendors a polite decline from the persona. */
    declineOthers: z.boolean().default(false),
    /** The reason for going past a disclosure policy that would refuse it. */
    override: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
export type AcceptInput = z.input<typeof acceptInput>;
