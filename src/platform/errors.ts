/**
 * The one error type of vrm. Every failure a person can cause (bad input, an unknown id, a wrong
 * passphrase) is a `VrmError` with a stable code; each adapter maps the code once: the CLI to an
 * exit code and a one-line message, the HTTP API to a status and a JSON body.
 *
 * @example
 *   throw new VrmError('not_found', 'provider 42 does not exist', { details: { providerId: 42 } });
 */
export type ErrorCode =
  /** Input failed validation: a field, an argument or a record in a file. */
  | 'invalid_input'
  /** The thing named does not exist. */
  | 'not_found'
  /** The operation clashes with what is there (a store that exists, a duplicate, dependants). */
  | 'conflict'
  /** The passphrase or session token does not open the store. */
  | 'unauthorized'
  /**
   * Not allowed from where it was asked, whatever the input: a web request to import a file
   * outside the person's own folders.
   */
  | 'forbidden'
  /** The store is missing, damaged, or was written by a newer vrm. */
  | 'store_unavailable'
  /** Another vrm (a mail import, the web app) held the store's write lock past the busy timeout. */
  | 'store_busy'
  /**
   * A file, or the store, could not be written where it lives: the disk is full, or the folder is
   * missing, is a file, or is read-only. What was there is as it was; the message says what to free
   * or fix.
   */
  | 'cannot_write'
  /** A bug: anything that is not one of the above. */
  | 'internal';

/** Every code, so that an error rebuilt from its fields (`fromWorkerError`) keeps only a real one. */
const ERROR_CODES: Readonly<Record<ErrorCode, true>> = {
  invalid_input: true,
  not_found: true,
  conflict: true,
  unauthorized: true,
  forbidden: true,
  store_unavailable: true,
  store_busy: true,
  cannot_write: true,
  internal: true,
};

export interface ErrorDetail {
  /** Where the problem is: a field path (`price.currency`), `file:line`, or a record (`contracts[3]`). */
  readonly path?: string;
  readonly message: string;
}

export class VrmError extends Error {
  override readonly name = 'VrmError';
  readonly code: ErrorCode;
  readonly details: readonly ErrorDetail[];

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; details?: readonly ErrorDetail[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? [];
  }
}

/**
 * A `VrmError` thrown in a worker thread reaches the thread that started it (the worker's `error`
 * event) as a plain `Error`: Node copies its name, message, code, details and cause, but not its
 * class. Rebuilt here, at the boundary, it is a `VrmError` again, so each adapter tells a person's
 * mistake from a bug by `instanceof` alone. Anything else passes as it is.
 *
 * @example worker.on('error', (error) => job.reject(fromWorkerError(error)));
 */
export function fromWorkerError<E>(error: E): E | VrmError {
  if (!(error instanceof Error) || error instanceof VrmError || error.name !== 'VrmError') return error;
  const { code, details } = error as Error & { code?: unknown; details?: unknown };
  if (typeof code !== 'string' || !Object.hasOwn(ERROR_CODES, code)) return error;
  const rebuilt = new VrmError(code as ErrorCode, error.message, {
    cause: error.cause,
    details: Array.isArray(details) ? (details as ErrorDetail[]) : [],
  });
  // The worker's stack says where it was thrown; the rebuilt one would say only "here".
  rebuilt.stack = error.stack;
  return rebuilt;
}

/**
 * SQLite's error for a write lock that stayed taken past the busy timeout says only "database is
 * locked". Both adapters pass every error through here, so a person reads what happened and what
 * to do, and gets `store_busy`'s exit code or status, never an internal error. Others pass as
 * they are.
 */
export function fromStoreError<E>(error: E): E | VrmError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (typeof code !== 'string') return error;
  if (code.startsWith('SQLITE_BUSY')) {
    return new VrmError(
      'store_busy',
      'the store is busy: another vrm (a mail import, the web app) is writing to it; try again in a moment',
      { cause: error },
    );
  }
  // The store grew past the free space: SQLite rolled the transaction back, so nothing is half done.
  if (code === 'SQLITE_FULL') {
    return new VrmError(
      'cannot_write',
      'the disk holding the store is full: this change was not made; free some space and try again',
      { cause: error },
    );
  }
  return error;
}

export const notFound = (what: string, id: number | string): VrmError =>
  new VrmError('not_found', `${what} ${String(id)} does not exist`);
