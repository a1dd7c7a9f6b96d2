import type { Db } from '../../platform/db/handle.js';
import type { Row } from './table.js';

/** Queries on customer accounts beyond plain row access. */
export class AccountRepository {
  constructor(private readonly db: Db) {}

  /** Accounts, of one provider when given, by provider and then in the order they were added. */
  list(providerId?: number): Promise<Row<'accounts'>[]> {
    let query = this.db.selectFrom('accounts').selectAll();
    if (providerId !== undefined) query = query.where('providerId', '=', providerId);
    return query.orderBy('providerId').orderBy('id').execute();
  }
}
