import { homedir } from 'node:os';
import { Hono } from 'hono';
import { routePath } from 'hono/route';
import { systemClock } from '../platform/clock.js';
import { fromStoreError, VrmError } from '../platform/errors.js';
import { calendarFeedRoute } from './app/calendar.js';
import type { AppParts, Env, HttpConfig } from './app/context.js';
import { dataRoutes } from './app/data.js';
import { guardRequests } from './app/guards.js';
import { fail } from './app/request.js';
import { sessionRoutes } from './app/session.js';
import { serveWebApp } from './app/static.js';
import { errorBody, STATUS } from './errors.js';
import { buildOpenApi } from './openapi.js';
import { allowedHosts, CsrfTokens } from './security.js';
import { ServerState } from './state.js';

export type { HttpConfig } from './app/context.js';
export { CSRF_HEADER, PASSPHRASE_HEADER, SESSION_COOKIE } from './app/session.js';
export { RESTORE_BODY } from './app/request.js';

/**
 * The HTTP API and the web app, for one person on their own machine. Every data route calls the
 * same service as the CLI; security and error mapping are here, once. The order below is the
 * order requests meet them: errors are mapped for all; the guards (Host, origin, CSRF) come
 * before any route; the session routes end with the check that the store is unlocked, which every
 * data route after it needs; the web app's files come last.
 */
export function createHttpApp(config: HttpConfig) {
  const clock = config.clock ?? systemClock;
  const state = new ServerState(config.storePath, clock, config.idleMinutes ?? 15);
  if (config.sessionHours !== undefined) state.sessionHours = config.sessionHours;
  if (config.searchSeconds !== undefined) state.searchSeconds = config.searchSeconds;
  const parts: AppParts = {
    config,
    clock,
    state,
    csrf: new CsrfTokens(),
    hosts: allowedHosts(config.host, config.port),
    importFolders: { home: config.home ?? homedir(), named: config.importFolders ?? [] },
  };
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

  guardRequests(app, parts);
  app.get('/api/openapi.json', (c) => c.json(buildOpenApi()));
  // Before the session check: calendar apps cannot log in; the secret address stands for it.
  calendarFeedRoute(app, parts);
  sessionRoutes(app, parts);
  dataRoutes(app, parts);
  if (config.webRoot) serveWebApp(app, config.webRoot);

  return { app, state };
}
