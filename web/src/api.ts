import type { ApiBody, ApiOutput, ApiQuery, DataRoute } from '../../src/http/endpoints';
import type { ErrorBody } from '../../src/http/errors';
import type { StatementImportSummary } from '../../src/money/service';
import { ROUTES } from '../../src/http/routes';

/**
 * The web app's typed client. Route names, paths and types all come from the server's own
 * definitions (src/http), so a change there is a type error here, never a silent mismatch.
 */
export type { ApiBody, ApiOutput } from '../../src/http/endpoints';
export type { StatementImportSummary } from '../../src/money/service';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: readonly { path?: string; message: string }[];
  constructor(status: number, body: ErrorBody['error']) {
    super(body.message);
    this.code = body.code;
    this.status = status;
    this.details = body.details;
  }
  /** Field-level messages, keyed by field path, for forms to show next to each field. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) if (d.path && !(d.path in out)) out[d.path] = d.message;
    return out;
  }
}

let csrfToken = '';
let onLocked: () => void = () => undefined;

export const setCsrfToken = (token: string): void => {
  csrfToken = token;
};
export const whenLocked = (handler: () => void): void => {
  onLocked = handler;
};

/** A call to the API: a JSON body, or a file's bytes as they are (`file`). */
async function request<T>(method: string, path: string, body?: unknown, file?: Blob): Promise<T> {
  const type = file ? 'application/octet-stream' : body === undefined ? undefined : 'application/json';
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(type === undefined ? {} : { 'Content-Type': type }),
      ...(method === 'GET' ? {} : { 'X-CSRF-Token': csrfToken }),
    },
    body: file ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  return answer<T>(response, path);
}

async function answer<T>(response: Response, path: string): Promise<T> {
  const data = (await response.json().catch(() => ({}))) as T | ErrorBody;
  if (!response.ok) {
    const error = (data as Partial<ErrorBody>).error ?? {
      code: 'internal',
      message: response.statusText,
      details: [],
    };
    if (response.status === 401 && path !== ROUTES.unlock.path) onLocked();
    throw new ApiError(response.status, error);
  }
  return data as T;
}

/** The path with its id, and any other parameter (`:domain`) encoded as one segment. */
function fill(path: string, id?: number, params: Readonly<Record<string, string>> = {}): string {
  const named = path.replace(/:(\w+)/g, (whole, name: string) =>
    name !== 'id' && params[name] !== undefined ? encodeURIComponent(params[name]) : whole,
  );
  return id === undefined ? named : named.replace(':id', String(id));
}

function withQuery(path: string, query?: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

interface Args<K extends DataRoute> {
  id?: number;
  /** Path parameters other than the id: `{ domain: 'shop.example' }`. */
  params?: Readonly<Record<string, string>>;
  query?: ApiQuery<K>;
  body?: ApiBody<K>;
}

/** Calls a data route by name: `api('getProvider', { id: 3 })`. */
export function api<K extends DataRoute>(name: K, args: Args<K> = {}): Promise<ApiOutput<K>> {
  const route = ROUTES[name];
  return request(
    route.method,
    withQuery(
      fill(route.path, args.id, args.params),
      args.query as Record<string, string | number | undefined>,
    ),
    args.body,
  );
}

/**
 * Sends a mail file (an mbox or one .eml) to be imported: the browser streams its bytes, the
 * server answers, like `startMailImport`, once the import is recorded. XMLHttpRequest, not
 * fetch, because only it reports how much of the body has gone (`onProgress`: sent, total).
 */
export function uploadMail(
  file: File,
  kind?: 'mbox' | 'eml',
  onProgress?: (sent: number, total: number) => void,
): Promise<ApiOutput<'startMailImport'>> {
  const route = ROUTES.uploadMailImport;
  const path = withQuery(route.path, { name: file.name, kind });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(route.method, path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new Error(`The upload of ${file.name} stopped: is vrm still running?`));
    xhr.onload = () => {
      const response = new Response(xhr.responseText || '{}', {
        status: xhr.status,
        statusText: xhr.statusText,
        headers: { 'Content-Type': 'application/json' },
      });
      answer<ApiOutput<'startMailImport'>>(response, path).then(resolve, reject);
    };
    xhr.send(file);
  });
}

