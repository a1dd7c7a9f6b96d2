import { z } from 'zod';
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
