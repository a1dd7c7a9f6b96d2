import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '../../demo/seed.js';
import { DEFAULT_PORT, startServer } from '../../http/server.js';
import { expandPath } from '../../platform/paths.js';
import { note, say } from '../output.js';
import type { GlobalOptions } from '../run.js';
import { storePath } from '../session.js';

/** `vrm serve`: runs until interrupted, then locks the store and stops. */
export async function serve(
  globals: GlobalOptions,
  o: { port?: number; host?: string; idle?: number; log?: boolean; importFolder?: string[] },
): Promise<void> {
  const importFolders = (o.importFolder ?? []).map((folder) => expandPath(folder));
  const server = await startServer({
    storePath: storePath(globals.store),
    host: o.host ?? '127.0.0.1',
    port: o.port ?? DEFAULT_PORT,
    idleMinutes: o.idle ?? 15,
    importFolders,
    webRoot: fileURLToPath(new URL('../web/', import.meta.url)),
    ...(o.log ? { log: note } : {}),
    warn: note,
    seedDemo: (session) => seedDemo(session.services, session.services.today()),
  });
  say(`vrm is serving ${server.url} (store: ${storePath(globals.store)})`);
  say(`The web app imports files by path from ${[homedir(), ...importFolders].join(', ')} only.`);
  say('Open it in your browser. Press Ctrl+C to lock the store and stop.');
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
