import type { Clock } from '../platform/clock.js';
import { isoDateSchema, isoInstantSchema, LAST_DATE, todayUtc } from '../platform/dates.js';
import type { Db } from '../platform/db/handle.js';
import { parseInput } from '../platform/validation.js';
import { assertBelongs, requireRow } from './ledger.js';
import { InteractionRepository } from './repository/interactions.js';
import { TableRepository, type Row } from './repository/table.js';
import {
  interactionCreate,
  interactionUpdate,
  type InteractionCreate,
  type InteractionUpdate,
} from './schemas.js';
import type { ProviderService } from './service.js';

export type Interaction = Row<'interactions'>;

export interface InteractionFilter {
  readonly provider?: number | string | undefined;
  readonly caseId?: number | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  readonly limit?: number | undefined;
}

export interface FollowUp {
  readonly interaction: Interaction;
  readonly providerName: string;
  readonly overdue: boolean;
}

/** Every call, letter, e-mail and visit with a provider: one timeline, newest first. */
export class InteractionService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
  ) {}

  async add(input: InteractionCreate): Promise<Interaction> {
    const parsed = parseInput(interactionCreate, input, 'interaction');
    const providerId = (await this.providers.get(parsed.providerId)).id;
    await assertBelongs(this.db, 'cases', parsed.caseId, providerId);
    const now = this.clock().toISOString();
    const id = await new TableRepository(this.db, 'interactions').insert({
      ...parsed,
      occurredAt: parsed.occurredAt ?? now,
      createdAt: now,
      updatedAt: now,
    });
    return this.get(id);
  }

  async list(filter: InteractionFilter = {}): Promise<Interaction[]> {
    const providerId =
      filter.provider === undefined ? undefined : await this.providers.resolve(filter.provider);
    return new InteractionRepository(this.db).list({
      providerId,
      caseId: filter.caseId,
      since: filter.since === undefined ? undefined : parseInput(isoInstantSchema, filter.since, 'since'),
      until: filter.until === undefined ? undefined : parseInput(isoInstantSchema, filter.until, 'until'),
      limit: filter.limit,
    });
  }

  get(id: number): Promise<Interaction> {
    return requireRow(this.db, 'interactions', id);
  }

  async update(id: number, input: InteractionUpdate): Promise<Interaction> {
    const parsed = parseInput(interactionUpdate, input, 'interaction');
    const current = await this.get(id);
    const providerId = parsed.providerId ?? current.providerId;
    if (parsed.providerId !== undefined) await this.providers.get(providerId);
    await assertBelongs(
      this.db,
      'cases',
      parsed.caseId === undefined ? current.caseId : parsed.caseId,
      providerId,
    );
    await new TableRepository(this.db, 'interactions').update(id, {
      ...parsed,
      updatedAt: this.clock().toISOString(),
    });
    return this.get(id);
  }

  /** Marks an interaction's follow-up as done. */
  completeFollowUp(id: number, on?: string): Promise<Interaction> {
    const date = on === undefined ? todayUtc(this.clock()) : parseInput(isoDateSchema, on, 'done date');
    return this.update(id, { followUpDoneOn: date });
  }

  async delete(id: number): Promise<void> {
    await this.get(id);
    await new TableRepository(this.db, 'interactions').delete(id);
  }

  /** Every follow-up not yet done, whenever it is due, earliest first: the calendar's follow-ups. */
  async pending(): Promise<(Interaction & { providerName: string })[]> {
    return new InteractionRepository(this.db).pendingUntil(LAST_DATE);
  }

  /** Follow-ups not yet done and due within `withinDays` of `asOf`, overdue ones first. */
  async followUps(options: { asOf?: string; withinDays?: number } = {}): Promise<FollowUp[]> {
    const asOf =
      options.asOf === undefined
        ? todayUtc(this.clock())
        : parseInput(isoDateSchema, options.asOf, 'as-of date');
    const horizon = new Date(`${asOf}T00:00:00Z`);
    horizon.setUTCDate(horizon.getUTCDate() + (options.withinDays ?? 7));
    const rows = await new InteractionRepository(this.db).pendingUntil(horizon.toISOString().slice(0, 10));
    return rows.map(({ providerName, ...interaction }) => ({
      interaction,
      providerName,
      overdue: (interaction.followUpOn ?? '') < asOf,
    }));
  }
}
