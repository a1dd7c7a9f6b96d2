import {
  IngestRun,
  SkipList,
  type IngestOutcome,
  type IngestProgress,
  type Skip,
} from '../platform/ingest/pipeline.js';
import { VrmError } from '../platform/errors.js';
import type { Matcher } from './matching.js';
import { compactId, mandateKey } from './normalise.js';
import { legacyCamtKey } from './formats/camt.js';
import type { BankBatchRepository, BankImportRow, BankRow, MoneyRecordRepository } from './repository.js';
import type { ReadStatement, StatementTransaction } from './statement.js';
import { count, longDate } from './words.js';

/**
 * Bookings per transaction: large enough to be fast (a batch rewrites the index pages its bookings
 * touch: 5,000 write 90 MB of log for 100,000 bookings where 1,000 write 225 MB), small enough that
 * a crash loses little (an interrupted import resumes after its last batch) and a web request waits
 * at most a tenth of a second for the store.
 */
export const BANK_BATCH = 5000;

/** Outcomes between two turns of the event loop. */
const YIELD_EVERY = 5000;

/** How far a statement import has got, in bookings of the statement. */
export type BankImportProgress = IngestProgress<'bookings'>;

/** The file a statement was read from, and how it was read. */
export interface StatementFile {
  readonly name: string;
  /** SHA-256 of the file's bytes, hex: the same bytes are the same import. */
  readonly sha256: string;
  /** The reading options used (currency, date order, account, CSV preset), kept with the import. */
  readonly options?: Readonly<Record<string, unknown>> | undefined;
}

export interface ImportOptions {
  readonly onProgress?: ((progress: BankImportProgress) => void) | undefined;
  /** At most one progress report in this many milliseconds (200 unless said). */
  readonly progressEveryMs?: number | undefined;
  readonly batchSize?: number | undefined;
}

/** What an import did, as its record keeps it and the person is told. */
export interface StatementImportSummary {
  readonly importId: number;
  readonly fileName: string;
  readonly format: string;
  readonly variant: string;
  readonly encoding: string;
  readonly seen: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly skipped: number;
  readonly skips: readonly Skip[];
  readonly skipsTruncated: boolean;
  /**
   * What the person should know that is not skipped: entries that are no bookings yet (`3 pending
   * bookings (PDNG) not imported yet: they will come booked in a later statement`), with where.
   */
  readonly notes: readonly Skip[];
  readonly elapsedMs: number;
  readonly perSecond: number;
  /** Bookings of the statement an earlier, interrupted run had stored; null for a fresh run. */
  readonly resumedAfter: number | null;
  /** "resumed after booking 40,000 of 100,000", "already imported on 3 March 2026", or null. */
  readonly note: string | null;
  readonly accounts: readonly { readonly id: number; readonly key: string; readonly factId: number | null }[];
}

/** What the import needs of the money service. */
export interface ImportParts {
  readonly records: MoneyRecordRepository;
  readonly batches: BankBatchRepository;
  readonly matcher: () => Promise<Matcher>;
  /** The accounts of the statement, stored or found, by key. */
  readonly accounts: (read: ReadStatement) => Promise<Map<string, { id: number; factId: number | null }>>;
  readonly now: () => string;
}

/** Whether a process of this machine is running (signal 0 only checks). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The skips an earlier run kept, so a resumed import reports them all. */
function skipsOf(row: BankImportRow | undefined): SkipList {
  const list = new SkipList();
  if (!row) return list;
  const kept = JSON.parse(row.skips) as Skip[];
  for (const skip of kept) list.add(skip);
  // Skips counted but not kept (beyond the limit) still count.
  for (let i = kept.length; i < row.skipped; i++) list.add({ location: '', reason: '' });
  return list;
}

/** The row a booking is stored as, with its match. */
function rowOf(
  tx: StatementTransaction,
  accountId: number,
  importId: number,
  matcher: Matcher,
  createdAt: string,
): BankRow {
  const booking = {
    creditorId: compactId(tx.creditorId) || null,
    mandateReference: mandateKey(tx.mandateReference) || null,
    counterpartyIban: compactId(tx.counterpartyIban) || null,
    counterpartyName: tx.counterpartyName,
    text: tx.text,
  };
  const match = matcher.match(booking);
  return {
    accountId,
    key: tx.key,
    legacyKey: legacyCamtKey(tx.key),
    importId,
    bookedOn: tx.bookedOn,
    valueOn: tx.valueOn,
    amountMinor: tx.amountMinor,
    currency: tx.currency,
    ...booking,
    payee: matcher.payeeOf(tx.counterpartyName),
    bankReference: tx.bankReference,
    kind: tx.kind,
    providerId: match?.providerId ?? null,
    matchBy: match?.by ?? null,
    matchEvidence: match ? JSON.stringify(match.evidence) : null,
    createdAt,
  };
}

/**
 * Stores a statement through the ingest pipeline: its accounts found or added (and linked to the
 * vault's bank-account fact by IBAN), each booking once per account and key (a second import of
 * the same file, or an overlapping one, adds only what is new), every unreadable booking and
 * problem of the file kept as a skip with its location, in batches of five thousand that commit with
 * the import's place. An import of the same bytes that did not finish (the process died) resumes
 * after its last batch.
 */
