import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type TestStore } from '../test/store.js';

describe("a person's own CSV column mappings", () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore();
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('saves one by name, replaces it, and removes it', async () => {
    const money = t.services.money;
    await money.saveCsvMapping({
      name: 'Harbour Bank',
      mapping: { columns: { date: 'Buchungstag', amount: 'Betrag' } },
    });
    const second = {
      delimiter: ';' as const,
      dateFormat: 'DD.MM.YYYY' as const,
      columns: { date: 'Buchungstag', amount: 'Umsatz', payee: 'Empfänger' },
    };
    await money.saveCsvMapping({ name: 'Harbour Bank', mapping: second });
    expect(await money.csvMappings()).toEqual([
      {
        name: 'Harbour Bank',
        mapping: second,
        updatedAt: '2026-03-15T12:00:00.000Z',
      },
    ]);
    await money.removeCsvMapping('Harbour Bank');
    expect(await money.csvMappings()).toEqual([]);
  });

  it('says what is wrong with a mapping, and which one does not exist', async () => {
    const money = t.services.money;
    await expect(
      money.saveCsvMapping({ name: ' ', mapping: { columns: { date: 'Datum', amount: 'Betrag' } } }),
    ).rejects.toThrow('CSV mapping: name must not be empty');
    await expect(
      money.saveCsvMapping({ name: 'Mine', mapping: { columns: { date: 'Datum' } } }),
    ).rejects.toThrow('name the amount column, or both the debit and the credit column');
    await expect(money.removeCsvMapping('Nobody')).rejects.toThrow('no CSV mapping is named "Nobody"');
  });
});
