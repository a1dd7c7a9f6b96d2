import { sql } from 'kysely';
import type { Db } from '../../platform/db/handle.js';
import { countAsNumber } from '../../platform/db/queries.js';
import { countOfProvider, dayStart, olderThan } from '../../platform/db/timeline.js';
import type { Case } from '../cases.js';
import type { TimelineSource } from '../timeline.js';

const interactions: TimelineSource = {
  kind: 'interaction',
  noun: { one: 'interaction', many: 'interactions' },
  count: (db, providerId) => countOfProvider(db, 'interactions', 'providerId', providerId),
  list: async (db, providerId, window) => {
    const rows = await db
      .selectFrom('interactions')
      .selectAll()
      .where('providerId', '=', providerId)
      .where(olderThan(sql.ref('occurredAt'), sql.ref('id'), window.before))
      .orderBy('occurredAt', 'desc')
      .orderBy('id', 'desc')
      .limit(window.limit)
      .execute();
    return rows.map((interaction) => ({
      kind: 'interaction',
      id: interaction.id,
      at: interaction.occurredAt,
      title: interaction.subject,
      detail: interaction.outcome,
      route: null,
      interaction,
    }));
  },
};

const countCases = async (db: Db, providerId: number, closedOnly: boolean): Promise<number> => {
  let query = db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('providerId', '=', providerId);
  if (closedOnly) query = query.where('resolvedOn', 'is not', null);
  return countAsNumber((await query.executeTakeFirstOrThrow()).n);
};

/** A case when it was opened, or (`closed`) when it was resolved. */
const cases = (closed: boolean): TimelineSource => ({
  kind: 'case',
  noun: { one: 'case', many: 'cases' },
  count: (db, providerId) => countCases(db, providerId, closed),
  list: async (db, providerId, window) => {
    const at = dayStart(sql.ref(closed ? 'resolvedOn' : 'openedOn'));
    let query = db
      .selectFrom('cases')
      .selectAll()
      .select(at.as('at'))
      .where('providerId', '=', providerId)
      .where(olderThan(at, sql.ref('id'), window.before));
    if (closed) query = query.where('resolvedOn', 'is not', null);
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(window.limit).execute();
    return rows.map(({ at: when, ...row }) => {
      const kase = row as Case;
      return {
        kind: 'case',
        id: kase.id,
        at: when,
        title: closed ? `Case closed: ${kase.title}` : `Case opened: ${kase.title}`,
        detail: closed ? kase.resolution : kase.description,
        route: null,
        case: kase,
      };
    });
  },
});

const documents: TimelineSource = {
  kind: 'document',
  noun: { one: 'document', many: 'documents' },
  count: (db, providerId) => countOfProvider(db, 'documents', 'providerId', providerId),
  list: async (db, providerId, window) => {
    // Never the content: a page of documents is their names, not their bytes.
    const rows = await db
      .selectFrom('documents')
      .select(['id', 'title', 'filename', 'mediaType', 'addedAt'])
      .where('providerId', '=', providerId)
      .where(olderThan(sql.ref('addedAt'), sql.ref('id'), window.before))
      .orderBy('addedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(window.limit)
      .execute();
    return rows.map((d) => ({
      kind: 'document',
      id: d.id,
      at: d.addedAt,
      title: d.title,
      detail: `${d.filename} · ${d.mediaType}`,
      route: null,
    }));
  },
};

/**
 * What the ledger itself adds to a provider's timeline, in the order of items at one instant:
 * interactions, then cases opened, cases closed, and documents.
 */
export const LEDGER_TIMELINE: readonly TimelineSource[] = [
  interactions,
  cases(false),
  cases(true),
  documents,
];