export async function importStatement(
  parts: ImportParts,
  read: ReadStatement,
  file: StatementFile,
  options: ImportOptions = {},
): Promise<StatementImportSummary> {
  const { records, batches } = parts;
  const total = read.outcomes.length;
  const previous = await records.latestImportOf(file.sha256);
  if (
    previous?.status === 'running' &&
    previous.pid !== null &&
    previous.pid !== process.pid &&
    isAlive(previous.pid)
  ) {
    throw new VrmError(
      'conflict',
      `${file.name} is being imported by another vrm (process ${previous.pid}) right now: wait for it to finish`,
    );
  }
  const resumed =
    previous !== undefined && previous.status !== 'done' && previous.total === total ? previous : undefined;
  const start = resumed ? resumed.checkpoint + 1 : 0;
  const doneBefore = resumed ? undefined : await records.lastDoneImportOf(file.sha256);
  const accounts = await parts.accounts(read);
  const matcher = await parts.matcher();
  const at = parts.now();
  const importId = resumed?.id ?? (await records.insertImport(newImport(read, file, at, total)));
  await records.updateImport(importId, {
    status: 'running',
    pid: process.pid,
    error: null,
    resumedFrom: resumed && start > 0 ? resumed.checkpoint : null,
  });
  const base = {
    seen: resumed?.seen ?? 0,
    imported: resumed?.imported ?? 0,
    duplicates: resumed?.duplicates ?? 0,
  };
  let checkpoint = start - 1;
  const run = new IngestRun<BankRow, number, 'bookings'>({
    unit: 'bookings',
    total,
    batchSize: options.batchSize ?? BANK_BATCH,
    // An earlier run wrote the file's problems with its first batch.
    problems: start === 0 ? read.problems.map((p) => ({ location: p.location, reason: p.reason })) : [],
    skips: skipsOf(resumed),
    progressEveryMs: options.progressEveryMs,
    onProgress:
      options.onProgress &&
      ((p) =>
        options.onProgress?.({
          ...p,
          seen: base.seen + p.seen,
          imported: base.imported + p.imported,
          duplicates: base.duplicates + p.duplicates,
        })),
    write: (batch, checkpoints, { counts, skips }) => {
      checkpoint = Math.max(checkpoint, ...checkpoints);
      return batches.storeBatch(importId, batch, {
        seen: base.seen + counts.seen,
        imported: base.imported + counts.imported,
        duplicates: base.duplicates + counts.duplicates,
        skipped: skips.count,
        skips: JSON.stringify(skips.kept),
        checkpoint,
      });
    },
  });
  try {
    const result = await batches.bulkWrites(() =>
      run.run(
        outcomesOf(read, start, accounts, (tx, accountId) => rowOf(tx, accountId, importId, matcher, at)),
      ),
    );
    const summary = {
      seen: base.seen + result.seen,
      imported: base.imported + result.imported,
      duplicates: base.duplicates + result.duplicates,
      skipped: result.skipped,
    };
    await records.updateImport(importId, {
      ...summary,
      skips: JSON.stringify(result.skips),
      status: 'done',
      finishedAt: parts.now(),
      pid: null,
    });
    const note =
      resumed && start > 0
        ? `resumed after booking ${count(start)} of ${count(total)}`
        : doneBefore
          ? `already imported on ${longDate(doneBefore.finishedAt ?? doneBefore.startedAt)}`
          : null;
    return {
      importId,
      fileName: file.name,
      format: read.format,
      variant: read.variant,
      encoding: read.encoding,
      ...summary,
      skips: result.skips,
      skipsTruncated: result.skipsTruncated,
      notes: read.notes ?? [],
      elapsedMs: result.elapsedMs,
      perSecond: result.perSecond,
      resumedAfter: resumed && start > 0 ? start : null,
      note,
      accounts: [...accounts].map(([key, a]) => ({ key, ...a })),
    };
  } catch (error) {
    // What was committed stays; the next import of this file resumes after it.
    await records.updateImport(importId, {
      status: 'failed',
      pid: null,
      finishedAt: parts.now(),
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}

function newImport(read: ReadStatement, file: StatementFile, at: string, total: number) {
  return {
    fileName: file.name,
    format: read.format,
    variant: read.variant,
    encoding: read.encoding,
    options: JSON.stringify(file.options ?? {}),
    sha256: file.sha256,
    status: 'running' as const,
    startedAt: at,
    total,
    pid: process.pid,
  };
}

/** The statement's outcomes from `start` on, as the pipeline's: each with its index as checkpoint. */
async function* outcomesOf(
  read: ReadStatement,
  start: number,
  accounts: ReadonlyMap<string, { id: number }>,
  toRow: (tx: StatementTransaction, accountId: number) => BankRow,
): AsyncGenerator<IngestOutcome<BankRow, number>> {
  for (let i = start; i < read.outcomes.length; i++) {
    const outcome = read.outcomes[i];
    if (!outcome) continue;
    const at = { location: outcome.location, checkpoint: i, done: i + 1 };
    const tx = outcome.transaction;
    if (outcome.error !== undefined || !tx) {
      yield { ...at, error: outcome.error ?? 'nothing could be read of this booking' };
      continue;
    }
    const account = accounts.get(tx.accountKey);
    if (!account) {
      yield { ...at, error: `the statement names no account "${tx.accountKey}" for this booking` };
      continue;
    }
    if (!Number.isSafeInteger(tx.amountMinor)) {
      yield { ...at, error: `the amount ${String(tx.amountMinor)} is not a whole number of minor units` };
      continue;
    }
    yield { ...at, record: toRow(tx, account.id) };
    // Let the event loop run now and then (a server answering, a signal handled) in a long import.
    if ((i - start) % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
  }
}
