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
import type {
  ReadStatement,
  StatementAccount,
  StatementChunk,
  StatementEnd,
  StatementOutcome,
  StatementStream,
  StatementTransaction,
} from './statement.js';
import { count, longDate } from './words.js';

/**
 * Bookings per transaction: large enough to be fast (a batch rewrites the index pages its bookings
 * touch: 5,000 write 90 MB of log for 100,000 bookings where 1,000 write 225 MB), small enough that
 * a crash loses little (an interrupted import resumes after its last batch) and a web request waits
 * at most a tenth of a second for the store.
 */
export const BANK_BATCH = 5000;

/** The total a stream's import record says until the stream has been read to its end. */
const STREAM_TOTAL = 0;

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
  readonly accounts: (read: {
    readonly accounts: readonly StatementAccount[];
  }) => Promise<Map<string, { id: number; factId: number | null }>>;
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

/** A statement read whole, or one read as it is stored (a CAMT file, see `StatementStream`). */
export type StatementInput = ReadStatement | StatementStream;

const isStream = (input: StatementInput): input is StatementStream => 'chunks' in input;

/** The first chunk of a stream, or its end when it has none: what the import's record needs. */
type FirstStep = IteratorResult<StatementChunk, StatementEnd>;

/**
 * Stores a statement through the ingest pipeline: its accounts found or added (and linked to the
 * vault's bank-account fact by IBAN), each booking once per account and key (a second import of
 * the same file, or an overlapping one, adds only what is new), every unreadable booking and
 * problem of the file kept as a skip with its location, in batches of five thousand that commit with
 * the import's place. An import of the same bytes, read the same way, that did not finish (the
 * process died) resumes after its last batch. A stream is stored as it is read: its total is
 * known, and recorded, at its end.
 */
