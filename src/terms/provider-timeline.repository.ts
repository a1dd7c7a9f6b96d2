import { sql } from 'kysely';
import { countOfProvider, dayStart, olderThan } from '../platform/db/timeline.js';
import type { TimelineSource } from '../providers/timeline.js';

const STATUS_TEXT: Record<string, string> = {
  proffered: 'waiting for an answer',
  accepted: 'accepted',
  rejected: 'rejected',
  countered: 'countered',
};

/** The person's terms proffered to a provider, with the answer so far. */
const agreements: TimelineSource = {
  kind: 'agreement',
  noun: { one: 'agreement', many: 'agreements' },
  count: (db, providerId) => countOfProvider(db, 'agreements', 'providerId', providerId),
  list: async (db, providerId, window) => {
    const at = dayStart(sql.ref('a.profferedOn'));
    const rows = await db
      .selectFrom('agreements as a')
      .leftJoin('personal_terms as t', 't.code', 'a.termsCode')
      .select([
        'a.id',
        'a.termsCode',
        'a.status',
        'a.answeredOn',
        'a.counterTermsCode',
        't.name as termsName',
      ])
      .select(at.as('at'))
      .where('a.providerId', '=', providerId)
      .where(olderThan(at, sql.ref('a.id'), window.before))
      .orderBy('at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(window.limit)
      .execute();
    return rows.map((a) => ({
      kind: 'agreement',
      id: a.id,
      at: a.at,
      title: `Proffered your terms “${a.termsName ?? a.termsCode}”`,
      detail: [
        STATUS_TEXT[a.status] ?? a.status,
        a.answeredOn === null ? null : `on ${a.answeredOn}`,
        a.counterTermsCode === null ? null : `offering ${a.counterTermsCode} instead`,
      ]
        .filter((part) => part !== null)
        .join(' '),
      route: 'terms',
    }));
  },
};

/** What agreements add to a provider's timeline. */
export const AGREEMENT_TIMELINE: readonly TimelineSource[] = [agreements];
