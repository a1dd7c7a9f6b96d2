import type { ErrorCode } from '../platform/errors.js';

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
} as const satisfies Record<ErrorCode | 'ok', number>;

interface ErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
}

/**
 * Prints one line for a failed command and returns its exit code. A `VrmError` is a mistake the
 * person can fix: its message is enough. Anything else is a bug, and only `VRM_DEBUG=1` shows
 * its stack.
 */
export function reportError(error: unknown): number {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  if (e.name === 'VrmError' && typeof e.code === 'string' && e.code in EXIT_CODES) {
    process.stderr.write(`vrm: ${String(e.message)}\n`);
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
