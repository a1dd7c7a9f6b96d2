/**
 * Several statement files imported in a row (`vrm money import *.ofx`): the next file is read on a
 * worker thread while the one before is matched and stored, so both cores work (see
 * `formats/read-ahead.ts`). Each file stands alone: one that cannot be read or stored is told with
 * its reason and the others go on.
 */
import { createHash } from 'node:crypto';
import type { StatementFileOptions } from './formats/index.js';
import { StatementReadAhead } from './formats/read-ahead.js';
import { readStatementFile, streamsAsChunks } from './formats/index.js';
import type { ImportOptions, StatementFile, StatementImportSummary, StatementInput } from './import.js';

/** A file to import: its name as messages show it, and its bytes, read when its turn comes. */
export interface StatementSource {
  readonly name: string;
  /** Throws (a file that is not there) to make this file's outcome an error. */
  readonly bytes: () => Buffer;
}

/** What became of one file: its import's summary, or the error that stopped it. */
export type FileImportOutcome =
  | { readonly name: string; readonly summary: StatementImportSummary; readonly error?: undefined }
  | { readonly name: string; readonly summary?: undefined; readonly error: unknown };

/** What the caller hears of each file: its progress while it is stored, and its outcome when done. */
export interface EachFile {
  readonly progress?: ((name: string) => ImportOptions) | undefined;
  readonly done?: ((outcome: FileImportOutcome) => void) | undefined;
}

/** The reading options of the files (the person's, checked once), and what the import keeps of them. */
export interface FileOptions {
  readonly read: StatementFileOptions;
  readonly kept: Readonly<Record<string, unknown>>;
}

export interface ImportFilesParts {
  readonly options: () => Promise<FileOptions>;
  readonly store: (
    read: StatementInput,
    file: StatementFile,
    options: ImportOptions,
  ) => Promise<StatementImportSummary>;
}

interface Prepared {
  readonly read: StatementInput;
  readonly file: StatementFile;
}

/** Imports the files in order, each read ahead of its turn; answers each file's outcome. */
export async function importFiles(
  parts: ImportFilesParts,
  files: readonly StatementSource[],
  each: EachFile = {},
): Promise<FileImportOutcome[]> {
  // A worker when there is something to overlap: the next file's reading with this one's storing,
  // or a file read as a stream (CAMT) with its own storing. One other file is read here.
  let worker: StatementReadAhead | undefined;
  const ahead = (): StatementReadAhead => (worker ??= StatementReadAhead.start());
  const options = parts.options();
  // Options that cannot be used are every file's error, told in each file's turn.
  options.catch(() => undefined);
  const prepare = async (source: StatementSource, last: boolean): Promise<Prepared> => {
    const { read, kept } = await options;
    const bytes = source.bytes();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = { name: source.name, sha256, options: kept };
    // Only the last file is streamed: the worker reads files in turn, and one whose import stopped
    // part way would hold up the reading of those after it.
    if (last && streamsAsChunks(bytes, source.name, read))
      return { read: ahead().stream(bytes, source.name, read, () => source.bytes()), file };
    const statement =
      files.length > 1
        ? await ahead().read(bytes, source.name, read)
        : readStatementFile(bytes, source.name, read);
    return { read: statement, file };
  };
  const outcomes: FileImportOutcome[] = [];
  try {
    let next = files[0] && prepare(files[0], files.length === 1);
    for (let i = 0; i < files.length; i++) {
      const source = files[i] as StatementSource;
      const current = next;
      // The next file's reading starts now, on the worker, while this one is stored.
      const following = files[i + 1];
      next = following && prepare(following, i + 1 === files.length - 1);
      // Its failure is this loop's to tell in its turn, not an unhandled rejection meanwhile.
      next?.catch(() => undefined);
      let outcome: FileImportOutcome;
      try {
        const prepared = await (current as Promise<Prepared>);
        const summary = await parts.store(prepared.read, prepared.file, each.progress?.(source.name) ?? {});
        outcome = { name: source.name, summary };
      } catch (error) {
        outcome = { name: source.name, error };
      }
      outcomes.push(outcome);
      each.done?.(outcome);
    }
  } finally {
    await worker?.close();
  }
  return outcomes;
}
