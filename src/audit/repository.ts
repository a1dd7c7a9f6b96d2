import type { Selectable } from 'kysely';
import type { Db } from '../platform/db/handle.js';
import type { AuditLogTable } from '../platform/db/schema.js';
import type { AuditNames } from './summary.js';

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

  /**
   * The names the summaries of some entries need: providers' names, facts' labels and kinds, and
   * what each disclosure event gave. Deleted ones are simply missing; the summary says less then.
   */
  async names(ids: { providers: number[]; facts: number[]; events: string[] }): Promise<AuditNames> {
    const gave =
      ids.events.length === 0
        ? []
        : await this.db
            .selectFrom('disclosures')
            .select(['event', 'factId', 'identityId'])
            .where('event', 'in', ids.events)
            .execute();
    const factIds = [
      ...new Set([...ids.facts, ...gave.flatMap((g) => (g.factId === null ? [] : [g.factId]))]),
    ];
    const providers =
      ids.providers.length === 0
        ? []
        : await this.db
            .selectFrom('providers')
            .select(['id', 'name'])
            .where('id', 'in', ids.providers)
            .execute();
    const facts =
      factIds.length === 0
        ? []
        : await this.db
            .selectFrom('facts')
            .select(['id', 'label', 'kind'])
            .where('id', 'in', factIds)
            .execute();
    const events = new Map<string, { factIds: number[]; identities: number }>();
    for (const g of gave) {
      const event = events.get(g.event) ?? { factIds: [], identities: 0 };
      if (g.factId !== null) event.factIds.push(g.factId);
      if (g.identityId !== null) event.identities++;
      events.set(g.event, event);
    }
    return {
      providers: new Map(providers.map((p) => [p.id, p.name])),
      facts: new Map(facts.map((f) => [f.id, { label: f.label, kind: f.kind }])),
      events,
    };
  }
}
