import { fromStoreError, type ErrorCode } from '../platform/errors.js';

/**
 * Exit codes, documented in docs/cli.md. Each error code maps to one exit code, here and only here.
 */
export const EXIT_CODES = {
  ok: 0,
  internal: 1,
  invalid_input: 2,
  not_found: 3,
  conflict: 4,
  unauthorized: 5,
  store_unavailable: 6,
  store_busy: 7,
  forbidden: 8,
  cannot_write: 9,
} as const satisfies Record<ErrorCode | 'ok', number>;

interface ErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly details?: readonly { path?: string }[];
}

/**
 * Services name fields as the API does (`startDate`); a person at the terminal typed `--start`.
 * Messages are rewritten to the option they typed.
 */
const FIELD_FLAGS: Record<string, string> = {
  accountId: '--account',
  billingIntervalDays: '--cycle',
  caseId: '--case',
  closedOn: '--closed',
  contractId: '--contract',
  customerNumber: '--number',
  domains: '--domain',
  endDate: '--end',
  escalatedOn: '--escalated',
  followUpDoneOn: '--follow-up-done',
  followUpOn: '--follow-up',
  mediaType: '--type',
  noticePeriod: '--notice',
  occurredAt: '--at',
  openedOn: '--opened',
  paymentMethod: '--payment',
  postalAddress: '--address',
  price: '--price',
  priceMinor: '--price',
  privacyEmail: '--privacy-email',
  renewsOn: '--renews-on',
  resolvedOn: '--resolved',
  startDate: '--start',
  supportEmail: '--support-email',
  validFrom: '--valid-from',
  webForm: '--web-form',
  'value.lines': '--line',
  'value.locality': '--locality',
  'value.region': '--region',
  'value.postcode': '--postcode',
  'value.country': '--country',
  'value.given': '--given',
  'value.family': '--family',
  'value.bic': '--bic',
  'value.holder': '--holder',
  'value.bank': '--bank',
  'value.document_type': '--type',
  'value.issuer': '--issuer',
  'value.issued_on': '--issued',
  'value.expires_on': '--expires',
};

function inCliTerms(message: string, details: ErrorLike['details']): string {
  const path = details?.[0]?.path;
  if (path === undefined) return message;
  const flag =
    FIELD_FLAGS[path] ??
    FIELD_FLAGS[path.replace(/\[\d+\]$/, '')] ??
    (/^domains\[/.test(path) ? '--domain' : undefined);
  return flag ? message.replace(`${path}:`, `${flag}:`) : message;
}

/**
 * Prints one line for a failed command and returns its exit code. A `VrmError` is a mistake the
 * person can fix: its message is enough. Anything else is a bug, and only `VRM_DEBUG=1` shows
 * its stack.
 */
export function reportError(thrown: unknown): number {
  const error = fromStoreError(thrown);
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  if (e.name === 'VrmError' && typeof e.code === 'string' && e.code in EXIT_CODES) {
    process.stderr.write(`vrm: ${inCliTerms(String(e.message), e.details)}\n`);
    return EXIT_CODES[e.code as ErrorCode];
  }
  process.stderr.write(
    `vrm: internal error: ${typeof e.message === 'string' ? e.message : String(error)}` +
      `${process.env.VRM_DEBUG ? '' : ' (set VRM_DEBUG=1 for details)'}\n`,
  );
  if (process.env.VRM_DEBUG && error instanceof Error && error.stack)
    process.stderr.write(`${error.stack}\n`);
  return EXIT_CODES.internal;
}
