/**
 * The leak report as a pure function of the stored leak events: grouped per provider whose
 * identity leaked, and drawn as a graph of provider → third party. No store, no clock.
 */

/** What the report reads of a leak event (the store's row carries more, which is kept). */
export interface LeakEventInput {
  readonly id: number;
  readonly ownerProviderId: number;
  readonly ownerName: string;
  readonly senderKey: string;
  readonly senderLabel: string;
  readonly messageCount: number;
  /** The allowed sender that makes it "not a leak", or null while it is suspected. */
  readonly allowedId: number | null;
}

export type LeakStatus = 'suspected' | 'not_leak';

/** A leak event is suspected until its sender is allowed for the provider. */
export const leakStatus = (event: Pick<LeakEventInput, 'allowedId'>): LeakStatus =>
  event.allowedId === null ? 'suspected' : 'not_leak';

export interface LeakGraphNode {
  readonly id: string;
  readonly label: string;
  readonly kind: 'provider' | 'third_party';
}

/**
 * The leak report: per provider, the third parties that wrote to the identity given only to it,
 * with their counts; and the graph of it, a node per provider and third party and an edge per
 * event. Events allowed as "not a leak" are left out unless `includeAllowed`.
 *
 * @example leakReport([{ id: 1, ownerProviderId: 3, ownerName: 'Acme', senderKey: 'domain:broker.example', senderLabel: 'broker.example', messageCount: 2, allowedId: null }])
 * // → { providers: [{ providerId: 3, name: 'Acme', events: [ … ], messages: 2 }], events: [ … ],
 * //     graph: { nodes: [provider:3, domain:broker.example], edges: [{ from: 'provider:3', to: 'domain:broker.example', … }] } }
 */
export function leakReport<E extends LeakEventInput>(
  rows: readonly E[],
  options: { includeAllowed?: boolean } = {},
) {
  const events = rows.map((e) => ({ ...e, status: leakStatus(e) }));
  const shown = options.includeAllowed ? events : events.filter((e) => e.status === 'suspected');
  const byProvider = new Map<
    number,
    { providerId: number; name: string; events: typeof shown; messages: number }
  >();
  for (const e of shown) {
    const entry = byProvider.get(e.ownerProviderId) ?? {
      providerId: e.ownerProviderId,
      name: e.ownerName,
      events: [],
      messages: 0,
    };
    entry.events.push(e);
    entry.messages += e.messageCount;
    byProvider.set(e.ownerProviderId, entry);
  }
  const nodes = new Map<string, LeakGraphNode>();
  for (const e of shown) {
    nodes.set(`provider:${e.ownerProviderId}`, {
      id: `provider:${e.ownerProviderId}`,
      label: e.ownerName,
      kind: 'provider',
    });
    // A third party that is a provider too keeps the provider's node once it has one.
    if (!nodes.has(e.senderKey) || e.senderKey.startsWith('provider:')) {
      nodes.set(
        e.senderKey,
        nodes.get(e.senderKey) ?? { id: e.senderKey, label: e.senderLabel, kind: 'third_party' },
      );
    }
  }
  return {
    providers: [...byProvider.values()],
    events: shown,
    graph: {
      nodes: [...nodes.values()],
      edges: shown.map((e) => ({
        from: `provider:${e.ownerProviderId}`,
        to: e.senderKey,
        messages: e.messageCount,
        eventId: e.id,
        status: e.status,
      })),
    },
  };
}
