import { sql } from 'kysely';
import { fromDbBoolean } from '../../platform/db/queries.js';
import { countOfProvider, olderThan } from '../../platform/db/timeline.js';
import type { TimelineSource } from '../../providers/timeline.js';

/** When a message arrived: its Date header, or when it was imported when it has none. */
const arrived = sql<string>`coalesce(${sql.ref('sentAt')}, ${sql.ref('importedAt')})`;

/** Mail a provider sent (as the inbox files it under that provider), each linking to the message. */
const messages: TimelineSource = {
  kind: 'message',
  noun: { one: 'message', many: 'messages' },
  count: (db, providerId) => countOfProvider(db, 'messages', 'senderProviderId', providerId),
  list: async (db, providerId, window) => {
    // One page of the provider's mail, never all of it: the (sender_provider_id, sent_at) index
    // narrows to the provider, and the limit bounds what is read back.
    const rows = await db
      .selectFrom('messages')
      .select(['id', 'subject', 'sender', 'identityAddress', 'leak'])
      .select(arrived.as('at'))
      .where('senderProviderId', '=', providerId)
      .where(olderThan(arrived, sql.ref('id'), window.before))
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(window.limit)
      .execute();
    return rows.map((m) => ({
      kind: 'message',
      id: m.id,
      at: m.at,
      title: m.subject.trim() === '' ? '(no subject)' : m.subject,
      detail: [
        `from ${m.sender}`,
        m.identityAddress === null ? null : `to ${m.identityAddress}`,
        fromDbBoolean(m.leak) ? 'a leak' : null,
      ]
        .filter((part) => part !== null)
        .join(' · '),
      route: `mail/message/${m.id}`,
    }));
  },
};

/** Third parties that wrote to an identity given only to this provider: each links to its leak event. */
const leaks: TimelineSource = {
  kind: 'leak',
  noun: { one: 'leak', many: 'leaks' },
  count: (db, providerId) => countOfProvider(db, 'leak_events', 'ownerProviderId', providerId),
  list: async (db, providerId, window) => {
    const rows = await db
      .selectFrom('leak_events as e')
      .innerJoin('identities as i', 'i.id', 'e.identityId')
      .leftJoin('allowed_senders as a', (join) =>
        join.onRef('a.providerId', '=', 'e.ownerProviderId').onRef('a.senderKey', '=', 'e.senderKey'),
      )
      .select(['e.id', 'e.firstSeen', 'e.lastSeen', 'e.messageCount', 'e.senderLabel', 'i.value as identity'])
      .select('a.reason as allowedReason')
      .where('e.ownerProviderId', '=', providerId)
      .where(olderThan(sql.ref('e.firstSeen'), sql.ref('e.id'), window.before))
      .orderBy('e.firstSeen', 'desc')
      .orderBy('e.id', 'desc')
      .limit(window.limit)
      .execute();
    return rows.map((e) => ({
      kind: 'leak',
      id: e.id,
      at: e.firstSeen,
      title: `${e.senderLabel} wrote to ${e.identity}, the address you gave only this provider`,
      detail: [
        `${e.messageCount} ${e.messageCount > 1 ? 'messages' : 'message'}, the last on ${e.lastSeen.slice(0, 10)}`,
        e.allowedReason === null ? 'suspected leak' : `marked not a leak: ${e.allowedReason}`,
      ].join(' · '),
      route: `mail/leaks/${e.id}`,
    }));
  },
};

/** What mail adds to a provider's timeline: its messages, then the leaks of its identities. */
export const MAIL_TIMELINE: readonly TimelineSource[] = [messages, leaks];
