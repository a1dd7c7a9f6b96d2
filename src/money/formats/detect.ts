/**
 * Which reader a statement file needs, from its first bytes (the file name only breaks a tie):
 * OFX 1 (`OFXHEADER:` or `<OFX>`), OFX 2 (`<?OFX`), QIF (`!Type:`, `!Account`, `!Option`), ISO
 * 20022 CAMT (its namespace), else CSV when the lines look like a table.
 */
import { decodeText, looksBinary } from '../../platform/text-encoding.js';
import type { StatementFormat } from '../statement.js';

export { detectPreset } from './csv-presets.js';

const HEAD = 8192;

/** Whether the first lines hold one delimiter the same number of times, at least once, as a table does. */
function looksTabular(head: string, complete: boolean): boolean {
  const lines = head
    .split(/\r?\n/u)
    .slice(0, 20)
    .filter((line) => line.trim() !== '');
  // The last line of the sample may be cut off.
  const whole = complete ? lines : lines.slice(0, -1);
  if (whole.length < 2) return false;
  return [';', ',', '\t', '|'].some((delimiter) => {
    const counts = whole.map((line) => line.split(delimiter).length - 1);
    const rows = counts.filter((count) => count > 0);
    if (rows.length * 2 <= whole.length) return false;
    const usual = rows.sort((a, b) => a - b)[Math.floor(rows.length / 2)] ?? 0;
    const alike = counts.filter((count) => count === usual).length;
    return alike >= 2 && alike * 2 > whole.length;
  });
}

/**
 * The format of a statement file, or null when it is none vrm reads (binary, or free text).
 *
 * @example sniffFormat(Buffer.from('OFXHEADER:100\nDATA:OFXSGML\n…'), 'bank.qfx') // 'ofx'
 */
export function sniffFormat(bytes: Buffer, fileName: string): StatementFormat | null {
  const sample = bytes.subarray(0, HEAD);
  if (sample.length === 0 || looksBinary(sample)) return null;
  // An even length keeps UTF-16 whole.
  const head = decodeText(sample.subarray(0, sample.length & ~1 || sample.length)).text.replace(
    /^\uFEFF/u,
    '',
  );
  const start = head.trimStart();
  if (/^OFXHEADER\s*:/iu.test(start) || /<\?OFX[\s?]/iu.test(head) || /<OFX>/iu.test(head)) return 'ofx';
  if (/^!(Type:|Account|Option|Clear)/iu.test(start)) return 'qif';
  if (/urn:iso:std:iso:20022:tech:xsd:camt\.\d{3}/u.test(head)) return 'camt';
  if (start.startsWith('<')) return /\.(ofx|qfx)$/iu.test(fileName) ? 'ofx' : null;
  if (looksTabular(head, bytes.length <= HEAD)) return 'csv';
  return /\.csv$/iu.test(fileName) && head.includes('\n') ? 'csv' : null;
}
