/**
 * The ingest pipeline every importer shares: mail today, bank statements and data-request answers
 * next. An importer turns its source into a stream of outcomes (a record to keep, or a reason to
 * skip it, each named by where it was found); the pipeline counts them, keeps the skip list,
 * writes records in batches of bounded size together with the source's checkpoints (so a crash
 * loses nothing committed and a re-run resumes where the last batch ended), reports progress at
 * a bounded rate, and ends with a summary. What a record is, how it is written and what counts as
 * a duplicate stay with the importer.
 */

/** A record that was not imported, and why: named by file and line, folder and UID, or row. */
export interface Skip {
  readonly location: string;
  readonly reason: string;
}

/** At most this many skips are kept per import by default; their count is always exact. */
export const MAX_SKIPS_KEPT = 1000;

/**
 * The skips of one import: every one counted, the first `max` kept with their reasons, so that an
 * import of a million bad rows stays small in memory and in its record.
 */
export class SkipList {
  private readonly list: Skip[] = [];
  private total = 0;

  constructor(private readonly max = MAX_SKIPS_KEPT) {}

  add(skip: Skip): void {
    this.total++;
    if (this.list.length < this.max) this.list.push(skip);
  }

  /** How many were skipped, kept or not. */
  get count(): number {
    return this.total;
  }

  /** The skips kept, in the order they happened. */
  get kept(): readonly Skip[] {
    return this.list;
  }

  /** More were skipped than kept. */
  get truncated(): boolean {
    return this.total > this.list.length;
  }
}

export interface IngestCounts {
  /** Records read from the source, skipped ones included. */
  readonly seen: number;
  readonly imported: number;
  /** Records the store already held (by the importer's natural key): kept once. */
  readonly duplicates: number;
  readonly skipped: number;
}

export interface IngestProgress<Unit extends string = string> extends IngestCounts {
  /** Units done, and the total when known (bytes of a file, messages of a folder, rows). */
  readonly done: number;
  readonly total: number | null;
  readonly unit: Unit;
  readonly elapsedMs: number;
}

export interface IngestResult extends IngestCounts {
  readonly skips: readonly Skip[];
  /** More skips than were kept. */
  readonly skipsTruncated: boolean;
  readonly elapsedMs: number;
  /** Records seen per second. */
  readonly perSecond: number;
}

/** One thing the source yielded: a record to write, or a reason it cannot be. */
export interface IngestOutcome<Record, Checkpoint> {
  readonly location: string;
  readonly record?: Record;
  /** Why the record cannot be imported; it is skipped with this reason. */
  readonly error?: string;
  /** Where the source has got to once this outcome is written, saved with its batch. */
  readonly checkpoint?: Checkpoint;
  /** Units done after this outcome, for progress; one more than before when left out. */
  readonly done?: number;
}

export interface IngestCounters {
  readonly counts: IngestCounts;
  /** The skips so far, as the importer records them with each batch. */
  readonly skips: SkipList;
}

export interface IngestJob<Record, Checkpoint, Unit extends string> {
  /**
   * Writes one batch and its checkpoints in one transaction, with the counts so far; answers, in
   * the batch's order, whether each record was new (true) or already held (false).
   */
  readonly write: (
    batch: readonly Record[],
    checkpoints: readonly Checkpoint[],
    counters: IngestCounters,
  ) => readonly boolean[];
  /** Checkpoints with the same key replace each other within a batch (one per folder, say). */
  readonly checkpointKey?: (checkpoint: Checkpoint) => string;
  /** Problems the source met outside any record (a file cut off): skipped at the next batch. */
  readonly problems?: Skip[];
  readonly total: number | null;
  readonly unit: Unit;
  /** Records per transaction: large enough to be fast, small enough that a crash loses little. */
  readonly batchSize?: number;
  readonly skips?: SkipList;
  readonly onProgress?: ((progress: IngestProgress<Unit>) => void) | undefined;
  /** At most one progress report in this many milliseconds, but for the last. */
  readonly progressEveryMs?: number;
  /** Monotonic milliseconds; injected by tests. */
  readonly now?: () => number;
}

