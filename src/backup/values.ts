import { z } from 'zod';
import { policyInput, recordInput } from '../disclosures/schemas.js';
import { ruleActions, ruleConditions } from '../mail/rules.js';
import { isoInstantSchema } from '../platform/dates.js';
import {
  accountCreate,
  caseCreate,
  contractCreate,
  documentCreate,
  interactionCreate,
  providerCreate,
} from '../providers/schemas.js';
import { termsInput } from '../terms/schemas.js';
import type { PlainRow } from './repository.js';

/**
 * The services' own input schemas, applied to restored records: a value the services would never
 * have written (a currency of "??", a policy with no facts, audit values that are not JSON) makes
 * later commands fail, so restore skips that record and names the field instead. Each entry maps a
 * stored row back to the input its service takes; `field` names a stored column when the
 * service's name for it differs.
 */
interface ValueCheck {
  readonly schema: z.ZodType;
  readonly input: (row: PlainRow) => unknown;
  readonly fields?: Readonly<Record<string, string>>;
}

/** A JSON column's value, or a marker that fails every schema with the column's name. */
class NotJson {
  constructor(readonly column: string) {}
}

const json = (row: PlainRow, column: string): unknown => {
  try {
    return JSON.parse(String(row[column]));
  } catch {
    return new NotJson(column);
  }
};

/** 0/1 as the service's boolean; anything else stays as it is, and fails the boolean schema. */
const bool = (value: unknown): unknown => (value === 1 ? true : value === 0 ? false : value);

const pick = (row: PlainRow, keys: readonly string[]): PlainRow =>
  Object.fromEntries(keys.map((k) => [k, row[k] ?? undefined]));

const domainSchema = providerCreate.shape.domains.unwrap().element;

const auditValues = z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }).nullable();

const CHECKS: Partial<Record<string, ValueCheck>> = {
  providers: {
    schema: providerCreate,
    input: (r) =>
      pick(r, [
        'name',
        'category',
        'website',
        'country',
        'status',
        'supportEmail',
        'privacyEmail',
        'phone',
        'postalAddress',
        'webForm',
        'notes',
        'directorySlug',
      ]),
  },
  provider_domains: { schema: z.object({ domain: domainSchema }), input: (r) => pick(r, ['domain']) },
  accounts: {
    schema: accountCreate,
    input: (r) => pick(r, ['providerId', 'customerNumber', 'label', 'openedOn', 'closedOn', 'notes']),
  },
  contracts: {
    schema: contractCreate,
    input: (r) => ({
      ...pick(r, [
        'providerId',
        'accountId',
        'name',
        'kind',
        'priceMinor',
        'currency',
        'billingCycle',
        'billingIntervalDays',
        'startDate',
        'term',
        'renewsOn',
        'noticePeriod',
        'paymentMethod',
        'endDate',
        'notes',
      ]),
      autoRenews: bool(r.autoRenews),
    }),
  },
  cases: {
    schema: caseCreate,
    input: (r) =>
      pick(r, [
        'providerId',
        'kind',
        'title',
        'description',
        'reference',
        'status',
        'openedOn',
        'escalatedOn',
        'resolvedOn',
        'resolution',
      ]),
  },
  interactions: {
    schema: interactionCreate,
    input: (r) =>
      pick(r, [
        'providerId',
        'caseId',
        'occurredAt',
        'channel',
        'direction',
        'subject',
        'notes',
        'outcome',
        'followUpOn',
        'followUpDoneOn',
      ]),
  },
  documents: {
    schema: documentCreate,
    input: (r) =>
      pick(r, ['providerId', 'contractId', 'caseId', 'title', 'filename', 'mediaType', 'notes', 'content']),
  },
  personal_terms: {
    schema: termsInput,
    input: (r) => ({
      ...pick(r, ['code', 'name', 'summary', 'thirdParties', 'retention', 'basedOn']),
      purposes: json(r, 'purposes'),
      profiling: bool(r.profiling),
      aiTraining: bool(r.aiTraining),
      tracking: bool(r.tracking),
    }),
  },
  disclosure_policies: {
    schema: policyInput,
    input: (r) => ({
      provider: r.providerId ?? undefined,
      category: r.category,
      facts: json(r, 'facts'),
      allow: json(r, 'allowPurposes'),
      deny: json(r, 'denyPurposes'),
      terms: r.termsCode,
      note: r.note,
    }),
    fields: { provider: 'providerId', allow: 'allowPurposes', deny: 'denyPurposes', terms: 'termsCode' },
  },
  disclosures: {
    schema: recordInput,
    input: (r) => ({
      provider: r.providerId,
      on: r.disclosedOn,
      channel: r.channel,
      purposes: json(r, 'purposes'),
      terms: r.termsCode,
      note: r.note,
      override: r.policyOverride,
    }),
    fields: { provider: 'providerId', on: 'disclosedOn', terms: 'termsCode', override: 'policyOverride' },
  },
  mail_rules: {
    schema: z.object({ conditions: ruleConditions, actions: ruleActions }),
    input: (r) => ({ conditions: json(r, 'conditions'), actions: json(r, 'actions') }),
  },
  audit_log: {
    schema: z.object({ at: isoInstantSchema, oldValues: auditValues, newValues: auditValues }),
    input: (r) => ({
      at: r.at,
      oldValues: r.oldValues === null ? null : json(r, 'oldValues'),
      newValues: r.newValues === null ? null : json(r, 'newValues'),
    }),
  },
};

/** Why a restored row's values would not pass its service, as `field: reason`; null when they do. */
export function checkServiceValues(table: string, row: PlainRow): string | null {
  const check = CHECKS[table];
  if (!check) return null;
  const input = check.input(row);
  const notJson = Object.values(input as PlainRow).find((v) => v instanceof NotJson);
  if (notJson) return `${notJson.column}: is not JSON`;
  const result = check.schema.safeParse(input);
  if (result.success) return null;
  const issue = result.error.issues[0];
  const [head, ...rest] = issue?.path ?? [];
  const field =
    head === undefined
      ? 'record'
      : (check.fields?.[String(head)] ?? String(head)) +
        rest.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${field}: ${issue?.message ?? 'is not valid'}`;
}
