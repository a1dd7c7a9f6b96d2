import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteConnection } from '../platform/db/sqlite/connection.js';
import { VrmError } from '../platform/errors.js';
import { writeCamt053 } from './formats/camt-writer.js';
import { generatedStatement } from '../test/statements.js';
import { freshStore, type TestStore } from '../test/store.js';
import type { FileImportOutcome } from './import-files.js';
import type { StatementTransaction } from './statement.js';

/**
 * Several statement files imported in one go (`vrm money import *.xml`): each next file is read
 * on a worker thread while the one before is stored. The results must be exactly those of one
 * file after the other, and a file that cannot be read or found must not stop the others.
 */
let t: TestStore;
beforeEach(async () => {
  t = await freshStore();
});
afterEach(async () => {
  await t.dispose();
});

const IBANS = ['DE89370400440532013000', 'DE02120300000000202051', 'DE12500105170648489890'];

/** A CAMT.053 file of `n` bookings of the account `IBANS[i]`. */
function camtFile(i: number, n: number): { name: string; bytes: () => Buffer } {
  const transactions = generatedStatement(n, i + 1).outcomes.map(
    (o) => ({ ...o.transaction, accountKey: IBANS[i] }) as StatementTransaction,
  );
  const text = writeCamt053({ account: { iban: IBANS[i] ?? '', currency: 'EUR' }, transactions });
  return { name: `account-${i}.xml`, bytes: () => Buffer.from(text, 'utf8') };
}

const counts = (outcomes: readonly FileImportOutcome[]) =>
  outcomes.map((o) =>
    o.summary ? [o.name, o.summary.imported, o.summary.skipped] : [o.name, String(o.error)],
  );

describe('importing several statement files', () => {
  it('reads ahead on a worker and stores exactly what one file after the other stores', async () => {
    const files = [camtFile(0, 1500), camtFile(1, 2500), camtFile(2, 1000)];
    const told: string[] = [];
    const outcomes = await t.services.money.importFiles(
      files,
      {},
      {
        progress: (name) => {
          told.push(`start ${name}`);
          return {};
        },
        done: (o) => told.push(`done ${o.name}`),
      },
    );
    expect(counts(outcomes)).toEqual([
      ['account-0.xml', 1500, 0],
      ['account-1.xml', 2500, 0],
      ['account-2.xml', 1000, 0],
    ]);
    // Each file is stored and told in its turn.
    expect(told).toEqual(files.flatMap((f) => [`start ${f.name}`, `done ${f.name}`]));

    // The same files one by one into a second store give the same bookings.
    const other = await freshStore();
    try {
      for (const file of files)
        await other.services.money.importFile({ name: file.name, bytes: file.bytes() });
      const keysOf = (s: TestStore) =>
        sqliteConnection(s.store)
          .prepare(
            `SELECT a.key AS account, b.key, b.amount_minor, b.booked_on, b.payee, b.match_evidence
             FROM bank_transactions b JOIN bank_accounts a ON a.id = b.account_id ORDER BY b.id`,
          )
          .all();
      expect(keysOf(t)).toHaveLength(5000);
      expect(keysOf(t)).toEqual(keysOf(other));
    } finally {
      await other.dispose();
    }
  });

  it('tells a file that is missing or unreadable with its reason and imports the others', async () => {
    const missing = {
      name: 'gone.xml',
      bytes: () => {
        throw new VrmError('not_found', 'the statement gone.xml does not exist');
      },
    };
    const broken = {
      name: 'broken.xml',
      bytes: () => Buffer.from('<?xml version="1.0"?><Document><Bk', 'utf8'),
    };
    const outcomes = await t.services.money.importFiles([
      camtFile(0, 300),
      missing,
      broken,
      camtFile(1, 200),
    ]);
    expect(outcomes.map((o) => o.name)).toEqual(['account-0.xml', 'gone.xml', 'broken.xml', 'account-1.xml']);
    expect(outcomes[0]?.summary?.imported).toBe(300);
    expect(String(outcomes[1]?.error)).toContain('gone.xml does not exist');
    // The reader's own words, as a file read on the calling thread would have them.
    const brokenAlone = await freshStore();
    try {
      const alone = await brokenAlone.services.money.importFiles([broken]);
      expect(outcomes[2]?.summary).toMatchObject({
        seen: alone[0]?.summary?.seen,
        skipped: alone[0]?.summary?.skipped,
        skips: alone[0]?.summary?.skips,
      });
      expect(outcomes[2]?.summary?.skips).toHaveLength(1);
    } finally {
      await brokenAlone.dispose();
    }
    expect(outcomes[3]?.summary?.imported).toBe(200);
  });

  it('refuses options it cannot use for every file, each with the same reason', async () => {
    const outcomes = await t.services.money.importFiles([camtFile(0, 10), camtFile(1, 10)], {
      preset: 'nobank',
    });
    expect(outcomes.map((o) => String(o.error))).toEqual([
      expect.stringContaining('there is no CSV preset "nobank"'),
      expect.stringContaining('there is no CSV preset "nobank"'),
    ]);
    expect((await t.services.money.transactions({ limit: 1 })).total).toBe(0);
  });

  it('goes on to the next file when a large CAMT file stops part way, and resumes that one later', async () => {
    const big = camtFile(0, 14_000);
    const after = camtFile(1, 500);
    const outcomes = await t.services.money.importFiles(
      [big, after],
      {},
      {
        progress: (name) =>
          name === big.name
            ? {
                progressEveryMs: 0,
                batchSize: 1000,
                onProgress: (p) => {
                  if (p.imported >= 2000) throw new Error('power cut');
                },
              }
            : {},
      },
    );
    expect(counts(outcomes)).toEqual([
      ['account-0.xml', 'Error: power cut'],
      ['account-1.xml', 500, 0],
    ]);
    const again = await t.services.money.importFiles([big]);
    expect(again[0]?.summary).toMatchObject({ resumedAfter: 2000, imported: 14_000, duplicates: 0 });
  }, 60_000);
});
