import { z } from 'zod';
import { countrySchema } from '../platform/countries.js';
import { isoDateSchema, isoInstantSchema, periodSchema } from '../platform/dates.js';
import { currencySchema } from '../platform/money.js';
import { longText, nameText } from '../platform/validation.js';
import {
  BILLING_CYCLES,
  CASE_KINDS,
  CASE_STATUSES,
  CHANNELS,
  CONTRACT_KINDS,
  DIRECTIONS,
  PRICE_SOURCES,
  PROVIDER_STATUSES,
} from './choices.js';

/**
 * Input schemas of the provider ledger, shared by the CLI and the HTTP API. Create schemas require
 * what a record cannot exist without; update schemas are the same fields, all optional, where
 * `null` clears a field.
 */
const text = nameText;

/** Optional text where an empty string clears the field. */
const clearable = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable()).optional();

const email = z.email({ error: 'is not an e-mail address' }).trim().toLowerCase();
const url = z
  .string()
  .trim()
  .transform((s) => (/^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`))
  .pipe(z.url({ protocol: /^https?$/, error: 'is not a web address (http or https)' }));
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/^@/, '').replace(/\.$/, ''))
  .refine((s) => /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(s), {
    error: 'is not a mail domain such as example.com',
  });

export {
  BILLING_CYCLES,
  CASE_KINDS,
  CASE_STATUSES,
  CHANNELS,
  CONTRACT_KINDS,
  DIRECTIONS,
  PRICE_SOURCES,
  PROVIDER_STATUSES,
} from './choices.js';

const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: `${what} must be one of ${values.join(', ')}` });

const providerFields = {
  name: text('name'),
  category: clearable(text('category', 60).transform((s) => s.toLowerCase())),
  website: clearable(url),
  country: clearable(countrySchema),
  status: oneOf(PROVIDER_STATUSES, 'status').optional(),
  domains: z.array(domain).max(50).optional(),
  supportEmail: clearable(email),
  privacyEmail: clearable(email),
  phone: clearable(text('phone', 40)),
  postalAddress: clearable(longText('postal address', 500)),
  webForm: clearable(url),
  notes: clearable(longText('notes', 10_000)),
  directorySlug: clearable(text('directory entry', 200)),
};
export const providerCreate = z.object(providerFields).strict();
export const providerUpdate = z.object({ ...providerFields, name: providerFields.name.optional() }).strict();
export type ProviderCreate = z.input<typeof providerCreate>;
export type ProviderUpdate = z.input<typeof providerUpdate>;

const accountFields = {
  providerId: z.number().int().positive(),
  customerNumber: text('customer number', 100),
  label: clearable(text('label', 100)),
  openedOn: clearable(isoDateSchema),
  closedOn: clearable(isoDateSchema),
  notes: clearable(longText('notes', 10_000)),
};
export const accountCreate = z.object(accountFields).strict();
export const accountUpdate = z
  .object({
    ...accountFields,
    providerId: accountFields.providerId.optional(),
    customerNumber: accountFields.customerNumber.optional(),
  })
  .strict();
export type AccountCreate = z.input<typeof accountCreate>;
export type AccountUpdate = z.input<typeof accountUpdate>;

const contractFields = {
  providerId: z.number().int().positive(),
  accountId: clearable(z.number().int().positive()),
  name: text('name'),
  kind: oneOf(CONTRACT_KINDS, 'kind').optional(),
  /**
   * The price per billing cycle as a person writes it (`12,99`, `1.299,00`, `9.99`; read by
   * `parseAmount`), or a JSON number in major units (`12.99`), or `priceMinor` in minor units.
   */
  price: z
    .union([z.string().trim(), z.number().transform((n) => String(n))])
    .optional()
    .meta({ description: 'Decimal comma or point: "12,99", "1.299,00", "9.99", or a number such as 12.99' }),
  priceMinor: z.number().int({ error: 'must be a whole number of minor units' }).nonnegative().optional(),
  currency: currencySchema,
  billingCycle: oneOf(BILLING_CYCLES, 'billing cycle'),
  billingIntervalDays: clearable(z.number().int().positive().max(3660)),
  startDate: isoDateSchema,
  term: clearable(periodSchema),
  renewsOn: clearable(isoDateSchema),
  noticePeriod: clearable(periodSchema),
  autoRenews: z.boolean().optional(),
  paymentMethod: clearable(text('payment method', 100)),
  endDate: clearable(isoDateSchema),
  notes: clearable(longText('notes', 10_000)),
};
/** A contract's stored fields, every required one given: what a restored record must hold. */
export const contractCreate = z.object(contractFields).strict();
/**
 * A new contract as the CLI and the API give it. The start may be left out: the service starts the
 * contract today, by its clock, so every surface defaults it the same way.
 */
export const contractAdd = z
  .object({ ...contractFields, startDate: contractFields.startDate.optional() })
  .strict();
export const contractUpdate = z
  .object({
    ...contractFields,
    providerId: contractFields.providerId.optional(),
    name: contractFields.name.optional(),
    currency: contractFields.currency.optional(),
    billingCycle: contractFields.billingCycle.optional(),
    startDate: contractFields.startDate.optional(),
    /** The day a changed price applies from (default today): the price history records it so. */
    priceFrom: isoDateSchema.optional(),
  })
  .strict();
export type ContractCreate = z.input<typeof contractAdd>;
export type ContractUpdate = z.input<typeof contractUpdate>;

/**
 * A price of a contract from a day on (issue 17): typed by the person (`vrm contract price`, the
 * form), or seen in the bank's payments. The currency defaults to the contract's; the day to today.
 */
export const priceRecord = z
  .object({
    price: contractFields.price,
    priceMinor: contractFields.priceMinor,
    currency: currencySchema.optional(),
    validFrom: isoDateSchema.optional(),
    source: oneOf(PRICE_SOURCES, 'source').optional(),
    note: clearable(longText('note', 1_000)),
  })
  .strict();
export type PriceRecord = z.input<typeof priceRecord>;

/**
 * A contract proposed from a recurring payment the bank shows, confirmed in one step: its terms,
 * and the prices its payments had (each from the first payment at it), which go into the price
 * history with the bank as their source. The current price defaults to the latest of them.
 */
export const contractFromBank = z
  .object({
    providerId: contractFields.providerId,
    accountId: contractFields.accountId,
    name: contractFields.name,
    kind: contractFields.kind,
    price: contractFields.price,
    priceMinor: contractFields.priceMinor,
    currency: currencySchema,
    billingCycle: contractFields.billingCycle,
    billingIntervalDays: contractFields.billingIntervalDays,
    startDate: isoDateSchema,
    paymentMethod: contractFields.paymentMethod,
    notes: contractFields.notes,
    priceHistory: z
      .array(z.object({ priceMinor: contractFields.priceMinor.unwrap(), validFrom: isoDateSchema }).strict())
      .max(10_000)
      .optional(),
  })
  .strict();
export type ContractFromBank = z.input<typeof contractFromBank>;

const caseFields = {
  providerId: z.number().int().positive(),
  kind: oneOf(CASE_KINDS, 'kind').optional(),
  title: text('title'),
  description: clearable(longText('description', 10_000)),
  reference: clearable(text('reference', 100)),
  status: oneOf(CASE_STATUSES, 'status').optional(),
  openedOn: isoDateSchema.optional(),
  escalatedOn: clearable(isoDateSchema),
  resolvedOn: clearable(isoDateSchema),
  resolution: clearable(longText('resolution', 10_000)),
};
export const caseCreate = z.object(caseFields).strict();
export const caseUpdate = z
  .object({ ...caseFields, providerId: caseFields.providerId.optional(), title: caseFields.title.optional() })
  .strict();
export type CaseCreate = z.input<typeof caseCreate>;
export type CaseUpdate = z.input<typeof caseUpdate>;

const interactionFields = {
  providerId: z.number().int().positive(),
  caseId: clearable(z.number().int().positive()),
  occurredAt: isoInstantSchema.optional(),
  channel: oneOf(CHANNELS, 'channel'),
  direction: oneOf(DIRECTIONS, 'direction'),
  subject: text('subject', 300),
  notes: clearable(longText('notes', 20_000)),
  outcome: clearable(longText('outcome', 2_000)),
  followUpOn: clearable(isoDateSchema),
  followUpDoneOn: clearable(isoDateSchema),
};
export const interactionCreate = z.object(interactionFields).strict();
export const interactionUpdate = z
  .object({
    ...interactionFields,
    providerId: interactionFields.providerId.optional(),
    channel: interactionFields.channel.optional(),
    direction: interactionFields.direction.optional(),
    subject: interactionFields.subject.optional(),
  })
  .strict();
export type InteractionCreate = z.input<typeof interactionCreate>;
export type InteractionUpdate = z.input<typeof interactionUpdate>;

/** The largest document kept inside the store. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

const documentFields = {
  providerId: z.number().int().positive(),
  contractId: clearable(z.number().int().positive()),
  caseId: clearable(z.number().int().positive()),
  title: text('title', 300).optional(),
  filename: text('file name', 255).refine((s) => !/[/\\\0]/.test(s), {
    error: 'must be a file name, not a path',
  }),
  mediaType: text('media type', 100)
    .refine((s) => /^[\w.+-]+\/[\w.+-]+$/.test(s), { error: 'is not a media type such as application/pdf' })
    .optional(),
  notes: clearable(longText('notes', 10_000)),
};
export const documentCreate = z
  .object({
    ...documentFields,
    content: z
      .custom<Uint8Array>((v) => v instanceof Uint8Array, { error: 'content must be the bytes of the file' })
      .refine((b) => b.byteLength <= MAX_DOCUMENT_BYTES, { error: 'is larger than 50 MiB' }),
  })
  .strict();
export const documentUpdate = z
  .object({
    providerId: documentFields.providerId.optional(),
    contractId: documentFields.contractId,
    caseId: documentFields.caseId,
    title: documentFields.title,
    filename: documentFields.filename.optional(),
    mediaType: documentFields.mediaType,
    notes: documentFields.notes,
  })
  .strict();
export type DocumentCreate = z.input<typeof documentCreate>;
export type DocumentUpdate = z.input<typeof documentUpdate>;

/**
 * A provider as a person names it when giving it something (a disclosure, an identity, terms): its
 * id, or a name or domain the provider service resolves.
 */
export const providerReference = z.union([z.number().int().positive(), z.string().trim().min(1)], {
  error: 'provider is required',
});

/** How much of a provider's timeline to show: which kinds, how many items, after which item. */
export const timelineQuery = z
  .object({
    /** Kinds to show (`message`, `leak`, …); all when left out or empty. */
    kinds: z.array(z.string().trim().min(1)).optional(),
    limit: z
      .number({ error: 'must be a whole number of items, from 1 to 200' })
      .int({ error: 'must be a whole number of items, from 1 to 200' })
      .min(1, { error: 'must be at least 1' })
      .max(200, { error: 'must be at most 200: show more in further pages' })
      .default(50),
    /** The `next` of the page before: where that page ended. */
    after: z.string().trim().min(1).optional(),
  })
  .strict();
export type TimelineQuery = z.input<typeof timelineQuery>;
