import type { TextEncoding } from '../../platform/text-encoding.js';

const LABELS: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8 with BOM': 'UTF-8 with BOM',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  'windows-1252': 'windows-1252',
  'iso-8859-1': 'ISO-8859-1',
};

/** How `ReadStatement.encoding` names a detected encoding (`UTF-8 with BOM`, `windows-1252`, `UTF-16LE`). */
export const encodingLabel = (encoding: TextEncoding): string => LABELS[encoding];