export interface Status {
  storeExists: boolean;
  unlocked: boolean;
  csrfToken: string;
  idleMinutes: number;
  sessionHours?: number;
}

export const session = {
  status: () => request<Status>('GET', ROUTES.status.path),
  create: (passphrase: string, demo: boolean) =>
    request<Status>('POST', demo ? ROUTES.createDemoStore.path : ROUTES.createStore.path, { passphrase }),
  unlock: (passphrase: string) => request<Status>('POST', ROUTES.unlock.path, { passphrase }),
  // The file goes as the body, as it is; the passphrase in a header, percent-encoded.
  restore: async (passphrase: string, file: Blob) => {
    const response = await fetch(ROUTES.restoreStore.path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/octet-stream',
        'X-CSRF-Token': csrfToken,
        'X-Vrm-Passphrase': encodeURIComponent(passphrase),
      },
      body: file,
    });
    return answer<
      Status & {
        restored: number;
        skipped: { record: string; message: string }[];
        notes: string[];
        backup: boolean;
      }
    >(response, ROUTES.restoreStore.path);
  },
  lock: () => request<{ csrfToken: string }>('DELETE', ROUTES.lock.path),
  // The server ends every session on a change and gives this tab a new one, with a new token.
  changePassphrase: async (passphrase: string, newPassphrase: string) => {
    const result = await request<{ changed: boolean; csrfToken: string }>(
      'PUT',
      ROUTES.changePassphrase.path,
      { passphrase, newPassphrase },
    );
    setCsrfToken(result.csrfToken);
    return result;
  },
  settings: (changes: { idleMinutes?: number; sessionHours?: number }) =>
    request<{ idleMinutes: number; sessionHours: number }>('PUT', ROUTES.settings.path, changes),
};

export const documentUrl = (id: number): string => `/api/documents/${id}/content`;

/**
 * A file the server makes from a JSON body (a letter's PDF), with the name it gives it
 * (Content-Disposition) and its notes (X-Vrm-Warnings); a refusal is an `ApiError`, as from `api()`.
 */
export async function postForFile(
  name: 'writeLetter' | 'campaignItemLetter',
  id: number,
  body: unknown,
): Promise<{ blob: Blob; filename: string; warnings: string[] }> {
  const path = fill(ROUTES[name].path, id);
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
    body: JSON.stringify(body),
  });
  if (!response.ok) return answer(response, path);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'letter.pdf';
  const warnings = decodeURIComponent(response.headers.get('X-Vrm-Warnings') ?? '')
    .split('\n')
    .filter(Boolean);
  return { blob: await response.blob(), filename, warnings };
}

/** Hands a file to the browser to save, as a link with `download` would. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled, so the download has its bytes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A file the server answers for a GET (a request's letter or complaint bundle), saved under the
 * name it gives; a refusal is an `ApiError`, shown where the button is.
 */
export async function downloadFile(path: string): Promise<void> {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) return answer(response, path);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'file.pdf';
  saveFile(await response.blob(), filename);
}

/** The path of a request's file route: `requestLetter` → `/api/requests/3/letter.pdf`. */
export const requestFile = (name: 'requestLetter' | 'requestBundle', id: number): string =>
  fill(ROUTES[name].path, id);

/** Sends an answer file to a request, as its bytes; the answer is the import's result. */
export function uploadAnswer(
  id: number,
  file: File,
): Promise<ApiOutput<'importRequestAnswerFromMail'>[number]> {
  return request(
    'POST',
    withQuery(fill(ROUTES.importRequestAnswer.path, id), { name: file.name }),
    undefined,
    file,
  );
}

/** How to read an uploaded statement, as the import form's advanced options say it (all optional). */
export interface StatementUploadOptions {
  format?: string;
  preset?: string;
  mapping?: string;
  currency?: string;
  dateOrder?: string;
  account?: string;
}

/** Sends a bank statement file (OFX/QFX, QIF, CAMT, CSV) as its bytes; the answer is the import's summary. */
export function uploadStatement(
  file: File,
  options: StatementUploadOptions = {},
): Promise<StatementImportSummary> {
  return request(
    ROUTES.uploadBankStatement.method,
    withQuery(ROUTES.uploadBankStatement.path, { ...options, name: file.name }),
    undefined,
    file,
  );
}
