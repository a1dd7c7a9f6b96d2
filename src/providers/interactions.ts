import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import { isoDateSchema, isoInstantSchema, todayUtc } from '../platform/dates.js';
import type { Database } from '../platform/db/schema.js';
import { parseInput } from '../platform/validation.js';
import { assertBelongs, requireRow } from './ledger.js';
import { TableRepository, type Row } from './repository.js';
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
    private readonly db: Kysely<Database>,
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
    let query = this.db.selectFrom('interactions').selectAll();
    if (filter.provider !== undefined)
      query = query.where('providerId', '=', await this.providers.resolve(filter.provider));
    if (filter.caseId !== undefined) query = query.where('caseId', '=', filter.caseId);
    if (filter.since !== undefined)
      query = query.where('occurredAt', '>=', parseInput(isoInstantSchema, filter.since, 'since'));
    if (filter.until !== undefined)
      query = query.where('occurredAt', '<', parseInput(isoInstantSchema, filter.until, 'until'));
    query = query.orderBy('occurredAt', 'desc').orderBy('id', 'desc');
    if (filter.limit !== undefined) query = query.limit(filter.limit);
    return query.execute();
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
    await this.db.deleteFrom('interactions').where('id', '=', id).execute();
  }

  /** Follow-ups not yet done and due within `withinDays` of `asOf`, overdue ones first. */
  async followUps(options: { asOf?: string; withinDays?: number } = {}): Promise<FollowUp[]> {
    const asOf =
      options.asOf === undefined
        ? todayUtc(this.clock())
        : parseInput(isoDateSchema, options.asOf, 'as-of date');
    const horizon = new Date(`${asOf}T00:00:00Z`);
    horizon.setUTCDate(horizon.getUTCDate() + (options.withinDays ?? 7));
    const rows = await this.db
      .selectFrom('interactions')
      .innerJoin('providers', 'providers.id', 'interactions.providerId')
      .selectAll('interactions')
      .select('providers.name as providerName')
      .where('interactions.followUpOn', 'is not', null)
      .where('interactions.followUpDoneOn', 'is', null)
      .where('interactions.followUpOn', '<=', horizon.toISOString().slice(0, 10))
      .orderBy('interactions.followUpOn')
      .orderBy('interactions.id')
      .execute();
    return rows.map(({ providerName, ...interaction }) => ({
      interaction,
      providerName,
      overdue: (interaction.followUpOn ?? '') < asOf,
    }));
  }
}
