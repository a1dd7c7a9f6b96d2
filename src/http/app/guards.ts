/* eslint-disable @typescript-eslint/no-unsafe-argument --
   Hono types a route's input as `any` in Context; passing that Context to the helpers below is safe. */
import type { Hono } from 'hono';
import { routePath } from 'hono/route';
import { allowedOrigins, fromOwnOrigin, SECURITY_HEADERS } from '../security.js';
import type { AppParts, Env } from './context.js';
import { fail } from './request.js';
import { CSRF_HEADER, csrfSubject } from './session.js';

/**
 * The checks every request passes before any route, in this order: the Host header (and, on the
 * way out, the security headers and the log line), then for the API the origin and the CSRF token.
 */
export function guardRequests(app: Hono<Env>, { config, hosts, csrf, state }: AppParts): void {
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
      !csrf.verify(csrfSubject(c, state), c.req.header(CSRF_HEADER))
    ) {
      return fail(c, 'forbidden', 'missing or stale CSRF token: reload the page');
    }
    await next();
  });
}
