/**
 * The worker side of `StatementReadAhead`: reads each statement its owner sends and posts back
 * what the reader made of it, or that it could not (the owner then reads the file itself, so any
 * message the person sees is the reader's own, from the main thread).
 */
import { parentPort } from 'node:worker_threads';
import { readStatementFile, statementChunks } from './index.js';
import type { ChunkTaken, ReadReply, ReadRequest } from './read-ahead.js';

const port = parentPort;
if (port === null) throw new Error('read-worker.js runs as a worker thread of StatementReadAhead');

/** Chunks of a stream sent and not yet taken by the owner: the worker waits beyond this many. */
const AHEAD = 4;
const waiting = new Map<number, { sent: number; resume?: (() => void) | undefined }>();
/** One request after the other: a stream waiting for its owner holds back the next file. */
let queue = Promise.resolve();

port.on('message', (message: ReadRequest | ChunkTaken) => {
  if ('taken' in message) {
    const stream = waiting.get(message.taken);
    if (stream) {
      stream.sent -= 1;
      stream.resume?.();
    }
    return;
  }
  const request = message;
  // Whatever goes wrong is a null answer, which the owner reads as "read it yourself".
  queue = queue
    .then(() => answer(request))
    .catch(() => port.postMessage({ id: request.id, json: null } satisfies ReadReply));
});

async function answer(request: ReadRequest): Promise<void> {
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  if (request.stream) {
    await streamBack(request, bytes);
    return;
  }
  let reply: ReadReply;
  try {
    // As JSON text: one string crosses to the owner as a copy of its bytes, and JSON.parse there is
    // several times faster than taking apart the structured clone of thousands of bookings.
    reply = { id: request.id, json: JSON.stringify(readStatementFile(bytes, request.name, request.options)) };
  } catch {
    reply = { id: request.id, json: null };
  }
  port?.postMessage(reply);
}

/**
 * A chunk at a time, as each is read, then the end; null when the reading failed part way. At
 * most `AHEAD` chunks wait for the owner, so a file read faster than it is stored is not piled
 * up in memory.
 */
async function streamBack(request: ReadRequest, bytes: Buffer): Promise<void> {
  const stream: { sent: number; resume?: (() => void) | undefined } = { sent: 0 };
  waiting.set(request.id, stream);
  try {
    const chunks = statementChunks(bytes, request.name, request.options);
    for (;;) {
      const step = chunks.next();
      port?.postMessage({
        id: request.id,
        json: JSON.stringify(step.value),
        more: !step.done,
      } satisfies ReadReply);
      if (step.done) return;
      stream.sent += 1;
      while (stream.sent >= AHEAD) await new Promise<void>((resolve) => (stream.resume = resolve));
    }
  } catch {
    port?.postMessage({ id: request.id, json: null } satisfies ReadReply);
  } finally {
    waiting.delete(request.id);
  }
}
