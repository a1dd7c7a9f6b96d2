import type { Clock } from '../platform/clock.js';
import {
  IngestRun,
  SkipList,
  type IngestOutcome,
  type IngestProgress,
  type IngestResult,
} from '../platform/ingest/pipeline.js';
import { classify, type ClassifierContext } from './classify.js';
import { ParsePool, type ParseOutcome } from './pool.js';
import type { BatchRepository, Checkpoint, NewMessage } from './repository.js';
import { triage, type ProviderFacts, type Rule, type SwitchedOff } from './rules.js';
import type { RawMessage, SourceProblem } from './types.js';

/** Messages larger than this are skipped with a reason: no mail system delivers them. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Messages per transaction: large enough to be fast, small enough that a crash loses little. */
const BATCH = 100;
/** At most this many skip reasons are kept per import; the count is always exact. */
const MAX_SKIPS_KEPT = 1000;

/** How far an import has got: messages, or bytes of an mbox. */
export type ImportProgress = IngestProgress<'messages' | 'bytes'>;

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
  /** Identities the person switched off: their mail is unwanted. */
  readonly switchedOff: ReadonlyMap<number, SwitchedOff>;
  readonly poolSize?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
}

/**
 * The mail import on the shared ingest pipeline (src/platform/ingest): the source yields raw
 * messages; workers parse them (in parallel, in order, a bounded number in flight, so memory
 * stays flat); each is classified and placed by the rules; the pipeline writes batches in one
 * transaction each, with the source's checkpoint, so a crash loses nothing committed and a re-run
 * duplicates nothing (the fingerprint is unique).
 */
export async function runImport(job: ImportJob, env: ImportEnvironment): Promise<ImportSummary> {
  const importedAt = env.clock().toISOString();
  const run = new IngestRun<NewMessage, Checkpoint, ImportProgress['unit']>({
    unit: job.unit,
    total: job.total,
    batchSize: BATCH,
    problems: job.problems,
    skips: new SkipList(MAX_SKIPS_KEPT),
    checkpointKey: (checkpoint) => checkpoint.folder,
    onProgress: env.onProgress,
    write: (batch, checkpoints, { counts, skips }) =>
      env.repo
        .storeBatch(job.importId, importedAt, batch, checkpoints, {
          ...counts,
          skips: JSON.stringify(skips.kept),
        })
        .map((id) => id !== null),
  });
  const pool = ParsePool.create(env.poolSize, { keepRaw: true });
  let result: IngestResult;
  try {
    const parsed = pool.parseInOrder(
      admitted(job.messages, (problem) => run.skipUnread(problem)),
      { messages: 512, bytes: 32 * 1024 * 1024 },
    );
    result = await run.run(outcomesOf(parsed, env));
  } finally {
    await pool.close();
  }
  const { perSecond, ...summary } = result;
  return {
    importId: job.importId,
    sourceId: job.sourceId,
    location: job.location,
    ...summary,
    messagesPerSecond: perSecond,
    resumedFrom: job.resumedFrom,
  };
}

/** Each parsed message as the pipeline's outcome: classified and placed, or the parser's reason. */
async function* outcomesOf(
  parsed: AsyncIterable<ParseOutcome<SourcedMessage>>,
  env: ImportEnvironment,
): AsyncGenerator<IngestOutcome<NewMessage, Checkpoint>> {
  for await (const outcome of parsed) {
    const item = outcome.item;
    const at = { location: item.location, checkpoint: item.checkpoint, done: item.done };
    if (outcome.error) {
      yield { ...at, error: outcome.error.message };
      continue;
    }
    const message = outcome.message;
    const classification = classify(message.envelope, env.classifier);
    const placement = triage(
      {
        subject: message.subject,
        body: message.body,
        sentAt: message.sentAt,
        isList: classification.isList,
        identityId: classification.identityId,
        identityProviderId: classification.identityProviderId,
        senderProviderId: classification.senderProviderId,
        senderLabel: classification.senderLabel,
        leak: classification.leak,
        fromAddress: message.fromAddress,
        importedAt: null,
      },
      env.rules,
      env.providers,
      env.switchedOff,
    );
    yield { ...at, record: { parsed: message, location: item.location, classification, placement } };
  }
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
