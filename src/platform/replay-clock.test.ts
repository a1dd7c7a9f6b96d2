import { describe, expect, it } from 'vitest';
import { replayClock } from './clock.js';

describe('replayClock', () => {
  const base = () => new Date('2026-12-07T09:00:00.000Z');

  it('stands on the past day during the work, and goes back to the base clock after it, even when it fails', async () => {
    const { clock, asOf } = replayClock(base);
    expect(await asOf('2024-05-01', () => Promise.resolve(clock().toISOString()))).toBe(
      '2024-05-01T10:00:00.000Z',
    );
    expect(clock().toISOString()).toBe('2026-12-07T09:00:00.000Z');
    await expect(asOf('2024-05-01', () => Promise.reject(new Error('broke')))).rejects.toThrow('broke');
    expect(clock().toISOString()).toBe('2026-12-07T09:00:00.000Z');
  });

  it('stands on now for today at a time still to come: the demo seeded before 10:00 UTC', async () => {
    const { clock, asOf } = replayClock(base);
    expect(await asOf('2026-12-07', () => Promise.resolve(clock().toISOString()))).toBe(
      '2026-12-07T09:00:00.000Z',
    );
    expect(await asOf('2026-12-07', () => Promise.resolve(clock().toISOString()), '08:30')).toBe(
      '2026-12-07T08:30:00.000Z',
    );
  });

  it('refuses a day in the future, a day that is not a date, and a replay inside a replay', async () => {
    const { asOf } = replayClock(base);
    const work = () => Promise.resolve(1);
    await expect(asOf('2027-01-01', work)).rejects.toThrow(/must be in the past/);
    await expect(asOf('2024-02-30', work)).rejects.toThrow(/YYYY-MM-DD/);
    await expect(asOf('2024-05-01', () => asOf('2024-04-01', work))).rejects.toThrow(/already/);
  });
});
