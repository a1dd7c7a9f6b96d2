import type { Clock } from '../platform/clock.js';
import { isoDateSchema, todayUtc, type IsoDate } from '../platform/dates.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { notFound, VrmError } from '../platform/errors.js';
import { issuesToDetails, parseInput, validationError } from '../platform/validation.js';
import { factName, kindFromText, KIND_LABELS } from './kind-names.js';
import { FACT_VALUE_SCHEMAS, summarise, type FactKind } from './kinds.js';
import { VaultRepository, type FactRow, type FactVersionRow } from './repository.js';
import {
  addFactInput,
  kindSchema,
  updateFactInput,
  type AddFactInput,
  type UpdateFactInput,
} from './schemas.js';

export interface FactVersion {
  readonly version: number;
  readonly value: Record<string, unknown>;
  readonly summary: string;
  readonly validFrom: IsoDate;
  readonly recordedAt: string;
  readonly note: string | null;
}

export interface Fact {
  readonly id: number;
  readonly kind: FactKind;
  readonly label: string;
  /** The version in force today: the latest that became valid on or before today. */
  readonly current: FactVersion;
  readonly createdAt: string;
  readonly retiredAt: string | null;
}

export interface FactWithHistory extends Fact {
  readonly history: readonly FactVersion[];
}

/** Validates a value against its kind; errors name the field as `value.<field>`. */
export function validateFactValue(kind: FactKind, value: unknown): Record<string, unknown> {
  const result = FACT_VALUE_SCHEMAS[kind].safeParse(value);
  if (!result.success) throw validationError(issuesToDetails(result.error, 'value'), kind.replace('_', ' '));
  return result.data;
}

const toVersion = (kind: FactKind, row: FactVersionRow): FactVersion => {
  const value = JSON.parse(row.value) as Record<string, unknown>;
  return {
    version: row.version,
    value,
    summary: summarise(kind, value),
    validFrom: row.validFrom,
    recordedAt: row.recordedAt,
    note: row.note,
  };
};

/**
 * The version in force on `date`: of the versions that had taken effect by then, the one recorded
 * last (or the first, before any took effect). `history` is in the order the versions were recorded.
 * A later record wins from its day on, so a move recorded after it happened (`--valid-from` weeks
 * ago) replaces the address that was recorded, undated, in between.
 */
export function versionAt<T extends { validFrom: IsoDate }>(
  history: readonly T[],
  date: IsoDate,
): T | undefined {
  const inForce = history.filter((v) => v.validFrom <= date);
  return inForce.at(-1) ?? history[0];
}

/**
 * The version a new one starting on `validFrom` would wrongly cancel: one whose date the person
 * gave on purpose (a move planned ahead, or recorded after it happened) and that starts later. A
 * version stored undated takes the day it was recorded, which says only "known since", so a change
 * may start before it.
 */
function laterDatedVersion(history: readonly FactVersion[], validFrom: IsoDate): FactVersion | undefined {
  return history.find((v) => v.validFrom > validFrom && v.validFrom !== v.recordedAt.slice(0, 10));
}

/**
 * The person's personal data store: facts about them, each with a kind, a label and a history of
 * versions. Changing a fact never overwrites it; it adds a version with the date it became valid.
 */
