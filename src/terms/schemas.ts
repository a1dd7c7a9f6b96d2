import { z } from 'zod';
import { isoDateSchema, periodSchema } from '../platform/dates.js';
import { longText, nameText } from '../platform/validation.js';
import { providerReference } from '../providers/schemas.js';
import { PURPOSES, THIRD_PARTY_RULES } from './roster.js';

/**
 * Input schemas of personal terms and agreements, shared by the services, the HTTP API (and so its
 * OpenAPI document) and restore.
 */

export const purposeSchema = z.enum(PURPOSES, {
  error: (issue) => `"${String(issue.input)}" is not a purpose; use one of ${PURPOSES.join(', ')}`,
});

/** The purposes something is given for: at least one. */
export const purposeList = z.array(purposeSchema).min(1, { error: 'purposes: give at least one' });

/** A code of terms (a roster agreement or the person's own) that something is given under. */
export const termsCode = z
  .string({ error: 'terms are required' })
  .trim()
  .min(1, { error: 'terms are required' });

export const termsInput = z.object({
  code: z
    .string({ error: 'code is required' })
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{1,39}$/, {
      error: 'code must be 2 to 40 letters, digits, - or _, starting with a letter',
    }),
  name: nameText('name', 100),
  summary: longText('summary', 2000),
  purposes: purposeList,
  thirdParties: z.enum(THIRD_PARTY_RULES, { error: 'thirdParties must be none, processors or allowed' }),
  /** How long it may be kept: "2 years", "18 months", "30 days" or P2Y, stored as P2Y (as contracts' terms are). */
  retention: periodSchema.nullable().optional(),
  profiling: z.boolean().default(false),
  aiTraining: z.boolean().default(false),
  tracking: z.boolean().default(false),
  basedOn: z.string().trim().nullable().optional(),
});
export type TermsInput = z.input<typeof termsInput>;

const note = z.string().trim().max(2000).nullable().optional();

export const profferInput = z.object({
  provider: providerReference,
  terms: termsCode,
  on: isoDateSchema.optional(),
  evidence: note,
});
export type ProfferInput = z.input<typeof profferInput>;

export const answerInput = z.object({
  status: z.enum(['accepted', 'rejected', 'countered'], {
    error: 'the answer must be accepted, rejected or countered',
  }),
  counterTerms: z.string().trim().min(1).nullable().optional(),
  on: isoDateSchema.optional(),
  evidence: note,
  documentId: z.number().int().positive().nullable().optional(),
  interactionId: z.number().int().positive().nullable().optional(),
});
export type AnswerInput = z.input<typeof answerInput>;
