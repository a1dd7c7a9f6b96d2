import { basename } from 'node:path';
import type { Clock } from '../platform/clock.js';
import { notFound, VrmError } from '../platform/errors.js';
import { isDiskFull } from '../platform/files.js';
import { expandPath } from '../platform/paths.js';
import type { AccountService } from './accounts.js';
import type { ClassificationService } from './classification.js';
import type { MailContext } from './context.js';
import { countMaildir, fileKind, fileSize, headHash, sameHead } from './files.js';
import { runImport, type ImportJob, type ImportProgress, type ImportSummary } from './importer.js';
import type {
  BatchRepository,
  ImportRepository,
  LeakRepository,
  SourceRepository,
  SourceRow,
} from './repository.js';
import type { FileKind } from './schemas.js';
import { readEml } from './sources/eml.js';
import { fetchImap } from './sources/imap.js';
import { readMaildir } from './sources/maildir.js';
import { readMbox } from './sources/mbox.js';
import type { SourceProblem } from './types.js';

export interface ImportOptions {
  /** Say what the path is instead of letting vrm tell. */
  readonly kind?: FileKind;
  /** Read an mbox from its start even when an earlier import got further (everything is then a duplicate). */
  readonly full?: boolean;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Told the import's id as soon as it is recorded, before the first message. */
  readonly onStart?: (importId: number) => void;
  /** Parse workers (default: one per core but one; 0 parses on the main thread). */
  readonly poolSize?: number;
}

/** A path of `importPaths` that could not be imported at all, with the error that says why. */
export interface PathFailure {
  readonly path: string;
  readonly error: VrmError;
}

export interface PathsImport {
  readonly summaries: readonly ImportSummary[];
  readonly failures: readonly PathFailure[];
}

/** The repositories an import writes to. */
export interface ImportStores {
  readonly batch: BatchRepository;
  readonly imports: ImportRepository;
  readonly sources: SourceRepository;
  readonly leaks: LeakRepository;
}

/** Messages in memory as the stream an import reads. */
async function* asAsync<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield await Promise.resolve(item);
}

async function* mapMessages<T, U>(source: AsyncIterable<T>, map: (item: T) => U): AsyncGenerator<U> {
  for await (const item of source) yield map(item);
}

/**
 * Imports: from an mbox, a Maildir, .eml files, messages in memory and IMAP accounts, each
 * recorded with its counts and skips, resumable, and classified by what is known when it runs.
 */
export class ImportService {
  constructor(
    private readonly stores: ImportStores,
    private readonly context: MailContext,
    private readonly classification: ClassificationService,
    private readonly accounts: AccountService,
    private readonly clock: Clock,
  ) {}

  /**
   * Imports an mbox file, a Maildir folder or one .eml file. An mbox imported before resumes after
   * the last message stored (a crashed import goes on; a grown mbox brings only the new mail).
   *
   * @example await mail.importPath('~/Takeout/All mail.mbox', { onProgress }) // → { imported: 5812, duplicates: 0, … }
   */
  async importPath(path: string, options: ImportOptions = {}): Promise<ImportSummary> {
    const location = expandPath(path);
    return this.importFile(location, { location, label: basename(location) }, options);
  }

