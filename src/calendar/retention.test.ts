import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, freshStore, PARCELPOINT, type TestStore } from '../test/store.js';

let t: TestStore;
beforeEach(async () => {
  t = await freshStore(fixedClock('2026-03-15T12:00:00.000Z'));
});
afterEach(async () => {
  await t.dispose();
});

describe('the calendar’s retention ends', () => {
  it('shows the day a provider should delete what was given under terms with a retention, until withdrawn', async () => {
    const { services } = t;
    await services.keys.ensure();
    await services.providers.add(PARCELPOINT);
    const email = (
      await services.vault.add({ kind: 'email', label: 'Personal', value: { address: 'alex@example.org' } })
    ).id;
    // PDC-AI keeps data a year: given on 28 February 2025, it is due for deletion on 28 February 2026.
    await services.disclosures.record({
      provider: 'Parcelpoint',
      facts: [email],
      purposes: ['ai-training'],
      terms: 'PDC-AI',
      on: '2025-02-28',
    });
    const events = (await services.calendar.events()).filter((e) => e.kind === 'retention');
    expect(events.map((e) => [e.date, e.summary])).toEqual([
      ['2026-02-28', 'Retention ends: Parcelpoint – Personal'],
    ]);
    expect(events[0]?.description).toMatch(/“Personal data contribution for AI”.*1 year/);
    const feed = await services.calendar.feed();
    expect(feed).toContain('DTSTART;VALUE=DATE:20260228');

    const disclosure = (await services.disclosures.list({ provider: 'Parcelpoint' }))[0];
    if (!disclosure) throw new Error('the disclosure was recorded');
    await services.disclosures.withdraw(disclosure.id);
    expect((await services.calendar.events()).filter((e) => e.kind === 'retention')).toEqual([]);
  });
});
