import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../cli/exit.js';
import { openStore } from '../platform/db/store.js';
import { sqliteConnection } from '../platform/db/sqlite/connection.js';
import {
  runOnSmallDisk,
  smallDisk,
  smallDiskUnavailable,
  leaveFree,
  type SmallDisk,
} from '../test/small-disk.js';
import { generatedStatement } from '../test/statements.js';
import { freshStore, TEST_PASSPHRASE, type TestStore } from '../test/store.js';
import { writeCamt053 } from './formats/camt-writer.js';
import type { StatementTransaction } from './statement.js';

/**
 * A bank import on a disk that fills up (issue 17, bad input and no loss): the import stops with
 * the disk named, what was committed stays whole and counted, and the same import finishes once
 * there is room, adding each booking once.
 */
if (smallDiskUnavailable) console.warn(`full-disk tests skipped: ${smallDiskUnavailable}`);

const BOOKINGS = 30_000;
const IBAN = 'DE89370400440532013000';
let source: TestStore;
let files: string;
let disk: SmallDisk | undefined;

beforeAll(async () => {
  source = await freshStore();
  await source.store.close();
  files = mkdtempSync(join(tmpdir(), 'vrm-full-disk-money-'));
  const transactions = generatedStatement(BOOKINGS, 11).outcomes.map(
    (o) => ({ ...o.transaction, accountKey: IBAN }) as StatementTransaction,
  );
  writeFileSync(
    join(files, 'big.xml'),
    writeCamt053({ account: { iban: IBAN, currency: 'EUR' }, transactions }),
  );
});
afterAll(async () => {
  disk?.dispose();
  rmSync(files, { recursive: true, force: true });
  await source.dispose();
});

describe.skipIf(smallDiskUnavailable !== undefined)('vrm money import on a full disk', () => {
  it('stops with the disk named, keeps what it committed, and finishes once there is room', async () => {
    disk = smallDisk();
    const { code, stdout, stderr } = runOnSmallDisk(
      disk,
      64,
      `cp "$STORE" "$DISK/vrm.db"
${leaveFree(4)}
"$NODE" "$VRM_BIN" --store "$DISK/vrm.db" money import "$FILE"; first=$?
cp "$DISK/vrm.db" "$OUT/after-full.db"; cp "$DISK/vrm.db-wal" "$OUT/after-full.db-wal" 2>/dev/null
rm "$DISK/filler"
"$NODE" "$VRM_BIN" --store "$DISK/vrm.db" money import "$FILE"; second=$?
echo "codes $first $second"
cp "$DISK/vrm.db" "$OUT/vrm.db"; cp "$DISK/vrm.db-wal" "$OUT/vrm.db-wal" 2>/dev/null; true`,
      { STORE: source.path, FILE: join(files, 'big.xml'), VRM_PASSPHRASE: TEST_PASSPHRASE },
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`codes ${EXIT_CODES.cannot_write} 0`);
    expect(stderr).toMatch(/the disk holding the store is full: this change was not made; free some space/u);
    expect(stderr).not.toMatch(/internal error|at .+\.(ts|js):\d+|SQLITE_FULL/u);

    // What the full disk left: a whole store whose import record counts exactly what it holds.
    const after = await openStore(join(disk.out, 'after-full.db'), { passphrase: TEST_PASSPHRASE });
    try {
      const db = sqliteConnection(after);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const held = db.prepare('SELECT count(*) FROM bank_transactions').pluck().get() as number;
      expect(held).toBeGreaterThan(0);
      expect(held).toBeLessThan(BOOKINGS);
      expect(stdout).toContain(`resumed after booking ${held.toLocaleString('en-GB')} of 30,000`);
      const record = db.prepare('SELECT imported, checkpoint FROM bank_imports').get() as {
        imported: number;
        checkpoint: number;
      };
      expect(record.imported).toBe(held);
      expect(record.checkpoint + 1).toBe(held);
    } finally {
      await after.close();
    }

    // With room again, the same command finishes the import: every booking once.
    const done = await openStore(join(disk.out, 'vrm.db'), { passphrase: TEST_PASSPHRASE });
    try {
      const db = sqliteConnection(done);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT count(*) FROM bank_transactions').pluck().get()).toBe(BOOKINGS);
      expect(db.prepare('SELECT count(DISTINCT key) FROM bank_transactions').pluck().get()).toBe(BOOKINGS);
    } finally {
      await done.close();
    }
  });
});
