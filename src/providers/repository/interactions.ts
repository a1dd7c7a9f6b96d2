import type { Db } from '../../platform/db/handle.js';
import type { Row } from './table.js';

export interface InteractionCriteria {
  readonly providerId?: number | undefined;
  readonly caseId?: number | undefined;
  /** Instants: from `since` on, and before `until`. */
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  readonly limit?: number | undefined;
}

/** Queries on interactions beyond plain row access. */
export class InteractionRepository {
  constructor(private readonly db: Db) {}

  /** Interactions matching the criteria, newest first. */
  list(criteria: InteractionCriteria = {}): Promise<Row<'interactions'>[]> {
    let query = this.db.selectFrom('interactions').selectAll();
    if (criteria.providerId !== undefined) query = query.where('providerId', '=', criteria.providerId);
    if (criteria.caseId !== undefined) query = query.where('caseId', '=', criteria.caseId);
    if (criteria.since !== undefined) query = query.where('occurredAt', '>=', criteria.since);
    if (criteria.until !== undefined) query = query.where('occurredAt', '<', criteria.until);
    query = query.orderBy('occurredAt', 'desc').orderBy('id', 'desc');
    if (criteria.limit !== undefined) query = query.limit(criteria.limit);
    return query.execute();
  }

  /** Follow-ups not yet done that fall on or before `lastDay`, earliest first, with the provider's name. */
  pendingUntil(lastDay: string): Promise<(Row<'interactions'> & { providerName: string })[]> {
    return this.db
      .selectFrom('interactions')
      .innerJoin('providers', 'providers.id', 'interactions.providerId')
      .selectAll('interactions')
      .select('providers.name as providerName')
      .where('interactions.followUpOn', 'is not', null)
      .where('interactions.followUpDoneOn', 'is', null)
      .where('interactions.followUpOn', '<=', lastDay)
      .orderBy('interactions.followUpOn')
      .orderBy('interactions.id')
      .execute();
  }

  /** Keeps the case's interactions with the provider, linked to no case. */
  async unlinkCase(caseId: number): Promise<void> {
    await this.db.updateTable('interactions').set({ caseId: null }).where('caseId', '=', caseId).execute();
  }
}
