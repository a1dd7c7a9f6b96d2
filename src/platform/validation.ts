import { z } from 'zod';
import { VrmError, type ErrorDetail } from './errors.js';
import { fieldWords } from './field-words.js';

export { fieldWords };

const describePath = (path: readonly PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');

/**
 * zod's own words for a missing or mistyped value ("Invalid input: expected string, received
 * undefined") say how the schema sees it; a person needs to hear that the field is missing or what
 * it should hold.
 */
function plainMessage(issue: z.core.$ZodIssue): string {
  // A schema's own message for the field already speaks to the person: keep it.
  if (issue.code !== 'invalid_type' || !/^Invalid input: expected /u.test(issue.message))
    return issue.message;
  if (/received undefined$/u.test(issue.message)) return 'is required';
  const expected: Record<string, string> = {
    string: 'must be text',
    number: 'must be a number',
    int: 'must be a whole number',
    boolean: 'must be true or false',
    array: 'must be a list',
    object: 'must be a set of fields',
  };
  return expected[issue.expected] ?? issue.message;
}

/** Turns zod issues into details that name the field, so a message reads `currency: unknown code`. */
export function issuesToDetails(error: z.ZodError, prefix = ''): ErrorDetail[] {
  return error.issues.map((issue) => {
    const path = [prefix, describePath(issue.path)].filter(Boolean).join('.');
    const message = plainMessage(issue);
    return path ? { path, message } : { message };
  });
}

/**
 * A problem as one line: "currency: unknown code", but a message that already names its
 * top-level field ("name must not be empty") is not prefixed with it again.
 */
export function problemLine(detail: ErrorDetail): string {
  if (!detail.path) return detail.message;
  // Only a top-level field: in a nested one the path says where ("piiControllers[1].email").
  if (/[.[]/u.test(detail.path)) return `${detail.path}: ${detail.message}`;
  const words = fieldWords(detail.path);
  return words && detail.message.toLowerCase().startsWith(`${words} `)
    ? detail.message
    : `${detail.path}: ${detail.message}`;
}

/** More problems than this are summed up as "and N more"; the details still list every one. */
const LISTED = 5;

/**
 * One error for every problem found: the message lists each (up to five, then "and N more"),
 * once, so a person fixes them all in one go rather than one per attempt.
 */
export function validationError(details: readonly ErrorDetail[], context?: string): VrmError {
  const lines = [...new Set(details.map(problemLine))];
  const unique = details.filter(
    (d, i) => details.findIndex((e) => e.path === d.path && e.message === d.message) === i,
  );
  const shown = lines.slice(0, LISTED).join('; ') || 'invalid input';
  const more = lines.length > LISTED ? ` (and ${lines.length - LISTED} more)` : '';
  return new VrmError('invalid_input', `${context ? `${context}: ` : ''}${shown}${more}`, {
    details: unique,
  });
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

/**
 * Characters that have no place in text a person reads back: C0 and C1 control characters and
 * DEL, which terminals and other programs act on, and the bidirectional embeddings, overrides and
 * isolates, which make text display in an order other than the one it is stored in, so that
 * "Bank" can show as another name. A one-line name refuses line and paragraph breaks and tabs
 * too; longer text (notes, an address) keeps its line breaks and tabs.
 */
// eslint-disable-next-line no-control-regex -- control characters are what these refuse
const NAME_REFUSED = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
// eslint-disable-next-line no-control-regex -- as above
const TEXT_REFUSED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

const codePoint = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

function refuseCharacters(refused: RegExp) {
  return (s: string, ctx: z.RefinementCtx): void => {
    const found = refused.exec(s);
    if (!found) return;
    const char = found[0];
    const kind = /[\u202a-\u202e\u2066-\u2069]/u.test(char)
      ? 'a character that reorders text'
      : char === '\t'
        ? 'a tab'
        : /[\n\r\u2028\u2029]/u.test(char)
          ? 'a line break'
          : 'a control character';
    ctx.addIssue({
      code: 'custom',
      message: `contains ${kind} (${codePoint(char)}) at position ${String(found.index + 1)}: remove it`,
    });
  };
}

/**
 * A name a person gives (a provider, a contract, a fact's label): trimmed, in Unicode NFC, so the
 * same name typed on two keyboards (an "é" composed or as "e" and an accent) is one name, and
 * free of control and reordering characters.
 *
 * @example nameText('name').parse('Cafe\u0301 ') // → 'Café' (NFC)
 */
export const nameText = (what: string, max = 200) =>
  z
    .string({ error: `${what} is required` })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, { error: `${what} must not be empty` })
        .max(max, { error: `${what} is longer than ${String(max)} characters` })
        .superRefine(refuseCharacters(NAME_REFUSED)),
    );

/** Longer text (a note, an address, a summary): as `nameText`, but line breaks and tabs are kept. */
export const longText = (what: string, max: number) =>
  z
    .string({ error: `${what} is required` })
    .transform((s) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, { error: `${what} must not be empty` })
        .max(max, { error: `${what} is longer than ${String(max)} characters` })
        .superRefine(refuseCharacters(TEXT_REFUSED)),
    );
