import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Insertable } from 'kysely';
import type { BankTransactionsTable } from '../../platform/db/schema-money.js';
import { sqliteConnection } from '../../platform/db/sqlite/connection.js';
import type { Store } from '../../platform/db/store.js';

/** A booking as the import writes it: every column but the id and what the person decides later. */
export type NewBankTransaction = Required<
  Omit<Insertable<BankTransactionsTable>, 'id' | 'matchConfirmed' | 'confirmedAt' | 'contractId'>
>;

/**
 * A booking to store, and the key it would have had in a store written before its format's keys
 * changed (CAMT's `entry:6` before `entry:6@2024-03-04/1299`): a stored booking of that old key,
 * with the same date and amount, is this booking already held.
 */
export type BankRow = NewBankTransaction & { readonly legacyKey?: string | null | undefined };

/** The columns the import writes, each named once; values are bound by position in this order. */
const COLUMNS = Object.keys({
  accountId: true,
  key: true,
  importId: true,
  bookedOn: true,
  valueOn: true,
  amountMinor: true,
  currency: true,
  counterpartyName: true,
  payee: true,
  counterpartyIban: true,
  creditorId: true,
  mandateReference: true,
  text: true,
  bankReference: true,
  kind: true,
  providerId: true,
  matchBy: true,
  matchEvidence: true,
  createdAt: true,
} satisfies Record<keyof NewBankTransaction, true>) as (keyof NewBankTransaction)[];

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** An import's counts and place, written with every batch. */
export interface BankBatchProgress {
  readonly seen: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly skipped: number;
  /** JSON of the skips kept. */
  readonly skips: string;
  /** Index of the last outcome this batch covers. */
  readonly checkpoint: number;
}

/**
 * The bank import's hot path: a hundred thousand bookings at twenty thousand a second and more,
 * as prepared statements in one transaction per batch (as the mail import does, see
 * `mail/repository/batch.ts`). `ON CONFLICT DO NOTHING` on (account, key) is what makes an import
 * idempotent: a booking already held is a duplicate, whatever file it came from.
 */
export class BankBatchRepository {
  private readonly connection: BetterSqlite3.Database;
  private statements?: ReturnType<BankBatchRepository['prepare']>;

  constructor(private readonly store: Store) {
    this.connection = sqliteConnection(store);
  }

  private prepare() {
    const c = this.connection;
    return {
      insert: c.prepare(`
        INSERT INTO bank_transactions (${COLUMNS.map(snake).join(', ')})
        VALUES (${COLUMNS.map(() => '?').join(', ')})
        ON CONFLICT (account_id, key) DO NOTHING`),
      heldByLegacyKey: c
        .prepare(
          `SELECT 1 FROM bank_transactions
           WHERE account_id = ? AND key = ? AND booked_on = ? AND amount_minor = ?`,
        )
        .pluck(),
      progress: c.prepare(`
        UPDATE bank_imports SET seen = ?, imported = ?, duplicates = ?, skipped = ?, skips = ?, checkpoint = ?
        WHERE id = ?`),
    };
  }

  /** Runs an import with the store tuned for bulk writes (see `DatabasePort.bulkWrites`). */
  bulkWrites<T>(work: () => Promise<T>): Promise<T> {
    return this.store.port.bulkWrites(work);
  }

  /**
   * Stores a batch and the import's progress in one transaction: a crash leaves all of it or none.
   * Answers, per booking, whether it was new.
   */
  storeBatch(importId: number, batch: readonly BankRow[], progress: BankBatchProgress): boolean[] {
    this.statements ??= this.prepare();
    const s = this.statements;
    const run = this.connection.transaction(() => {
      const added = batch.map((row) => {
        if (
          row.legacyKey &&
          s.heldByLegacyKey.get(row.accountId, row.legacyKey, row.bookedOn, row.amountMinor) !== undefined
        )
          return false;
        return s.insert.run(COLUMNS.map((column) => row[column])).changes > 0;
      });
      let imported = progress.imported;
      let duplicates = progress.duplicates;
      for (const isNew of added) {
        if (isNew) imported++;
        else duplicates++;
      }
      s.progress.run(
        progress.seen,
        imported,
        duplicates,
        progress.skipped,
        progress.skips,
        progress.checkpoint,
        importId,
      );
      return added;
    });
    return run();
  }
}
