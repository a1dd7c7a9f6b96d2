/* eslint-disable @typescript-eslint/no-unsafe-argument --
   Hono types a route's input as `any` in Context; passing that Context to the helpers below is safe. */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { Hono, type Context } from 'hono';
import { routePath } from 'hono/route';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { exportStore, serialiseExport } from '../backup/export.js';
import { parseExport, restoreExport, type RestoreReport } from '../backup/restore.js';
import { backupBytes } from '../backup/snapshot.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { schemaVersion } from '../platform/db/migrations.js';
import { VrmError } from '../platform/errors.js';
import { idSchema, parseInput } from '../platform/validation.js';
import { ENDPOINTS, type DataRoute, type Endpoint } from './endpoints.js';
import { errorBody, STATUS, type HttpErrorCode } from './errors.js';
import { buildOpenApi } from './openapi.js';
import { ROUTES } from './routes.js';
import { allowedHosts, CsrfTokens, OneAtATime, SECURITY_HEADERS, UnlockThrottle } from './security.js';
import { ServerState, type Session } from './state.js';

/**
 * `__Host-` with `Secure` and `Path=/`: the browser refuses such a cookie with another path or a
 * Domain, so a page on another local port cannot shadow it with a more specific one; being
 * HttpOnly, its script cannot overwrite it either. Browsers accept `Secure` on http://127.0.0.1
 * and localhost, which count as potentially trustworthy.
 */
export const SESSION_COOKIE = '__Host-vrm_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface HttpConfig {
  readonly storePath: string;
  readonly host: string;
  readonly port: number;
  /** Minutes without a request after which the store locks itself (default 15). */
  readonly idleMinutes?: number;
  /** Hours after which a browser session ends however active it is (default 12). */
  readonly sessionHours?: number;
  /** Folder of the built web app; omitted, only the API is served. */
  readonly webRoot?: string;
  readonly clock?: Clock;
  /** One line per request: method, route pattern, status, time. Never values, queries or bodies. */
  readonly log?: (line: string) => void;
  /** Internal errors and warnings (the error's name only: never its message, which may hold data). */
  readonly warn?: (line: string) => void;
  /** Fills a new store for the first-run demo button. */
  readonly seedDemo?: (session: Session) => Promise<unknown>;
}

type Env = { Variables: { session: Session; sessionId: string } };

const passphraseBody = z.object({ passphrase: z.string({ error: 'passphrase is required' }) }).strict();
const restoreBody = z
  .object({
    passphrase: z.string({ error: 'passphrase is required' }),
    exportText: z.string({ error: 'exportText must be the text of a vrm export' }),
  })
  .strict();
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

/**
 * The HTTP API and the web app, for one person on their own machine. Every data route calls the
 * same service as the CLI; security and error mapping are here, once.
 */
