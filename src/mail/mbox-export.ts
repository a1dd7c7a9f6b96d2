import { inflateRawSync } from 'node:zlib';
import { writeMbox } from './files.js';
import { mboxFromLine, mboxrdBody } from './mbox-writer.js';
import type { MessageRepository } from './repository.js';

/**
 * Writes every stored message to an mbox (mboxrd), oldest first: the originals where they were
 * kept, else the headers and text vrm has. Your mail leaves vrm as it came in.
 */
export function exportMbox(
  messages: MessageRepository,
  path: string,
): { messages: number; originals: number } {
  let count = 0;
  let originals = 0;
  function* entries(): Generator<Buffer> {
    for (const page of messages.scan(['id', 'sentAt', 'importedAt', 'fromAddress', 'headers', 'body'])) {
      for (const m of page) {
        const compressed = messages.raw(m.id);
        const raw = compressed
          ? inflateRawSync(compressed)
          : Buffer.from(`${m.headers ?? ''}\n\n${m.body}\n`);
        if (compressed) originals++;
        yield mboxFromLine(m);
        yield mboxrdBody(raw);
        count++;
      }
    }
  }
  writeMbox(path, entries());
  return { messages: count, originals };
}
