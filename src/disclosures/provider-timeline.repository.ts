import { sql } from 'kysely';
import { countOfProvider, dayStart, olderThan } from '../platform/db/timeline.js';
import type { TimelineSource } from '../providers/timeline.js';

const purposesOf = (json: string): string => {
  try {
    const list = JSON.parse(json) as unknown;
    return Array.isArray(list) ? list.map(String).join(', ') : '';
  } catch {
    return '';
  }
};

/** What the person gave a provider (a fact by its label, or an identity), one item per fact given. */
const disclosures: TimelineSource = {
  kind: 'disclosure',
  noun: { one: 'disclosure', many: 'disclosures' },
  count: (db, providerId) => countOfProvider(db, 'disclosures', 'providerId', providerId),
  list: async (db, providerId, window) => {
    const at = dayStart(sql.ref('d.disclosedOn'));
    const rows = await db
      .selectFrom('disclosures as d')
      .leftJoin('facts as f', 'f.id', 'd.factId')
      .leftJoin('identities as i', 'i.id', 'd.identityId')
      .select([
        'd.id',
        'd.channel',
        'd.purposes',
        'd.withdrawnOn',
        'f.label as factLabel',
        'f.kind as factKind',
      ])
      .select(['i.value as identity', at.as('at')])
      .where('d.providerId', '=', providerId)
      .where(olderThan(at, sql.ref('d.id'), window.before))
      .orderBy('at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(window.limit)
      .execute();
    return rows.map((d) => {
      const what =
        d.factLabel !== null
          ? `${d.factLabel} (${d.factKind ?? 'fact'})`
          : `the identity ${d.identity ?? ''}`;
      const purposes = purposesOf(d.purposes);
      return {
        kind: 'disclosure',
        id: d.id,
        at: d.at,
        title: `Gave ${what}`,
        detail: [
          `by ${d.channel.replace('_', ' ')}`,
          purposes === '' ? null : `for ${purposes}`,
          d.withdrawnOn === null ? null : `withdrawn ${d.withdrawnOn}`,
        ]
          .filter((part) => part !== null)
          .join(' · '),
        route: 'knows',
      };
    });
  },
};

/** What disclosures add to a provider's timeline. */
export const DISCLOSURE_TIMELINE: readonly TimelineSource[] = [disclosures];
