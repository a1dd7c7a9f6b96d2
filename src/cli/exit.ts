import { fromStoreError, VrmError, type ErrorCode } from '../platform/errors.js';
import { flagFor } from './fields.js';

/**
 * Outcomes of a command that did its work but whose result a script must tell apart from plain
 * success. They are not errors of the services (the HTTP API answers 200 and says so in the body):
 * only the CLI turns them into an exit code.
 */
export type CliOutcomeCode =
  /** `vrm verify`: the SD-JWT is intact, but signed by a key that is neither yours nor given. */
  'unknown_signer';

/**
 * Exit codes, documented in docs/cli.md. Each error code and each outcome maps to one exit code,
 * here and only here.
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
  unknown_signer: 10,
} as const satisfies Record<ErrorCode | CliOutcomeCode | 'ok', number>;

/**
 * Thrown by a CLI action after it printed its result, to end with an outcome's exit code and a
 * one-line note on stderr.
 */
export class CliOutcome extends Error {
  override readonly name = 'CliOutcome';
  constructor(
    readonly outcome: CliOutcomeCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Services name fields as the API does (`startDate`); a person at the terminal typed `--start`.
 * Messages are rewritten to the options they typed, every field the message names, by the
 * actions' own tables (`fields.ts`).
 *
 * @example inCliTerms('provider: supportEmail: is not an e-mail address', [{ path: 'supportEmail', … }])
 *   // → 'provider: --support-email: is not an e-mail address'
 */
export function inCliTerms(message: string, details: VrmError['details']): string {
  let said = message;
  for (const { path } of details) {
    const flag = path === undefined ? undefined : flagFor(path);
    if (path === undefined || !flag) continue;
    const escaped = path.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    said = said.replace(new RegExp(`(^|; |: )${escaped}:`, 'gu'), `$1${flag}:`);
  }
  return said;
}

/**
 * Prints one line for a failed command and returns its exit code. A `VrmError` is a mistake the
 * person can fix: its message is enough. Anything else is a bug, and only `VRM_DEBUG=1` shows
 * its stack.
 */
export function reportError(thrown: unknown): number {
  if (thrown instanceof CliOutcome) {
    process.stderr.write(`vrm: ${thrown.message}\n`);
    return EXIT_CODES[thrown.outcome];
  }
  const error = fromStoreError(thrown);
  if (error instanceof VrmError) {
    process.stderr.write(`vrm: ${inCliTerms(error.message, error.details)}\n`);
    return EXIT_CODES[error.code];
  }
  const message = (error as { message?: unknown } | null | undefined)?.message;
  process.stderr.write(
    `vrm: internal error: ${typeof message === 'string' ? message : String(error)}` +
      `${process.env.VRM_DEBUG ? '' : ' (set VRM_DEBUG=1 for details)'}\n`,
  );
  if (process.env.VRM_DEBUG && error instanceof Error && error.stack)
    process.stderr.write(`${error.stack}\n`);
  return EXIT_CODES.internal;
}
