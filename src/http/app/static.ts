import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Hono } from 'hono';
import type { Env } from './context.js';
import { decoded, fail } from './request.js';

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

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The built web app's files from `webRoot`, and its page for any other address without an
 * extension (the app routes by hash). Registered last: every API route comes first.
 */
export function serveWebApp(app: Hono<Env>, webRoot: string): void {
  const root = resolve(webRoot);
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