export function createHttpApp(config: HttpConfig) {
  const clock = config.clock ?? systemClock;
  const state = new ServerState(config.storePath, clock, config.idleMinutes ?? 15);
  if (config.sessionHours !== undefined) state.sessionHours = config.sessionHours;
  const csrf = new CsrfTokens();
  const throttle = new UnlockThrottle(() => clock().getTime());
  const derivations = new OneAtATime();
  const hosts = allowedHosts(config.host, config.port);
  const app = new Hono<Env>();

  app.onError((error, c) => {
    if (error instanceof VrmError) {
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
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
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

  app.post(ROUTES.createStore.path, async (c) => {
    const passphrase = await withPassphrase(c);
    return startSession(c, await derivations.run(() => state.create(passphrase)));
  });
  app.post(ROUTES.createDemoStore.path, async (c) => {
    const passphrase = await withPassphrase(c);
    return startSession(c, await derivations.run(() => state.create(passphrase, config.seedDemo)));
  });

  app.post(ROUTES.restoreStore.path, bodyLimit({ maxSize: 200 * 1024 * 1024 }), async (c) => {
    // Refused before the body is read: up to 200 MB is not parsed only to be turned away.
    if (state.storeExists) throw new VrmError('conflict', 'a store already exists: unlock it instead');
    const { passphrase, exportText } = parseInput(restoreBody, await readJson(c), 'request');
    const data = parseExport(exportText, 'the export');
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
    });
  });

  const refuse = (c: Context, wait: number) => {
    c.header('Retry-After', String(wait));
    return fail(c, 'rate_limited', `too many wrong passphrases: try again in ${wait} s`);
  };

  app.post(ROUTES.unlock.path, async (c) => {
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
  app.delete(ROUTES.lock.path, async (c) => {
    await state.lock();
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    return c.json({ unlocked: false, csrfToken: csrf.issue(undefined) });
  });

  app.put(ROUTES.settings.path, async (c) => {
    const { idleMinutes, sessionHours } = parseInput(settingsBody, await readJson(c), 'settings');
    if (idleMinutes !== undefined) state.idleMinutes = idleMinutes;
    if (sessionHours !== undefined) state.sessionHours = sessionHours;
    return c.json({ idleMinutes: state.idleMinutes, sessionHours: state.sessionHours });
  });

  // Guessing the current passphrase here is throttled like unlocking.
  app.put(ROUTES.changePassphrase.path, async (c) => {
    if (throttle.waitSeconds() > 0) return refuse(c, throttle.waitSeconds());
    const { passphrase, newPassphrase } = parseInput(newPassphraseBody, await readJson(c), 'request');
    const wait = throttle.begin();
    if (wait > 0) return refuse(c, wait);
    await derivations.run(() => state.changePassphrase(passphrase, newPassphrase));
    throttle.succeeded();
    // Every other browser's session ends; this one carries on with a fresh session id.
    const id = state.restartSessions();
    setSessionCookie(c, id);
    return c.json({ changed: true, csrfToken: csrf.issue(id) });
  });

  app.get('/api/documents/:id/content', async (c) => {
    const id = parseInput(idSchema, c.req.param('id'), 'document id');
    const { info, content } = await c.var.session.services.documents.content(id);
    c.header('Content-Type', info.mediaType);
    c.header('Content-Disposition', `attachment; filename="${info.filename.replace(/["\\\r\n]/g, '_')}"`);
    return c.body(new Uint8Array(content));
  });

  // The message as it arrived: the evidence behind a leak, for a regulator or a complaint.
  app.get('/api/mail/messages/:id/raw', (c) => {
    const id = parseInput(idSchema, c.req.param('id'), 'message id');
    const raw = c.var.session.services.mail.raw(id);
    c.header('Content-Type', 'message/rfc822');
    c.header('Content-Disposition', `attachment; filename="message-${id}.eml"`);
    return c.body(new Uint8Array(raw));
  });

  app.get('/api/export', async (c) => {
    const { store } = c.var.session;
    c.header('Content-Disposition', 'attachment; filename="vrm-export.json"');
    c.header('Content-Type', 'application/json');
    return c.body(serialiseExport(await exportStore(store.db, schemaVersion(store.connection))));
  });

  // The encrypted backup (src/backup/snapshot.ts): the whole store, opened by its passphrase.
  app.get('/api/backup', (c) => {
    const bytes = backupBytes(c.var.session.store);
    c.header('Content-Disposition', 'attachment; filename="vrm-store.vrmbackup"');
    c.header('Content-Type', 'application/octet-stream');
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(bytes));
  });

  // The data routes: each validated by its schemas and answered by one service call.
  for (const [name, endpoint] of Object.entries(ENDPOINTS) as [
    DataRoute,
    Endpoint<z.ZodType, z.ZodType, unknown>,
  ][]) {
    const route = ROUTES[name];
    const limit = name === 'addDocument' ? 70 * 1024 * 1024 : 1024 * 1024;
    app.on(
      route.method,
      route.path,
      bodyLimit({
        maxSize: limit,
        onError: (c) => fail(c, 'payload_too_large', 'the request body is too large'),
      }),
      async (c) => {
        const { services, reads, store } = c.var.session;
        const id = () => (route.path.includes(':id') ? parseInput(idSchema, c.req.param('id'), 'id') : 0);
        const query = () => (endpoint.query ? parseInput(endpoint.query, c.req.query(), 'query') : undefined);
        if (route.method === 'GET') {
          // A repeated read is answered from the cache before any parsing; a new one is validated
          // and run, and only a successful answer is kept.
          const version = `${store.dataVersion()}@${services.today()}`;
          const json = await reads.get(version, c.req.url, () =>
            endpoint.run({ services, id: id(), query: query(), body: undefined }),
          );
          return c.body(json, 200, { 'Content-Type': 'application/json' });
        }
        const raw = route.method === 'DELETE' ? undefined : await readJson(c);
        const body = endpoint.body ? parseInput(endpoint.body, raw, 'body') : undefined;
        const result = await endpoint.run({ services, id: id(), query: query(), body });
        return c.json(result, route.method === 'POST' && name.startsWith('add') ? 201 : 200);
      },
    );
  }

  if (config.webRoot) {
    const root = resolve(config.webRoot);
    app.get('*', async (c) => {
      const path = decodeURIComponent(c.req.path);
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

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
