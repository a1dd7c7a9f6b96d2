/**
 * Parses messages on worker threads, so that parsing (the import's heaviest CPU step) runs beside
 * classification and the encrypted writes of the main thread. Callers bound memory themselves by
 * awaiting results with a bounded number in flight; `parseInOrder` does exactly that for them.
 *
 * Bytes go to a worker by transfer, never by structured clone: cloning a Buffer that is a slice of
 * a large read (an mbox chunk) would copy the whole underlying ArrayBuffer.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../platform/workers.js';
import { MessageParseError } from './parse.js';
import { prepareMessage } from './prepare.js';
import type { ParsedMessage } from './types.js';

/** What the pool posts to a worker. */
export interface ParseRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly receivedAt?: string;
  /** Also deflate the raw message, to be kept as evidence. */
  readonly keepRaw?: boolean;
}

/** What a worker posts back for each request: the message, or why it could not be parsed. */
export type ParseReply =
  | { readonly id: number; readonly message: ParsedMessage }
  | { readonly id: number; readonly error: { readonly parse: boolean; readonly message: string } };

export interface ParseCallOptions {
  /**
   * Hand the Buffer's memory to the worker instead of copying it, when the Buffer owns its whole
   * ArrayBuffer (a slice of a larger one is always copied). **Important**: the caller's Buffer is
   * then emptied (detached), so only pass true when the bytes are not needed afterwards.
   */
  readonly transfer?: boolean;
}

/** One result of `parseInOrder`: the item as given, and its message or its parse error. */
export type ParseOutcome<T> =
  | { readonly item: T; readonly message: ParsedMessage; readonly error: null }
  | { readonly item: T; readonly message: null; readonly error: MessageParseError };

interface Pending {
  readonly resolve: (message: ParsedMessage) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  /** Requests handed to this worker and not answered yet (sent or still in the outbox). */
  readonly pending: Map<number, Pending>;
  /** Requests not yet posted: they go together as the next batch. */
  readonly outbox: ParseRequest[];
  batchesInFlight: number;
}

/**
 * Requests travel in batches: one `postMessage` costs about as much as parsing a small message,
 * so sending one at a time halves throughput. A worker has at most two batches in flight (one being
 * parsed, one queued behind it so it never idles); whatever arrives meanwhile waits in the outbox
 * and goes as the next batch, so batches grow under load and stay single when the pool is idle.
 */
const BATCHES_IN_FLIGHT = 2;
const MAX_BATCH = 64;

/** Leave one core to the main thread, which classifies, indexes and writes. */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * A parse worker holds one batch of messages at a time: a small heap, collected often, keeps the
 * import's memory flat (V8 would otherwise let each worker's heap grow to hundreds of MB first).
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 };
/** Messages larger than this are parsed in the calling thread, whose heap is not limited so. */
const IN_THREAD_BYTES = 8 * 1024 * 1024;

/**
 * A pool of parse workers. With size 0 it parses in the calling thread (same function, same
 * results), which suits tests and one-message imports.
 *
 * @example
 *   const pool = ParsePool.create();
 *   try {
 *     for await (const { item, message, error } of pool.parseInOrder(rawMessages)) { … }
 *   } finally {
 *     await pool.close();
 *   }
 */
