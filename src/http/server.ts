import { serve } from '@hono/node-server';
import { stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { dirname } from 'node:path';
import { removeLeftoverUploads } from '../mail/service.js';
import type { Clock } from '../platform/clock.js';
import { VrmError } from '../platform/errors.js';
import { createHttpApp } from './app.js';
import type { Session } from './state.js';

export const DEFAULT_PORT = 7464;

export interface ServeOptions {
  readonly storePath: string;
  readonly host: string;
  readonly port: number;
  readonly idleMinutes: number;
  readonly sessionHours?: number;
  readonly searchSeconds?: number;
  readonly webRoot?: string;
  readonly clock?: Clock;
  readonly log?: (line: string) => void;
  readonly warn?: (line: string) => void;
  readonly seedDemo?: (session: Session) => Promise<unknown>;
  /** The person's home folder (default `os.homedir()`): imports by path from the web read only there… */
  readonly home?: string;
  /** …and in these folders (`vrm serve --import-folder`). */
  readonly importFolders?: readonly string[];
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host.startsWith('127.');

/** Starts the HTTP server; resolves once it listens. Port 0 picks a free port. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  if (options.host !== 'localhost' && isIP(options.host) === 0) {
    throw new VrmError('invalid_input', `--host must be an IP address or localhost, got "${options.host}"`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535) {
    throw new VrmError(
      'invalid_input',
      `--port must be a whole number from 0 to 65535 (0 picks a free one), got ${String(options.port)}`,
    );
  }
  for (const folder of options.importFolders ?? []) {
    const info = await stat(folder).catch(() => undefined);
    if (!info?.isDirectory()) {
      throw new VrmError('invalid_input', `--import-folder ${folder}: not a folder on this machine`);
    }
  }
  await removeLeftoverUploads(dirname(options.storePath));
  if (!isLoopback(options.host)) {
    options.log?.(
      `warning: listening on ${options.host}, not only this machine: anyone who can reach it can try to unlock`,
    );
  }
  // The app's Host check needs the real port (port 0 picks one), so requests reach it through a
  // handler that is set once the server listens.
  let handle: (request: Request) => Response | Promise<Response> = () => new Response(null, { status: 503 });
  const listening = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolvePromise, reject) => {
      const server = serve(
        { fetch: (request) => handle(request), hostname: options.host, port: options.port },
        (info) => {
          resolvePromise({ server, port: info.port });
        },
      );
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'EADDRINUSE'
            ? new VrmError('conflict', `port ${options.port} is in use: choose another with --port`)
            : error.code === 'EACCES'
              ? new VrmError(
                  'invalid_input',
                  `port ${options.port} needs administrator rights: choose one above 1023 with --port`,
                )
              : new VrmError(
                  'store_unavailable',
                  `cannot listen on ${options.host}:${options.port}: ${error.code ?? error.message}`,
                ),
        );
      });
    },
  );
  const { app, state } = createHttpApp({ ...options, port: listening.port });
  handle = (request) => app.fetch(request);
  const timer = setInterval(() => void state.lockIfIdle(), 30_000);
  timer.unref();
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${listening.port}`,
    port: listening.port,
    close: async () => {
      clearInterval(timer);
      await state.lock();
      await new Promise<void>((done) => listening.server.close(() => done()));
    },
  };
}
