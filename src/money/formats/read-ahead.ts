/**
 * Reads the next statement on a worker thread while the main thread stores the one before: an
 * import of several files uses both cores (reading is a third of an import's time, storing and
 * matching the rest). The worker only reads; whatever it cannot read (a reader that throws, a
 * worker that died or ran out of its heap) is read again on the calling thread, so every message and every result is
 * the same as without it.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../platform/workers.js';
import type { ReadStatement, StatementChunk, StatementEnd, StatementStream } from '../statement.js';
import { readStatementFile, statementChunks, type StatementFileOptions } from './index.js';

/** What the owner posts to the worker. */
export interface ReadRequest {
  readonly id: number;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly options: StatementFileOptions;
  /** Read as a stream (`statementChunks`): a reply for each chunk, then one for the end. */
  readonly stream?: boolean;
}

/** What the owner posts when it has taken a chunk of a stream: the worker may read one more. */
export interface ChunkTaken {
  readonly taken: number;
}

/** What the worker posts back: the statement read, as JSON, or null when it could not be read there. */
export interface ReadReply {
  readonly id: number;
  readonly json: string | null;
  /** Of a stream: true for a chunk, false for its end. */
  readonly more?: boolean;
}

/**
 * A statement's reading is kept to a small heap on the worker; a larger file is read on the
 * calling thread, whose heap is not limited so (and which would hold a second copy of every
 * booking while the worker's answer is copied across).
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 16 };
const IN_THREAD_BYTES = 16 * 1024 * 1024;

/**
 * One worker that reads statements in the order asked.
 *
 * @example
 *   const ahead = StatementReadAhead.start();
 *   const next = ahead.read(bytes, 'march.ofx', {}); // reading begins now
 *   … store the file before …
 *   const read = await next;
 *   await ahead.close();
 */
export class StatementReadAhead {
  private readonly pending = new Map<number, (read: ReadStatement | null) => void>();
  /** The streams being read, by request: each takes its replies, or null when the worker failed. */
  private readonly streams = new Map<number, (reply: ReadReply | null) => void>();
  private nextId = 1;
  private failed = false;
  /** How many statements were read on the worker, and how many here: what the tests look at. */
  readonly counts = { onWorker: 0, here: 0 };

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: ReadReply) => {
      const stream = this.streams.get(reply.id);
      if (stream) {
        stream(reply);
        if (reply.more !== true) this.streams.delete(reply.id);
      } else {
        this.pending.get(reply.id)?.(reply.json === null ? null : (JSON.parse(reply.json) as ReadStatement));
        this.pending.delete(reply.id);
      }
      // Idle, the worker does not keep the process alive; asked, it does (see `read`).
      if (this.pending.size === 0 && this.streams.size === 0) worker.unref();
    });
    // A worker that dies (out of memory) or cannot start: what it was asked is read here.
    const fail = () => {
      this.failed = true;
      for (const resolve of this.pending.values()) resolve(null);
      this.pending.clear();
      for (const take of this.streams.values()) take(null);
      this.streams.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    worker.unref();
  }

  static start(): StatementReadAhead {
    return new StatementReadAhead(
      startWorker(import.meta.url, 'read-worker', { resourceLimits: WORKER_LIMITS }),
    );
  }

  /** Starts reading `bytes` (copied to the worker; the caller keeps its own) and answers the statement. */
  async read(bytes: Buffer, name: string, options: StatementFileOptions): Promise<ReadStatement> {
    const fromWorker =
      this.failed || bytes.length > IN_THREAD_BYTES
        ? null
        : await new Promise<ReadStatement | null>((resolve) => {
            const id = this.nextId++;
            this.pending.set(id, resolve);
            this.worker.ref();
            this.worker.postMessage({ id, name, bytes, options } satisfies ReadRequest);
          });
    if (fromWorker) {
      this.counts.onWorker += 1;
      return fromWorker;
    }
    this.counts.here += 1;
    return readStatementFile(bytes, name, options);
  }

  /**
   * Starts reading a file that `streamsAsChunks` on the worker, and answers its chunks as they are
   * read: the import stores the first while the worker reads on. The bytes move to the worker
   * (not copied: a 50 MB statement is not held twice); if the worker fails part way, the rest is
   * read here from `again()`, from where the worker stopped.
   */
  stream(bytes: Buffer, name: string, options: StatementFileOptions, again: () => Buffer): StatementStream {
    const replies: (ReadReply | null)[] = [];
    let wake: (() => void) | undefined;
    const id = this.nextId++;
    if (this.failed) replies.push(null);
    else {
      this.streams.set(id, (reply) => {
        replies.push(reply);
        wake?.();
      });
      this.worker.ref();
      const request: ReadRequest = { id, name, bytes, options, stream: true };
      // A buffer of its own (a large file's) moves; a slice of Node's shared pool is copied.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      this.worker.postMessage(request, own ? [bytes.buffer as ArrayBuffer] : []);
    }
    const counts = this.counts;
    const taken = () => {
      if (!this.failed) this.worker.postMessage({ taken: id } satisfies ChunkTaken);
    };
    async function* chunks(): AsyncGenerator<StatementChunk, StatementEnd, undefined> {
      let delivered = 0;
      for (;;) {
        while (replies.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const reply = replies.shift() ?? null;
        if (reply === null || reply.json === null) break;
        if (reply.more !== true) {
          counts.onWorker += 1;
          return JSON.parse(reply.json) as StatementEnd;
        }
        const chunk = JSON.parse(reply.json) as StatementChunk;
        taken();
        delivered += chunk.outcomes.length;
        yield chunk;
      }
      // The worker failed (or was never there): the rest is read here, past what was delivered.
      counts.here += 1;
      const here = statementChunks(again(), name, options);
      for (;;) {
        const step = here.next();
        if (step.done) return step.value;
        const skip = Math.min(delivered, step.value.outcomes.length);
        delivered -= skip;
        yield skip === 0 ? step.value : { ...step.value, outcomes: step.value.outcomes.slice(skip) };
      }
    }
    return { format: 'camt', chunks: chunks() };
  }

  async close(): Promise<void> {
    this.failed = true;
    await this.worker.terminate();
  }
}
