import { directoryEntry, providerFieldsFrom } from '../directory/directory.js';
import type { Clock } from '../platform/clock.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/validation.js';
import { matcherFor, type MoneyAreas } from './context.js';
import { identifierOf, type MatchEvidence } from './matching.js';
import { BankTransactionRepository, MoneyRecordRepository, type RematchRow } from './repository.js';
import { assignInput, type AssignInput } from './schemas.js';
import type { Assignment, BankTransaction, PayeeRule } from './views.js';
import { FIELD_WORDS, longDate, RULE_FIELDS, type RuleField } from './words.js';

/** Matches are written back in chunks of this many, each in one transaction. */
const REMATCH_CHUNK = 1000;

/**
 * Who a booking paid, as the person says it (issue 17): their assignments, the payee rules each
 * one leaves for the next import, and the bookings matched again when a rule changes.
 * `MoneyService` delegates to it; the CLI and the HTTP API call `MoneyService`, not this.
 */
export class PayeeAssignments {
  private readonly records: MoneyRecordRepository;
  private readonly bookings: BankTransactionRepository;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly areas: MoneyAreas,
    /** One booking by its number, as `MoneyService.transaction` answers it. */
    private readonly transaction: (ref: number | string) => Promise<BankTransaction>,
  ) {
    this.records = new MoneyRecordRepository(db);
    this.bookings = new BankTransactionRepository(db);
  }

  /** The person's payee rules, each with the provider it names. */
  async rules(): Promise<PayeeRule[]> {
    const rows = await this.records.rules();
    return rows.map((r) => ({
      id: r.id,
      field: r.field,
      fieldLabel: FIELD_WORDS[r.field],
      value: r.value,
      providerId: r.providerId,
      provider: r.providerName ?? null,
      createdAt: r.createdAt,
    }));
  }

  /** Removes a rule; the unconfirmed bookings it matched are matched again without it. */
  async removeRule(ref: number | string): Promise<{ removed: PayeeRule; rematched: number }> {
    const id = parseId(ref, 'rule');
    const removed = (await this.rules()).find((r) => r.id === id);
    if (!removed) throw notFound('rule', id);
    await this.records.deleteRule(id);
    const rematched = await this.rematch({ field: removed.field, value: removed.value });
    return { removed, rematched };
  }

  /**
   * The person says who a booking paid (a provider, or none): the booking is confirmed, a rule is
   * saved on its strongest identifier (creditor id, mandate, IBAN, payee), and every unconfirmed
   * booking with that identifier is matched again, as every later import will be.
   */
  async assign(transactionRef: number | string, input: AssignInput): Promise<Assignment> {
    const tx = await this.transaction(transactionRef);
    const { provider } = parseInput(assignInput, input, 'assign');
    const providerId = provider === null ? null : await this.areas.providers.resolve(provider);
    const providerName = providerId === null ? null : (await this.areas.providers.get(providerId)).name;
    const field = RULE_FIELDS.find((f) => identifierOf(tx, f) !== '');
    const value = field ? identifierOf(tx, field) : '';
    const at = this.clock().toISOString();
    const pays = providerName === null ? 'pays no provider of yours' : `pays ${providerName}`;
    const ruleId = await inTransaction(this.db, async (trx) => {
      const id = field
        ? await new MoneyRecordRepository(trx).putRule({ field, value, providerId, createdAt: at })
        : null;
      const evidence: MatchEvidence = {
        by: 'person',
        value,
        matched: id === null ? 'your choice' : `rule ${id}`,
        ...(id === null ? {} : { ruleId: id }),
        sentence: `you said on ${longDate(at)} that this ${pays}`,
      };
      await new BankTransactionRepository(trx).confirm(tx.id, {
        providerId,
        matchBy: 'person',
        matchEvidence: JSON.stringify(evidence),
        confirmedAt: at,
      });
      return id;
    });
    const rematched = field ? await this.rematch({ field, value }) : 0;
    const rule = ruleId === null ? null : ((await this.rules()).find((r) => r.id === ruleId) ?? null);
    return { transaction: await this.transaction(tx.id), rule, rematched };
  }

  /**
   * Accepts a directory suggestion: the organisation is added to the ledger from the directory
   * (or found there, when it was added meanwhile) and the booking assigned to it.
   */
  async acceptSuggestion(transactionRef: number | string): Promise<Assignment> {
    const tx = await this.transaction(transactionRef);
    const slug = tx.matchBy === 'directory' ? tx.evidence?.directorySlug : undefined;
    if (slug === undefined) {
      throw new VrmError(
        'invalid_input',
        `transaction ${tx.id} has no suggestion from the directory to accept: assign it to a provider instead`,
      );
    }
    const entry = directoryEntry(slug);
    let providerId: number;
    try {
      providerId = (await this.areas.providers.add(providerFieldsFrom(entry))).id;
    } catch (error) {
      if (!(error instanceof VrmError) || error.code !== 'conflict') throw error;
      providerId = await this.areas.providers.resolve(entry.name);
    }
    return this.assign(tx.id, { provider: providerId });
  }

  /**
   * Matches unconfirmed bookings again (those with one identifier, or all), after a rule changed;
   * writes only what changed. Answers how many changed.
   */
  private async rematch(only?: { field: RuleField; value: string }): Promise<number> {
    const matcher = await matcherFor(this.db, this.areas);
    const rows: RematchRow[] = await this.bookings.unconfirmed(only);
    const changed = [];
    for (const row of rows) {
      const match = matcher.match(row);
      const next = {
        id: row.id,
        providerId: match?.providerId ?? null,
        matchBy: match?.by ?? null,
        matchEvidence: match ? JSON.stringify(match.evidence) : null,
      };
      if (
        next.providerId !== row.providerId ||
        next.matchBy !== row.matchBy ||
        next.matchEvidence !== row.matchEvidence
      )
        changed.push(next);
    }
    for (let i = 0; i < changed.length; i += REMATCH_CHUNK) {
      const chunk = changed.slice(i, i + REMATCH_CHUNK);
      await inTransaction(this.db, (trx) => new BankTransactionRepository(trx).setMatches(chunk));
    }
    return changed.length;
  }
}