export class VaultService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private readonly repo = (db: Db = this.db) => new VaultRepository(db);

  async add(input: AddFactInput): Promise<FactWithHistory> {
    const parsed = parseInput(addFactInput, input, 'fact');
    const value = validateFactValue(parsed.kind, parsed.value);
    const now = this.clock().toISOString();
    const id = await inTransaction(this.db, async (trx) => {
      const repo = this.repo(trx);
      const { id: factId } = await repo.insertFact({
        kind: parsed.kind,
        label: parsed.label,
        createdAt: now,
        retiredAt: null,
      });
      await repo.insertVersion({
        factId: factId,
        version: 1,
        value: JSON.stringify(value),
        validFrom: parsed.validFrom ?? todayUtc(this.clock()),
        recordedAt: now,
        note: parsed.note ?? null,
      });
      return factId;
    });
    return this.get(id);
  }

  async list(filter: { kind?: string; includeRetired?: boolean } = {}): Promise<FactWithHistory[]> {
    // Any spelling of a kind (`postal-address`, "postal address") filters by it.
    const kind =
      filter.kind === undefined
        ? undefined
        : parseInput(kindSchema, kindFromText(filter.kind) ?? filter.kind, 'kind');
    const rows = await this.repo().listFacts({ kind, includeRetired: filter.includeRetired ?? false });
    const versions = await this.repo().versionsOf(rows.map((r) => r.id));
    return rows.map((row) =>
      this.assemble(
        row,
        versions.filter((v) => v.factId === row.id),
      ),
    );
  }

  async get(id: number): Promise<FactWithHistory> {
    const row = await this.repo().findFact(id);
    if (!row) throw notFound('fact', id);
    return this.assemble(row, await this.repo().versionsOf([id]));
  }

  /**
   * A fact as a person names it: its number (`3`, `fact:3`), its label ("home", any case), or its
   * kind when only one fact has it ("postal address", unless `byKind` is false). A name that fits several facts is an error
   * that lists them, so the person can pick one; `what` names the field in messages.
   *
   * @example await vault.resolve('home') // the fact labelled "Home"
   */
  async resolve(
    ref: number | string,
    what = 'fact',
    options: { byKind?: boolean } = {},
  ): Promise<FactWithHistory> {
    const text = String(ref).trim();
    const id = /^(?:fact:)?([1-9]\d*)$/i.exec(text)?.[1];
    if (id !== undefined) return this.get(Number(id));
    const facts = await this.list();
    const lower = text.toLowerCase();
    const kind = options.byKind === false ? undefined : kindFromText(text);
    const byLabel = facts.filter((f) => f.label.toLowerCase() === lower);
    const matches = byLabel.length > 0 ? byLabel : facts.filter((f) => kind !== undefined && f.kind === kind);
    const [only, ...more] = matches;
    if (only && more.length === 0) return only;
    if (!only) {
      throw new VrmError(
        'not_found',
        `${what}: no fact is labelled "${text}"${kind ? ` and none is a ${KIND_LABELS[kind]}` : ''}: name a fact by its label or number`,
      );
    }
    throw new VrmError(
      'invalid_input',
      `${what}: "${text}" fits ${matches.length} facts: ${matches.map((f) => `${f.id} ${factName(f)}`).join(', ')}; name one by its label or number`,
      { details: [{ path: what, message: `"${text}" fits ${matches.length} facts` }] },
    );
  }

  /** A new value makes a new version; a new label alone renames the fact. */
  async update(id: number, input: UpdateFactInput): Promise<FactWithHistory> {
    const parsed = parseInput(updateFactInput, input, 'fact');
    const fact = await this.get(id);
    if (fact.retiredAt) throw new VrmError('conflict', `fact ${id} is retired; add a new fact instead`);
    const value = parsed.value === undefined ? undefined : validateFactValue(fact.kind, parsed.value);
    const validFrom = parsed.validFrom ?? todayUtc(this.clock());
    const dated = value === undefined ? undefined : laterDatedVersion(fact.history, validFrom);
    if (dated) {
      // Starting before a change the person dated on purpose would cancel it without a word.
      const message = `must not be before ${dated.validFrom}, the day version ${dated.version} was recorded to take effect; a version dated earlier would cancel that change. Give a date on or after ${dated.validFrom}`;
      throw new VrmError('invalid_input', `fact: validFrom: ${message}`, {
        details: [{ path: 'validFrom', message }],
      });
    }
    const now = this.clock().toISOString();
    await inTransaction(this.db, async (trx) => {
      const repo = this.repo(trx);
      if (parsed.label !== undefined && parsed.label !== fact.label) {
        await repo.updateFact(id, { label: parsed.label });
      }
      if (value !== undefined) {
        await repo.insertVersion({
          factId: id,
          version: await repo.nextVersion(id),
          value: JSON.stringify(value),
          validFrom,
          recordedAt: now,
          note: parsed.note ?? null,
        });
      }
    });
    return this.get(id);
  }

  /** Retiring keeps the fact and its history, and marks it as no longer true. */
  async retire(id: number, on?: string): Promise<FactWithHistory> {
    const fact = await this.get(id);
    if (fact.retiredAt) throw new VrmError('conflict', `fact ${id} is already retired (${fact.retiredAt})`);
    // Stored as an instant either way: a day given is its start, in UTC.
    const date =
      on === undefined
        ? this.clock().toISOString()
        : `${parseInput(isoDateSchema, on, 'retire date')}T00:00:00.000Z`;
    await this.repo().updateFact(id, { retiredAt: date });
    return this.get(id);
  }

  /** Deleting removes the fact and its history; the audit log keeps the record of it. */
  async delete(id: number): Promise<void> {
    await this.get(id);
    const { disclosures, identities } = await this.repo().references(id);
    if (identities > 0) {
      throw new VrmError(
        'conflict',
        `fact ${id} is the address of ${identities} tagged postal ${identities === 1 ? 'identity' : 'identities'}: retire it instead`,
      );
    }
    if (disclosures > 0) {
      throw new VrmError(
        'conflict',
        `fact ${id} was recorded as given to providers (${disclosures} disclosures): retire it instead, so the record of who holds it stays`,
      );
    }
    await this.repo().deleteFact(id);
  }

  private assemble(row: FactRow, versions: readonly FactVersionRow[]): FactWithHistory {
    const kind = row.kind as FactKind;
    const history = versions.map((v) => toVersion(kind, v));
    const current = versionAt(history, todayUtc(this.clock()));
    if (!current) throw new VrmError('internal', `fact ${row.id} has no versions`);
    return {
      id: row.id,
      kind,
      label: row.label,
      current,
      createdAt: row.createdAt,
      retiredAt: row.retiredAt,
      history,
    };
  }
}
