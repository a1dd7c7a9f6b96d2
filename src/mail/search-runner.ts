import type { Worker } from 'node:worker_threads';
import { fromWorkerError, VrmError } from '../platform/errors.js';
import { startWorker } from '../platform/workers.js';
import type { SearchFilter, SearchPage } from './repository.js';

export interface SearchWorkerData {
  readonly path: string;
  readonly sessionToken: string;
}
export interface SearchRequest {
  readonly id: number;
  readonly filter: SearchFilter;
}
export type SearchReply =
  | { readonly ready: true }
  | { readonly id: number; readonly page: SearchPage }
  | { readonly id: number; readonly error: string };

interface Job {
  readonly id: number;
  readonly filter: SearchFilter;
  readonly resolve: (page: SearchPage) => void;
  readonly reject: (error: Error) => void;
  /** Set when the search starts on a ready worker: its time limit. */
  timer?: NodeJS.Timeout;
}

/** Searches waiting their turn beyond this are refused at once rather than queued. */
const MAX_WAITING = 16;

/**
 * Runs the web app's searches off the server's thread, one at a time, each within a time limit.
 * SQLite cannot be interrupted from this binding, so a search past its limit is answered with a
 * clear refusal and its worker is abandoned (terminated: its thread ends when the query does) and
 * replaced once it has ended. Until then new searches are refused, so hostile queries never keep
 * more than one core busy.
 */
export class SearchRunner {
  private worker: Worker | undefined;
  /** Whether the worker has opened its connection. */
  private ready = false;
  private running: Job | undefined;
  private readonly waiting: Job[] = [];
  private abandoned: Promise<unknown> | undefined;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly data: SearchWorkerData,
    private readonly limitMs = 5000,
  ) {}

  search = (filter: SearchFilter): Promise<SearchPage> => {
    if (this.closed)
      return Promise.reject(new VrmError('unauthorized', 'the store is locked: unlock it first'));
    if (this.abandoned) {
      return Promise.reject(
        new VrmError(
          'invalid_input',
          'a search that took too long is still being stopped: try again in a moment, with fewer or longer words',
        ),
      );
    }
    if (this.waiting.length >= MAX_WAITING) {
      return Promise.reject(
        new VrmError('invalid_input', 'too many searches at once: try again in a moment'),
      );
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, filter, resolve, reject });
      this.pump();
    });
  };

  async close(): Promise<void> {
    this.closed = true;
    const refused = new VrmError('unauthorized', 'the store was locked during the search: unlock it again');
    for (const job of [...this.waiting, ...(this.running ? [this.running] : [])]) {
      clearTimeout(job.timer);
      job.reject(refused);
    }
    this.waiting.length = 0;
    this.running = undefined;
    const worker = this.worker;
    this.worker = undefined;
    await Promise.all([worker?.terminate(), this.abandoned]);
  }

  private pump(): void {
    if (this.running || this.closed || this.abandoned || this.waiting.length === 0) return;
    const worker = this.live();
    if (!this.ready) return;
    const job = this.waiting.shift();
    if (!job) return;
    this.running = job;
    job.timer = setTimeout(() => this.expire(job.id), this.limitMs);
    worker.postMessage({ id: job.id, filter: job.filter } satisfies SearchRequest);
  }

  private live(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(import.meta.url, 'search-worker', { workerData: this.data });
    worker.on('message', (reply: SearchReply) => {
      if (worker !== this.worker) return;
      if ('ready' in reply) {
        this.ready = true;
        this.pump();
      } else this.settle(reply);
    });
    // A worker that fails (it could not open the store) fails the search it was given, with the
    // store's own VrmError rebuilt: it crossed the thread as a plain Error.
    worker.on('error', (error) => {
      if (worker !== this.worker) return;
      this.worker = undefined;
      this.ready = false;
      const job = this.running;
      this.running = undefined;
      if (job) {
        clearTimeout(job.timer);
        job.reject(fromWorkerError(error));
      }
      this.pump();
    });
    worker.unref();
    this.worker = worker;
    this.ready = false;
    return worker;
  }

  private settle(reply: Exclude<SearchReply, { ready: true }>): void {
    const job = this.running;
    if (!job || job.id !== reply.id) return;
    this.running = undefined;
    clearTimeout(job.timer);
    if ('page' in reply) job.resolve(reply.page);
    else job.reject(new Error(reply.error));
    this.pump();
  }

  private expire(id: number): void {
    const seconds = String(this.limitMs / 1000).replace('.', ',');
    const tooLong = new VrmError(
      'invalid_input',
      `the search took more than ${seconds} s and was stopped: use fewer words, or longer ones before a *`,
    );
    const job = this.running;
    if (job?.id !== id) return;
    this.running = undefined;
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    if (worker) {
      // Searches already waiting go on a new worker once this one has ended.
      const ending: Promise<unknown> = worker.terminate().finally(() => {
        if (this.abandoned === ending) this.abandoned = undefined;
        this.pump();
      });
      this.abandoned = ending;
    }
    job.reject(tooLong);
  }
}
