import { describe, expect, it } from 'vitest';
import type { Case } from './cases.js';
import type { Interaction } from './interactions.js';
import { mergeTimeline } from './overview.js';

const interaction = (id: number, occurredAt: string) => ({ id, occurredAt }) as Interaction;
const kase = (id: number, openedOn: string) => ({ id, openedOn }) as Case;

describe('mergeTimeline', () => {
  it('puts interactions and cases in one list, newest first, each tagged with its kind', () => {
    const events = mergeTimeline(
      [interaction(1, '2026-03-10T09:00:00.000Z'), interaction(2, '2026-01-05T16:30:00.000Z')],
      [kase(7, '2026-02-01'), kase(8, '2026-03-12')],
    );
    expect(
      events.map((e) => (e.kind === 'case' ? `case ${e.case.id}` : `interaction ${e.interaction.id}`)),
    ).toEqual(['case 8', 'interaction 1', 'case 7', 'interaction 2']);
    expect(events[0]).toEqual({ kind: 'case', at: '2026-03-12T00:00:00.000Z', case: kase(8, '2026-03-12') });
  });

  it('lists a case below the interactions of the day it was opened, and an interaction at midnight above it', () => {
    const events = mergeTimeline(
      [interaction(1, '2026-03-12T00:00:00.000Z'), interaction(2, '2026-03-12T14:00:00.000Z')],
      [kase(7, '2026-03-12')],
    );
    expect(events.map((e) => e.kind)).toEqual(['interaction', 'interaction', 'case']);
    expect(events.map((e) => e.at)).toEqual([
      '2026-03-12T14:00:00.000Z',
      '2026-03-12T00:00:00.000Z',
      '2026-03-12T00:00:00.000Z',
    ]);
  });

  it('is empty when there is nothing to show', () => {
    expect(mergeTimeline([], [])).toEqual([]);
  });
});
