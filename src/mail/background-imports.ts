import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BackgroundJobs } from '../platform/ingest/background.js';
import { parseInput } from '../platform/validation.js';
import { UPLOAD_PREFIX, writePrivately } from './files.js';
import { confineImportPath, type ImportFolders } from './import-folders.js';
import type { ImportProgress, ImportSummary } from './importer.js';
import type { ImportOptions, ImportService } from './imports.js';
import { startInput, uploadInput, type StartInput, type UploadInput } from './schemas.js';

/** The largest file the browser may send: a few years of mail; larger ones are imported by path. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/**
 * Imports the web app starts: each answers as soon as it is recorded, goes on in the background,
 * and tells its progress through `importStatus`.
 */
export class BackgroundImports {
  /** Imports running in this process (the web app's), with their latest progress. */
  private readonly jobs = new BackgroundJobs<ImportProgress>();

  constructor(private readonly imports: ImportService) {}

  /**
   * Starts an import and answers as soon as it is recorded, with its id; it goes on in the
   * background, and `importStatus` tells its progress. For the web app: a path is read only
   * inside `within` (home and the named folders, see import-folders.ts), checked before anything
   * else touches it.
   */
  async start(input: StartInput, within: ImportFolders): Promise<{ importId: number }> {
    const target = parseInput(startInput, input, 'import');
    const path = target.path === undefined ? undefined : await confineImportPath(target.path, within);
    return this.inBackground(
      (options) =>
        target.sourceId !== undefined
          ? this.imports.fetchAccount(target.sourceId, options)
          : this.imports.importPath(path ?? '', options),
      { kind: target.kind, full: target.full },
    );
  }

  /**
   * Starts importing a file the browser sent (an mbox or one .eml): its bytes are written to a
   * temporary file readable by this user alone in `folder` (the store's own), imported like a
   * file by path and recorded as `upload:NAME`, and the temporary file is removed when the import
   * ends, however it ends. Answers, like `start`, once the import is recorded.
   *
   * @example await mail.startUpload(request.body, { name: 'All mail.mbox', folder: '/home/alex/.local/share/vrm' })
   */
  async startUpload(bytes: AsyncIterable<Uint8Array>, input: UploadInput): Promise<{ importId: number }> {
    const target = parseInput(uploadInput, input, 'upload');
    const file = join(target.folder, `${UPLOAD_PREFIX}${randomUUID()}`);
    const remove = () => rm(file, { force: true });
    try {
      await writePrivately(file, bytes, MAX_UPLOAD_BYTES);
    } catch (error) {
      await remove();
      throw error;
    }
    const as = { location: `upload:${target.name}`, label: target.name };
    return this.inBackground(
      (options) => this.imports.importFile(file, as, options),
      { kind: target.kind },
      remove,
    );
  }

  /** An import as recorded, with its latest progress while this process runs it. */
  async importStatus(id: number) {
    const record = await this.imports.importRecord(id);
    return { ...record, progress: this.jobs.progress(id) };
  }

  /** Runs an import in the background and answers with its id once it is recorded. */
  private async inBackground(
    work: (options: ImportOptions) => Promise<ImportSummary>,
    base: Pick<ImportOptions, 'kind' | 'full'>,
    after?: () => Promise<void>,
  ): Promise<{ importId: number }> {
    const { id } = await this.jobs.start((hooks) => work({ ...base, ...hooks }), after);
    return { importId: id };
  }
}
