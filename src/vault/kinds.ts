import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { z } from 'zod';
import { countrySchema, isCountryCode } from '../platform/countries.js';
import { isoDateSchema } from '../platform/dates.js';
import { longText, nameText } from '../platform/validation.js';
import { formatIban, ibanProblem, normaliseIban } from './iban.js';

/**
 * The kinds of fact the vault keeps. Each has a zod schema that validates what a person typed and
 * returns the normalised value that is stored (phones in E.164, IBANs without spaces, country
 * codes upper-case), and a one-line summary for lists.
 */
import { FACT_KINDS, type FactKind } from './kind-names.js';

export { FACT_KINDS, type FactKind };

const text = (what: string, max = 500) => nameText(what, max);
const optional = (what: string, max = 500) => text(what, max).optional();

const nameValue = z
  .object({
    full: optional('full name'),
    given: optional('given name'),
    family: optional('family name'),
  })
  .strict()
  .transform((v, ctx) => {
    const full = v.full ?? [v.given, v.family].filter(Boolean).join(' ');
    if (!full) {
      ctx.addIssue({
        code: 'custom',
        path: ['full'],
        message: 'give a full name, or a given and a family name',
      });
      return z.NEVER;
    }
    return { full, ...(v.given ? { given: v.given } : {}), ...(v.family ? { family: v.family } : {}) };
  });

const emailValue = z
  .object({ address: z.email({ error: 'is not an e-mail address' }).trim().max(320) })
  .strict()
  .transform(({ address }) => {
    // The local part may be case-sensitive (RFC 5321 §2.4); the domain never is.
    const at = address.lastIndexOf('@');
    return { address: `${address.slice(0, at)}@${address.slice(at + 1).toLowerCase()}` };
  });

const phoneValue = z
  .object({
    number: text('number', 40),
    /** Country of a number written in national form, such as `030 1234567` in DE. */
    country: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCountryCode, { error: 'must be an ISO 3166-1 alpha-2 country code' })
      .optional(),
  })
  .strict()
  .transform((v, ctx) => {
    const parsed = parsePhoneNumberFromString(v.number, v.country as CountryCode | undefined);
    if (!parsed?.isValid()) {
      ctx.addIssue({
        code: 'custom',
        path: ['number'],
        message:
          v.number.trim().startsWith('+') || v.country
            ? `"${v.number}" is not a valid phone number`
            : `"${v.number}" needs an international prefix such as +44, or a country`,
      });
      return z.NEVER;
    }
    return { number: parsed.number };
  });

const postalAddressValue = z
  .object({
    lines: z
      .array(text('address line', 200))
      .min(1, { error: 'needs at least one street line' })
      .max(5, { error: 'has more than 5 lines' }),
    locality: text('locality (town or city)', 100),
    region: optional('region', 100),
    postcode: optional('postcode', 20),
    country: countrySchema,
  })
  .strict();

const dateValue = z.object({ date: isoDateSchema }).strict();

const bankAccountValue = z
  .object({
    iban: z
      .string({ error: 'IBAN is required' })
      .transform(normaliseIban)
      .superRefine((iban, ctx) => {
        const problem = ibanProblem(iban);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    bic: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/, {
        error: 'is not a BIC (8 or 11 letters and digits)',
      })
      .optional(),
    holder: optional('holder', 200),
    bank: optional('bank', 200),
  })
  .strict();

export const IDENTITY_DOCUMENT_TYPES = [
  'passport',
  'national_id',
  'driving_licence',
  'residence_permit',
  'tax_id',
  'social_security',
  'health_insurance',
  'other',
] as const;

const identityDocumentValue = z
  .object({
    document_type: z.enum(IDENTITY_DOCUMENT_TYPES, {
      error: `must be one of ${IDENTITY_DOCUMENT_TYPES.join(', ')}`,
    }),
    number: text('document number', 100),
    issuer: text('issuer (a country or an authority)', 200),
    issued_on: isoDateSchema.optional(),
    expires_on: isoDateSchema.optional(),
  })
  .strict()
  .refine((v) => !v.issued_on || !v.expires_on || v.expires_on > v.issued_on, {
    path: ['expires_on'],
    error: 'must be after the issue date',
  });

const customValue = z.object({ text: longText('text', 10_000) }).strict();

export const FACT_VALUE_SCHEMAS = {
  name: nameValue,
  email: emailValue,
  phone: phoneValue,
  postal_address: postalAddressValue,
  date: dateValue,
  bank_account: bankAccountValue,
  identity_document: identityDocumentValue,
  custom: customValue,
} as const satisfies Record<FactKind, z.ZodType>;

export type FactValue = z.output<(typeof FACT_VALUE_SCHEMAS)[FactKind]>;

/** A one-line rendering of a stored value, for tables and timelines. */
/**
 * A value as the lines a letter or message writes it on: an address as on an envelope (street
 * lines, then town and postcode the British way or postcode and town elsewhere, then region and
 * country), anything else as its one-line summary.
 *
 * @example valueLines('postal_address', { lines: ['12 Cotham Hill'], locality: 'Bristol', postcode: 'BS6 6LA', country: 'GB' })
 *   // → ['12 Cotham Hill', 'Bristol', 'BS6 6LA', 'GB']
 */
export function valueLines(kind: FactKind, value: Record<string, unknown>): string[] {
  if (kind !== 'postal_address') return [summarise(kind, value)];
  const s = (k: string): string => (typeof value[k] === 'string' ? value[k] : '');
  const lines = Array.isArray(value.lines) ? value.lines.map(String) : [];
  const town = ['GB', 'IE'].includes(s('country'))
    ? [s('locality'), s('postcode')]
    : [[s('postcode'), s('locality')].filter(Boolean).join(' ')];
  return [...lines, ...town, s('region'), s('country')].filter(Boolean);
}

export function summarise(kind: FactKind, value: Record<string, unknown>): string {
  const s = (k: string): string => {
    const v = value[k];
    return typeof v === 'string' ? v : '';
  };
  switch (kind) {
    case 'name':
      return s('full');
    case 'email':
      return s('address');
    case 'phone':
      return s('number');
    case 'postal_address': {
      const lines = Array.isArray(value.lines) ? value.lines.map(String) : [];
      return [...lines, [s('postcode'), s('locality')].filter(Boolean).join(' '), s('region'), s('country')]
        .filter(Boolean)
        .join(', ');
    }
    case 'date':
      return s('date');
    case 'bank_account':
      return [formatIban(s('iban')), s('bic'), s('holder')].filter(Boolean).join(' · ');
    case 'identity_document':
      return [
        s('document_type').replace('_', ' '),
        s('number'),
        s('issuer'),
        s('expires_on') && `expires ${s('expires_on')}`,
      ]
        .filter(Boolean)
        .join(' · ');
    case 'custom':
      return s('text').split('\n')[0] ?? '';
  }
}
