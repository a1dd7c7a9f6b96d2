/**
 * What reading a data-subject request's answer gives (GDPR Art. 15 copy, Art. 20 export): the
 * files found, each with its text decoded, and a problem for every entry that was refused or
 * could not be read. Pure values; the proceedings keep the bytes as documents.
 */

/** How a file was read. `other` is kept as bytes only (images, unknown binaries). */
export type AnswerFileType = 'json' | 'csv' | 'html' | 'pdf' | 'text' | 'other';

/** One file of an answer: a ZIP entry (path inside the ZIP) or the single file imported. */
export interface AnswerFile {
  /** Path as named in the ZIP (`account/profile.json`), or the imported file's name. */
  readonly path: string;
  readonly type: AnswerFileType;
  /** The bytes as they were in the answer, so they can be kept as a document. */
  readonly bytes: Buffer;
  /** The character encoding found (`utf-8`, `utf-8 with BOM`, `utf-16le`, `windows-1252`…); none for PDF or binary. */
  readonly encoding?: string;
  /** Decoded text: the file's text, an HTML page's visible text, or a PDF's text (pages split by form feed). */
  readonly text?: string;
  /** A JSON file, parsed. */
  readonly json?: unknown;
  /** A CSV file: the header row and the data rows, with the delimiter found. */
  readonly csv?: { readonly delimiter: string; readonly header: string[]; readonly rows: string[][] };
  /** A PDF's text, page by page, when pdftotext read it. */
  readonly pages?: string[];
}

/** Why an entry was refused or not (fully) read. */
export type AnswerProblemCode =
  | 'too_many_entries'
  | 'too_large'
  | 'entry_too_large'
  | 'compression_ratio'
  | 'size_mismatch'
  | 'unsafe_name'
  | 'duplicate_name'
  | 'encrypted'
  | 'broken'
  | 'nested_zip'
  | 'unsupported_compression'
  | 'not_a_zip'
  | 'json_syntax'
  | 'csv_syntax'
  | 'pdf_not_read'
  | 'binary';

export interface AnswerProblem {
  /** The entry or file concerned (`the answer` for the whole ZIP). */
  readonly path: string;
  readonly code: AnswerProblemCode;
  /** Plain words: what is wrong, the numbers and limit concerned, and what to do. */
  readonly message: string;
  /** True when the file is still among `files` (read partly or kept as bytes). */
  readonly kept: boolean;
}

/**
 * Limits on a ZIP answer. The defaults fit any real "download your data" export (the largest seen
 * are photo archives of a few hundred MB) while stopping zip bombs long before memory runs out.
 */
export interface AnswerLimits {
  /** Most entries read from one answer, nested ZIPs included. Default 10,000. */
  readonly maxEntries: number;
  /** Most bytes inflated in all, nested ZIPs included. Default 512 MiB. */
  readonly maxTotalBytes: number;
  /** Most bytes inflated from one entry. Default 100 MiB. */
  readonly maxEntryBytes: number;
  /** Highest uncompressed/compressed ratio of an entry over 1 MiB. Default 100 (text zips at 5–20). */
  readonly maxRatio: number;
  /** How deep ZIPs inside the ZIP are opened: 0 never, 1 one level (default). */
  readonly maxNesting: number;
  /** Longest wait for pdftotext on one PDF, in milliseconds. Default 20,000. */
  readonly pdfTimeoutMs: number;
  /** The pdftotext program; a path or a name looked up on PATH. Default `pdftotext`. */
  readonly pdftotext: string;
}

export const DEFAULT_ANSWER_LIMITS: AnswerLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 512 * 1024 * 1024,
  maxEntryBytes: 100 * 1024 * 1024,
  maxRatio: 100,
  maxNesting: 1,
  pdfTimeoutMs: 20_000,
  pdftotext: 'pdftotext',
};

/** Entries smaller than this are never refused for their ratio: a small file of zeros is no bomb. */
export const RATIO_FLOOR_BYTES = 1024 * 1024;
