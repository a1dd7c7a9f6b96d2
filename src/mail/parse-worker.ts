/**
 * The worker side of `ParsePool`: parses each batch of messages its pool sends and posts back, in
 * one message, each result or the reason it could not be parsed. Nothing it receives can crash it:
 * every error becomes a reply.
 */
import { parentPort } from 'node:worker_threads';
import { MessageParseError } from './parse.js';
import { prepareMessage } from './prepare.js';
import type { ParseReply, ParseRequest } from './pool.js';

const port = parentPort;
if (port === null) throw new Error('parse-worker.js runs as a worker thread of ParsePool');

port.on('message', (requests: ParseRequest[]) => {
  port.postMessage(requests.map(parseOne));
});

function parseOne(request: ParseRequest): ParseReply {
  try {
    const raw = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
    return { id: request.id, message: prepareMessage(raw, request.receivedAt, request.keepRaw === true) };
  } catch (error) {
    return {
      id: request.id,
      error: {
        parse: error instanceof MessageParseError,
        message: error instanceof Error ? error.message : String(error),
      },
    };
  }
}
