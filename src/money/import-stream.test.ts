import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteConnection } from '../platform/db/sqlite/connection.js';
import { generatedStatement } from '../test/statements.js';
import { freshStore, type TestStore } from '../test/store.js';
import { writeCamt053 } from './formats/camt-writer.js';
import { readStatementFile, statementChunks } from './formats/index.js';
import type { StatementStream, StatementTransaction } from './statement.js';
import { createHash } from 'node:crypto';

/**
 * A CAMT statement stored as it is read (`StatementStream`, what `vrm money import` does with
 * CAMT files): the same bookings as a whole read, its total recorded once known, and an import
 * that stopped part way resumed after its last batch.
 */
const IBAN = 'DE89370400440532013000';
const bytes = Buffer.from(
  writeCamt053({
    account: { iban: IBAN, currency: 'EUR' },
    transactions: generatedStatement(7000, 11).outcomes.map(
      (o) => ({ ...o.transaction, accountKey: IBAN }) as StatementTransaction,
    ),
  }),
  'utf8',
);
const sha256 = createHash('sha256').update(bytes).digest('hex');

/** The stream the worker would give, read here. */
const streamOf = (from: Buffer, name: string): StatementStream => ({
  format: 'camt',
  // eslint-disable-next-line @typescript-eslint/require-await -- a stream's shape over an in-thread reader
  chunks: (async function* () {
    return yield* statementChunks(from, name);
  })(),
});

describe('a statement stored as it is read', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore();
  });
  afterEach(async () => {
    await t.dispose();
  });

  const stored = () =>
    sqliteConnection(t.store)
      .prepare('SELECT key, booked_on, amount_minor, payee FROM bank_transactions ORDER BY key')
      .all();

  it('stores what the whole read stores, and records its total at the end', async () => {
    const progress: (number | null)[] = [];
    const summary = await t.services.money.importStatement(
      streamOf(bytes, 'big.xml'),
      { name: 'big.xml', sha256 },
      { batchSize: 1000, progressEveryMs: 0, onProgress: (p) => progress.push(p.total) },
    );
    expect(summary).toMatchObject({
      format: 'camt',
      variant: 'camt.053.001.08',
      seen: 7000,
      imported: 7000,
      skipped: 0,
      note: null,
    });
    expect(summary.accounts).toEqual([{ key: IBAN, id: expect.any(Number) as number, factId: null }]);
    // A stream's total is not known while it is read.
    expect(new Set(progress)).toEqual(new Set([null]));
    const [record] = (await t.services.money.imports()).items;
    expect(record).toMatchObject({ status: 'done', total: 7000, variant: 'camt.053.001.08' });
    const streamed = stored();

    const other = await freshStore();
    try {
      await other.services.money.importStatement(readStatementFile(bytes, 'big.xml'), {
        name: 'big.xml',
        sha256,
      });
      expect(
        sqliteConnection(other.store)
          .prepare('SELECT key, booked_on, amount_minor, payee FROM bank_transactions ORDER BY key')
          .all(),
      ).toEqual(streamed);
    } finally {
      await other.dispose();
    }
  });

  it('resumes a streamed import that stopped part way, storing every booking once', async () => {
    const file = { name: 'big.xml', sha256 };
    await expect(
      t.services.money.importStatement(streamOf(bytes, 'big.xml'), file, {
        batchSize: 1000,
        progressEveryMs: 0,
        onProgress: (p) => {
          if (p.imported >= 3000) throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    const [stopped] = (await t.services.money.imports()).items;
    expect(stopped).toMatchObject({ status: 'failed', checkpoint: 2999, imported: 3000, total: 0 });
    const resumed = await t.services.money.importStatement(streamOf(bytes, 'big.xml'), file, {
      batchSize: 1000,
    });
    expect(resumed).toMatchObject({
      importId: stopped?.id,
      resumedAfter: 3000,
      note: 'resumed after booking 3,000 of 7,000',
      seen: 7000,
      imported: 7000,
      duplicates: 0,
    });
    const connection = sqliteConnection(t.store);
    expect(connection.prepare('SELECT count(*) FROM bank_transactions').pluck().get()).toBe(7000);
    expect(connection.prepare('SELECT count(DISTINCT key) FROM bank_transactions').pluck().get()).toBe(7000);
  });

  it('keeps the good bookings of a file cut short and names the break', async () => {
    const cut = bytes.subarray(0, Math.floor(bytes.length * 0.6));
    const file = { name: 'cut.xml', sha256: createHash('sha256').update(cut).digest('hex') };
    const whole = readStatementFile(cut, 'cut.xml');
    const summary = await t.services.money.importStatement(streamOf(cut, 'cut.xml'), file, {
      batchSize: 1000,
    });
    expect(summary.imported).toBe(whole.outcomes.length);
    expect(summary.skips).toEqual(whole.problems.map((p) => ({ location: p.location, reason: p.reason })));
    expect(summary.skips[0]?.reason).toMatch(/breaks off here/u);
  });

  it('reads a file that is no CAMT vrm reads as one problem, nothing stored', async () => {
    const other = Buffer.from(bytes.toString('utf8').replace('camt.053.001.08', 'camt.053.001.99'), 'utf8');
    const summary = await t.services.money.importStatement(streamOf(other, 'odd.xml'), {
      name: 'odd.xml',
      sha256: createHash('sha256').update(other).digest('hex'),
    });
    expect(summary).toMatchObject({ seen: 1, imported: 0, skipped: 1 });
    expect(summary.skips[0]?.reason).toMatch(/not a bank statement vrm reads/u);
  });
});
