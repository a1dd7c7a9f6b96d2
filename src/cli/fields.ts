/**
 * Which option of a command sets which field of a service's input, one table per resource. The
 * actions build the input they pass to a service from these tables, and `exit.ts` reads the same
 * tables to put a service's message in the words the person typed (`startDate: …` → `--start: …`),
 * so a new option is one entry here (and its definition in `commands/`).
 *
 * Kept free of imports: `exit.ts` loads it at start-up, and action modules load only when their
 * command runs.
 */

/**
 * Option, as commander names it (`renewsOn` for `--renews-on`) → the field it sets, as typed. A list
 * names the fields an action works out from the option itself (`--cycle 30d` → `billingCycle` and
 * `billingIntervalDays`); `fieldsFrom` leaves those to the action.
 */
export type FlagTable = Readonly<Record<string, string | readonly string[]>>;

export const ACCOUNT_FLAGS = {
  number: 'customerNumber',
  label: 'label',
  opened: 'openedOn',
  closed: 'closedOn',
  notes: 'notes',
} as const satisfies FlagTable;

export const CONTRACT_FLAGS = {
  name: 'name',
  account: 'accountId',
  kind: 'kind',
  // The service names the amount `price`, or `priceMinor` when it was given in minor units.
  price: ['price', 'priceMinor'],
  currency: 'currency',
  cycle: ['billingCycle', 'billingIntervalDays'],
  start: 'startDate',
  term: 'term',
  renewsOn: 'renewsOn',
  notice: 'noticePeriod',
  autoRenew: 'autoRenews',
  payment: 'paymentMethod',
  end: 'endDate',
  notes: 'notes',
} as const satisfies FlagTable;

/** `vrm contract update --price-from`: the day a changed price applies from (issue 17). */
export const PRICE_FLAGS = { priceFrom: 'priceFrom' } as const satisfies FlagTable;

export const CASE_FLAGS = {
  title: 'title',
  kind: 'kind',
  description: 'description',
  reference: 'reference',
  status: 'status',
  opened: 'openedOn',
  escalated: 'escalatedOn',
  resolved: 'resolvedOn',
  resolution: 'resolution',
} as const satisfies FlagTable;

export const INTERACTION_FLAGS = {
  case: 'caseId',
  at: 'occurredAt',
  channel: 'channel',
  direction: 'direction',
  subject: 'subject',
  notes: 'notes',
  outcome: 'outcome',
  followUp: 'followUpOn',
  followUpDone: 'followUpDoneOn',
} as const satisfies FlagTable;

export const DOCUMENT_FLAGS = {
  title: 'title',
  contract: 'contractId',
  case: 'caseId',
  type: 'mediaType',
  notes: 'notes',
  filename: 'filename',
} as const satisfies FlagTable;

export const PROVIDER_FLAGS = {
  category: 'category',
  website: 'website',
  country: 'country',
  status: 'status',
  // `provider update` adds these to the domains it has (and `--remove-domain` takes some away).
  domain: ['domains'],
  supportEmail: 'supportEmail',
  privacyEmail: 'privacyEmail',
  phone: 'phone',
  // Typed with `\n` for a line break.
  address: ['postalAddress'],
  webForm: 'webForm',
  notes: 'notes',
} as const satisfies FlagTable;

/** A fact's own fields, and the fields of its value (`value.…`) that options set, by kind. */
export const FACT_FLAGS = {
  label: 'label',
  validFrom: 'validFrom',
  note: 'note',
  given: 'value.given',
  family: 'value.family',
  country: 'value.country',
  // The positional value is the first line.
  line: ['value.lines'],
  locality: 'value.locality',
  region: 'value.region',
  postcode: 'value.postcode',
  bic: 'value.bic',
  holder: 'value.holder',
  bank: 'value.bank',
  type: 'value.document_type',
  issuer: 'value.issuer',
  issued: 'value.issued_on',
  expires: 'value.expires_on',
} as const satisfies FlagTable;

/** `vrm letter write|posted`: the sender address is a fact, named by label (`from.factId`). */
export const LETTER_FLAGS = {
  from: ['from', 'from.factId'],
  subject: 'subject',
  body: 'body',
  layout: 'layout',
  language: 'language',
  date: 'date',
  name: 'senderName',
} as const satisfies FlagTable;

/** `vrm letter posted`: the day it went. */
export const LETTER_POSTED_FLAGS = { on: 'postedOn' } as const satisfies FlagTable;

/** `vrm request …`: a data-subject request's options (issue 16). */
export const REQUEST_FLAGS = {
  // Named as typed (`--on:`), where a message would say `on:`.
  on: ['on'],
  country: 'place',
  deliveryDays: 'deliveryDays',
  fact: ['details.facts'],
  erase: ['details.erase'],
  objectTo: ['details.objectTo'],
  consent: ['details.consentTo'],
  excessiveId: 'excessiveId',
  wrongMedium: 'wrongMedium',
  wrongLanguage: 'wrongLanguage',
} as const satisfies FlagTable;

const TABLES: readonly FlagTable[] = [
  ACCOUNT_FLAGS,
  CONTRACT_FLAGS,
  PRICE_FLAGS,
  CASE_FLAGS,
  INTERACTION_FLAGS,
  DOCUMENT_FLAGS,
  PROVIDER_FLAGS,
  FACT_FLAGS,
  LETTER_FLAGS,
  LETTER_POSTED_FLAGS,
  REQUEST_FLAGS,
];

/** The fields a table sets as typed, each with the option's value (`undefined` when not given). */
export type FieldsOf<T extends FlagTable, O> = {
  -readonly [K in keyof T & keyof O as T[K] extends string ? T[K] : never]: O[K];
};

/**
 * The service input that a command's options set as typed, by the table.
 *
 * @example fieldsFrom(ACCOUNT_FLAGS, { number: '42', opened: '2026-01-01' })
 *   // → { customerNumber: '42', label: undefined, openedOn: '2026-01-01', closedOn: undefined, notes: undefined }
 */
export function fieldsFrom<T extends FlagTable, O extends object>(table: T, options: O): FieldsOf<T, O> {
  const fields: Record<string, unknown> = {};
  for (const [option, field] of Object.entries(table)) {
    if (typeof field === 'string') fields[field] = (options as Record<string, unknown>)[option];
  }
  return fields as FieldsOf<T, O>;
}

/** `followUpDone` → `--follow-up-done`. */
const flagOf = (option: string): string => `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Field → the option a person typed for it, where a message naming the field would not say so:
 * the field has another name than its option (`startDate`, `--start`), or is one of the fields an
 * option is worked out into (`priceMinor`, `--price`).
 */
const FIELD_FLAGS: ReadonlyMap<string, string> = new Map(
  TABLES.flatMap((table) =>
    Object.entries(table).flatMap(([option, field]) =>
      typeof field === 'string'
        ? flagOf(option) === `--${field}`
          ? []
          : [[field, flagOf(option)] as const]
        : field.map((f) => [f, flagOf(option)] as const),
    ),
  ),
);

/**
 * The option to name instead of a field path in a message, if any: `domains[1]` is `--domain`,
 * `value.lines[0]` is `--line`.
 */
export function flagFor(path: string): string | undefined {
  return FIELD_FLAGS.get(path) ?? FIELD_FLAGS.get(path.replace(/\[\d+\].*$/, ''));
}
