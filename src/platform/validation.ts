import { z } from 'zod';
import { VrmError, type ErrorDetail } from './errors.js';

const describePath = (path: readonly PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');

/** Turns zod issues into details that name the field, so a message reads `currency: unknown code`. */
export function issuesToDetails(error: z.ZodError, prefix = ''): ErrorDetail[] {
  return error.issues.map((issue) => {
    const path = [prefix, describePath(issue.path)].filter(Boolean).join('.');
    return path ? { path, message: issue.message } : { message: issue.message };
  });
}

export function validationError(details: readonly ErrorDetail[], context?: string): VrmError {
  const first = details[0];
  const summary = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'invalid input';
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  return new VrmError('invalid_input', `${context ? `${context}: ` : ''}${summary}${more}`, { details });
}

/**
 * Validates input at a boundary and returns the parsed value, or throws one `invalid_input` error
 * whose message names the first bad field and whose details list them all.
 *
 * @example parseInput(providerInput, body, 'provider') // → "provider: website: not a URL"
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, context?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationError(issuesToDetails(result.error), context);
}

/** An id as typed by a person: a positive integer. */
export const idSchema = z.coerce
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .positive({ error: 'must be positive' });

export function parseId(value: unknown, what: string): number {
  const result = idSchema.safeParse(value);
  if (result.success) return result.data;
  throw new VrmError('invalid_input', `${what} id must be a positive whole number, got "${String(value)}"`);
}

/** Optional free text: trimmed, and empty means absent. */
export const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional();

export const requiredText = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, { error: `${what} must not be empty` });
