import type { Clock } from '../platform/clock.js';
import { classify, type ClassifierContext } from './classify.js';
import { ParsePool } from './pool.js';
import type { BatchRepository, Checkpoint, NewMessage } from './repository.js';
import { triage, type ProviderFacts, type Rule } from './rules.js';
import type { RawMessage, SourceProblem } from './types.js';

/** Messages larger than this are skipped with a reason: no mail system delivers them. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Messages per transaction: large enough to be fast, small enough that a crash loses little. */
const BATCH = 100;
/** At most this many skip reasons are kept per import; the count is always exact. */
const MAX_SKIPS_KEPT = 1000;

export interface ImportProgress {
  readonly seen: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly skipped: number;
  /** Messages or bytes done, and the total when known (bytes for an mbox, messages otherwise). */
  readonly done: number;
  readonly total: number | null;
  readonly unit: 'messages' | 'bytes';
  readonly elapsedMs: number;
}

export interface ImportSummary {
  readonly importId: number;
  readonly sourceId: number | null;
  readonly location: string;
  readonly seen: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly skipped: number;
  readonly skips: readonly SourceProblem[];
  /** More skips than were kept. */
  readonly skipsTruncated: boolean;
  readonly elapsedMs: number;
  readonly messagesPerSecond: number;
  /** Said when the import started after an earlier one (a resumed mbox, an incremental IMAP fetch). */
  readonly resumedFrom: string | null;
}

/** What one message carries besides its bytes: where to record progress once it is stored. */
export interface SourcedMessage extends RawMessage {
  readonly checkpoint?: Checkpoint;
  /** Messages or bytes done after this one, for progress. */
  readonly done?: number;
}

export interface ImportJob {
  readonly importId: number;
  readonly sourceId: number | null;
  readonly location: string;
  readonly messages: AsyncIterable<SourcedMessage>;
  readonly total: number | null;
  readonly unit: 'messages' | 'bytes';
  readonly resumedFrom: string | null;
  /** Problems the source met before or while yielding (a truncated mbox). */
  readonly problems: SourceProblem[];
}

export interface ImportEnvironment {
  readonly repo: BatchRepository;
  readonly clock: Clock;
  readonly classifier: ClassifierContext;
  readonly rules: readonly Rule[];
  readonly providers: ReadonlyMap<number, ProviderFacts>;
  readonly poolSize?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
}

/**
 * The import pipeline: the source yields raw messages; workers parse them (in parallel, in
 * order, a bounded number in flight, so memory stays flat); each is classified and placed by the
 * rules; batches are written in one transaction each, with the source's checkpoint, so a crash
 * loses nothing committed and a re-run duplicates nothing (the fingerprint is unique).
 */
export async function runImport(job: ImportJob, env: ImportEnvironment): Promise<ImportSummary> {
  const started = Date.now();
  const importedAt = env.clock().toISOString();
  const skips: SourceProblem[] = [];
  const counts = { seen: 0, imported: 0, duplicates: 0, skipped: 0 };
  let done = 0;
  const skip = (problem: SourceProblem) => {
    counts.skipped++;
    if (skips.length < MAX_SKIPS_KEPT) skips.push(problem);
  };
  /** A message skipped before parsing (too large, or cut off in its source) was seen all the same. */
  const skipUnparsed = (problem: SourceProblem) => {
    counts.seen++;
    skip(problem);
  };
  let batch: NewMessage[] = [];
  const checkpoints = new Map<string, Checkpoint>();
  let lastProgress = 0;
  const progress = (force = false) => {
    const now = Date.now();
    if (!env.onProgress || (!force && now - lastProgress < 200)) return;
    lastProgress = now;
    env.onProgress({ ...counts, done, total: job.total, unit: job.unit, elapsedMs: now - started });
  };
  const flush = () => {
    for (const problem of job.problems.splice(0)) skipUnparsed(problem);
    const ids = env.repo.storeBatch(job.importId, importedAt, batch, [...checkpoints.values()], {
      ...counts,
      skips: JSON.stringify(skips),
    });
    for (const id of ids) {
      if (id === null) counts.duplicates++;
      else counts.imported++;
    }
    batch = [];
    checkpoints.clear();
    progress();
  };

  const pool = ParsePool.create(env.poolSize, { keepRaw: true });
  try {
    for await (const outcome of pool.parseInOrder(admitted(job.messages, skipUnparsed), {
      messages: 512,
      bytes: 32 * 1024 * 1024,
    })) {
      const item = outcome.item;
      counts.seen++;
      if (item.done !== undefined) done = item.done;
      else done++;
      if (item.checkpoint) checkpoints.set(item.checkpoint.folder, item.checkpoint);
      if (outcome.error) {
        skip({ location: item.location, reason: outcome.error.message });
      } else {
        const parsed = outcome.message;
        const classification = classify(parsed.envelope, env.classifier);
        const placement = triage(
          {
            subject: parsed.subject,
            body: parsed.body,
            sentAt: parsed.sentAt,
            isList: classification.isList,
            identityId: classification.identityId,
            identityProviderId: classification.identityProviderId,
            senderProviderId: classification.senderProviderId,
            senderLabel: classification.senderLabel,
            leak: classification.leak,
          },
          env.rules,
          env.providers,
        );
        batch.push({ parsed, location: item.location, classification, placement });
      }
      if (batch.length >= BATCH) flush();
      else progress();
    }
    flush();
  } finally {
    await pool.close();
  }
  progress(true);
  const elapsedMs = Date.now() - started;
  return {
    importId: job.importId,
    sourceId: job.sourceId,
    location: job.location,
    ...counts,
    skips,
    skipsTruncated: counts.skipped > skips.length,
    elapsedMs,
    messagesPerSecond: elapsedMs > 0 ? Math.round((counts.seen / elapsedMs) * 1000) : counts.seen,
    resumedFrom: job.resumedFrom,
  };
}

/** Passes messages on to the parser, skipping (with a reason) those too large to be mail. */
async function* admitted(
  messages: AsyncIterable<SourcedMessage>,
  skip: (problem: SourceProblem) => void,
): AsyncGenerator<SourcedMessage> {
  for await (const message of messages) {
    if (message.raw.length > MAX_MESSAGE_BYTES) {
      const mb = (message.raw.length / 1024 / 1024).toFixed(1);
      skip({
        location: message.location,
        reason: `the message is ${mb} MB, more than the 64 MB vrm imports`,
      });
      continue;
    }
    if (message.raw.length === 0) {
      skip({ location: message.location, reason: 'the message is empty' });
      continue;
    }
    yield message;
  }
}
