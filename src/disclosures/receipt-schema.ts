import { z } from 'zod';
import type { ErrorDetail } from '../platform/errors.js';
import { issuesToDetails } from '../platform/validation.js';
import { PII_CATEGORY_SET, PURPOSE_CATEGORY_SPELLINGS, RECEIPT_VERSION } from './receipts.js';

// Reading a consent receipt from anywhere: the specification's JSON schema with vrm's value rules.

const filled = (what: string) =>
  z.string({ error: `${what} is required (a string)` }).refine((s) => s.trim() !== '', {
    error: `${what} must not be empty`,
  });
const flag = (what: string) => z.boolean({ error: `${what} is required (true or false)` });
const list = (what: string) => z.array(z.string(), { error: `${what} is required (a list)` });

/**
 * A numbered category must be one of the appendix, number and name exactly; the specification
 * allows other purposes, so a name without a number passes.
 */
const categoryList = (what: string, known: ReadonlySet<string>, appendix: string) =>
  list(what)
    .min(1, { error: `${what} must name at least one category` })
    .superRefine((values, ctx) => {
      for (const [i, value] of values.entries()) {
        if (value.trim() === '') ctx.addIssue({ code: 'custom', path: [i], message: 'must not be empty' });
        else if (/^\s*\d/.test(value) && !known.has(value)) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `"${value}" is not a category of ${appendix} (number and name as the specification writes them)`,
          });
        }
      }
    });

/** RFC 3966 §3: a global number, `+` and digits with optional visual separators, then parameters. */
const TEL_URI = /^tel:\+\d(?:[\d.()-]*\d)?(?:;[a-z\d-]+(?:=[^;]+)?)*$/i;

/**
 * The receipt as the specification's JSON schema (KI-CR-v1.1.0) defines it, with the value rules
 * vrm holds its own receipts to: no required string empty, the phone an RFC 3966 `tel:` URI, and
 * categories as Appendix A and B write them.
 */
export const receiptSchema = z.looseObject({
  version: z.literal(RECEIPT_VERSION, { error: `version must be "${RECEIPT_VERSION}"` }),
  jurisdiction: filled('jurisdiction'),
  consentTimestamp: z
    .number({ error: 'consentTimestamp is required (seconds since 1970)' })
    .int({ error: 'consentTimestamp must be whole seconds' })
    .min(0, { error: 'consentTimestamp must not be negative' }),
  collectionMethod: filled('collectionMethod'),
  consentReceiptID: filled('consentReceiptID'),
  publicKey: filled('publicKey').optional(),
  language: filled('language').optional(),
  piiPrincipalId: filled('piiPrincipalId'),
  piiControllers: z
    .array(
      z.object({
        piiController: filled('piiController'),
        onBehalf: z.boolean().optional(),
        contact: filled('contact'),
        address: z
          .record(z.string(), z.unknown(), { error: 'address is required (a postal address object)' })
          .refine((a) => Object.keys(a).length > 0, { error: 'address must not be empty' }),
        email: filled('email'),
        phone: filled('phone').refine((p) => TEL_URI.test(p), {
          error: 'phone must be an RFC 3966 tel: URI such as tel:+441134960100',
        }),
        piiControllerUrl: z.string().optional(),
      }),
      { error: 'piiControllers is required (a list)' },
    )
    .min(1, { error: 'piiControllers must name the controller' }),
  policyUrl: filled('policyUrl'),
  services: z
    .array(
      z.object({
        service: filled('service'),
        purposes: z
          .array(
            z
              .object({
                purpose: z.string().optional(),
                consentType: filled('consentType'),
                purposeCategory: categoryList('purposeCategory', PURPOSE_CATEGORY_SPELLINGS, 'Appendix A'),
                piiCategory: categoryList('piiCategory', PII_CATEGORY_SET, 'Appendix B'),
                primaryPurpose: z.boolean().optional(),
                termination: filled('termination'),
                thirdPartyDisclosure: flag('thirdPartyDisclosure'),
                thirdPartyName: z.string().optional(),
              })
              .refine((p) => !p.thirdPartyDisclosure || (p.thirdPartyName ?? '').trim() !== '', {
                path: ['thirdPartyName'],
                error: 'thirdPartyName is required when thirdPartyDisclosure is true',
              }),
            { error: 'purposes is required (a list)' },
          )
          .min(1, { error: 'purposes must name at least one purpose' }),
      }),
      { error: 'services is required (a list)' },
    )
    .min(1, { error: 'services must name at least one service' }),
  sensitive: flag('sensitive'),
  spiCat: list('spiCat'),
  // Extensions vrm writes; a receipt issued elsewhere may lack them.
  iss: z.string().optional(),
  receiptIssuer: z.looseObject({ role: z.string() }).optional(),
});
/** A receipt as read from anywhere: what the specification requires, and any extensions. */
export type ReadReceipt = z.output<typeof receiptSchema>;

/**
 * Reads a receipt: the parsed receipt, or every way it falls short of the specification and vrm's
 * value rules, by field.
 */
export function readReceipt(
  receipt: unknown,
): { receipt: ReadReceipt; problems: [] } | { receipt: null; problems: ErrorDetail[] } {
  const result = receiptSchema.safeParse(receipt);
  return result.success
    ? { receipt: result.data, problems: [] }
    : { receipt: null, problems: issuesToDetails(result.error) };
}
