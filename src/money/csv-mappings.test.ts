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
    await money.saveCsvMapping({ name: 'Harbour Bank', mapping: { date: 'Buchungstag', amount: 'Betrag' } });
    await money.saveCsvMapping({ name: 'Harbour Bank', mapping: { date: 1, amount: 4, payee: 2 } });
    expect(await money.csvMappings()).toEqual([
      {
        name: 'Harbour Bank',
        mapping: { date: 1, amount: 4, payee: 2 },
        updatedAt: '2026-03-15T12:00:00.000Z',
      },
    ]);
    await money.removeCsvMapping('Harbour Bank');
    expect(await money.csvMappings()).toEqual([]);
  });

  it('says what is wrong with a mapping, and which one does not exist', async () => {
    const money = t.services.money;
    await expect(money.saveCsvMapping({ name: ' ', mapping: { date: 1 } })).rejects.toThrow(
      'CSV mapping: name must not be empty',
    );
    await expect(money.saveCsvMapping({ name: 'Mine', mapping: {} })).rejects.toThrow(
      'CSV mapping: mapping: must say which column holds what',
    );
    await expect(money.removeCsvMapping('Nobody')).rejects.toThrow('no CSV mapping is named "Nobody"');
  });
});