  /**
   * Imports the file at `file`, recorded as the source at `as.location`: the path itself, or
   * `upload:NAME` for a file the browser sent, whose temporary copy has a name of no meaning.
   */
  async importFile(
    file: string,
    as: { location: string; label: string },
    options: ImportOptions,
  ): Promise<ImportSummary> {
    const { location, label } = as;
    const kind = options.kind ?? (await fileKind(file, label));
    const sourceId = await this.ensureSource(kind, location, label);
    const problems: SourceProblem[] = [];
    const onProblem = (p: SourceProblem) => problems.push(p);
    // Everything that reads the file comes before the import is recorded, so a file that fails
    // here leaves no import behind marked running.
    let job: Omit<ImportJob, 'importId'>;
    if (kind === 'mbox') {
      const size = await fileSize(file);
      const earlier = (await this.stores.sources.syncState(sourceId)).find((s) => s.folder === location);
      const resume =
        !options.full &&
        earlier !== undefined &&
        (earlier.byteOffset ?? 0) <= size &&
        (await sameHead(file, earlier.headHash));
      const startOffset = resume ? (earlier.byteOffset ?? 0) : 0;
      const head = resume ? (earlier.headHash ?? '') : await headHash(file);
      job = {
        sourceId,
        location,
        total: size,
        unit: 'bytes',
        problems,
        resumedFrom: startOffset > 0 ? `byte ${startOffset} of ${size}, where the last import stopped` : null,
        messages: mapMessages(readMbox(file, { startOffset, onProblem }), (m) => ({
          ...m,
          done: m.endOffset,
          checkpoint:
            m.endOffset === undefined
              ? undefined
              : {
                  sourceId,
                  folder: location,
                  uidValidity: null,
                  lastUid: null,
                  byteOffset: m.endOffset,
                  headHash: head,
                },
        })),
      };
    } else if (kind === 'maildir') {
      job = {
        sourceId,
        location,
        total: await countMaildir(file),
        unit: 'messages',
        problems,
        resumedFrom: null,
        messages: readMaildir(file, { onProblem }),
      };
    } else {
      const message = await readEml(file, { onProblem });
      job = {
        sourceId,
        location,
        total: 1,
        unit: 'messages',
        problems,
        resumedFrom: null,
        messages: asAsync(message ? [{ ...message, location: label }] : []),
      };
    }
    const importId = await this.startImport(sourceId, kind, location);
    options.onStart?.(importId);
    return this.run({ ...job, importId }, options);
  }

  /**
   * Imports several paths one after another (`vrm mail import *.eml`). A path that cannot be
   * imported at all (missing, unreadable, not mail) is named with its reason and the next one is
   * imported all the same; only a bug stops the rest. `each` is told of every path as it starts, for
   * its progress, and of how it ended.
   *
   * @example await mail.importPaths(['a.eml', 'b.eml']) // → { summaries: [{ imported: 1, … }, …], failures: [] }
   */
  async importPaths(
    paths: readonly string[],
    options: Omit<ImportOptions, 'onProgress' | 'onStart'> & {
      each?: (path: string) => {
        onProgress?: (progress: ImportProgress) => void;
        done?: (outcome: ImportSummary | PathFailure) => void;
      };
    } = {},
  ): Promise<PathsImport> {
    const summaries: ImportSummary[] = [];
    const failures: PathFailure[] = [];
    for (const path of paths) {
      const hooks = options.each?.(path) ?? {};
      let outcome: ImportSummary | PathFailure;
      try {
        outcome = await this.importPath(path, { ...options, onProgress: hooks.onProgress });
        summaries.push(outcome);
      } catch (error) {
        if (!(error instanceof VrmError)) throw error;
        outcome = { path, error };
        failures.push(outcome);
      }
      hooks.done?.(outcome);
    }
    return { summaries, failures };
  }

  /**
   * Imports messages held in memory (the demo's, a message pasted in): one import under a source
   * of that label, with the same pipeline and the same guarantees as a file.
   */
  async importRaw(
    label: string,
    messages: readonly { raw: Buffer; location: string }[],
    options: ImportOptions = {},
  ) {
    const location = `vrm:${label}`;
    const sourceId = await this.ensureSource('eml', location, label);
    const importId = await this.startImport(sourceId, 'eml', location);
    options.onStart?.(importId);
    return this.run(
      {
        importId,
        sourceId,
        location,
        total: messages.length,
        unit: 'messages',
        problems: [],
        resumedFrom: null,
        messages: asAsync(messages),
      },
      options,
    );
  }

