import { describe, expect, it } from 'vitest';
import { KeptMap } from './kept-map.js';

describe('KeptMap', () => {
  it('keeps at most its limit, starting afresh when a new key comes to a full map', () => {
    const kept = new KeptMap<string, number>(3);
    for (const [i, key] of ['a', 'b', 'c'].entries()) kept.set(key, i);
    // Known keys are updated in place, full or not.
    kept.set('b', 10);
    expect([kept.size, kept.get('b')]).toEqual([3, 10]);
    kept.set('d', 4);
    expect(kept.size).toBe(1);
    expect([kept.has('a'), kept.get('d')]).toEqual([false, 4]);
  });

  it('never grows past its limit however many keys come', () => {
    const kept = new KeptMap<number, number>(100);
    let largest = 0;
    for (let i = 0; i < 10_000; i++) {
      kept.set(i % 777, i);
      largest = Math.max(largest, kept.size);
    }
    expect(largest).toBe(100);
  });
});