export async function importStatement(
  parts: ImportParts,
  input: StatementInput,
  file: StatementFile,
  options: ImportOptions = {},
): Promise<StatementImportSummary> {
  const { records, batches } = parts;
  const stream = isStream(input) ? input : undefined;
  const whole = isStream(input) ? undefined : input;
  const first: FirstStep | undefined = stream && (await stream.chunks.next());
  const header: Pick<ReadStatement, 'format' | 'variant' | 'encoding'> =
    whole ??
    (first?.done === false
      ? { format: input.format, variant: first.value.variant, encoding: first.value.encoding }
      : (first?.value as StatementEnd));
  const total = whole ? whole.outcomes.length : null;
  const optionsJson = JSON.stringify(file.options ?? {});
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
  // The same bytes read the same way give the same bookings in the same order; a stream's record
  // says 0 until its end.
  const resumed =
    previous !== undefined &&
    previous.status !== 'done' &&
    previous.options === optionsJson &&
    (total === null || previous.total === STREAM_TOTAL || previous.total === total)
      ? previous
      : undefined;
  const start = resumed ? resumed.checkpoint + 1 : 0;
  const doneBefore = resumed ? undefined : await records.lastDoneImportOf(file.sha256);
  const accounts = whole
    ? await parts.accounts(whole)
    : new Map<string, { id: number; factId: number | null }>();
  const matcher = await parts.matcher();
  const at = parts.now();
  const importId =
    resumed?.id ?? (await records.insertImport(newImport(header, file, at, total ?? STREAM_TOTAL)));
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
  const earlierSkips = skipsOf(resumed);
  // An earlier run wrote a whole file's problems with its first batch, and a stream's with its last.
  const problems: Skip[] = whole && start === 0 ? [...whole.problems] : [];
  let end: StatementEnd | undefined = whole;
  /** Outcomes of the statement, counted as they come: a stream's total. */
  let counted = 0;
  let checkpoint = start - 1;
  const run = new IngestRun<BankRow, number, 'bookings'>({
    unit: 'bookings',
    total,
    batchSize: options.batchSize ?? BANK_BATCH,
    problems,
    skips: earlierSkips,
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
  const chunks = stream
    ? chunksOf(stream, first ?? { done: true, value: { ...header, problems: [] } }, {
        accounts: async (met) => {
          for (const [key, account] of await parts.accounts({ accounts: met })) accounts.set(key, account);
        },
        end: (told) => {
          end = told;
          const kept = new Set(earlierSkips.kept.map((skip) => `${skip.location}\u0000${skip.reason}`));
          for (const problem of told.problems)
            if (!kept.has(`${problem.location}\u0000${problem.reason}`))
              problems.push({ location: problem.location, reason: problem.reason });
        },
      })
    : oneChunk(whole?.outcomes ?? []);
  try {
    const result = await batches.bulkWrites(() =>
      run.run(
        outcomesOf(
          chunks,
          start,
          accounts,
          (tx, accountId) => rowOf(tx, accountId, importId, matcher, at),
          (n) => (counted = n),
        ),
      ),
    );
    const summary = {
      seen: base.seen + result.seen,
      imported: base.imported + result.imported,
      duplicates: base.duplicates + result.duplicates,
      skipped: result.skipped,
    };
    const all = total ?? counted;
    await records.updateImport(importId, {
      ...summary,
      skips: JSON.stringify(result.skips),
      status: 'done',
      finishedAt: parts.now(),
      pid: null,
      ...(stream ? { total: all, variant: end?.variant ?? header.variant } : {}),
    });
    const note =
      resumed && start > 0
        ? `resumed after booking ${count(start)} of ${count(all)}`
        : doneBefore
          ? `already imported on ${longDate(doneBefore.finishedAt ?? doneBefore.startedAt)}`
          : null;
    return {
      importId,
      fileName: file.name,
      format: header.format,
      variant: end?.variant ?? header.variant,
      encoding: header.encoding,
      ...summary,
      skips: result.skips,
      skipsTruncated: result.skipsTruncated,
      notes: end?.notes ?? [],
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

function newImport(
  read: Pick<ReadStatement, 'format' | 'variant' | 'encoding'>,
  file: StatementFile,
  at: string,
  total: number,
) {
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

/** A whole read's outcomes, as the one chunk of a stream. */
// eslint-disable-next-line @typescript-eslint/require-await -- the shape of a stream's chunks
async function* oneChunk(outcomes: readonly StatementOutcome[]): AsyncGenerator<readonly StatementOutcome[]> {
  yield outcomes;
}

/**
 * A stream's chunks of outcomes, the accounts each brings found or added before its bookings,
 * and its end handed on once the last chunk is taken.
 */
async function* chunksOf(
  stream: StatementStream,
  first: FirstStep,
  on: {
    readonly accounts: (met: readonly StatementAccount[]) => Promise<void>;
    readonly end: (end: StatementEnd) => void;
  },
): AsyncGenerator<readonly StatementOutcome[]> {
  let step = first;
  while (!step.done) {
    if (step.value.accounts.length > 0) await on.accounts(step.value.accounts);
    yield step.value.outcomes;
    step = await stream.chunks.next();
  }
  on.end(step.value);
}

/**
 * The statement's outcomes from `start` on, as the pipeline's: each with its index as checkpoint.
 * `counted` hears how many outcomes the statement had, once all are read.
 */
async function* outcomesOf(
  chunks: AsyncIterable<readonly StatementOutcome[]>,
  start: number,
  accounts: ReadonlyMap<string, { id: number }>,
  toRow: (tx: StatementTransaction, accountId: number) => BankRow,
  counted: (total: number) => void,
): AsyncGenerator<IngestOutcome<BankRow, number>> {
  let i = 0;
  for await (const chunk of chunks) {
    for (const outcome of chunk) {
      const index = i++;
      if (index < start) continue;
      const at = { location: outcome.location, checkpoint: index, done: index + 1 };
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
      if ((index - start) % YIELD_EVERY === YIELD_EVERY - 1)
        await new Promise((resolve) => setImmediate(resolve));
    }
  }
  counted(i);
}
