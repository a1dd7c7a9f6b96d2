/**
 * A message's identity for de-duplication, the same whichever source delivered it.
 */
import { createHash } from 'node:crypto';
import { CR, isSpaceByte, LF } from './headers.js';

/** The headers that mbox and mail programs add; they are not part of the message for its identity. */
const UNSTABLE_HEADERS = new Set([
  'status',
  'x-status',
  'x-keywords',
  'x-uid',
  'x-mozilla-status',
  'x-mozilla-status2',
  'content-length',
]);

/**
 * SHA-256 over the message as every source would deliver it: no mbox `From ` line, LF line ends,
 * no status headers, no trailing whitespace. Computed over byte ranges, so the body is hashed in
 * place, never copied.
 */
export function fingerprint(raw: Buffer, start: number, headerEnd: number): string {
  const hash = createHash('sha256');
  const ranges: [number, number][] = [];
  const keep = (from: number, to: number): void => {
    const last = ranges[ranges.length - 1];
    if (last?.[1] === from) last[1] = to;
    else ranges.push([from, to]);
  };
  const newline = Buffer.from('\n');
  let dropping = false;
  let at = start;
  while (at < headerEnd) {
    let nl = raw.indexOf(LF, at);
    if (nl === -1 || nl >= headerEnd) nl = headerEnd;
    const lineEnd = nl > at && raw[nl - 1] === CR ? nl - 1 : nl;
    const c = raw[at];
    if (c !== 32 && c !== 9) {
      const colon = raw.indexOf(58, at);
      dropping =
        colon !== -1 &&
        colon < lineEnd &&
        UNSTABLE_HEADERS.has(raw.toString('latin1', at, colon).trimEnd().toLowerCase());
    }
    if (!dropping) {
      // The line and its LF in one range when it ends in a bare LF; else the LF is added apart.
      if (lineEnd === nl && nl < headerEnd) keep(at, nl + 1);
      else {
        keep(at, lineEnd);
        flushRanges(hash, raw, ranges);
        hash.update(newline);
      }
    }
    at = nl + 1;
  }
  flushRanges(hash, raw, ranges);
  let end = raw.length;
  while (end > headerEnd && isSpaceByte(raw[end - 1])) end--;
  hashWithoutCr(hash, raw, headerEnd, end);
  return hash.digest('hex');
}

function flushRanges(hash: ReturnType<typeof createHash>, raw: Buffer, ranges: [number, number][]): void {
  for (const [from, to] of ranges) hash.update(raw.subarray(from, to));
  ranges.length = 0;
}
/** Hashes `[from, to)` with every CRLF read as LF. */
function hashWithoutCr(hash: ReturnType<typeof createHash>, raw: Buffer, from: number, to: number): void {
  let at = from;
  for (;;) {
    const cr = raw.indexOf('\r\n', at);
    if (cr === -1 || cr >= to) break;
    if (cr > at) hash.update(raw.subarray(at, cr));
    at = cr + 1;
  }
  if (to > at) hash.update(raw.subarray(at, to));
}
