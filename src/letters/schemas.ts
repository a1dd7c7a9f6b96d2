import { z } from 'zod';
import { isoDateSchema } from '../platform/dates.js';
import { longText, nameText } from '../platform/validation.js';
import { providerReference } from '../providers/schemas.js';
import { LANGUAGES, LAYOUTS } from './layout.js';

/**
 * Input schemas of the letters area, shared by the service, the CLI and the HTTP API (and so its
 * OpenAPI document). Field names are the API's; the web form labels them "Send from", "Subject",
 * "Text", "Layout", "Language", "Date" and "Your name".
 */

/** The longest body a letter takes: about eight pages of text. */
export const MAX_BODY = 20_000;

const layout = z.enum(LAYOUTS, { error: `must be one of ${LAYOUTS.join(', ')}` });
const language = z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` });

/** What a letter says, and from which of the person's postal addresses. */
export const letterFields = {
  /** The sender's postal address: a fact of the vault, by number or label. */
  from: z
    .object(
      { factId: z.union([z.number().int().positive(), z.string().trim()]).optional() },
      { error: 'choose one of your postal addresses' },
    )
    // One message at `from` for a choice left empty, so the form shows it at "Send from".
    .refine((v) => v.factId !== undefined && v.factId !== '', {
      error: 'choose one of your postal addresses',
    }),
  subject: nameText('subject', 200),
  body: longText('body', MAX_BODY),
  date: isoDateSchema.optional(),
  language: language.optional(),
  layout: layout.optional(),
  /** The name to sign with, when not the vault's name fact. */
  senderName: nameText('sender name', 200).optional(),
};

/** `letters.render`: a letter to a provider. */
export const letterInput = z.object({ providerId: providerReference, ...letterFields }).strict();
export type LetterInput = z.input<typeof letterInput>;

/** The API's body: the provider is the route's `:id`. */
export const letterBody = z.object(letterFields).strict();
export type LetterBody = z.input<typeof letterBody>;

/** "The letter was posted on this day": recorded as an outbound letter on the provider's timeline. */
export const letterPostedBody = z
  .object({
    subject: nameText('subject', 200),
    postedOn: isoDateSchema,
    notes: longText('notes', 10_000).optional(),
  })
  .strict();
export type LetterPostedBody = z.input<typeof letterPostedBody>;
