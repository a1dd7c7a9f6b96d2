import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServices, type Services } from '../app.js';
import { fixedDayClock, systemClock } from '../platform/clock.js';
import { createStore, openStore, type Credentials, type Store } from '../platform/db/store.js';
import { expandPath } from '../platform/paths.js';
import { promptHidden, promptNewPassphrase } from './prompt.js';

/** Where the store lives: `--store`, else `$VRM_HOME/store.db`, else `~/.local/share/vrm/store.db`. */
export function storePath(option: string | undefined): string {
  if (option) return expandPath(option);
  const home = process.env.VRM_HOME ?? join(homedir(), '.local', 'share', 'vrm');
  return resolve(home, 'store.db');
}

/** A session token (VRM_SESSION) skips key derivation; else VRM_PASSPHRASE; else ask. */
async function credentials(path: string): Promise<Credentials> {
  const token = process.env.VRM_SESSION;
  if (token) return { sessionToken: token };
  const passphrase = process.env.VRM_PASSPHRASE ?? (await promptHidden(`Passphrase for ${path}: `));
  return { passphrase };
}

export async function newPassphrase(): Promise<string> {
  return process.env.VRM_PASSPHRASE ?? promptNewPassphrase();
}

export interface Session {
  readonly store: Store;
  readonly services: Services;
}

/**
 * Opens the store for one command. `VRM_TODAY` (YYYY-MM-DD) fixes the date that derived figures
 * are computed for, so that examples and tests give the same answer every day.
 */
export async function openSession(option: string | undefined): Promise<Session> {
  const path = storePath(option);
  const store = await openStore(path, await credentials(path));
  return { store, services: createServices(store, clockFromEnv()) };
}

export async function createSession(path: string, passphrase: string): Promise<Session> {
  const store = await createStore(path, passphrase);
  const services = createServices(store, clockFromEnv());
  // A new store gets the person's signing key pair at once (agreements, receipts, SD-JWT).
  await services.keys.ensure();
  return { store, services };
}

function clockFromEnv() {
  const today = process.env.VRM_TODAY;
  return today ? fixedDayClock(today) : systemClock;
}
