import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteConnection } from '../platform/db/sqlite/connection.js';
import { booking, CURRENT_ACCOUNT, generatedStatement, shaOf, statement } from '../test/statements.js';
import { freshStore, type TestStore } from '../test/store.js';

describe('MoneyService.importStatement', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore();
  });
  afterEach(async () => {
    await t.dispose();
  });

  const january = statement([
    booking({ key: 'ref:A1', bookedOn: '2026-01-02', amountMinor: -1299, counterpartyName: 'Streamline TV' }),
    booking({ key: 'ref:A2', bookedOn: '2026-01-05', amountMinor: 250000, counterpartyName: 'Employer Ltd' }),
    booking({ key: 'ref:A3', bookedOn: '2026-01-09', amountMinor: -4500, counterpartyName: 'Stadtwerke' }),
  ]);

  it('stores each booking and links the account to the vault fact with its IBAN', async () => {
    const fact = await t.services.vault.add({
      kind: 'bank_account',
      label: 'Main account',
      value: { iban: 'DE89 3704 0044 0532 0130 00' },
    });
    const summary = await t.services.money.importStatement(january, {
      name: 'jan.xml',
      sha256: shaOf(january),
    });
    expect(summary).toMatchObject({ seen: 3, imported: 3, duplicates: 0, skipped: 0, note: null });
    expect(summary.accounts).toEqual([
      { key: CURRENT_ACCOUNT.key, id: expect.any(Number) as number, factId: fact.id },
    ]);
    const [account] = await t.services.money.accounts();
    expect(account).toMatchObject({
      iban: 'DE89370400440532013000',
      factId: fact.id,
      factLabel: 'Main account',
      title: 'Main account',
      balances: [{ currency: 'EUR', minor: 250000 - 1299 - 4500 }],
      count: 3,
      firstOn: '2026-01-02',
      lastOn: '2026-01-09',
    });
    const [record] = (await t.services.money.imports()).items;
    expect(record).toMatchObject({
      fileName: 'jan.xml',
      status: 'done',
      imported: 3,
      checkpoint: 2,
      total: 3,
    });
  });

  it('imports the same file sent twice at once (two tabs, a double click) once, the second after the first', async () => {
    const big = generatedStatement(12_000);
    const file = { name: 'big.xml', sha256: shaOf(big) };
    const [first, second] = await Promise.all([
      t.services.money.importStatement(big, file),
      t.services.money.importStatement(big, file),
    ]);
    expect(first).toMatchObject({ imported: 12_000, duplicates: 0, note: null });
    expect(second).toMatchObject({ imported: 0, duplicates: 12_000, resumedAfter: null });
    expect(second.note).toMatch(/^already imported on /u);
    const stored = sqliteConnection(t.store).prepare('SELECT count(*) FROM bank_transactions').pluck().get();
    expect(stored).toBe(12_000);
    const records = (await t.services.money.imports()).items;
    expect(records.map((r) => [r.status, r.imported, r.duplicates])).toEqual([
      ['done', 0, 12_000],
      ['done', 12_000, 0],
    ]);
  });

  it('adds a new account once when two of its statements come in at once', async () => {
    const other = generatedStatement(3000, 7);
    const [a, b] = await Promise.all([
      t.services.money.importStatement(january, { name: 'jan.xml', sha256: shaOf(january) }),
      t.services.money.importStatement(other, { name: 'other.xml', sha256: shaOf(other) }),
    ]);
    expect([a.imported, b.imported]).toEqual([3, 3000]);
    expect(a.accounts[0]?.id).toBe(b.accounts[0]?.id);
    expect(await t.services.money.accounts()).toHaveLength(1);
  });

  it('imports the same file again idempotently and says when it was imported', async () => {
    await t.services.money.importStatement(january, { name: 'jan.xml', sha256: shaOf(january) });
    const again = await t.services.money.importStatement(january, {
      name: 'jan.xml',
      sha256: shaOf(january),
    });
    expect(again).toMatchObject({ imported: 0, duplicates: 3, note: 'already imported on 15 March 2026' });
    expect((await t.services.money.transactions()).total).toBe(3);
  });

  it('adds only the new bookings of an overlapping statement', async () => {
    await t.services.money.importStatement(january, { name: 'jan.xml', sha256: shaOf(january) });
    const overlap = statement([
      booking({ key: 'ref:A3', bookedOn: '2026-01-09', amountMinor: -4500, counterpartyName: 'Stadtwerke' }),
      booking({
        key: 'ref:B1',
        bookedOn: '2026-02-02',
        amountMinor: -1299,
        counterpartyName: 'Streamline TV',
      }),
    ]);
    const summary = await t.services.money.importStatement(overlap, {
      name: 'feb.xml',
      sha256: shaOf(overlap),
    });
    expect(summary).toMatchObject({ seen: 2, imported: 1, duplicates: 1, note: null });
    expect((await t.services.money.transactions()).total).toBe(4);
  });

  it('skips what cannot be read with its file and line, and keeps the good bookings around it', async () => {
    const mixed = statement(
      [
        booking({ key: 'ref:C1', counterpartyName: 'Before' }),
        {
          error: 'the currency "XYZ" is not an ISO 4217 code: correct the file or give the currency',
          line: 31,
        },
        booking({ key: 'ref:C2', counterpartyName: 'After' }),
        booking({ key: 'ref:C3', accountKey: 'NOWHERE', counterpartyName: 'Lost' }),
        // A card payment abroad: kept in its own currency.
        booking({ key: 'ref:C4', currency: 'USD', amountMinor: -2000, counterpartyName: 'Diner' }),
      ],
      {
        fileName: 'mixed.xml',
        problems: [{ location: 'mixed.xml:120', reason: 'the file ends here, cut off' }],
      },
    );
    const summary = await t.services.money.importStatement(mixed, {
      name: 'mixed.xml',
      sha256: shaOf(mixed),
    });
    expect(summary).toMatchObject({ seen: 6, imported: 3, skipped: 3 });
    expect(summary.skips).toEqual([
      {
        location: 'mixed.xml:31',
        reason: expect.stringContaining('"XYZ" is not an ISO 4217 code') as string,
      },
      { location: 'mixed.xml:70', reason: 'the statement names no account "NOWHERE" for this booking' },
      { location: 'mixed.xml:120', reason: 'the file ends here, cut off' },
    ]);
    const names = (await t.services.money.transactions()).items.map(
      (x) => `${x.counterpartyName} ${x.currency}`,
    );
    expect(names.sort()).toEqual(['After EUR', 'Before EUR', 'Diner USD']);
    const [account] = await t.services.money.accounts();
    expect(account?.balances).toEqual(
      expect.arrayContaining([
        { currency: 'EUR', minor: -1998 },
        { currency: 'USD', minor: -2000 },
      ]),
    );
  });

  it('resumes an import that stopped after some batches, storing every booking once', async () => {
    const big = generatedStatement(500, 7);
    const file = { name: 'big.xml', sha256: shaOf(big) };
    await expect(
      t.services.money.importStatement(big, file, {
        batchSize: 100,
        progressEveryMs: 0,
        onProgress: (p) => {
          if (p.imported >= 200) throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    const [stopped] = (await t.services.money.imports()).items;
    expect(stopped).toMatchObject({ status: 'failed', checkpoint: 199, imported: 200 });
    const resumed = await t.services.money.importStatement(big, file, { batchSize: 100 });
    expect(resumed).toMatchObject({
      importId: stopped?.id,
      resumedAfter: 200,
      note: 'resumed after booking 200 of 500',
      seen: 500,
      imported: 500,
      duplicates: 0,
    });
    const connection = sqliteConnection(t.store);
    expect(connection.prepare('SELECT count(*) FROM bank_transactions').pluck().get()).toBe(500);
    expect(connection.prepare('SELECT count(DISTINCT key) FROM bank_transactions').pluck().get()).toBe(500);
    expect((await t.services.money.imports()).items).toHaveLength(1);
  });
});