  /** Fetches new mail from an IMAP account: only what arrived since the last fetch (by UIDVALIDITY and UID). */
  async fetchAccount(sourceRef: number, options: Omit<ImportOptions, 'kind'> = {}): Promise<ImportSummary> {
    const source = await this.accounts.source(sourceRef);
    if (source.kind !== 'imap')
      throw new VrmError('invalid_input', `mail source ${source.id} is not an IMAP account`);
    const settings = this.accounts.settingsOf(source);
    const state = new Map<string, { uidValidity: string; lastUid: number }>();
    if (!options.full) {
      for (const s of await this.stores.sources.syncState(source.id)) {
        if (s.uidValidity !== null && s.lastUid !== null)
          state.set(s.folder, { uidValidity: s.uidValidity, lastUid: s.lastUid });
      }
    }
    const importId = await this.startImport(source.id, 'imap', source.location);
    options.onStart?.(importId);
    const problems: SourceProblem[] = [];
    let total = 0;
    const job: ImportJob = {
      importId,
      sourceId: source.id,
      location: source.location,
      unit: 'messages',
      problems,
      resumedFrom:
        state.size > 0
          ? `the last fetch (${[...state].map(([f, s]) => `${f} after UID ${s.lastUid}`).join(', ')})`
          : null,
      get total() {
        return total > 0 ? total : null;
      },
      messages: mapMessages(
        fetchImap(settings, state, {
          onFolder: (_folder, info) => {
            total += info.toFetch;
          },
          onProblem: (p) => problems.push(p),
        }),
        (m) => ({
          ...m,
          checkpoint: {
            sourceId: source.id,
            folder: m.folder,
            uidValidity: m.uidValidity,
            lastUid: m.uid,
            byteOffset: null,
            headHash: null,
          },
        }),
      ),
    };
    return this.run(job, options);
  }

  /** The latest imports, newest first, with their skips. */
  async imports(limit = 20) {
    const rows = await this.stores.imports.imports(limit);
    return rows.map((r) => ({ ...r, skips: JSON.parse(r.skips) as SourceProblem[] }));
  }

  /** One import as recorded, with its skips. */
  async importRecord(id: number) {
    const row = await this.stores.imports.importRow(id);
    if (!row) throw notFound('mail import', id);
    return { ...row, skips: JSON.parse(row.skips) as SourceProblem[] };
  }

  private async run(job: ImportJob, options: ImportOptions): Promise<ImportSummary> {
    const { batch, imports, leaks } = this.stores;
    await this.classification.ensureClassified();
    // What the import classifies by, as it stood before its context was read.
    const stamp = this.classification.stamp();
    const [classifier, { rules, providers, switchedOff }] = await Promise.all([
      this.context.classifier(),
      this.context.triage(),
    ]);
    let summary: ImportSummary;
    try {
      summary = await batch.bulkWrites(() =>
        runImport(job, {
          repo: batch,
          clock: this.clock,
          classifier,
          rules,
          providers,
          switchedOff,
          poolSize: options.poolSize,
          onProgress: options.onProgress,
        }),
      );
    } catch (error) {
      try {
        await imports.finishImport(job.importId, {
          status: 'failed',
          finishedAt: this.clock().toISOString(),
          error: error instanceof Error ? error.message : String(error),
        });
        leaks.rebuildLeakEvents();
      } catch (again) {
        // On a full disk this write fails too; the next import marks this one interrupted.
        if (!isDiskFull(again)) throw again;
      }
      if (isDiskFull(error)) {
        throw new VrmError(
          'cannot_write',
          `the disk holding the store filled up during the import of ${job.location}: the messages ` +
            'imported before that are kept. Free some space and run the same import again: it skips what is in already.',
          { cause: error },
        );
      }
      throw error;
    }
    // Another vrm changed what classification reads while this import ran (a provider added from
    // the web app): the messages imported since were classified by what was known before.
    if (this.classification.stamp() !== stamp) await this.classification.classifyAll();
    else leaks.rebuildLeakEvents();
    await imports.finishImport(job.importId, {
      status: 'done',
      finishedAt: this.clock().toISOString(),
      seen: summary.seen,
      imported: summary.imported,
      duplicates: summary.duplicates,
      skipped: summary.skipped,
      skips: JSON.stringify(summary.skips),
    });
    return summary;
  }

  private async ensureSource(kind: SourceRow['kind'], location: string, label: string): Promise<number> {
    const existing = await this.stores.sources.sourceAt(kind, location);
    if (existing) return existing.id;
    const now = this.clock().toISOString();
    return this.stores.sources.insertSource({
      kind,
      label,
      location,
      host: null,
      port: null,
      security: null,
      username: null,
      password: null,
      allowSelfSigned: false,
      folders: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  private async startImport(sourceId: number, kind: string, location: string): Promise<number> {
    await this.stores.imports.markInterrupted(this.clock().toISOString());
    return this.stores.imports.startImport({
      sourceId,
      kind,
      location,
      startedAt: this.clock().toISOString(),
      status: 'running',
      pid: process.pid,
    });
  }
}
