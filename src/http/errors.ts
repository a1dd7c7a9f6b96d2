import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode, ErrorDetail } from '../platform/errors.js';

/** Codes the HTTP layer adds to the domain's own. */
export type HttpErrorCode = ErrorCode | 'rate_limited' | 'payload_too_large';

/** Each error code has one status, here and only here. */
export const STATUS: Record<HttpErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  store_unavailable: 503,
  store_busy: 503,
  // Insufficient Storage (RFC 4918): the disk is full, or the store's folder cannot be written.
  cannot_write: 507,
};

/** The one shape of every error the API returns. */
export interface ErrorBody {
  readonly error: {
    readonly code: HttpErrorCode;
    readonly message: string;
    readonly details: readonly ErrorDetail[];
  };
}

export const errorBody = (
  code: HttpErrorCode,
  message: string,
  details: readonly ErrorDetail[] = [],
): ErrorBody => ({
  error: { code, message, details },
});
