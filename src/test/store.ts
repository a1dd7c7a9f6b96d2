import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../app.js';
import type { Clock } from '../platform/clock.js';
import { createStore, type Store } from '../platform/db/store.js';

export const TEST_PASSPHRASE = 'correct horse battery staple';

/** A fixed clock: 2026-03-15 at noon UTC, unless a test says otherwise. */
export const fixedClock =
  (iso = '2026-03-15T12:00:00.000Z'): Clock =>
  () =>
    new Date(iso);

export interface TestStore {
  readonly dir: string;
  readonly path: string;
  readonly store: Store;
  readonly services: Services;
  dispose(): Promise<void>;
}

/** A real, freshly created encrypted store in its own temporary folder. */
export async function freshStore(clock: Clock = fixedClock()): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'vrm-test-'));
  const path = join(dir, 'store.db');
  const store = await createStore(path, TEST_PASSPHRASE);
  return {
    dir,
    path,
    store,
    services: createServices(store, clock),
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A provider with what a consent receipt needs of it (Kantara CR v1.1: the jurisdiction, an
 * e-mail address and a phone), for tests that issue packages or record disclosures under terms.
 */
export const PARCELPOINT = {
  name: 'Parcelpoint',
  website: 'https://parcelpoint.example',
  country: 'GB',
  privacyEmail: 'privacy@parcelpoint.example',
  phone: '0113 496 0200',
} as const;
