/**
 * Reads the next statement on a worker thread while the main thread stores the one before: an
 * import of several files uses both cores (reading is a third of an import's time, storing and
 * matching the rest). The worker only reads; whatever it cannot read (a reader that throws, a
 * worker that died or ran out of its heap) is read again on the calling thread, so every message and every result is
 * the same as without it.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../platform/workers.js';
import type { ReadStatement } from '../statement.js';
import { readStatementFile, type StatementFileOptions } from './index.js';

/** What the owner posts to the worker. */
export interface ReadRequest {
  readonly id: number;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly options: StatementFileOptions;
}

/** What the worker posts back: the statement read, as JSON, or null when it could not be read there. */
export interface ReadReply {
  readonly id: number;
  readonly json: string | null;
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
  private nextId = 1;
  private failed = false;
  /** How many statements were read on the worker, and how many here: what the tests look at. */
  readonly counts = { onWorker: 0, here: 0 };

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: ReadReply) => {
      this.pending.get(reply.id)?.(reply.json === null ? null : (JSON.parse(reply.json) as ReadStatement));
      this.pending.delete(reply.id);
      // Idle, the worker does not keep the process alive; asked, it does (see `read`).
      if (this.pending.size === 0) worker.unref();
    });
    // A worker that dies (out of memory) or cannot start: what it was asked is read here.
    const fail = () => {
      this.failed = true;
      for (const resolve of this.pending.values()) resolve(null);
      this.pending.clear();
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

  async close(): Promise<void> {
    this.failed = true;
    await this.worker.terminate();
  }
}