export class ParsePool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  private constructor(
    readonly size: number,
    private readonly keepRaw: boolean,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /**
   * A pool of `size` workers (default: one per core but one; 0 parses in-thread). With `keepRaw`,
   * each message also comes back with its raw bytes deflated (`compressedRaw`).
   */
  static create(size: number = defaultPoolSize(), options: { keepRaw?: boolean } = {}): ParsePool {
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`pool size ${size} is not 0 or more`);
    return new ParsePool(size, options.keepRaw === true);
  }

  /**
   * Parses one message on the least busy worker. Rejects with a `MessageParseError` (same reason
   * as in-thread) when the input is not a message; any other failure rejects with an Error and
   * the pool carries on.
   */
  parse(raw: Buffer, receivedAt?: string, options: ParseCallOptions = {}): Promise<ParsedMessage> {
    if (this.closed) return Promise.reject(new Error('the parse pool is closed'));
    // A message of many MB is parsed here, with the main thread's larger heap, not in a worker's.
    const slot = raw.length > IN_THREAD_BYTES ? undefined : this.leastBusy();
    if (slot === undefined) {
      try {
        return Promise.resolve(prepareMessage(raw, receivedAt, this.keepRaw));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    const id = this.nextId++;
    const bytes = transferable(raw, options.transfer === true);
    const request: ParseRequest = {
      id,
      bytes,
      ...(receivedAt === undefined ? {} : { receivedAt }),
      ...(this.keepRaw ? { keepRaw: true } : {}),
    };
    return new Promise<ParsedMessage>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      if (slot.pending.size === 1) slot.worker.ref();
      slot.outbox.push(request);
      sendBatch(slot);
    });
  }

  /**
   * Parses a stream of items in order, with at most `limits.messages` messages and about
   * `limits.bytes` bytes handed out at once, so memory stays bounded however long the source is.
   * Parse errors are yielded, not thrown, so one bad message never stops an import; any other
   * error is thrown.
   */
  async *parseInOrder<T extends { readonly raw: Buffer; readonly receivedAt?: string }>(
    items: Iterable<T> | AsyncIterable<T>,
    limits: { readonly messages?: number; readonly bytes?: number } = {},
  ): AsyncGenerator<ParseOutcome<T>> {
    const maxMessages = limits.messages ?? Math.max(4, this.size * 32);
    const maxBytes = limits.bytes ?? 64 * 1024 * 1024;
    const queue: { item: T; result: Promise<ParsedMessage> }[] = [];
    let bytes = 0;
    const next = async (): Promise<ParseOutcome<T>> => {
      const head = queue.shift();
      if (head === undefined) throw new Error('parseInOrder: empty queue');
      bytes -= head.item.raw.length;
      try {
        return { item: head.item, message: await head.result, error: null };
      } catch (error) {
        if (error instanceof MessageParseError) return { item: head.item, message: null, error };
        throw error;
      }
    };
    for await (const item of items) {
      const result = this.parse(item.raw, item.receivedAt);
      // Awaited in order below; this only keeps an early rejection from counting as unhandled.
      result.catch(() => undefined);
      queue.push({ item, result });
      bytes += item.raw.length;
      while (queue.length >= maxMessages || (bytes >= maxBytes && queue.length > 0)) {
        yield await next();
      }
    }
    while (queue.length > 0) yield await next();
  }

  /** Stops the workers; messages still in flight reject. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      failAll(slot, new Error('the parse pool was closed'));
      // **Important**: a worker stays referenced until it has exited. terminate() settles on the
      // worker's exit, and an unreferenced worker does not keep the process alive that long: a
      // CLI awaiting close() (an import that failed while replies were queued) would end with
      // Node's exit code 13, "unsettled top-level await", and no message.
      slot.worker.ref();
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private leastBusy(): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of this.slots) {
      if (best === undefined || slot.pending.size < best.pending.size) best = slot;
    }
    return best;
  }

  private spawn(): Slot {
    const worker = startWorker(import.meta.url, 'parse-worker', { resourceLimits: WORKER_LIMITS });
    // An idle pool must not keep the process alive; a busy one must.
    worker.unref();
    const slot: Slot = { worker, pending: new Map(), outbox: [], batchesInFlight: 0 };
    worker.on('message', (replies: ParseReply[]) => {
      slot.batchesInFlight--;
      sendBatch(slot);
      for (const reply of replies) settle(slot, reply);
      if (slot.pending.size === 0 && !this.closed) worker.unref();
    });
    const replace = (error: Error): void => {
      failAll(slot, error);
      if (this.closed) return;
      // A crashed worker (out of memory, a bug) is replaced so the pool carries on.
      const index = this.slots.indexOf(slot);
      if (index !== -1) this.slots[index] = this.spawn();
    };
    worker.on('error', (error) => {
      replace(error);
    });
    worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) replace(new Error(`parse worker exited (${code})`));
    });
    return slot;
  }
}

function sendBatch(slot: Slot): void {
  if (slot.outbox.length === 0 || slot.batchesInFlight >= BATCHES_IN_FLIGHT) return;
  const batch = slot.outbox.splice(0, MAX_BATCH);
  slot.batchesInFlight++;
  slot.worker.postMessage(
    batch,
    batch.map((r) => r.bytes.buffer as ArrayBuffer),
  );
}

function settle(slot: Slot, reply: ParseReply): void {
  const pending = slot.pending.get(reply.id);
  if (pending === undefined) return;
  slot.pending.delete(reply.id);
  if ('message' in reply) pending.resolve(reply.message);
  else if (reply.error.parse) pending.reject(new MessageParseError(reply.error.message));
  else pending.reject(new Error(reply.error.message));
}

function failAll(slot: Slot, error: Error): void {
  for (const pending of slot.pending.values()) pending.reject(error);
  slot.pending.clear();
  slot.outbox.length = 0;
}

/**
 * The bytes to post: the Buffer's own memory when it owns its whole ArrayBuffer and the caller
 * allows it, else a copy of just its bytes (never the whole pool or file chunk behind a slice).
 */
function transferable(raw: Buffer, transfer: boolean): Uint8Array {
  const ownsWhole =
    raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength && raw.buffer instanceof ArrayBuffer;
  if (transfer && ownsWhole) return new Uint8Array(raw.buffer, 0, raw.byteLength);
  const copy = new Uint8Array(raw.byteLength);
  copy.set(raw);
  return copy;
}
