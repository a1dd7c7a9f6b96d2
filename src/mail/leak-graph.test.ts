import { describe, expect, it } from 'vitest';
import { leakReport, leakStatus, type LeakEventInput } from './leak-graph.js';

const event = (over: Partial<LeakEventInput> & { id: number }): LeakEventInput => ({
  ownerProviderId: 1,
  ownerName: 'Acme Insurance',
  senderKey: 'domain:broker.example',
  senderLabel: 'broker.example',
  messageCount: 1,
  allowedId: null,
  ...over,
});

describe('leakStatus', () => {
  it('calls an event suspected until its sender is allowed for the provider', () => {
    expect(leakStatus({ allowedId: null })).toBe('suspected');
    expect(leakStatus({ allowedId: 7 })).toBe('not_leak');
  });
});

describe('leakReport', () => {
  it('groups the suspected events per provider whose identity leaked, summing their messages', () => {
    const report = leakReport([
      event({ id: 1, messageCount: 2 }),
      event({ id: 2, senderKey: 'domain:spam.example', senderLabel: 'spam.example', messageCount: 3 }),
      event({ id: 3, ownerProviderId: 2, ownerName: 'Brightside', messageCount: 1 }),
    ]);
    expect(
      report.providers.map((p) => [p.providerId, p.name, p.events.map((e) => e.id), p.messages]),
    ).toEqual([
      [1, 'Acme Insurance', [1, 2], 5],
      [2, 'Brightside', [3], 1],
    ]);
    expect(report.events.map((e) => e.status)).toEqual(['suspected', 'suspected', 'suspected']);
  });

  it('leaves out events allowed as "not a leak" unless asked to include them', () => {
    const rows = [event({ id: 1 }), event({ id: 2, senderKey: 'domain:mailer.example', allowedId: 9 })];
    expect(leakReport(rows).events.map((e) => e.id)).toEqual([1]);
    const all = leakReport(rows, { includeAllowed: true });
    expect(all.events.map((e) => [e.id, e.status])).toEqual([
      [1, 'suspected'],
      [2, 'not_leak'],
    ]);
    expect(all.graph.edges.map((e) => e.status)).toEqual(['suspected', 'not_leak']);
  });

  it('draws one node per provider and third party, and one edge per event', () => {
    const report = leakReport([
      event({ id: 1, messageCount: 2 }),
      event({ id: 2, ownerProviderId: 2, ownerName: 'Brightside', messageCount: 4 }),
    ]);
    expect(report.graph.nodes).toEqual([
      { id: 'provider:1', label: 'Acme Insurance', kind: 'provider' },
      { id: 'domain:broker.example', label: 'broker.example', kind: 'third_party' },
      { id: 'provider:2', label: 'Brightside', kind: 'provider' },
    ]);
    expect(report.graph.edges).toEqual([
      { from: 'provider:1', to: 'domain:broker.example', messages: 2, eventId: 1, status: 'suspected' },
      { from: 'provider:2', to: 'domain:broker.example', messages: 4, eventId: 2, status: 'suspected' },
    ]);
  });

  it("keeps a provider that writes to another provider's identity as a provider node", () => {
    const report = leakReport([
      event({ id: 1, senderKey: 'provider:2', senderLabel: 'Brightside (as sender)' }),
      event({ id: 2, ownerProviderId: 2, ownerName: 'Brightside', senderKey: 'domain:broker.example' }),
    ]);
    expect(report.graph.nodes).toContainEqual({ id: 'provider:2', label: 'Brightside', kind: 'provider' });
    expect(report.graph.nodes.filter((n) => n.id === 'provider:2')).toHaveLength(1);
  });

  it('keeps every field of the rows it is given', () => {
    const rows = [{ ...event({ id: 1 }), firstSeen: '2025-03-01', identity: 'acme@alex.example' }];
    expect(leakReport(rows).events[0]).toMatchObject({
      firstSeen: '2025-03-01',
      identity: 'acme@alex.example',
    });
  });
});
