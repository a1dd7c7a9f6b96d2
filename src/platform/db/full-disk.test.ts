import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../cli/exit.js';
import { Browser } from '../../test/http.js';
import {
  COLLECT,
  fillUp,
  leaveFree,
  runOnSmallDisk,
  smallDisk,
  smallDiskUnavailable,
  reached,
  serverOf,
  spawnOnSmallDisk,
  type SmallDisk,
} from '../../test/small-disk.js';
import { freshStore, TEST_PASSPHRASE, type TestStore } from '../../test/store.js';
import { openStore } from './store.js';
import { sqliteConnection } from './sqlite/connection.js';

const NEW_PASSPHRASE = 'a passphrase for after the change';
const DOCUMENTS = 20;

if (smallDiskUnavailable) console.warn(`full-disk tests skipped: ${smallDiskUnavailable}`);

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

let source: TestStore;
let sourceHash: string;
let disk: SmallDisk | undefined;

beforeAll(async () => {
  // About 21 MB that does not compress: the re-key needs 2 × 21 + 8 = 50 MB free.
  source = await freshStore();
  const provider = await source.services.providers.add({ name: 'Bulky Documents Ltd' });
  for (let i = 0; i < DOCUMENTS; i++) {
    await source.services.documents.add({
      providerId: provider.id,
      filename: `scan-${i}.bin`,
      content: randomBytes(1024 * 1024),
    });
  }
  await source.store.close();
  sourceHash = sha256(source.path);
});
afterAll(async () => source.dispose());
afterEach(() => {
  disk?.dispose();
  disk = undefined;
});

/** The store left on the small disk opens with `passphrase`, is whole, and holds every document. */
async function expectWhole(path: string, passphrase: string): Promise<void> {
  const store = await openStore(path, { passphrase });
  try {
    expect(sqliteConnection(store).pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqliteConnection(store).prepare('SELECT count(*) FROM documents').pluck().get()).toBe(DOCUMENTS);
  } finally {
    await store.close();
  }
}

/** What the scripts below need: the store to copy onto the small disk, and both passphrases. */
const passphraseEnv = (): Record<string, string> => ({
  STORE: source.path,
  VRM_PASSPHRASE: TEST_PASSPHRASE,
  VRM_NEW_PASSPHRASE: NEW_PASSPHRASE,
});

describe.skipIf(smallDiskUnavailable !== undefined)('vrm passphrase on a full disk', () => {
  it('refuses at once when less is free than the re-key needs, and leaves the store as it was', async () => {
    disk = smallDisk();
    const { code, stdout, stderr } = runOnSmallDisk(
      disk,
      64,
      `cp "$STORE" "$DISK/vrm.db"
${leaveFree(30)}
"$NODE" "$VRM_BIN" --store "$DISK/vrm.db" passphrase; code=$?
${COLLECT}
exit $code`,
      passphraseEnv(),
    );
    expect(stdout).toBe('');
    // What the re-key needs grows with the store (each schema version adds a little); it is more
    // than the 30 MB left free, and both are said.
    const said =
      /^vrm: not enough free space in \S+ to re-key the store: it needs (\d+\.\d) MB, (30\.\d) MB is free\. Nothing was changed: the old passphrase still opens it\.\n$/.exec(
        stderr,
      );
    expect(said, stderr).not.toBeNull();
    expect(Number(said?.[1])).toBeGreaterThan(Number(said?.[2]));
    expect(code).toBe(EXIT_CODES.cannot_write);
    expect(disk.listing()).toEqual(['filler', 'vrm.db']);
    expect(sha256(join(disk.out, 'vrm.db'))).toBe(sourceHash);
    await expectWhole(join(disk.out, 'vrm.db'), TEST_PASSPHRASE);
  });

  // The free-space check passed, then another program filled the disk: the watcher stops vrm at
  // the moment named, fills the disk to the last byte, and lets vrm go on.
  it.each([
    ['the copy is being written', '[ -e "$DISK/vrm.db.rekey" ]'],
    [
      'the copy is being re-keyed',
      '[ "$(stat -c %s "$DISK/vrm.db.rekey-journal" 2>/dev/null || echo 0)" -gt 1048576 ]',
    ],
  ])('names the full disk when it fills while %s, and leaves the store as it was', async (_, trigger) => {
    disk = smallDisk();
    const { code, stdout, stderr } = runOnSmallDisk(
      disk,
      96,
      `cp "$STORE" "$DISK/vrm.db"
"$NODE" "$VRM_BIN" --store "$DISK/vrm.db" passphrase & vrm=$!
(
  until [ -e "$OUT/done" ] || ${trigger}; do :; done
  if [ ! -e "$OUT/done" ]; then kill -STOP $vrm; ${fillUp()}; touch "$OUT/filled"; kill -CONT $vrm; fi
) & watcher=$!
wait $vrm; code=$?
touch "$OUT/done"; wait $watcher
${COLLECT}
exit $code`,
      passphraseEnv(),
    );
    expect(existsSync(join(disk.out, 'filled'))).toBe(true);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `vrm: the disk holding ${disk.mount}/vrm.db filled up during the re-key. ` +
        'Nothing was changed: the old passphrase still opens it.\n',
    );
    expect(code).toBe(EXIT_CODES.cannot_write);
    // No copy, no journal, no WAL left behind: only the store and what filled the disk.
    expect(disk.listing()).toEqual(['filler-2', 'vrm.db']);
    expect(sha256(join(disk.out, 'vrm.db'))).toBe(sourceHash);
    await expectWhole(join(disk.out, 'vrm.db'), TEST_PASSPHRASE);
  });
});

