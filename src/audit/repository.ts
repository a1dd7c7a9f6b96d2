import type { Selectable } from 'kysely';
import type { Db } from '../platform/db/handle.js';
import type { AuditLogTable } from '../platform/db/schema.js';

export type AuditRow = Selectable<AuditLogTable>;

export interface AuditCriteria {
  readonly entity?: string | undefined;
  readonly entityId?: number | undefined;
  readonly limit: number;
}

/** Reads the audit log; nothing here writes it (the store's triggers do). */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  /** The latest entries matching the criteria, newest first. */
  list(criteria: AuditCriteria): Promise<AuditRow[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (criteria.entity !== undefined) query = query.where('entity', '=', criteria.entity);
    if (criteria.entityId !== undefined) query = query.where('entityId', '=', criteria.entityId);
    return query.orderBy('id', 'desc').limit(criteria.limit).execute();
  }
}
