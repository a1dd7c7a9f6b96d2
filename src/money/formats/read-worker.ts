/**
 * The worker side of `StatementReadAhead`: reads each statement its owner sends and posts back
 * what the reader made of it, or that it could not (the owner then reads the file itself, so any
 * message the person sees is the reader's own, from the main thread).
 */
import { parentPort } from 'node:worker_threads';
import { readStatementFile } from './index.js';
import type { ReadReply, ReadRequest } from './read-ahead.js';

const port = parentPort;
if (port === null) throw new Error('read-worker.js runs as a worker thread of StatementReadAhead');

port.on('message', (request: ReadRequest) => {
  let reply: ReadReply;
  try {
    const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
    // As JSON text: one string crosses to the owner as a copy of its bytes, and JSON.parse there is
    // several times faster than taking apart the structured clone of thousands of bookings.
    reply = { id: request.id, json: JSON.stringify(readStatementFile(bytes, request.name, request.options)) };
  } catch {
    reply = { id: request.id, json: null };
  }
  port.postMessage(reply);
});
