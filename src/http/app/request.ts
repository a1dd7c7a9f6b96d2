import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { VrmError } from '../../platform/errors.js';
import { errorBody, STATUS, type HttpErrorCode } from '../errors.js';
import { contentDisposition, DOWNLOAD_POLICY } from '../security.js';

/** Passphrases and settings: a few hundred bytes; 4 KB leaves room and bounds the key derivation. */
export const SMALL_BODY = 4 * 1024;
/** An export or backup file to restore. */
export const RESTORE_BODY = 200 * 1024 * 1024;
/** A document to store (the document service's own limit is 64 MB). */
export const DOCUMENT_BODY = 70 * 1024 * 1024;
/** Every other data route: records are small. */
export const DATA_BODY = 1024 * 1024;

/** A request's JSON body; `undefined` when it has none. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
    throw new VrmError('invalid_input', 'the request body must be JSON (Content-Type: application/json)');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new VrmError('invalid_input', 'the request body is not valid JSON');
  }
}

/** An error answer, in the one shape and with the one status of its code. */
export const fail = (c: Context, code: HttpErrorCode, message: string) =>
  c.json(errorBody(code, message), STATUS[code]);

export const megabytes = (bytes: number) => `${String(Math.round(bytes / (1024 * 1024)))} MB`;

/**
 * A body limit that holds however the body comes: a `Content-Length` over it is refused before a
 * byte is read, and a chunked body is counted as it streams and cut off at the limit.
 */
export const limit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: (c) =>
      fail(
        c,
        'payload_too_large',
        `the request body is too large: this route takes at most ${maxSize < 1024 * 1024 ? `${String(maxSize / 1024)} KB` : megabytes(maxSize)}`,
      ),
  });

/** A download: never shown inline as a page of this origin, and sandboxed if it were. */
export function download(
  c: Context,
  filename: string,
  mediaType: string,
  body: Uint8Array<ArrayBuffer> | ReadableStream,
) {
  c.header('Content-Type', mediaType);
  c.header('Content-Disposition', contentDisposition(filename));
  c.header('Content-Security-Policy', DOWNLOAD_POLICY);
  return body instanceof Uint8Array ? c.body(body) : c.body(body);
}

/** A percent-encoded text, decoded; `undefined` when its escapes are not valid UTF-8. */
export function decoded(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
