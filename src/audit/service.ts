import type { Db } from '../platform/db/handle.js';
import { DATA_TABLES } from '../platform/db/schema.js';
import { VrmError } from '../platform/errors.js';
import { AuditRepository, type AuditRow } from './repository.js';
import { auditSummary } from './summary.js';

export interface AuditEntry extends Omit<AuditRow, 'oldValues' | 'newValues'> {
  /** What happened, in one line with names: "Signed a package for Acme: home address, e-mail". */
  readonly summary: string;
  /** The raw values, signed tokens and all, for whoever wants to see exactly what changed. */
  readonly oldValues: Record<string, unknown> | null;
  readonly newValues: Record<string, unknown> | null;
}

// Every audited table: the audit triggers are generated for exactly these.
const ENTITIES: readonly string[] = DATA_TABLES;

const parseValues = (json: string | null): Record<string, unknown> | null =>
  json === null ? null : (JSON.parse(json) as Record<string, unknown>);

/**
 * Reads the append-only audit log that the store's triggers write: every insert, update and
 * delete, with old and new values. Nothing here can change it.
 */
export class AuditService {
  private readonly repository: AuditRepository;

  constructor(db: Db) {
    this.repository = new AuditRepository(db);
  }

  async list(filter: { entity?: string; entityId?: number; limit?: number } = {}): Promise<AuditEntry[]> {
    if (filter.entity !== undefined && !ENTITIES.includes(filter.entity)) {
      throw new VrmError(
        'invalid_input',
        `entity must be one of ${ENTITIES.join(', ')}, got "${filter.entity}"`,
      );
    }
    const rows = await this.repository.list({
      entity: filter.entity,
      entityId: filter.entityId,
      limit: filter.limit ?? 100,
    });
    const parsed = rows.map((r) => ({
      ...r,
      oldValues: parseValues(r.oldValues),
      newValues: parseValues(r.newValues),
    }));
    const ids = { providers: new Set<number>(), facts: new Set<number>(), events: new Set<string>() };
    for (const entry of parsed) {
      for (const values of [entry.oldValues, entry.newValues]) {
        if (typeof values?.provider_id === 'number') ids.providers.add(values.provider_id);
        if (typeof values?.fact_id === 'number') ids.facts.add(values.fact_id);
        if (typeof values?.event === 'string') ids.events.add(values.event);
      }
    }
    const names = await this.repository.names({
      providers: [...ids.providers],
      facts: [...ids.facts],
      events: [...ids.events],
    });
    return parsed.map((entry) => ({ ...entry, summary: auditSummary(entry, names) }));
  }
}
