import { z } from 'zod';
import { isoDateSchema } from '../platform/dates.js';

/**
 * The money area's input schemas, once for the CLI and the HTTP API. Query strings arrive as text,
 * so numbers and yes/no are read from text too.
 */

const wholeNumber = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number of ${what}, from ${min} to ${max}` })
    .int({ error: `must be a whole number of ${what}, from ${min} to ${max}` })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}: show more in further pages` });

const yesNo = z
  .union([z.boolean(), z.enum(['true', 'false', 'yes', 'no', '1', '0'])])
  .transform((v) => (typeof v === 'boolean' ? v : ['true', 'yes', '1'].includes(v)));

const reference = (what: string) =>
  z.union([
    z.number().int().positive(),
    z
      .string()
      .trim()
      .min(1, { error: `${what} must not be empty` })
      .max(200),
  ]);

/** Which bookings to list: of an account or a provider, unmatched only, in a date range, by text. */
export const transactionsQuery = z
  .object({
    /** The account's id, IBAN, number or label. */
    account: reference('account').optional(),
    /** The provider's id or name. */
    provider: reference('provider').optional(),
    unmatched: yesNo.optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    search: z.string().trim().max(200, { error: 'must be at most 200 characters' }).optional(),
    limit: wholeNumber('bookings', 1, 500).default(50),
    offset: wholeNumber('bookings', 0, 10_000_000).default(0),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['to'],
    error: 'must not be before from',
  });
export type TransactionsQuery = z.input<typeof transactionsQuery>;

/** Which imports to list. */
export const importsQuery = z
  .object({
    limit: wholeNumber('imports', 1, 500).default(50),
    offset: wholeNumber('imports', 0, 10_000_000).default(0),
  })
  .strict();
export type ImportsQuery = z.input<typeof importsQuery>;

/** Who a booking paid, as the person says: a provider's id or name, or none. */
export const assignInput = z
  .object({
    provider: z.union([reference('provider'), z.null()], {
      error: 'provider is required: a provider or none',
    }),
  })
  .strict();
export type AssignInput = z.input<typeof assignInput>;

/**
 * A person's own CSV column mapping, kept minimal and permissive here: which column holds what,
 * by header name or number. The CSV reader's own `CsvMapping` schema (`formats/csv.ts`) replaces
 * it when the two parts meet.
 */
export const csvMappingInput = z
  .object({
    name: z.string().trim().min(1, { error: 'name must not be empty' }).max(100),
    mapping: z.record(z.string(), z.unknown()).refine((m) => Object.keys(m).length > 0, {
      error: 'must say which column holds what',
    }),
  })
  .strict();
export type CsvMappingInput = z.input<typeof csvMappingInput>;
