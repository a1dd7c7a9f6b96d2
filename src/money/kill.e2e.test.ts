import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteConnection } from '../platform/db/sqlite/connection.js';
import { killSeed, runAndKill } from '../test/kill.js';
import { freshStore, type TestStore } from '../test/store.js';

/**
 * The kill test of the bank import (issue 17, point 1: resumable): a child process imports a
 * statement of 100,000 bookings and is SIGKILLed at random moments, chosen from the progress it
 * prints. After each kill the store is whole (SQLite's integrity check), no booking is stored
 * twice, and the import's record is `running` with its checkpoint right behind the last booking
 * stored; the next process resumes after it, and the last one, not killed, completes the import
 * with every booking once. Both ways a statement is stored: read whole (the web's upload), and a
 * CAMT file read on a worker and stored as it is read (`vrm money import`), whose total the
 * record learns only at the end.
 */
const ROUNDS = 4;
const BOOKINGS = 100_000;
const { replay, random } = killSeed();
const IMPORTER = fileURLToPath(new URL('../test/bank-import.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let t: TestStore;
beforeEach(async () => {
  t = await freshStore();
});
afterEach(async () => {
  await t.dispose();
});

const progressLines = (stdout: string): number => (stdout.match(/^progress \d+$/gm) ?? []).length;

function importAndKill(mode: 'whole' | 'camt', afterProgress?: number, extraMs = 0) {
  return runAndKill(IMPORTER, [t.path, String(BOOKINGS), '17', mode], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, VRM_SESSION: t.store.sessionToken },
    ...(afterProgress === undefined ? {} : { killWhen: (out) => progressLines(out) >= afterProgress }),
    extraMs,
  });
}

describe('a bank import, killed at random moments', () => {
  it.each([
    ['a statement read whole', 'whole'],
    ['a CAMT file stored as it is read (vrm money import)', 'camt'],
  ] as const)(
    '%s: keeps the store whole, stores no booking twice, and resumes to the end',
    { timeout: 600_000 },
    async (_what, mode) => {
      const connection = sqliteConnection(t.store);
      const stored = () =>
        connection.prepare('SELECT count(*) FROM bank_transactions').pluck().get() as number;
      const keys = () =>
        connection.prepare('SELECT count(DISTINCT key) FROM bank_transactions').pluck().get() as number;
      let kills = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const run = await importAndKill(mode, 1 + Math.floor(random() * 8), Math.floor(random() * 150));
        expect(t.store.port.integrityProblems(), replay).toEqual([]);
        expect(keys(), replay).toBe(stored());
        const [record] = (await t.services.money.imports()).items;
        if (!run.killed) {
          expect(run.code, `${run.stderr}\n${replay}`).toBe(0);
          break;
        }
        kills++;
        expect(record?.status, replay).toBe('running');
        expect((record?.checkpoint ?? -2) + 1, replay).toBe(stored());
        expect(record?.imported, replay).toBe(stored());
      }
      expect(kills, `the import always finished before the kill; ${replay}`).toBeGreaterThan(0);

      const before = stored();
      const last = await importAndKill(mode);
      expect(last.code, `${last.stderr}\n${replay}`).toBe(0);
      // Killed before its first batch, an import starts again from the beginning and says nothing.
      const note = before > 0 ? ` resumed after booking ${before.toLocaleString('en-GB')} of 100,000` : ' ';
      expect(last.stdout).toContain(`done ${BOOKINGS} 0${note}\n`);
      expect(stored()).toBe(BOOKINGS);
      expect(keys()).toBe(BOOKINGS);
      expect(t.store.port.integrityProblems()).toEqual([]);
      const imports = (await t.services.money.imports()).items;
      expect(imports).toHaveLength(1);
      expect(imports[0]).toMatchObject({
        status: 'done',
        imported: BOOKINGS,
        duplicates: 0,
        checkpoint: BOOKINGS - 1,
      });
    },
  );
});
