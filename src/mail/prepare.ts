import { deflateRawSync } from 'node:zlib';
import { parseMessage } from './parse.js';
import type { ParsedMessage } from './types.js';

/** The raw message is kept as evidence up to this size; beyond, its headers and text are kept. */
export const MAX_RAW_BYTES = 16 * 1024 * 1024;

/**
 * Parses a message and, when asked, deflates its raw bytes for the store (level 1: most of the
 * saving for a fraction of the time). Runs in a parse worker, or in-thread for a pool of size 0.
 */
export function prepareMessage(raw: Buffer, receivedAt: string | undefined, keepRaw: boolean): ParsedMessage {
  const message = parseMessage(raw, receivedAt === undefined ? {} : { receivedAt });
  if (!keepRaw || raw.length > MAX_RAW_BYTES) return message;
  return { ...message, compressedRaw: deflateRawSync(raw, { level: 1 }) };
}
