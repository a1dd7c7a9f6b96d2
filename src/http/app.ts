/* eslint-disable @typescript-eslint/no-unsafe-argument --
   Hono types a route's input as `any` in Context; passing that Context to the helpers below is safe. */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { routePath } from 'hono/route';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { serialiseExport } from '../backup/export.js';
import type { ImportFolders } from '../mail/import-folders.js';
import { MAX_UPLOAD_BYTES } from '../mail/service.js';
import { parseExport, restoreExport, type RestoreReport } from '../backup/restore.js';
import { looksLikeBackup, writeBackup } from '../backup/snapshot.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { fromStoreError, VrmError } from '../platform/errors.js';
import { idSchema, parseInput } from '../platform/validation.js';
import { ENDPOINTS, type DataRoute, type Endpoint } from './endpoints.js';
import { MAIL_UPLOAD_QUERY } from './mail.endpoints.js';
import { errorBody, STATUS, type HttpErrorCode } from './errors.js';
import { buildOpenApi } from './openapi.js';
import { ROUTES } from './routes.js';
import {
  allowedHosts,
  allowedOrigins,
  contentDisposition,
  CsrfTokens,
  DOWNLOAD_POLICY,
  fromOwnOrigin,
  OneAtATime,
  SECURITY_HEADERS,
  UnlockThrottle,
} from './security.js';
import { ServerState, type Session } from './state.js';

/**
 * `__Host-` with `Secure` and `Path=/`: the browser refuses such a cookie with another path or a
 * Domain, so a page on another local port cannot shadow it with a more specific one; being
 * HttpOnly, its script cannot overwrite it either. Browsers accept `Secure` on http://127.0.0.1
 * and localhost, which count as potentially trustworthy.
 */
export const SESSION_COOKIE = '__Host-vrm_session';
export const CSRF_HEADER = 'x-csrf-token';
/** `GET /api/export`'s one option: secrets are left out unless asked for. */
const EXPORT_QUERY = z.object({
  withSecrets: z.enum(['true', 'false'], { error: 'withSecrets must be true or false' }).optional(),
});

/** The restore's passphrase, percent-encoded UTF-8: the body is the export or backup file itself. */
export const PASSPHRASE_HEADER = 'x-vrm-passphrase';

/** Passphrases and settings: a few hundred bytes; 4 KB leaves room and bounds the key derivation. */
const SMALL_BODY = 4 * 1024;
/** An export or backup file to restore. */
export const RESTORE_BODY = 200 * 1024 * 1024;
/** A document to store (the document service's own limit is 64 MB). */
const DOCUMENT_BODY = 70 * 1024 * 1024;
/** Every other data route: records are small. */
const DATA_BODY = 1024 * 1024;

export interface HttpConfig {
  readonly storePath: string;
  readonly host: string;
  readonly port: number;
  /** Minutes without a request after which the store locks itself (default 15). */
  readonly idleMinutes?: number;
  /** Hours after which a browser session ends however active it is (default 12). */
  readonly sessionHours?: number;
  /** Seconds one mail search may run before it is stopped and refused (default 5). */
  readonly searchSeconds?: number;
  /** Folder of the built web app; omitted, only the API is served. */
  readonly webRoot?: string;
  readonly clock?: Clock;
  /** One line per request: method, route pattern, status, time. Never values, queries or bodies. */
  readonly log?: (line: string) => void;
  /** Internal errors and warnings (the error's name only: never its message, which may hold data). */
  readonly warn?: (line: string) => void;
  /** Fills a new store for the first-run demo button. */
  readonly seedDemo?: (session: Session) => Promise<unknown>;
  /** The person's home folder, where imports by path may read (default `os.homedir()`). */
  readonly home?: string;
  /** Further folders imports by path may read (`vrm serve --import-folder`). */
  readonly importFolders?: readonly string[];
}

type Env = { Variables: { session: Session; sessionId: string } };

const passphraseBody = z.object({ passphrase: z.string({ error: 'passphrase is required' }) }).strict();
const newPassphraseBody = z
  .object({
    passphrase: z.string({ error: 'the current passphrase is required' }),
    newPassphrase: z.string({ error: 'the new passphrase is required' }),
  })
  .strict();
