import { z } from 'zod';
import { isoDateSchema } from '../platform/dates.js';
import { currencySchema } from '../platform/money.js';
import { CSV_DATE_FORMATS } from './choices.js';

export { CSV_DATE_FORMATS, type CsvDateFormat } from './choices.js';

/**
 * A column by its header text, matched without regard to case or surrounding spaces. A header
 * that occurs twice (ING's two `Währung` columns) is named `Währung#2` for its second occurrence.
 */
const column = z
  .string({ error: 'a column is named by its header text' })
  .trim()
  .min(1, { error: 'a column is named by its header text' })
  .max(100, { error: 'a column name has at most 100 characters' });
/** One column, or several: the first that holds a value is read (for the text, all are joined). */
const columns = z.union([column, z.array(column).min(1).max(5)]);

export const csvColumnsSchema = z
  .object({
    date: column,
    valueDate: columns.optional(),
    amount: column.optional(),
    debit: column.optional(),
    credit: column.optional(),
    fee: column.optional(),
    currency: column.optional(),
    payee: columns.optional(),
    payer: columns.optional(),
    counterpartyIban: column.optional(),
    text: columns.optional(),
    creditorId: column.optional(),
    mandateReference: column.optional(),
    bankReference: column.optional(),
    kind: column.optional(),
    status: column.optional(),
    account: column.optional(),
  })
  .refine((c) => c.amount !== undefined || (c.debit !== undefined && c.credit !== undefined), {
    error: 'amount column: name the amount column, or both the debit and the credit column',
    path: ['amount'],
  });

/**
 * How to read one bank's CSV export: which line holds the header, and which column holds what.
 * A person saves their own for a bank without a preset; the presets use the same shape.
 */
export const csvMappingSchema = z.object({
  /** `auto` finds `;`, tab or `,` from the file's first lines. */
  delimiter: z
    .enum([';', ',', '\t', 'auto'], { error: 'delimiter must be ;, a comma, a tab or auto' })
    .default('auto'),
  /** Lines before the header (account details German banks put above it); found by search when left out. */
  skipLines: z.coerce
    .number({ error: 'lines before the header must be a number' })
    .int({ error: 'lines before the header must be a whole number' })
    .min(0, { error: 'lines before the header cannot be below 0' })
    .max(100, { error: 'lines before the header must be at most 100' })
    .optional(),
  /** Found from the file's dates when left out. */
  dateFormat: z
    .enum(CSV_DATE_FORMATS, { error: `date format must be one of ${CSV_DATE_FORMATS.join(', ')}` })
    .optional(),
  /** The decimal mark of the amounts; when left out, either is read and an unclear amount is refused. */
  decimalMark: z.enum([',', '.'], { error: 'decimal mark must be a comma or a point' }).optional(),
  /** The currency of every row, for files without a currency column. */
  currency: currencySchema.optional(),
  columns: csvColumnsSchema,
  /** Values of the status column that mean booked; other rows are pending and passed over. */
  bookedStatuses: z.array(z.string().trim().min(1)).max(10).optional(),
  /** Rows whose first cell starts with one of these are not bookings (a closing balance line). */
  ignoreRowsStartingWith: z.array(z.string().trim().min(1)).max(10).optional(),
});

/** A CSV column mapping, as saved; read it with `csvMappingSchema.parse`. */
export type CsvMapping = z.input<typeof csvMappingSchema>;
/** A CSV column mapping with its defaults applied. */
export type CsvMappingParsed = z.output<typeof csvMappingSchema>;

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

/** A person's own CSV column mapping, saved under a name for the next import of that bank's files. */
export const csvMappingInput = z
  .object({
    name: z.string().trim().min(1, { error: 'name must not be empty' }).max(100),
    mapping: csvMappingSchema,
  })
  .strict();
export type CsvMappingInput = z.input<typeof csvMappingInput>;

/**
 * How to read a statement file, as the person says it on the command line or in the import form;
 * all of it optional (the format and a CSV's bank are found from the file).
 */
export const statementFileOptions = z
  .object({
    format: z
      .enum(['ofx', 'qif', 'camt', 'csv'], { error: 'format must be ofx, qif, camt or csv' })
      .optional(),
    /** A bank's CSV layout: one of `CSV_PRESETS`, checked by the reader. */
    preset: z.string().trim().min(1).max(40).optional(),
    /** The name of a CSV column mapping the person saved. */
    mapping: z.string().trim().min(1).max(100).optional(),
    currency: currencySchema.optional(),
    dateOrder: z.enum(['dmy', 'mdy'], { error: 'date order must be dmy or mdy' }).optional(),
    account: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
/** As the CLI and a query string give them: text, checked by `statementFileOptions`. */
export type StatementFileOptionsInput = {
  readonly [K in keyof z.input<typeof statementFileOptions>]?: string | undefined;
};

/** Making a recurring payment a contract: the provider when its payments have none, and a name of the person's. */
export const confirmSubscriptionInput = z
  .object({
    provider: reference('provider').optional(),
    name: z.string().trim().min(1, { error: 'name must not be empty' }).max(200).optional(),
  })
  .strict();
export type ConfirmSubscriptionInput = z.input<typeof confirmSubscriptionInput>;

/** A month as `YYYY-MM`: what the spend views are counted in. */
export const monthSchema = z
  .string({ error: 'must be a month as YYYY-MM, like 2026-03' })
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month as YYYY-MM, like 2026-03' });

/** How the spend views group bookings. */
export const SPEND_GROUPS = ['month', 'provider', 'category'] as const;
export type SpendGroup = (typeof SPEND_GROUPS)[number];

const monthRange = {
  /** The first month counted; the first with bookings when left out. */
  from: monthSchema.optional(),
  /** The last month counted; the last with bookings when left out. */
  to: monthSchema.optional(),
};
const fromNotAfterTo = (q: { from?: string | undefined; to?: string | undefined }) =>
  q.from === undefined || q.to === undefined || q.from <= q.to;

/**
 * Which spend to show: a range of months, one account, one currency, money out only (the default)
 * or money in too, and the grouping a table is printed in (all of them when left out).
 */
export const spendQuery = z
  .object({
    ...monthRange,
    /** The account's id, IBAN, number or label. */
    account: reference('account').optional(),
    by: z.enum(SPEND_GROUPS, { error: 'must be month, provider or category' }).optional(),
    currency: currencySchema.optional(),
    /** Money that came in too (refunds, income), beside what went out. */
    incoming: yesNo.optional(),
  })
  .strict()
  .refine(fromNotAfterTo, { path: ['to'], error: 'must not be before from' });
export type SpendQuery = z.input<typeof spendQuery>;

/** The period paid is compared with contracted in: the last 12 months when left out. */
export const paidQuery = z
  .object(monthRange)
  .strict()
  .refine(fromNotAfterTo, { path: ['to'], error: 'must not be before from' });
export type PaidQuery = z.input<typeof paidQuery>;

/** One provider's payments: the provider's id or name, and how many of the latest to list. */
export const paymentsQuery = z
  .object({
    provider: reference('provider'),
    limit: wholeNumber('payments', 1, 500).default(100),
  })
  .strict();
export type PaymentsQuery = z.input<typeof paymentsQuery>;
/** The recurring payments' overview: `all` shows the dismissed alerts too. */
export const subscriptionsQuery = z.object({ all: yesNo.optional() }).strict();
export type SubscriptionsQuery = z.input<typeof subscriptionsQuery>;
