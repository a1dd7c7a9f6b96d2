import { z } from 'zod';
import { isoDateSchema } from '../platform/dates.js';
import { longText, nameText } from '../platform/validation.js';
import { MAX_DELIVERY_DAYS } from './deadlines.js';
import { ACCESS_ITEMS, REQUEST_KINDS, type AccessItemKey } from './texts/kinds.js';

/**
 * The input schemas of data-subject requests, each defined once: the service validates with them,
 * and the HTTP API builds its request schemas from the same fields.
 */

export { REQUEST_KINDS, type RequestKind } from './texts/kinds.js';

export const REQUEST_LANGUAGES = ['en', 'de'] as const;
export type RequestLanguage = (typeof REQUEST_LANGUAGES)[number];

export const REQUEST_CHANNELS = ['email', 'letter', 'web_form'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/** Where a proceeding stands, as stored; "waiting" and "overdue" are read from the dates. */
export const PROCEEDING_STATES = [
  'drafted',
  'sent',
  'extended',
  'answered',
  'admonished',
  'complaint',
  'done',
  'withdrawn',
] as const;
export type ProceedingState = (typeof PROCEEDING_STATES)[number];

/** Where a proceeding stands as the person reads it (`ProceedingStatus`): the states, and what the dates say. */
export const PROCEEDING_STATUSES = [
  'drafted',
  'sent',
  'waiting',
  'extended',
  'overdue',
  'answered',
  'admonished',
  'complaint',
  'done',
  'withdrawn',
] as const;

export const MESSAGE_KINDS = ['request', 'response', 'admonition', 'complaint', 'extension', 'note'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Art. 15(1)(a)–(h), 15(2) and 15(3): what an access answer owes, item by item. */
export const ACCESS_ITEM_KEYS = ACCESS_ITEMS.map((i) => i.key) as [AccessItemKey, ...AccessItemKey[]];
export type { AccessItemKey } from './texts/kinds.js';

const reference = (what: string) =>
  z.union(
    [
      z.number().int().positive(),
      z
        .string()
        .trim()
        .min(1, { error: `${what} is required` }),
    ],
    {
      error: `${what} is required`,
    },
  );

const kind = z.enum(REQUEST_KINDS, {
  error: `Kind must be one of ${REQUEST_KINDS.join(', ')}`,
});
const language = z.enum(REQUEST_LANGUAGES, { error: 'Language must be en or de' });
const channel = z.enum(REQUEST_CHANNELS, { error: 'Channel must be email, letter or web_form' });
const deliveryDays = z.coerce
  .number({ error: 'Delivery days must be a number of days, such as 3' })
  .int({ error: 'Delivery days must be a whole number of days' })
  .min(0, { error: 'Delivery days must be 0 or more' })
  .max(MAX_DELIVERY_DAYS, {
    error: `Delivery days must be at most ${String(MAX_DELIVERY_DAYS)}: no post inside Europe takes longer`,
  });
const place = z
  .string({ error: 'Country must be a two-letter code such as DE or GB, with a region if you like (DE-BY)' })
  .trim()
  .min(2, { error: 'Country must be a two-letter code such as DE or GB' })
  .max(10, {
    error: 'Country must be a two-letter code such as DE or GB, with a region if you like (DE-BY)',
  });

/** What a kind needs besides its kind: the facts to rectify, what to erase, what is objected to. */
export const requestDetails = z
  .object({
    /** Rectification: the facts (their number or label) whose current version they should hold. */
    facts: z.array(reference('fact')).max(50).optional(),
    /** Erasure: what to erase, in words; none means everything. */
    erase: z.array(nameText('What to erase', 200)).max(50).optional(),
    /** Objection: the processing objected to. */
    objectTo: nameText('What you object to', 500).optional(),
    /** Withdrawal: the consent withdrawn. */
    consentTo: nameText('The consent you withdraw', 500).optional(),
  })
  .strict();
export type RequestDetails = z.output<typeof requestDetails>;

export const draftRequestInput = z.object({
  provider: reference('Provider'),
  kind: kind.default('access'),
  language: language.optional(),
  channel: channel.optional(),
  place: place.optional(),
  deliveryDays: deliveryDays.optional(),
  details: requestDetails.optional(),
});
export type DraftRequestInput = z.input<typeof draftRequestInput>;

/** Which requests to list: one provider's, those at one status. */
export const listRequestsInput = z
  .object({
    provider: reference('Provider').optional(),
    status: z
      .enum(PROCEEDING_STATUSES, { error: `Status must be one of ${PROCEEDING_STATUSES.join(', ')}` })
      .optional(),
  })
  .optional();
export type ListRequestsInput = z.input<typeof listRequestsInput>;

/** Many requests in one step: to every provider that holds a fact, or every one of a category. */
export const bulkRequestInput = z
  .object({
    kind: kind.default('access'),
    language: language.optional(),
    fact: reference('Fact').optional(),
    category: nameText('Category', 100).optional(),
    details: requestDetails.optional(),
  })
  .refine((b) => (b.fact === undefined) !== (b.category === undefined), {
    error: 'Give either a fact (ask everyone who holds it) or a category (ask every provider of it)',
  });
export type BulkRequestInput = z.input<typeof bulkRequestInput>;

export const editRequestInput = z
  .object({
    subject: nameText('Subject', 300).optional(),
    body: longText('Text', 20_000).optional(),
    channel: channel.optional(),
    place: place.optional(),
    deliveryDays: deliveryDays.optional(),
  })
  .refine((e) => Object.values(e).some((v: unknown) => v !== undefined), {
    error: 'Give something to change: a subject, the text, the channel, the country or the delivery days',
  });
export type EditRequestInput = z.input<typeof editRequestInput>;

export const onDayInput = z.object({ on: isoDateSchema.optional() }).optional();

/** The request went out: a letter posted (with the days the post takes), a web form filled in. */
export const markSentInput = z
  .object({ on: isoDateSchema.optional(), deliveryDays: deliveryDays.optional() })
  .optional();

/** The controller said it needs longer (Art. 12(3)): when, and the reasons it gave. */
export const extensionInput = z.object({
  on: isoDateSchema,
  reasons: longText('Reasons', 2000).optional(),
});
export type ExtensionInput = z.input<typeof extensionInput>;

/** An answer came: complete, or with the Art. 15 items it left out. */
export const answeredInput = z
  .object({
    on: isoDateSchema.optional(),
    complete: z.boolean({ error: 'Complete must be yes or no' }).optional(),
    missing: z
      .array(
        z.enum(ACCESS_ITEM_KEYS, { error: `Missing items must be among ${ACCESS_ITEM_KEYS.join(', ')}` }),
      )
      .max(ACCESS_ITEM_KEYS.length)
      .optional(),
  })
  .optional();
export type AnsweredInput = z.input<typeof answeredInput>;

export const ADMONITION_REASONS = [
  'overdue',
  'missing_items',
  'left_out',
  'excessive_id',
  'wrong_medium',
  'wrong_language',
] as const;

/** Why an admonition is written, beyond what the dates and the comparison say already. */
export const admonishInput = z
  .object({
    /** Days the controller is given now: 14 unless the person says. */
    days: z.coerce
      .number({ error: 'Days must be a number, such as 14' })
      .int({ error: 'Days must be a whole number' })
      .min(1, { error: 'Days must be at least 1' })
      .max(60, { error: 'Days must be at most 60' })
      .optional(),
    /** They asked for a copy of an ID document, or more than identification needs: what they asked. */
    excessiveId: nameText('What they asked for', 300).optional(),
    /** They answered on paper when asked electronically, or the other way: what came. */
    wrongMedium: nameText('How the answer came', 300).optional(),
    /** They answered in another language: which. */
    wrongLanguage: nameText('The language of the answer', 100).optional(),
  })
  .strict()
  .optional();
export type AdmonishInput = z.input<typeof admonishInput>;

export const complainInput = z
  .object({
    /** The authority's directory slug; chosen from the person's or the controller's country when absent. */
    authority: nameText('Authority', 100).optional(),
    /** Whose country picks the authority: the person's (default) or the controller's. */
    by: z.enum(['residence', 'controller'], { error: 'By must be residence or controller' }).optional(),
  })
  .strict()
  .optional();
export type ComplainInput = z.input<typeof complainInput>;

export const messageEditInput = z
  .object({ subject: nameText('Subject', 300).optional(), body: longText('Text', 20_000).optional() })
  .refine((e) => e.subject !== undefined || e.body !== undefined, { error: 'Give a new Subject or Text' });
export type MessageEditInput = z.input<typeof messageEditInput>;

/** A message from the controller recorded by hand: a letter that came, a phone call written down. */
export const receivedInput = z.object({
  on: isoDateSchema,
  subject: nameText('Subject', 300),
  body: longText('Text', 20_000).optional(),
});
export type ReceivedInput = z.input<typeof receivedInput>;