const settingsBody = z
  .object({
    idleMinutes: z
      .number()
      .int()
      .min(1, { error: 'must be at least 1 minute' })
      .max(24 * 60)
      .optional(),
    sessionHours: z
      .number()
      .int()
      .min(1, { error: 'must be at least 1 hour' })
      .max(7 * 24, { error: 'must be at most 168 hours (a week)' })
      .optional(),
  })
  .strict();

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

async function readJson(c: Context): Promise<unknown> {
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

const fail = (c: Context, code: HttpErrorCode, message: string) =>
  c.json(errorBody(code, message), STATUS[code]);

const megabytes = (bytes: number) => `${String(Math.round(bytes / (1024 * 1024)))} MB`;

/**
 * A body limit that holds however the body comes: a `Content-Length` over it is refused before a
 * byte is read, and a chunked body is counted as it streams and cut off at the limit.
 */
const limit = (maxSize: number) =>
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
function download(
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

/**
 * The HTTP API and the web app, for one person on their own machine. Every data route calls the
 * same service as the CLI; security and error mapping are here, once.
 */
export function createHttpApp(config: HttpConfig) {
  const clock = config.clock ?? systemClock;
  const state = new ServerState(config.storePath, clock, config.idleMinutes ?? 15);
  if (config.sessionHours !== undefined) state.sessionHours = config.sessionHours;
  if (config.searchSeconds !== undefined) state.searchSeconds = config.searchSeconds;
  const csrf = new CsrfTokens();
  const throttle = new UnlockThrottle(() => clock().getTime());
  const derivations = new OneAtATime();
  const hosts = allowedHosts(config.host, config.port);
  const importFolders: ImportFolders = { home: config.home ?? homedir(), named: config.importFolders ?? [] };
  const app = new Hono<Env>();

  app.onError((thrown, c) => {
    const error = fromStoreError(thrown);
    if (error instanceof VrmError) {
      // A busy store frees up in moments: a client may retry at once.
      if (error.code === 'store_busy') c.header('Retry-After', '1');
      return c.json(errorBody(error.code, error.message, error.details), STATUS[error.code]);
    }
    (config.warn ?? config.log)?.(`internal error on ${c.req.method} ${routePath(c)}: ${error.name}`);
    return fail(c, 'internal', 'internal error: the server log has the details');
  });
  app.notFound((c) => fail(c, 'not_found', `nothing at ${c.req.path}`));

  app.use('*', async (c, next) => {
    const started = performance.now();
    // **Important**: the Host check stops DNS rebinding: a page on evil.example that resolves to
    // 127.0.0.1 sends `Host: evil.example`, and is refused before anything else runs.
    if (!hosts.has(c.req.header('host') ?? '')) {
      return fail(c, 'forbidden', 'this server answers only to its own address (Host header refused)');
    }
    await next();
    // A header the route set itself (a download's stricter policy) is kept.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (!c.res.headers.has(name)) c.header(name, value);
    }
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
    config.log?.(
      `${c.req.method} ${routePath(c)} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`,
    );
  });

  const sessionId = (c: Context) => getCookie(c, SESSION_COOKIE);
  /** The session id the CSRF token is bound to: none until this browser has unlocked. */
  const csrfSubject = (c: Context) => {
    const id = sessionId(c);
    return state.sessionFor(id) ? id : undefined;
  };
  const setSessionCookie = (c: Context, id: string) =>
    setCookie(c, SESSION_COOKIE, id, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
  const startSession = (c: Context, id: string) => {
    setSessionCookie(c, id);
    return c.json({ unlocked: true, csrfToken: csrf.issue(id), idleMinutes: state.idleMinutes });
  };

  // **Important**: a page on another local port is the same *site* to the browser, so its `<img>`
  // or form would carry the session cookie: API requests from a browser must come from this origin.
  const origins = allowedOrigins(hosts);
  app.use('/api/*', async (c, next) => {
    if (!fromOwnOrigin(c.req.header('sec-fetch-site'), c.req.header('origin'), origins)) {
      return fail(c, 'forbidden', 'requests to the API must come from the vrm app itself (origin refused)');
    }
    await next();
  });

  // Every state-changing request, even the unlock, must carry the CSRF token.
  app.use('/api/*', async (c, next) => {
    if (
      !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) &&
      !csrf.verify(csrfSubject(c), c.req.header(CSRF_HEADER))
    ) {
      return fail(c, 'forbidden', 'missing or stale CSRF token: reload the page');
    }
    await next();
  });

  app.get('/api/openapi.json', (c) => c.json(buildOpenApi()));

  app.get(ROUTES.status.path, async (c) => {
    await state.lockIfIdle();
    const id = csrfSubject(c);
    return c.json({
      storeExists: state.storeExists,
      unlocked: id !== undefined,
      csrfToken: csrf.issue(id),
      idleMinutes: state.idleMinutes,
      sessionHours: state.sessionHours,
    });
  });

  const withPassphrase = async (c: Context) =>
    parseInput(passphraseBody, await readJson(c), 'request').passphrase;

  app.post(ROUTES.createStore.path, limit(SMALL_BODY), async (c) => {
    const passphrase = await withPassphrase(c);
    return startSession(c, await derivations.run(() => state.create(passphrase)));
  });
  app.post(ROUTES.createDemoStore.path, limit(SMALL_BODY), async (c) => {
    const passphrase = await withPassphrase(c);
    return startSession(c, await derivations.run(() => state.create(passphrase, config.seedDemo)));
  });

  // The body is the file itself, an export or a backup, read once and bounded; whether a store
  // exists is asked before a byte of it is read.
  app.post(
    ROUTES.restoreStore.path,
    async (c, next) => {
      if (state.storeExists) return fail(c, 'conflict', 'a store already exists: unlock it instead');
      await next();
    },
    limit(RESTORE_BODY),
    async (c) => {
      const passphrase = passphraseFrom(c.req.header(PASSPHRASE_HEADER));
      const file = Buffer.from(await c.req.arrayBuffer());
      if (file.length === 0) {
        throw new VrmError('invalid_input', 'the request has no body: send the export or backup file');
      }
      if (looksLikeBackup(file)) {
        // A backup keeps its own passphrase; SQLite opens it from a file, which is encrypted.
        const folder = mkdtempSync(join(tmpdir(), 'vrm-restore-'));
        try {
          const copy = join(folder, 'upload.vrmbackup');
          writeFileSync(copy, file, { mode: 0o600 });
          const id = await derivations.run(() => state.restoreBackup(copy, passphrase));
          setSessionCookie(c, id);
          return c.json({
            unlocked: true,
            csrfToken: csrf.issue(id),
            idleMinutes: state.idleMinutes,
            restored: 0,
            skipped: [],
            notes: [],
            backup: true,
          });
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      }
      const data = parseExport(file.toString('utf8'), 'the export');
      let report: RestoreReport | undefined;
      const id = await derivations.run(() =>
        state.create(
          passphrase,
          async (session) => {
            report = await restoreExport(session.store, data);
          },
          data.schemaVersion,
        ),
      );
      setSessionCookie(c, id);
      const restored = Object.values(report?.restored ?? {}).reduce((a, b) => a + b, 0);
      return c.json({
        unlocked: true,
        csrfToken: csrf.issue(id),
        idleMinutes: state.idleMinutes,
        restored,
        skipped: report?.skipped ?? [],
        notes: report?.notes ?? [],
        backup: false,
      });
    },
  );

  const refuse = (c: Context, wait: number) => {
    c.header('Retry-After', String(wait));
    return fail(c, 'rate_limited', `too many wrong passphrases: try again in ${wait} s`);
  };

  app.post(ROUTES.unlock.path, limit(SMALL_BODY), async (c) => {
    // A refused request is answered before its body is read.
    if (throttle.waitSeconds() > 0) return refuse(c, throttle.waitSeconds());
    const passphrase = await withPassphrase(c);
    const wait = throttle.begin();
    if (wait > 0) return refuse(c, wait);
    const id = await derivations.run(() => state.unlock(passphrase));
    throttle.succeeded();
    return startSession(c, id);
  });

  // Everything below needs an unlocked session.
  app.use('/api/*', async (c, next) => {
    if (await state.lockIfIdle())
      return fail(c, 'unauthorized', 'the store locked itself after being idle: unlock it again');
    const id = sessionId(c);
    const session = state.sessionFor(id);
    if (!session || id === undefined) return fail(c, 'unauthorized', 'the store is locked: unlock it first');
    state.touch();
    c.set('session', session);
    c.set('sessionId', id);
    await next();
  });

  // Locking needs the session: the anonymous CSRF token, which any page of this app can get, must
  // not end the owner's session.
  app.delete(ROUTES.lock.path, limit(SMALL_BODY), async (c) => {
    await state.lock();
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    return c.json({ unlocked: false, csrfToken: csrf.issue(undefined) });
  });

  app.put(ROUTES.settings.path, limit(SMALL_BODY), async (c) => {
    const { idleMinutes, sessionHours } = parseInput(settingsBody, await readJson(c), 'settings');
    if (idleMinutes !== undefined) state.idleMinutes = idleMinutes;
    if (sessionHours !== undefined) state.sessionHours = sessionHours;
    return c.json({ idleMinutes: state.idleMinutes, sessionHours: state.sessionHours });
  });

  // Guessing the current passphrase here is throttled like unlocking.
  app.put(ROUTES.changePassphrase.path, limit(SMALL_BODY), async (c) => {
    if (throttle.waitSeconds() > 0) return refuse(c, throttle.waitSeconds());
    const { passphrase, newPassphrase } = parseInput(newPassphraseBody, await readJson(c), 'request');
    const wait = throttle.begin();
    if (wait > 0) return refuse(c, wait);
    // The right passphrase ends the count even when the re-key then fails (a full disk, say):
    // the owner retrying after freeing space is not guessing.
    await derivations.run(() =>
      state.changePassphrase(passphrase, newPassphrase, () => {
        throttle.succeeded();
      }),
    );
    // Every other browser's session ends; this one carries on with a fresh session id.
    const id = state.restartSessions();
    setSessionCookie(c, id);
    return c.json({ changed: true, csrfToken: csrf.issue(id) });
  });

  app.get('/api/documents/:id/content', async (c) => {
    const id = parseInput(idSchema, c.req.param('id'), 'document id');
    const { info, content } = await c.var.session.services.documents.content(id);
    return download(c, info.filename, info.mediaType, new Uint8Array(content));
  });

  // The message as it arrived: the evidence behind a leak, for a regulator or a complaint.
  app.get('/api/mail/messages/:id/raw', (c) => {
    const id = parseInput(idSchema, c.req.param('id'), 'message id');
    const raw = c.var.session.services.mail.raw(id);
    return download(c, `message-${String(id)}.eml`, 'message/rfc822', new Uint8Array(raw));
  });

  // A file the browser sends, streamed to a temporary file and imported. The body must say its
  // length: bodyLimit then refuses a larger one before reading a byte, and Node's parser reads no
  // more than that length; a chunked body would be held in memory whole.
  app.post(
    ROUTES.uploadMailImport.path,
    async (c, next) => {
      if (c.req.header('transfer-encoding') !== undefined || c.req.header('content-length') === undefined) {
        return fail(
          c,
          'invalid_input',
          'an upload must say its length (Content-Length), not be sent in chunks',
        );
      }
      await next();
    },
    bodyLimit({
      maxSize: MAX_UPLOAD_BYTES,
      onError: (c) =>
        fail(
          c,
          'payload_too_large',
          `the file is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB an upload takes: put it in your home folder and import it by path`,
        ),
    }),
    async (c) => {
      const query = parseInput(MAIL_UPLOAD_QUERY, c.req.query(), 'upload');
      const started = await c.var.session.services.mail.startUpload(chunksOf(c.req.raw.body), {
        ...query,
        folder: dirname(config.storePath),
      });
      return c.json(started);
    },
  );

  // Secrets (private signing keys, IMAP passwords) only with `?withSecrets=true`, as `vrm export`.
  app.get('/api/export', async (c) => {
    const { services } = c.var.session;
    const { withSecrets } = parseInput(EXPORT_QUERY, c.req.query(), 'export');
    const text = serialiseExport(await services.backup.export({ withSecrets: withSecrets === 'true' }));
    return download(c, 'vrm-export.json', 'application/json', new TextEncoder().encode(text));
  });

  // The encrypted backup (src/backup/snapshot.ts): the whole store, opened by its passphrase. It is
  // written to a file of its own and streamed from there, never held in memory whole.
  app.get('/api/backup', (c) => {
    const folder = mkdtempSync(join(tmpdir(), 'vrm-backup-download-'));
    try {
      const { path } = writeBackup(c.var.session.store, join(folder, 'store.vrmbackup'));
      const stream = createReadStream(path);
      // The file is unlinked at once: the open stream keeps reading it, and nothing is left behind
      // whether the download ends, fails or is cancelled.
      stream.once('open', () => rmSync(folder, { recursive: true, force: true }));
      stream.once('error', () => rmSync(folder, { recursive: true, force: true }));
      return download(
        c,
        'vrm-store.vrmbackup',
        'application/octet-stream',
        Readable.toWeb(stream) as ReadableStream,
      );
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }
  });

  // The data routes: each validated by its schemas and answered by one service call.
  for (const [name, endpoint] of Object.entries(ENDPOINTS) as [
    DataRoute,
    Endpoint<z.ZodType, z.ZodType, unknown>,
  ][]) {
    const route = ROUTES[name];
    app.on(route.method, route.path, limit(name === 'addDocument' ? DOCUMENT_BODY : DATA_BODY), async (c) => {
      const { services, reads, store } = c.var.session;
      const id = () => (route.path.includes(':id') ? parseInput(idSchema, c.req.param('id'), 'id') : 0);
      const query = () => (endpoint.query ? parseInput(endpoint.query, c.req.query(), 'query') : undefined);
      if (route.method === 'GET') {
        // A repeated read is answered from the cache before any parsing; a new one is validated
        // and run, and only a successful answer is kept.
        const version = `${store.dataVersion()}@${services.today()}`;
        const json = await reads.get(version, c.req.url, () =>
          endpoint.run({ services, id: id(), query: query(), body: undefined, importFolders }),
        );
        return c.body(json, 200, { 'Content-Type': 'application/json' });
      }
      const raw = route.method === 'DELETE' ? undefined : await readJson(c);
      const body = endpoint.body ? parseInput(endpoint.body, raw, 'body') : undefined;
      const before = store.changes();
      const result = await endpoint.run({ services, id: id(), query: query(), body, importFolders });
      // Reads never write, so classification catches up here, after each write.
      if (store.changes() !== before && !(await services.afterWrite())) {
        (config.warn ?? config.log)?.(
          `after ${c.req.method} ${routePath(c)}: the store was busy; mail is classified again on the next write`,
        );
      }
      return c.json(result, route.method === 'POST' && name.startsWith('add') ? 201 : 200);
    });
  }

  if (config.webRoot) {
    const root = resolve(config.webRoot);
    app.get('*', async (c) => {
      // An unknown API path is the API's 404, not the app's page.
      if (c.req.path === '/api' || c.req.path.startsWith('/api/')) {
        return fail(c, 'not_found', `nothing at ${c.req.path}`);
      }
      const path = decoded(c.req.path);
      if (path === undefined) return fail(c, 'invalid_input', 'the address is not valid (bad % escape)');
      // **Important**: no path outside the web root, however it is spelled.
      if (path.includes('\0') || path.split('/').includes('..')) return fail(c, 'not_found', 'not found');
      const candidate = resolve(join(root, path));
      if (candidate !== root && !candidate.startsWith(root + sep)) return fail(c, 'not_found', 'not found');
      const file = (await isFile(candidate))
        ? candidate
        : extname(path) === ''
          ? join(root, 'index.html')
          : undefined;
      if (!file || !(await isFile(file))) return fail(c, 'not_found', 'not found');
      c.header('Content-Type', MEDIA_TYPES[extname(file)] ?? 'application/octet-stream');
      c.header(
        'Cache-Control',
        file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      return c.body(new Uint8Array(await readFile(file)));
    });
  }

  return { app, state };
}

function decoded(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** The passphrase header: percent-encoded, so any passphrase fits in a header. */
function passphraseFrom(header: string | undefined): string {
  if (header === undefined || header === '') {
    throw new VrmError('invalid_input', `the passphrase is required (header ${PASSPHRASE_HEADER})`);
  }
  const passphrase = decoded(header);
  if (passphrase === undefined) {
    throw new VrmError('invalid_input', `${PASSPHRASE_HEADER} must be percent-encoded UTF-8`);
  }
  return passphrase;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** A request body's chunks; a body left unread (the upload failed) is cancelled. */
async function* chunksOf(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      yield next.value;
    }
    done = true;
  } finally {
    if (!done) await reader.cancel();
  }
}
