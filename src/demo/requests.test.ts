import { describe, expect, it } from 'vitest';
import { addDays } from '../requests/days.js';
import { requestDeadlines } from '../requests/deadlines.js';
import { REQUEST_DAYS } from './requests.js';

/**
 * The demo's requests are dated in days before the day it is built, and each must be in its
 * state whatever that day is: months of 28 to 31 days, weekends and each country's holidays move
 * the deadlines. Seeding takes seconds, so the seed test builds the demo on a few days; this
 * checks the arithmetic the demo relies on for every day of five years.
 */
const DAYS: string[] = [];
for (let day = '2026-01-01'; day <= '2030-12-31'; day = addDays(day, 1)) DAYS.push(day);
const ago = (today: string, days: number) => addDays(today, -days);

describe('the dates of the demo requests, on every day from 2026 to 2030', () => {
  it('lets Aegis be admonished the day after its letter fell due, and before the demo day', () => {
    for (const today of DAYS) {
      const { due } = requestDeadlines(
        { channel: 'letter', postedOn: ago(today, REQUEST_DAYS.admonished.posted), deliveryDays: 3 },
        'GB',
      );
      // Admonished the day after, at least a day before the demo's day, so nothing is dated on it.
      expect(addDays(due.end, 1) < today, `${today}: due ${due.end}`).toBe(true);
    }
  });

  it('has Kestrel late before its admonition, and the admonition late before the complaint', () => {
    const { sent, admonished, complained } = REQUEST_DAYS.complaint;
    for (const today of DAYS) {
      const { due } = requestDeadlines({ channel: 'email', sentOn: ago(today, sent) }, 'GB');
      expect(ago(today, admonished) > due.end, `${today}: due ${due.end}`).toBe(true);
      expect(ago(today, complained) > ago(today, admonished - 14), today).toBe(true);
    }
  });

  it('has Sprachwerk’s notice within the first month, and the extended deadline still ahead', () => {
    const { sent, notice } = REQUEST_DAYS.extended;
    for (const today of DAYS) {
      const { due, extended } = requestDeadlines({ channel: 'email', sentOn: ago(today, sent) }, 'DE');
      expect(ago(today, notice) <= due.end, `${today}: due ${due.end}`).toBe(true);
      expect(extended.end > today, `${today}: extended ${extended.end}`).toBe(true);
    }
  });
});
