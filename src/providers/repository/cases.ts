import type { Db } from '../../platform/db/handle.js';
import type { Row } from './table.js';

export interface CaseCriteria {
  readonly providerId?: number | undefined;
  /** One status, or every case not yet resolved. */
  readonly status?: string | { readonly unresolved: true } | undefined;
}

/** Queries on complaints and disputes beyond plain row access. */
export class CaseRepository {
  constructor(private readonly db: Db) {}

  /** Cases matching the criteria, the most recently opened first. */
  list(criteria: CaseCriteria = {}): Promise<Row<'cases'>[]> {
    let query = this.db.selectFrom('cases').selectAll();
    if (criteria.providerId !== undefined) query = query.where('providerId', '=', criteria.providerId);
    const status = criteria.status;
    if (typeof status === 'string') query = query.where('status', '=', status);
    else if (status !== undefined) query = query.where('status', '!=', 'resolved');
    return query.orderBy('openedOn', 'desc').orderBy('id', 'desc').execute();
  }
}