describe.skipIf(smallDiskUnavailable !== undefined)(
  'the web app changing the passphrase on a full disk',
  () => {
    it('reports the full disk and keeps the old store open and working', async () => {
      disk = smallDisk();
      const { out } = disk;
      const child = spawnOnSmallDisk(
        disk,
        96,
        `cp "$STORE" "$DISK/vrm.db"
${leaveFree(30)}
"$NODE" "$VRM_BIN" --store "$DISK/vrm.db" serve --port 0 & server=$!
echo "server $server"
(
  until [ -e "$OUT/make-room" ]; do sleep 0.02; done
  rm "$DISK/filler"; touch "$OUT/roomy"
  until [ -e "$DISK/vrm.db.rekey" ]; do :; done
  kill -STOP $server; ${fillUp()}; touch "$OUT/filled"; kill -CONT $server
  until [ -e "$OUT/free-up" ]; do sleep 0.02; done
  rm "$DISK/filler-2"; touch "$OUT/freed"
) & watcher=$!
wait $server; code=$?
kill $watcher 2>/dev/null
${COLLECT}
exit $code`,
        { STORE: source.path },
      );
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      const { url, pid } = await serverOf(child);
      try {
        const owner = new Browser(url);
        await owner.open();
        expect((await owner.call('POST', '/api/session', { passphrase: TEST_PASSPHRASE })).status).toBe(200);
        const change = { passphrase: TEST_PASSPHRASE, newPassphrase: NEW_PASSPHRASE };

        // 30 MB free, the re-key needs 50: refused before anything is written.
        const refused = await owner.call('PUT', '/api/store/passphrase', change);
        expect(refused.status).toBe(507);
        expect(refused.text).toMatch(/not enough free space in .* to re-key the store/);
        expect((await owner.call('GET', '/api/providers')).status).toBe(200);

        // Room enough, then the disk fills while the copy is written.
        writeFileSync(join(out, 'make-room'), '');
        await reached(join(out, 'roomy'));
        const failed = await owner.call('PUT', '/api/store/passphrase', change);
        expect(existsSync(join(out, 'filled'))).toBe(true);
        expect(failed.status).toBe(507);
        expect(failed.text).toMatch(/filled up during the re-key\. Nothing was changed/);
        expect(failed.text).not.toMatch(/internal|not a database/);

        // The same session goes on with the old store: it reads, and once there is room, it writes.
        const providers = await owner.call('GET', '/api/providers');
        expect(providers.status).toBe(200);
        expect(providers.text).toContain('Bulky Documents Ltd');
        writeFileSync(join(out, 'free-up'), '');
        await reached(join(out, 'freed'));
        expect(
          (await owner.call('POST', '/api/providers', { name: 'Added After The Failure Ltd' })).status,
        ).toBe(201);
        // Two re-keys that failed with the right passphrase are not guesses: after one wrong
        // passphrase the right one still unlocks at once (it got 429 when they counted).
        const other = new Browser(url);
        await other.open();
        expect((await other.call('POST', '/api/session', { passphrase: NEW_PASSPHRASE })).status).toBe(401);
        expect((await other.call('POST', '/api/session', { passphrase: TEST_PASSPHRASE })).status).toBe(200);

        // With the disk freed the change goes through.
        expect((await owner.call('PUT', '/api/store/passphrase', change)).status).toBe(200);
      } finally {
        process.kill(pid, 'SIGTERM');
        await exited;
      }
      expect(disk.listing()).toEqual(['vrm.db']);
      const store = await openStore(join(out, 'vrm.db'), { passphrase: NEW_PASSPHRASE });
      const names = sqliteConnection(store).prepare('SELECT name FROM providers ORDER BY id').pluck().all();
      await store.close();
      expect(names).toEqual(['Bulky Documents Ltd', 'Added After The Failure Ltd']);
      expect(statSync(join(out, 'vrm.db')).size).toBeGreaterThan(DOCUMENTS * 1024 * 1024);
    });
  },
);
