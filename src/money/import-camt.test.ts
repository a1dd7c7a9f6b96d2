import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { booking, shaOf, statement } from '../test/statements.js';
import { freshStore, type TestStore } from '../test/store.js';

/**
 * Importing CAMT (issue 17): pending entries told as notes that do not count as skipped, and
 * entries known only by their `NtryRef` (numbered afresh in each statement by many banks) kept
 * apart across statements, while stores written with the older, unqualified keys gain no
 * duplicates when an old statement comes again.
 */
const v02 = readFileSync(new URL('./formats/fixtures/camt053-v02.xml', import.meta.url), 'utf8');
/** The statement's reversal is its one entry known only by its NtryRef (6), booked on 4 March. */
const REVERSAL_DAY = '<BookgDt>\n          <Dt>2024-03-04</Dt>\n        </BookgDt>\n        <ValDt>';
const nextWeek = v02
  .replace(REVERSAL_DAY, REVERSAL_DAY.replace('2024-03-04', '2024-03-11'))
  .replace('STMT-2024-03-0001-1', 'STMT-2024-03-0002-1');

describe('importing CAMT statements', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore();
  });
  afterEach(async () => {
    await t.dispose();
  });

  const importXml = (name: string, xml: string) =>
    t.services.money.importFile({ name, bytes: Buffer.from(xml) });
  const entryKeys = async () =>
    (await t.services.money.transactions({ limit: 100 })).items
      .map((tx) => tx.bankReference)
      .filter((reference) => reference === '6');

  it('tells the pending entry as a note and skips nothing', async () => {
    const summary = await importXml('march.xml', v02);
    expect(summary).toMatchObject({ seen: 7, imported: 7, skipped: 0, skips: [] });
    expect(summary.notes).toEqual([
      {
        location: 'march.xml:284',
        reason: '1 pending booking (PDNG) not imported yet: it will come booked in a later statement',
      },
    ]);
  });

  it('stores entry 6 of two statements as two bookings, and each statement once however often it comes', async () => {
    expect(await importXml('week1.xml', v02)).toMatchObject({ imported: 7, duplicates: 0 });
    expect(await importXml('week2.xml', nextWeek)).toMatchObject({ imported: 1, duplicates: 6 });
    expect(await entryKeys()).toHaveLength(2);
    expect(await importXml('week1-again.xml', v02)).toMatchObject({ imported: 0, duplicates: 7 });
    expect(await importXml('week2-again.xml', nextWeek)).toMatchObject({ imported: 0, duplicates: 7 });
    expect(await entryKeys()).toHaveLength(2);
  });

  it('takes a booking stored under the old key `entry:6` with the same date and amount as already held', async () => {
    // What an import before the keys were qualified stored for the reversal.
    const old = statement([
      booking({ key: 'entry:6', bookedOn: '2024-03-04', amountMinor: 1299, bankReference: '6' }),
    ]);
    await t.services.money.importStatement(old, { name: 'old.xml', sha256: shaOf(old) });
    expect(await importXml('march.xml', v02)).toMatchObject({ imported: 6, duplicates: 1 });
    // Another statement's entry 6, on another day, is another booking.
    expect(await importXml('week2.xml', nextWeek)).toMatchObject({ imported: 1, duplicates: 6 });
    expect(await entryKeys()).toHaveLength(2);
  });
});
