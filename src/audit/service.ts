import type { Kysely, Selectable } from 'kysely';
import { DATA_TABLES, type AuditLogTable, type Database } from '../platform/db/schema.js';
import { VrmError } from '../platform/errors.js';

export interface AuditEntry extends Omit<Selectable<AuditLogTable>, 'oldValues' | 'newValues'> {
  readonly oldValues: Record<string, unknown> | null;
  readonly newValues: Record<string, unknown> | null;
}

// Every audited table: the audit triggers are generated for exactly these.
const ENTITIES: readonly string[] = DATA_TABLES;

/**
 * Reads the append-only audit log that the store's triggers write: every insert, update and
 * delete, with old and new values. Nothing here can change it.
 */
export class AuditService {
  constructor(private readonly db: Kysely<Database>) {}

  async list(filter: { entity?: string; entityId?: number; limit?: number } = {}): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (filter.entity !== undefined) {
      if (!ENTITIES.includes(filter.entity)) {
        throw new VrmError(
          'invalid_input',
          `entity must be one of ${ENTITIES.join(', ')}, got "${filter.entity}"`,
        );
      }
      query = query.where('entity', '=', filter.entity);
    }
    if (filter.entityId !== undefined) query = query.where('entityId', '=', filter.entityId);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 100)
      .execute();
    return rows.map((r) => ({
      ...r,
      oldValues: r.oldValues === null ? null : (JSON.parse(r.oldValues) as Record<string, unknown>),
      newValues: r.newValues === null ? null : (JSON.parse(r.newValues) as Record<string, unknown>),
    }));
  }
}
