import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePeriod } from '../platform/dates.js';
import { freshStore, type TestStore } from '../test/store.js';

describe('one duration reader for retention and contracts', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore();
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('reads "2 years", "18 months", "30 days", P2Y and P18M alike', () => {
    expect(['2 years', '18 months', '30 days', 'P2Y', 'P18M'].map((s) => parsePeriod(s))).toEqual([
      { count: 2, unit: 'Y' },
      { count: 18, unit: 'M' },
      { count: 30, unit: 'D' },
      { count: 2, unit: 'Y' },
      { count: 18, unit: 'M' },
    ]);
  });

  it('takes retention as contracts take their term, and stores it in one form', async () => {
    const base = {
      name: 'Mine',
      summary: 'Delivery only',
      purposes: ['delivery' as const],
      thirdParties: 'none' as const,
    };
    expect((await t.services.terms.add({ ...base, code: 'MINE-1', retention: '2 years' })).retention).toBe(
      'P2Y',
    );
    expect((await t.services.terms.add({ ...base, code: 'MINE-2', retention: '18 months' })).retention).toBe(
      'P18M',
    );
    expect((await t.services.terms.add({ ...base, code: 'MINE-3', retention: 'P30D' })).retention).toBe(
      'P30D',
    );
    await expect(t.services.terms.add({ ...base, code: 'MINE-4', retention: 'a while' })).rejects.toThrow(
      /retention.*must be a period such as "30 days", "1 month", "1 year" or P3M/,
    );
  });
});
