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
  /** A bug: anything that is not one of the above. */
  | 'internal';

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

export const notFound = (what: string, id: number | string): VrmError =>
  new VrmError('not_found', `${what} ${String(id)} does not exist`);
