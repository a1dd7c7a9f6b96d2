import { z } from 'zod';
import { isoDateSchema } from '../platform/dates.js';
import { nameText } from '../platform/validation.js';
import { FACT_KINDS, KIND_LIST } from './kind-names.js';

/**
 * Input schemas of the vault, shared by the service and the HTTP API (and so its OpenAPI
 * document). A fact's value is checked against its kind by the service (`FACT_VALUE_SCHEMAS`).
 */

const labelSchema = nameText('label', 100);
export const kindSchema = z.enum(FACT_KINDS, { error: `kind must be one of ${KIND_LIST}` });
const noteSchema = z.string().trim().max(1000).optional();

export const addFactInput = z.object({
  kind: kindSchema,
  label: labelSchema,
  value: z.record(z.string(), z.unknown(), { error: 'value must be an object of fields' }),
  validFrom: isoDateSchema.optional(),
  note: noteSchema,
});
export type AddFactInput = z.input<typeof addFactInput>;

export const updateFactInput = z
  .object({
    label: labelSchema.optional(),
    value: z.record(z.string(), z.unknown()).optional(),
    validFrom: isoDateSchema.optional(),
    note: noteSchema,
  })
  .refine((v) => v.label !== undefined || v.value !== undefined, {
    error: 'nothing to change: give a new value or a new label',
  });
export type UpdateFactInput = z.input<typeof updateFactInput>;
