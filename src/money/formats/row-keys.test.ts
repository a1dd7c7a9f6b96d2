import { describe, expect, it } from 'vitest';
import { RowKeys } from './row-keys.js';

const coffee = {
  bookedOn: '2026-03-02',
  amountMinor: -320,
  currency: 'EUR',
  counterpartyName: 'Café',
  text: null,
};

describe('row keys', () => {
  it('keeps two identical rows of one file apart, and gives an overlapping file the same keys', () => {
    const first = new RowKeys('DE89370400440532013000');
    const keys = [first.key(coffee), first.key(coffee)];
    expect(keys[0]).not.toBe(keys[1]);
    const overlap = new RowKeys('DE89370400440532013000');
    expect([overlap.key(coffee), overlap.key(coffee)]).toEqual(keys);
  });

  it('tells rows apart by account, amount and text', () => {
    const keys = new Set([
      new RowKeys('A').key(coffee),
      new RowKeys('B').key(coffee),
      new RowKeys('A').key({ ...coffee, amountMinor: -330 }),
      new RowKeys('A').key({ ...coffee, text: 'Latte' }),
    ]);
    expect(keys.size).toBe(4);
    expect([...keys].every((key) => /^row:[0-9a-f]{32}$/.test(key))).toBe(true);
  });
});