/**
 * One import run: reads every outcome, skips those with an error, writes the rest in batches with
 * their checkpoints, and answers with the summary. `skipUnread` lets the importer skip what never
 * reaches an outcome (a message too large to parse) at the moment it meets it.
 *
 * @example
 * const run = new IngestRun({ unit: 'rows', total: null, write: (batch, checkpoints) => repo.store(batch, checkpoints) });
 * const result = await run.run(outcomesOf(file));
 */
export class IngestRun<Record, Checkpoint, Unit extends string> {
  private readonly now: () => number;
  private readonly started: number;
  private readonly skips: SkipList;
  private readonly counts = { seen: 0, imported: 0, duplicates: 0, skipped: 0 };
  private done = 0;
  private lastProgress = -Infinity;
  private batch: Record[] = [];
  private readonly checkpoints = new Map<string, Checkpoint>();

  constructor(private readonly job: IngestJob<Record, Checkpoint, Unit>) {
    this.now = job.now ?? (() => performance.now());
    this.started = this.now();
    this.skips = job.skips ?? new SkipList();
  }

  /** Skips what was read but never becomes an outcome: it was seen all the same. */
  skipUnread(problem: Skip): void {
    this.counts.seen++;
    this.skip(problem);
  }

  async run(outcomes: AsyncIterable<IngestOutcome<Record, Checkpoint>>): Promise<IngestResult> {
    for await (const outcome of outcomes) {
      this.counts.seen++;
      this.done = outcome.done ?? this.done + 1;
      if (outcome.checkpoint !== undefined) {
        const key = this.job.checkpointKey?.(outcome.checkpoint) ?? '';
        this.checkpoints.set(key, outcome.checkpoint);
      }
      if (outcome.error !== undefined || outcome.record === undefined) {
        this.skip({ location: outcome.location, reason: outcome.error ?? 'nothing could be read' });
      } else {
        this.batch.push(outcome.record);
      }
      if (this.batch.length >= (this.job.batchSize ?? 100)) this.flush();
      else this.progress();
    }
    this.flush();
    this.progress(true);
    const elapsedMs = Math.round(this.now() - this.started);
    const { counts, skips } = this;
    return {
      ...counts,
      skips: skips.kept,
      skipsTruncated: skips.truncated,
      elapsedMs,
      perSecond: elapsedMs > 0 ? Math.round((counts.seen / elapsedMs) * 1000) : counts.seen,
    };
  }

  private skip(problem: Skip): void {
    this.skips.add(problem);
    this.counts.skipped = this.skips.count;
  }

  private progress(force = false): void {
    const at = this.now();
    const { onProgress, progressEveryMs = 200 } = this.job;
    if (!onProgress || (!force && at - this.lastProgress < progressEveryMs)) return;
    this.lastProgress = at;
    onProgress({
      ...this.counts,
      done: this.done,
      total: this.job.total,
      unit: this.job.unit,
      elapsedMs: Math.round(at - this.started),
    });
  }

  private flush(): void {
    // A problem of the source was a record all the same: it was seen, and skipped.
    for (const problem of this.job.problems?.splice(0) ?? []) this.skipUnread(problem);
    const written = this.job.write(this.batch, [...this.checkpoints.values()], {
      counts: this.counts,
      skips: this.skips,
    });
    for (const isNew of written) {
      if (isNew) this.counts.imported++;
      else this.counts.duplicates++;
    }
    this.batch = [];
    this.checkpoints.clear();
    this.progress();
  }
}

/** Runs an import in one call, when nothing is skipped before it becomes an outcome. */
export function runIngest<Record, Checkpoint, Unit extends string>(
  job: IngestJob<Record, Checkpoint, Unit>,
  outcomes: AsyncIterable<IngestOutcome<Record, Checkpoint>>,
): Promise<IngestResult> {
  return new IngestRun(job).run(outcomes);
}
