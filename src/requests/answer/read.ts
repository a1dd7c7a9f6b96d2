import { parse as parseCsv } from 'csv-parse/sync';
import { decodeText, looksBinary } from '../../platform/text-encoding.js';
import { htmlToText } from './html.js';
import { pdfText } from './pdf.js';
import {
  DEFAULT_ANSWER_LIMITS,
  type AnswerFile,
  type AnswerFileType,
  type AnswerLimits,
  type AnswerProblem,
} from './types.js';
import { looksLikeZip, unzip, type ZipBudget, type ZipEntryBytes } from './zip.js';

/** What an answer held: every file read, and every entry refused or read only in part. */
export interface AnswerRead {
  readonly files: AnswerFile[];
  readonly problems: AnswerProblem[];
}

const extension = (path: string): string => /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';

/** The type by the name first (what the sender meant), then by the first bytes. */
function typeOf(path: string, bytes: Buffer, text: string | null): AnswerFileType {
  const ext = extension(path);
  if (ext === 'pdf' || bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (ext === 'json') return 'json';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (text === null) return 'other';
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'html';
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  return 'text';
}

/** Line and column (1-based) of an offset, for messages a person can follow in an editor. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** JSON.parse's message names an offset (Node 20) or a line and column (Node 22); both end as line:column. */
function jsonError(text: string, error: Error): string {
  const message = error.message
    .replace(/\s*\(line \d+ column \d+\)$/, '')
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/, ".*" is not valid JSON$/s, '');
  const lineCol = /line (\d+) column (\d+)/.exec(error.message);
  const position = /position (\d+)/.exec(error.message);
  const endOfInput = /end of (JSON )?input/i.test(error.message);
  const at = lineCol
    ? { line: Number(lineCol[1]), column: Number(lineCol[2]) }
    : position || endOfInput
      ? lineColumn(text, position ? Number(position[1]) : text.length)
      : null;
  // Newer V8 names no place for some errors (it quotes the text instead); then none is guessed.
  const where = at ? ` at line ${at.line}, column ${at.column}` : '';
  return `is not valid JSON${where} (${message}); it was kept as text.`;
}

/** The delimiter used most in the first lines outside quotes: comma, semicolon (German Excel) or tab. */
export function sniffDelimiter(text: string): string {
  const sample = text
    .split('\n', 5)
    .join('\n')
    .replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, sample.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0] && counts[0][1] > 0 ? counts[0][0] : ',';
}

async function readOne(
  path: string,
  bytes: Buffer,
  limits: AnswerLimits,
): Promise<{ file: AnswerFile; problem?: AnswerProblem }> {
  const binary = looksBinary(bytes);
  const decoded = binary ? null : decodeText(bytes);
  const type = typeOf(path, bytes, decoded?.text ?? null);
  if (type === 'pdf') {
    const read = await pdfText(bytes, limits.pdftotext, limits.pdfTimeoutMs);
    if ('error' in read)
      return {
        file: { path, type, bytes },
        problem: { path, code: 'pdf_not_read', message: `${path} was kept, but ${read.error}`, kept: true },
      };
    return { file: { path, type, bytes, text: read.pages.join('\f'), pages: read.pages } };
  }
  if (decoded === null || type === 'other')
    return {
      file: { path, type: 'other', bytes },
      problem: {
        path,
        code: 'binary',
        message: `${path} was kept but not read: it is not text, JSON, CSV, HTML or PDF (an image or another binary file).`,
        kept: true,
      },
    };
  const { encoding, text } = decoded;
  if (type === 'json') {
    try {
      return { file: { path, type, bytes, encoding, text, json: JSON.parse(text) as unknown } };
    } catch (error) {
      return {
        file: { path, type: 'text', bytes, encoding, text },
        problem: {
          path,
          code: 'json_syntax',
          message: `${path} ${jsonError(text, error as Error)}`,
          kept: true,
        },
      };
    }
  }
  if (type === 'csv') {
    const delimiter = extension(path) === 'tsv' ? '\t' : sniffDelimiter(text);
    try {
      const records = parseCsv(text, {
        delimiter,
        relax_column_count: true,
        skip_empty_lines: true,
        bom: true,
      });
      const [header = [], ...rows] = records;
      return { file: { path, type, bytes, encoding, text, csv: { delimiter, header, rows } } };
    } catch (error) {
      const line = (error as { lines?: number }).lines;
      return {
        file: { path, type: 'text', bytes, encoding, text },
        problem: {
          path,
          code: 'csv_syntax',
          message: `${path} is not valid CSV${line ? ` near line ${line}` : ''} (${(error as Error).message.replace(/^Invalid \w+: /, '')}); it was kept as text.`,
          kept: true,
        },
      };
    }
  }
  if (type === 'html') return { file: { path, type, bytes, encoding, text: htmlToText(text) } };
  return { file: { path, type: 'text', bytes, encoding, text } };
}

/**
 * Reads the answer to a data-subject request: a ZIP of JSON, CSV, HTML, PDF and text files, or
 * one such file. A ZIP is unpacked within `limits` (entry count, sizes, compression ratio; names
 * that would escape the folder are refused); ZIPs inside it are opened one level deep by default
 * (`maxNesting`), deeper ones are kept unopened and named. Every file's encoding is found, and
 * every bad entry becomes a problem naming it while the good ones are kept.
 *
 * @example
 *   const { files, problems } = await readAnswer({ name: 'export.zip', bytes });
 */
export async function readAnswer(
  input: { name: string; bytes: Buffer },
  limits: Partial<AnswerLimits> = {},
): Promise<AnswerRead> {
  const settings: AnswerLimits = { ...DEFAULT_ANSWER_LIMITS, ...limits };
  const files: AnswerFile[] = [];
  const problems: AnswerProblem[] = [];
  const budget: ZipBudget = { entries: 0, bytes: 0 };
  const keep = async (entries: ZipEntryBytes[]) => {
    for (const entry of entries) {
      const { file, problem } = await readOne(entry.path, entry.bytes, settings);
      files.push(file);
      if (problem) problems.push(problem);
    }
  };
  const open = async (name: string, prefix: string, bytes: Buffer, depth: number): Promise<void> => {
    const unpacked = await unzip(bytes, name, prefix, settings, budget);
    problems.push(...unpacked.problems);
    await keep(unpacked.entries);
    for (const inner of unpacked.nested) {
      if (depth < settings.maxNesting) await open(inner.path, `${inner.path}/`, inner.bytes, depth + 1);
      else {
        files.push({ path: inner.path, type: 'other', bytes: inner.bytes });
        problems.push({
          path: inner.path,
          code: 'nested_zip',
          message:
            settings.maxNesting === 0
              ? `${inner.path} is a ZIP inside the answer; it was kept but not opened (ZIPs inside ZIPs are not opened). Unpack it and import it as an answer of its own.`
              : `${inner.path} is a ZIP nested ${depth + 1} levels deep; it was kept but not opened (vrm opens ZIPs inside the answer ${settings.maxNesting} level deep). Unpack it and import it as an answer of its own.`,
          kept: true,
        });
      }
    }
  };
  if (looksLikeZip(input.bytes)) await open(input.name, '', input.bytes, 0);
  else await keep([{ path: input.name, bytes: input.bytes }]);
  return { files, problems };
}
