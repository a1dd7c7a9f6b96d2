import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { VRM_BIN } from '../../test/cli.js';
import { ServerState } from '../../http/state.js';
import { fixedClock, freshStore, TEST_PASSPHRASE, type TestStore } from '../../test/store.js';
import { VrmError } from '../errors.js';
import { changePassphrase, openStore, rekeyCopyPath, type Store } from './store.js';
import { sqliteConnection } from './sqlite/connection.js';

const OTHER_PASSPHRASE = 'a quite different passphrase';

let t: TestStore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

/** Enough data (about 40 MB that does not compress) for a re-key to take a while. */
async function fill(t: TestStore): Promise<void> {
  const provider = await t.services.providers.add({ name: 'Bulky Documents Ltd' });
  for (let i = 0; i < 40; i++) {
    await t.services.documents.add({
      providerId: provider.id,
      filename: `scan-${i}.bin`,
      content: randomBytes(1024 * 1024),
    });
  }
}

function snapshot(store: Store): string {
  const c = sqliteConnection(store);
  const tables = c.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
  const counts = tables.map((name) => [
    name,
    c
      .prepare(`SELECT count(*) FROM "${String(name)}"`)
      .pluck()
      .get(),
  ]);
  const digest = createHash('sha256');
  for (const content of c.prepare('SELECT content FROM documents ORDER BY id').pluck().iterate()) {
    digest.update(content as Buffer);
  }
  return JSON.stringify({ counts, documents: digest.digest('hex') });
}

/** Opens the store with whichever of the two passphrases opens it; fails when neither does. */
async function openWithEither(path: string, first: string, second: string): Promise<[Store, string]> {
  try {
    return [await openStore(path, { passphrase: first }), first];
  } catch (error) {
    if (!(error instanceof VrmError) || error.code !== 'unauthorized') throw error;
    return [await openStore(path, { passphrase: second }), second];
  }
}

function runPassphrase(path: string, current: string, next: string, killAfterMs?: number) {
  const child = spawn(process.execPath, [VRM_BIN, '--store', path, 'passphrase'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      VRM_PASSPHRASE: current,
      VRM_NEW_PASSPHRASE: next,
    },
    stdio: 'ignore',
  });
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

describe('changing the passphrase', () => {
  it('never locks the person out: after 20 kills at random moments one passphrase opens a complete store', async () => {
    t = await freshStore();
    await fill(t);
    const expected = snapshot(t.store);
    await t.store.close();

    // One uninterrupted run gives the span the kills are spread over.
    const started = Date.now();
    expect((await runPassphrase(t.path, TEST_PASSPHRASE, OTHER_PASSPHRASE)).code).toBe(0);
    const span = Date.now() - started;
    let current = OTHER_PASSPHRASE;
    let killed = 0;
    for (let i = 0; i < 20; i++) {
      const next = current === TEST_PASSPHRASE ? OTHER_PASSPHRASE : TEST_PASSPHRASE;
      const outcome = await runPassphrase(t.path, current, next, Math.floor(Math.random() * span * 1.1));
      if (outcome.signal === 'SIGKILL') killed++;
      const [store, opened] = await openWithEither(t.path, current, next);
      try {
        expect(sqliteConnection(store).pragma('integrity_check', { simple: true })).toBe('ok');
        expect(snapshot(store)).toBe(expected);
        expect(existsSync(rekeyCopyPath(t.path))).toBe(false);
      } finally {
        await store.close();
      }
      current = opened;
    }
    expect(killed).toBeGreaterThan(10);
  }, 180_000);

  it('in the web app, leaves the server working on the re-keyed file, not on the replaced one', async () => {
    t = await freshStore();
    await t.services.providers.add({ name: 'Before The Change Ltd' });
    await t.store.close();
    const state = new ServerState(t.path, fixedClock(), 30);
    await state.unlock(TEST_PASSPHRASE);
    await state.changePassphrase(TEST_PASSPHRASE, OTHER_PASSPHRASE);
    // A second tab joins with the new passphrase; it must reach the open store, on the new file.
    const session = state.sessionFor(await state.unlock(OTHER_PASSPHRASE));
    expect(session).toBeDefined();
    await session?.services.providers.add({ name: 'After The Change Ltd' });
    await state.lock();

    const reopened = await openStore(t.path, { passphrase: OTHER_PASSPHRASE });
    const names = sqliteConnection(reopened).prepare('SELECT name FROM providers ORDER BY id').pluck().all();
    await reopened.close();
    expect(names).toEqual(['Before The Change Ltd', 'After The Change Ltd']);
  });

  it('refuses while another program has the store open, and leaves it under the old passphrase', async () => {
    t = await freshStore();
    await t.services.providers.add({ name: 'Still Here Ltd' });
    const other = await openStore(t.path, { passphrase: TEST_PASSPHRASE });
    try {
      await expect(changePassphrase(t.store, OTHER_PASSPHRASE)).rejects.toThrow(
        /another program has .* open/,
      );
    } finally {
      await other.close();
    }
    // The refused store stays usable, and the old passphrase still opens it.
    await t.services.providers.add({ name: 'Added After The Refusal Ltd' });
    const again = await openStore(t.path, { passphrase: TEST_PASSPHRASE });
    expect(sqliteConnection(again).prepare('SELECT count(*) FROM providers').pluck().get()).toBe(2);
    await again.close();
    expect(existsSync(rekeyCopyPath(t.path))).toBe(false);
  });
});
