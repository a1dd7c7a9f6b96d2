import type { Clock } from '../platform/clock.js';
import { todayUtc } from '../platform/dates.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { requireRow } from './ledger.js';
import { CaseRepository } from './repository/cases.js';
import { DocumentRepository } from './repository/documents.js';
import { InteractionRepository } from './repository/interactions.js';
import { TableRepository, type Row } from './repository/table.js';
import { caseCreate, caseUpdate, CASE_STATUSES, type CaseCreate, type CaseUpdate } from './schemas.js';
import type { ProviderService } from './service.js';

export type CaseStatus = (typeof CASE_STATUSES)[number];
export interface Case extends Omit<Row<'cases'>, 'status' | 'kind'> {
  readonly kind: 'complaint' | 'dispute';
  readonly status: CaseStatus;
}

/** A case with everything said and done about it: what its page shows in the CLI and the web app. */
export interface CaseDetail extends Case {
  /** The case's interactions, newest first. */
  readonly interactions: readonly Row<'interactions'>[];
}

const toCase = (row: Row<'cases'>): Case => ({
  ...row,
  kind: row.kind as Case['kind'],
  status: row.status as CaseStatus,
});

/**
 * Complaints and disputes with a provider. Moving a case to `escalated` or `resolved` dates the
 * move (unless a date is given); reopening a resolved case clears its resolution date.
 */
export class CaseService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
  ) {}

  /**
   * Opens a case. `alongside`, when given, runs in the same transaction as the insert, with the new
   * case's id: what another area records about the case commits with it, or neither does.
   */
  async add(input: CaseCreate, alongside?: (trx: Db, caseId: number) => Promise<void>): Promise<Case> {
    const parsed = parseInput(caseCreate, input, 'case');
    await this.providers.get(parsed.providerId);
    const now = this.clock().toISOString();
    const status = parsed.status ?? 'open';
    const row = {
      ...parsed,
      kind: parsed.kind ?? 'complaint',
      status,
      openedOn: parsed.openedOn ?? todayUtc(this.clock()),
      ...this.datesFor(status, parsed),
      createdAt: now,
      updatedAt: now,
    };
    checkDates(row);
    const id = await inTransaction(this.db, async (trx) => {
      const id = await new TableRepository(trx, 'cases').insert(row);
      await alongside?.(trx, id);
      return id;
    });
    return this.get(id);
  }

  async list(
    filter: { provider?: number | string | undefined; status?: string | undefined } = {},
  ): Promise<Case[]> {
    const providerId =
      filter.provider === undefined ? undefined : await this.providers.resolve(filter.provider);
    const status = filter.status;
    if (
      status !== undefined &&
      status !== 'unresolved' &&
      !(CASE_STATUSES as readonly string[]).includes(status)
    ) {
      throw new VrmError(
        'invalid_input',
        `status must be one of ${CASE_STATUSES.join(', ')} or unresolved, got "${status}"`,
      );
    }
    const rows = await new CaseRepository(this.db).list({
      providerId,
      status: status === 'unresolved' ? { unresolved: true } : status,
    });
    return rows.map(toCase);
  }

  async get(id: number): Promise<Case> {
    return toCase(await requireRow(this.db, 'cases', id));
  }

  /**
   * The case with its interactions, newest first.
   *
   * @example
   * const { title, status, interactions } = await cases.detail(3);
   */
  async detail(id: number): Promise<CaseDetail> {
    const kase = await this.get(id);
    const interactions = await new InteractionRepository(this.db).list({ caseId: id });
    return { ...kase, interactions };
  }

  async update(id: number, input: CaseUpdate): Promise<Case> {
    const parsed = parseInput(caseUpdate, input, 'case');
    const current = await this.get(id);
    if (parsed.providerId !== undefined && parsed.providerId !== current.providerId) {
      throw new VrmError('invalid_input', 'case: a case cannot move to another provider');
    }
    const patch = {
      ...parsed,
      ...(parsed.status !== undefined && parsed.status !== current.status
        ? this.datesFor(parsed.status, parsed, current)
        : {}),
      updatedAt: this.clock().toISOString(),
    };
    checkDates({ ...current, ...patch });
    await new TableRepository(this.db, 'cases').update(id, patch);
    return this.get(id);
  }

  /** Deleting a case keeps its interactions and documents with the provider, unlinked. */
  async delete(id: number): Promise<void> {
    await this.get(id);
    await inTransaction(this.db, async (trx) => {
      await new InteractionRepository(trx).unlinkCase(id);
      await new DocumentRepository(trx).unlinkCase(id);
      await new TableRepository(trx, 'cases').delete(id);
    });
  }

  private datesFor(
    status: CaseStatus,
    given: { escalatedOn?: string | null | undefined; resolvedOn?: string | null | undefined },
    current?: Case,
  ): { escalatedOn?: string | null; resolvedOn?: string | null } {
    const today = todayUtc(this.clock());
    switch (status) {
      case 'escalated':
        return { escalatedOn: given.escalatedOn ?? current?.escalatedOn ?? today, resolvedOn: null };
      case 'resolved':
        return { resolvedOn: given.resolvedOn ?? today };
      case 'open':
      case 'waiting':
        return { resolvedOn: null };
    }
  }
}

function checkDates(c: {
  openedOn: string;
  escalatedOn?: string | null | undefined;
  resolvedOn?: string | null | undefined;
}): void {
  for (const field of ['escalatedOn', 'resolvedOn'] as const) {
    const date = c[field];
    if (date && date < c.openedOn) {
      throw new VrmError(
        'invalid_input',
        `case: ${field}: must not be before the day the case opened (${c.openedOn})`,
        {
          details: [{ path: field, message: `before ${c.openedOn}` }],
        },
      );
    }
  }
}
