import { createHash, randomUUID } from 'node:crypto';
import { open, readdir, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { directoryByDomain, domainOf } from '../directory/directory.js';
import type { IdentityService } from '../identities/service.js';
import type { Clock } from '../platform/clock.js';
import { todayUtc } from '../platform/dates.js';
import type { Store } from '../platform/db/store.js';
import { notFound, VrmError } from '../platform/errors.js';
import { isDiskFull, writeNewFile } from '../platform/files.js';
import { nameText, parseInput } from '../platform/validation.js';
import type { ProviderService } from '../providers/service.js';
import { classify, type Classification, type ClassifierContext } from './classify.js';
import { confineImportPath, type ImportFolders } from './import-folders.js';
import { runImport, type ImportJob, type ImportProgress, type ImportSummary } from './importer.js';
import {
  MailRepository,
  type MessageRow,
  type MessageSummaryRow,
  type RuleRow,
  type SearchFilter,
  type SourceRow,
} from './repository.js';
import {
  ruleActions,
  ruleConditions,
  triage,
  ATTENTION,
  type ProviderFacts,
  type Rule,
  type TriageInput,
} from './rules.js';
import { parseMessage } from './parse.js';
import { parseSearch } from './search.js';
import { snippet } from './snippet.js';
import { readEml } from './sources/eml.js';
import { fetchImap, listImapFolders, type ImapSettings } from './sources/imap.js';
import { readMaildir } from './sources/maildir.js';
import { readMbox } from './sources/mbox.js';
import type { Envelope, SourceProblem } from './types.js';

export type FileKind = 'mbox' | 'maildir' | 'eml';

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

const accountInput = z.object({
  label: nameText('label', 100).optional(),
  host: z.string({ error: 'host is required' }).trim().min(1, { error: 'host is required' }),
  port: z.number().int().min(1).max(65535).optional(),
  security: z
    .enum(['tls', 'starttls', 'none'], { error: 'security must be tls, starttls or none' })
    .default('tls'),
  username: z.string({ error: 'username is required' }).trim().min(1, { error: 'username is required' }),
  password: z.string({ error: 'password is required' }).min(1, { error: 'password is required' }),
  folders: z.array(z.string().trim().min(1)).min(1).optional(),
  /** For a server with a self-signed certificate (a test server, a home server). */
  allowSelfSigned: z.boolean().optional(),
});
export type AccountInput = z.input<typeof accountInput>;

const ruleInput = z.object({
  name: nameText('name', 100),
  conditions: ruleConditions,
  actions: ruleActions,
  enabled: z.boolean().optional(),
  position: z.number().int().positive().optional(),
});
export type RuleInput = z.input<typeof ruleInput>;

const startInput = z
  .object({
    path: z.string().trim().min(1, { error: 'path must not be empty' }).optional(),
    kind: z.enum(['mbox', 'maildir', 'eml']).optional(),
    full: z.boolean().optional(),
    sourceId: z.number().int().positive().optional(),
  })
  .refine((i) => (i.path === undefined) !== (i.sourceId === undefined), {
    error: 'give either the path of a file or folder, or the sourceId of an IMAP account',
  });

const UPLOAD_PREFIX = '.vrm-upload-';

/** Without control characters, which a file's name shown in a page or a terminal must not carry. */
const printable = (text: string): string => text.replace(/\p{Cc}/gu, '');

/**
 * Removes the temporary copies of uploads that a killed server left in `folder`: mail in plain
 * text must not lie beside the encrypted store. Run when the server starts, before any upload.
 */
export async function removeLeftoverUploads(folder: string): Promise<number> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const leftovers = names.filter((name) => name.startsWith(UPLOAD_PREFIX));
  await Promise.all(leftovers.map((name) => rm(join(folder, name), { force: true })));
  return leftovers.length;
}

/** The largest file the browser may send: a few years of mail; larger ones are imported by path. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const uploadInput = z.object({
  // Only the file's own name is kept, without any folder a browser might put before it.
  name: z
    .string({ error: 'name is required: the name of the file' })
    .transform((n) => printable(basename(n.replace(/\\/g, '/'))).trim())
    .pipe(z.string().min(1, { error: 'name must be the name of the file' }).max(255)),
  kind: z
    .enum(['mbox', 'eml'], { error: 'kind must be mbox or eml: a Maildir folder is imported by path' })
    .optional(),
  folder: z.string().min(1),
});

const placementInput = z
  .object({
    attention: z.enum(ATTENTION).optional(),
    folder: z.string().trim().min(1).max(60).optional(),
    muted: z.boolean().optional(),
    flagged: z.boolean().optional(),
  })
  .strict();
export type PlacementInput = z.input<typeof placementInput>;

const inboxFilter = z.object({
  attention: z.enum(ATTENTION).optional(),
  folder: z.string().trim().min(1).optional(),
  provider: z.union([z.number().int().positive(), z.string().trim().min(1)]).optional(),
  identity: z.number().int().positive().optional(),
  leak: z.number().int().positive().optional(),
  muted: z.boolean().optional(),
  flagged: z.boolean().optional(),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});
export type InboxFilter = z.input<typeof inboxFilter>;

/** A mail source as shown: never the password. */
export type SourceView = Omit<SourceRow, 'password' | 'folders'> & {
  folders: string[] | null;
  hasPassword: boolean;
};
const view = ({ password, folders, ...row }: SourceRow): SourceView => ({
  ...row,
  folders: folders === null ? null : (JSON.parse(folders) as string[]),
  hasPassword: password !== null,
});

const ruleOf = (row: RuleRow): Rule & { position: number; enabled: boolean } => ({
  id: row.id,
  name: row.name,
  position: row.position,
  enabled: row.enabled === 1,
  conditions: JSON.parse(row.conditions) as Rule['conditions'],
  actions: JSON.parse(row.actions) as Rule['actions'],
});

const CLASSIFIER_STAMP = 'classifier';

const sameClassification = (row: Pick<MessageRow, ClassifiedColumn>, c: Classification): boolean =>
  row.identityId === c.identityId &&
  row.identityProviderId === c.identityProviderId &&
  row.identityAddress === c.identityAddress &&
  row.identityHeader === c.identityHeader &&
  row.identityHow === c.identityHow &&
  row.senderKey === c.senderKey &&
  row.senderProviderId === c.senderProviderId &&
  row.senderLabel === c.senderLabel &&
  row.senderEvidence === c.senderEvidence &&
  row.leak === (c.leak ? 1 : 0) &&
  row.isList === (c.isList ? 1 : 0);
const CLASSIFIED_COLUMNS = [
  'id',
  'envelope',
  'identityId',
  'identityProviderId',
  'identityAddress',
  'identityHeader',
  'identityHow',
  'senderKey',
  'senderProviderId',
  'senderLabel',
  'senderEvidence',
  'leak',
  'isList',
] as const;
type ClassifiedColumn = (typeof CLASSIFIED_COLUMNS)[number];

/** Only keyword conditions read the text: the other rules run without reading it from disk. */
const TEXT_COLUMNS = ['subject', 'body'] as const;
const TRIAGE_COLUMNS = [
  'id',
  'subject',
  'body',
  'sentAt',
  'isList',
  'identityId',
  'identityProviderId',
  'senderProviderId',
  'senderLabel',
  'leak',
  'placedByHand',
  'folder',
  'attention',
  'muted',
  'flagged',
  'caseId',
  'ruleId',
  'ruleReason',
] as const;

/**
 * The person's mail: imports from mbox, Maildir, .eml and IMAP; classification by identity and
 * sending organisation; leak events; the person's triage rules; search. See docs/mail.md.
 */
export class MailService {
  private readonly repo: MailRepository;
  /** Where searches run: on this connection, unless `runSearchesWith` moved them elsewhere. */
  private runSearch: (filter: SearchFilter) => Promise<MessageSummaryRow[]> = (filter) =>
    Promise.resolve(this.repo.search(filter));

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
    private readonly identities: IdentityService,
  ) {
    this.repo = new MailRepository(store);
  }

  // ── what classification and the rules know ─────────────────────────────────────────────────

  async classifierContext(): Promise<ClassifierContext> {
    const [recogniser, providers, domains, allowed] = await Promise.all([
      this.identities.recogniser(),
      this.repo.providers(),
      this.repo.providerDomains(),
      this.repo.allowedSenders(),
    ]);
    const providerDomains = new Map<string, number>();
    for (const p of providers) {
      const web = domainOf(p.website);
      if (web.includes('.')) providerDomains.set(web, p.id);
    }
    // A domain the person gave a provider counts over its website.
    for (const d of domains) providerDomains.set(d.domain, d.providerId);
    return {
      recogniser,
      providers: new Map(providers.map((p) => [p.id, p])),
      providerDomains,
      directoryDomains: directoryByDomain(),
      allowed: new Set(allowed.map((a) => `${a.providerId} ${a.senderKey}`)),
    };
  }

  private async triageContext(): Promise<{ rules: Rule[]; providers: Map<number, ProviderFacts> }> {
    const [rules, providers, active, cases] = await Promise.all([
      this.repo.rules(),
      this.repo.providers(),
      this.repo.providersWithActiveContract(todayUtc(this.clock())),
      this.repo.openCases(),
    ]);
    const open = new Map<number, { id: number; title: string }[]>();
    for (const c of cases)
      open.set(c.providerId, [...(open.get(c.providerId) ?? []), { id: c.id, title: c.title }]);
    return {
      rules: rules.filter((r) => r.enabled === 1).map(ruleOf),
      providers: new Map(
        providers.map((p) => [
          p.id,
          {
            name: p.name,
            category: p.category,
            status: p.status,
            activeContract: active.has(p.id),
            openCases: open.get(p.id) ?? [],
          },
        ]),
      ),
    };
  }

  // ── importing ───────────────────────────────────────────────────────────────────────────────

  /**
   * Imports an mbox file, a Maildir folder or one .eml file. An mbox imported before resumes after
   * the last message stored (a crashed import goes on; a grown mbox brings only the new mail).
   *
   * @example await mail.importPath('~/Takeout/All mail.mbox', { onProgress }) // → { imported: 5812, duplicates: 0, … }
   */
  async importPath(path: string, options: ImportOptions = {}): Promise<ImportSummary> {
    const location = resolve(path);
    return this.importFile(location, { location, label: basename(location) }, options);
  }

  /**
   * Imports the file at `file`, recorded as the source at `as.location`: the path itself, or
   * `upload:NAME` for a file the browser sent, whose temporary copy has a name of no meaning.
   */
  private async importFile(
    file: string,
    as: { location: string; label: string },
    options: ImportOptions,
  ): Promise<ImportSummary> {
    const { location, label } = as;
    const kind = options.kind ?? (await this.kindOf(file, label));
    const sourceId = await this.ensureSource(kind, location, label);
    const problems: SourceProblem[] = [];
    const onProblem = (p: SourceProblem) => problems.push(p);
    // Everything that reads the file comes before the import is recorded, so a file that fails
    // here leaves no import behind marked running.
    let job: Omit<ImportJob, 'importId'>;
    if (kind === 'mbox') {
      const size = (await stat(file)).size;
      const earlier = (await this.repo.syncState(sourceId)).find((s) => s.folder === location);
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
    const source = await this.sourceRow(sourceRef);
    if (source.kind !== 'imap')
      throw new VrmError('invalid_input', `mail source ${source.id} is not an IMAP account`);
    const settings = this.settingsOf(source);
    const state = new Map<string, { uidValidity: string; lastUid: number }>();
    if (!options.full) {
      for (const s of await this.repo.syncState(source.id)) {
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

  private async run(job: ImportJob, options: ImportOptions): Promise<ImportSummary> {
    await this.ensureClassified();
    // What the import classifies by, as it stood before its context was read.
    const stamp = this.repo.classifierStamp();
    const [classifier, { rules, providers }] = await Promise.all([
      this.classifierContext(),
      this.triageContext(),
    ]);
    let summary: ImportSummary;
    try {
      summary = await this.repo.bulkWrites(() =>
        runImport(job, {
          repo: this.repo,
          clock: this.clock,
          classifier,
          rules,
          providers,
          poolSize: options.poolSize,
          onProgress: options.onProgress,
        }),
      );
    } catch (error) {
      try {
        await this.repo.finishImport(job.importId, {
          status: 'failed',
          finishedAt: this.clock().toISOString(),
          error: error instanceof Error ? error.message : String(error),
        });
        this.repo.rebuildLeakEvents();
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
    if (this.repo.classifierStamp() !== stamp) await this.classifyAll();
    else this.repo.rebuildLeakEvents();
    await this.repo.finishImport(job.importId, {
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

  /** What a file is: a folder is a Maildir; `name` ending .mbox, or a `From ` start, an mbox. */
  private async kindOf(file: string, name: string): Promise<FileKind> {
    let info;
    try {
      info = await stat(file);
    } catch {
      throw new VrmError('not_found', `${file}: no such file or folder`);
    }
    if (info.isDirectory()) return 'maildir';
    if (/\.(mbox|mbx)$/i.test(name)) return 'mbox';
    const handle = await open(file, 'r');
    try {
      const head = Buffer.alloc(5);
      await handle.read(head, 0, 5, 0);
      return head.toString('latin1') === 'From ' ? 'mbox' : 'eml';
    } finally {
      await handle.close();
    }
  }

  private async ensureSource(kind: SourceRow['kind'], location: string, label: string): Promise<number> {
    const existing = await this.repo.sourceAt(kind, location);
    if (existing) return existing.id;
    const now = this.clock().toISOString();
    return this.repo.insertSource({
      kind,
      label,
      location,
      host: null,
      port: null,
      security: null,
      username: null,
      password: null,
      allowSelfSigned: 0,
      folders: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  private async startImport(sourceId: number, kind: string, location: string): Promise<number> {
    await this.repo.markInterrupted(this.clock().toISOString());
    return this.repo.startImport({
      sourceId,
      kind,
      location,
      startedAt: this.clock().toISOString(),
      status: 'running',
      pid: process.pid,
    });
  }

  /** Imports running in this process (the web app's), with their latest progress. */
  private readonly jobs = new Map<number, { progress: ImportProgress | null; finished: boolean }>();

  /**
   * Starts an import and answers as soon as it is recorded, with its id; it goes on in the
   * background, and `importStatus` tells its progress. For the web app: a path is read only
   * inside `within` (home and the named folders, see import-folders.ts), checked before anything
   * else touches it.
   */
  async start(
    input: { path?: string; kind?: FileKind; full?: boolean; sourceId?: number },
    within: ImportFolders,
  ): Promise<{ importId: number }> {
    const target = parseInput(startInput, input, 'import');
    const path = target.path === undefined ? undefined : await confineImportPath(target.path, within);
    return this.inBackground(
      (options) =>
        target.sourceId !== undefined
          ? this.fetchAccount(target.sourceId, options)
          : this.importPath(path ?? '', options),
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
  async startUpload(
    bytes: AsyncIterable<Uint8Array>,
    input: { name: string; kind?: 'mbox' | 'eml'; folder: string },
  ): Promise<{ importId: number }> {
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
    return this.inBackground((options) => this.importFile(file, as, options), { kind: target.kind }, remove);
  }

  /** Runs an import in the background and answers with its id once it is recorded. */
  private inBackground(
    work: (options: ImportOptions) => Promise<ImportSummary>,
    base: Pick<ImportOptions, 'kind' | 'full'>,
    after: () => Promise<void> = () => Promise.resolve(),
  ): Promise<{ importId: number }> {
    return new Promise((resolveStart, rejectStart) => {
      let importId: number | null = null;
      const options: ImportOptions = {
        ...base,
        onStart: (id) => {
          importId = id;
          this.jobs.set(id, { progress: null, finished: false });
          resolveStart({ importId: id });
        },
        onProgress: (progress) => {
          const job = importId === null ? undefined : this.jobs.get(importId);
          if (job) job.progress = progress;
        },
      };
      work(options)
        .catch((error: unknown) => {
          // Before the import was recorded, the caller hears of it; after, its record says it.
          if (importId === null) rejectStart(error instanceof Error ? error : new Error(String(error)));
        })
        .finally(() => {
          const job = importId === null ? undefined : this.jobs.get(importId);
          if (job) job.finished = true;
          return after();
        })
        .catch(() => undefined);
    });
  }

  // ── IMAP accounts and sources ───────────────────────────────────────────────────────────────

  /** Adds an IMAP account after checking that it logs in; the password is kept only in the encrypted store. */
  async addAccount(input: AccountInput): Promise<SourceView> {
    const a = parseInput(accountInput, input, 'IMAP account');
    const port = a.port ?? (a.security === 'tls' ? 993 : 143);
    const location = `imap://${a.username}@${a.host}:${port}`;
    const existing = await this.repo.sourceAt('imap', location);
    // An account restored from an export without secrets has no password: adding it again gives
    // it one (after the same login check), and keeps its folders and how far each was fetched.
    if (existing && existing.password !== null) {
      throw new VrmError('conflict', `the IMAP account ${location} is there already`);
    }
    const settings: ImapSettings = {
      host: a.host,
      port,
      secure: a.security === 'tls',
      starttls: a.security === 'starttls',
      user: a.username,
      password: a.password,
      folders: a.folders ?? ['INBOX'],
      allowSelfSigned: a.allowSelfSigned ?? false,
    };
    const folders = await listImapFolders(settings);
    const missing = (a.folders ?? []).filter((f) => !folders.some((x) => x.path === f));
    if (missing.length > 0) {
      throw new VrmError(
        'invalid_input',
        `IMAP account: folders: ${missing.map((m) => `"${m}"`).join(', ')} not on the server (it has ${folders.map((f) => f.path).join(', ')})`,
      );
    }
    const now = this.clock().toISOString();
    if (existing) {
      await this.repo.updateSource(existing.id, { password: a.password, updatedAt: now });
      return view(await this.sourceRow(existing.id));
    }
    const id = await this.repo.insertSource({
      kind: 'imap',
      label: a.label ?? `${a.username} at ${a.host}`,
      location,
      host: a.host,
      port,
      security: a.security,
      username: a.username,
      password: a.password,
      allowSelfSigned: a.allowSelfSigned ? 1 : 0,
      folders: JSON.stringify(settings.folders),
      createdAt: now,
      updatedAt: now,
    });
    return view(await this.sourceRow(id));
  }

  private settingsOf(source: SourceRow): ImapSettings {
    if (!source.host || !source.username) {
      throw new VrmError('invalid_input', `mail source ${source.id} has no IMAP settings`);
    }
    if (source.password === null) {
      throw new VrmError(
        'invalid_input',
        `the IMAP account ${source.location} has no password (it came from an export without secrets): ` +
          `give it again with \`vrm mail account add --host ${source.host} --user ${source.username}\``,
      );
    }
    return {
      host: source.host,
      port: source.port ?? 993,
      secure: source.security === 'tls',
      starttls: source.security === 'starttls',
      user: source.username,
      password: source.password,
      folders: source.folders === null ? ['INBOX'] : (JSON.parse(source.folders) as string[]),
      allowSelfSigned: source.allowSelfSigned === 1,
    };
  }

  async folders(sourceRef: number) {
    return listImapFolders(this.settingsOf(await this.sourceRow(sourceRef)));
  }

  async setFolders(sourceRef: number, folders: readonly string[]): Promise<SourceView> {
    const source = await this.sourceRow(sourceRef);
    const available = await this.folders(source.id);
    const missing = folders.filter((f) => !available.some((x) => x.path === f));
    if (folders.length === 0 || missing.length > 0) {
      throw new VrmError(
        'invalid_input',
        `folders: ${missing.length ? `${missing.join(', ')} not on the server` : 'name at least one'}`,
      );
    }
    await this.repo.updateSource(source.id, {
      folders: JSON.stringify(folders),
      updatedAt: this.clock().toISOString(),
    });
    return view(await this.sourceRow(source.id));
  }

  async sources(): Promise<SourceView[]> {
    return (await this.repo.sources()).map(view);
  }

  private async sourceRow(id: number): Promise<SourceRow> {
    const row = await this.repo.source(id);
    if (!row) throw notFound('mail source', id);
    return row;
  }

  /** Forgets a source and how far its imports got; its messages stay. */
  async removeSource(id: number): Promise<void> {
    await this.sourceRow(id);
    await this.repo.deleteSource(id);
  }

  imports(limit = 20) {
    return this.repo
      .imports(limit)
      .then((rows) => rows.map((r) => ({ ...r, skips: JSON.parse(r.skips) as SourceProblem[] })));
  }

  async importStatus(id: number) {
    const row = await this.repo.importRow(id);
    if (!row) throw notFound('mail import', id);
    return {
      ...row,
      skips: JSON.parse(row.skips) as SourceProblem[],
      progress: this.jobs.get(id)?.progress ?? null,
    };
  }

  // ── classification ──────────────────────────────────────────────────────────────────────────

  /** The classification under way in this process, so writes arriving meanwhile wait for it. */
  private classifying: Promise<number> | undefined;

  /**
   * Re-classifies stored mail when what classification reads has changed since it last ran (an
   * alias or a provider domain added, a sender allowed), whichever surface changed it. Cheap when
   * nothing changed: one query. It writes, so it runs on the write path only (after each write,
   * see `afterWrite` in src/app.ts, and before each import), never inside a read: a read must not
   * need the write lock while an import holds it.
   */
  async ensureClassified(): Promise<number> {
    // Writes that arrive while one runs are covered by one more run, not by one run each.
    while (this.classifying) await this.classifying.catch(() => 0);
    if (this.repo.stateValue(CLASSIFIER_STAMP) === this.repo.classifierStamp()) return 0;
    return this.classifyAll();
  }

  /** Classifies all stored mail by what is known now, and records what that was. */
  private async classifyAll(): Promise<number> {
    while (this.classifying) await this.classifying.catch(() => 0);
    const run = async () => {
      // The stamp is read before the context, so a change between the two only costs another run.
      const stamp = this.repo.classifierStamp();
      const changed = await this.reclassify();
      this.repo.setState(CLASSIFIER_STAMP, stamp);
      return changed;
    };
    const classifying = run().finally(() => {
      if (this.classifying === classifying) this.classifying = undefined;
    });
    this.classifying = classifying;
    return classifying;
  }

  /** Classifies every stored message again; returns how many changed. Their placement is re-done too. */
  async reclassify(): Promise<number> {
    const ctx = await this.classifierContext();
    const changedIds = new Set<number>();
    for (const page of this.repo.scan(CLASSIFIED_COLUMNS)) {
      const changes: { id: number; classification: Classification }[] = [];
      for (const row of page) {
        const c = classify(JSON.parse(row.envelope) as Envelope, ctx);
        if (!sameClassification(row, c)) changes.push({ id: row.id, classification: c });
      }
      this.repo.updateClassifications(changes);
      for (const c of changes) changedIds.add(c.id);
    }
    this.repo.rebuildLeakEvents();
    if (changedIds.size > 0) await this.applyRules(changedIds);
    return changedIds.size;
  }

  // ── rules ───────────────────────────────────────────────────────────────────────────────────

  /**
   * Runs the rules (the person's, then the defaults) over stored mail, or the messages given;
   * messages placed by hand stay where they are. Returns how many were looked at and moved.
   */
  async applyRules(only?: ReadonlySet<number>): Promise<{ considered: number; changed: number }> {
    const { rules, providers } = await this.triageContext();
    let considered = 0;
    let changed = 0;
    const blank = rules.some((r) => r.conditions.keywords) ? [] : TEXT_COLUMNS;
    for (const page of this.repo.scan(TRIAGE_COLUMNS, { blank })) {
      const changes = [];
      for (const row of page) {
        if (row.placedByHand === 1 || (only && !only.has(row.id))) continue;
        considered++;
        const p = triage(triageInput(row), rules, providers);
        const same =
          p.folder === row.folder &&
          p.attention === row.attention &&
          (p.muted ? 1 : 0) === row.muted &&
          (p.flagged ? 1 : 0) === row.flagged &&
          p.caseId === row.caseId &&
          p.ruleId === row.ruleId &&
          p.reason === row.ruleReason;
        if (!same) changes.push({ id: row.id, placement: p });
      }
      this.repo.updatePlacements(changes);
      changed += changes.length;
    }
    return { considered, changed };
  }

  async rules() {
    return (await this.repo.rules()).map(ruleOf);
  }

  async rule(id: number) {
    const row = await this.repo.rule(id);
    if (!row) throw notFound('rule', id);
    return ruleOf(row);
  }

  /** How many stored messages a rule would match, with the newest few: the rule editor's preview. */
  async previewRule(input: { conditions: unknown }) {
    const conditions = parseInput(ruleConditions, input.conditions, 'rule: conditions');
    const { providers } = await this.triageContext();
    const probe: Rule = { id: 0, name: 'preview', conditions, actions: { folder: 'preview' } };
    const pages = conditions.keywords
      ? this.repo.scan(TRIAGE_COLUMNS)
      : [this.repo.ruleInputs().map((row) => ({ ...row, subject: '', body: '' }))];
    let matches = 0;
    let sample: { id: number; sentAt: string | null }[] = [];
    for (const page of pages) {
      for (const row of page) {
        const placed = triage(triageInput(row), [probe], providers);
        if (placed.ruleId !== 0) continue;
        matches++;
        sample.push({ id: row.id, sentAt: row.sentAt });
        if (sample.length > 50) sample = newest(sample);
      }
    }
    return { matches, sample: await this.repo.summaries(newest(sample).map((m) => m.id)) };
  }

  async addRule(input: RuleInput) {
    const r = parseInput(ruleInput, input, 'rule');
    await this.checkRuleRefs(r.conditions, r.actions.caseId);
    const now = this.clock().toISOString();
    const id = await this.repo.insertRule({
      name: r.name,
      position: r.position ?? (await this.repo.nextRulePosition()),
      enabled: r.enabled === false ? 0 : 1,
      conditions: JSON.stringify(r.conditions),
      actions: JSON.stringify(r.actions),
      createdAt: now,
      updatedAt: now,
    });
    const applied = await this.applyRules();
    return { rule: await this.rule(id), applied };
  }

  async updateRule(id: number, input: RuleInput) {
    await this.rule(id);
    const r = parseInput(ruleInput, input, 'rule');
    await this.checkRuleRefs(r.conditions, r.actions.caseId);
    await this.repo.updateRule(id, {
      name: r.name,
      ...(r.position === undefined ? {} : { position: r.position }),
      enabled: r.enabled === false ? 0 : 1,
      conditions: JSON.stringify(r.conditions),
      actions: JSON.stringify(r.actions),
      updatedAt: this.clock().toISOString(),
    });
    const applied = await this.applyRules();
    return { rule: await this.rule(id), applied };
  }

  async deleteRule(id: number) {
    await this.rule(id);
    await this.repo.deleteRule(id);
    const applied = await this.applyRules();
    return { deleted: id, applied };
  }

  private async checkRuleRefs(c: Rule['conditions'], caseId: number | undefined): Promise<void> {
    for (const p of c.providers ?? []) await this.providers.get(p);
    for (const i of c.identities ?? []) await this.identities.get(i);
    if (caseId !== undefined) {
      const open = await this.repo.openCases();
      if (!open.some((k) => k.id === caseId)) {
        throw new VrmError(
          'invalid_input',
          `rule: actions.caseId: case ${caseId} does not exist or is resolved`,
          {
            details: [{ path: 'actions.caseId', message: `case ${caseId} does not exist or is resolved` }],
          },
        );
      }
    }
  }

  // ── reading ─────────────────────────────────────────────────────────────────────────────────

  /** The inbox: messages by attention level, folder, provider, identity or leak, newest first. */
  async inbox(filter: InboxFilter = {}) {
    const f = parseInput(inboxFilter, filter, 'inbox');
    const providerId = f.provider === undefined ? undefined : await this.providers.resolve(f.provider);
    return this.repo.list({
      attention: f.attention,
      folder: f.folder,
      providerId,
      identityId: f.identity,
      leakEventId: f.leak,
      muted: f.muted ?? (f.folder === undefined && f.leak === undefined ? false : undefined),
      flagged: f.flagged,
      limit: f.limit,
      offset: f.offset,
    });
  }

  async counts() {
    const c = await this.repo.counts();
    return {
      total: c.totals.total,
      // SUM over no rows is NULL.
      muted: c.totals.muted ?? 0,
      flagged: c.totals.flagged ?? 0,
      leaks: c.totals.leaks ?? 0,
      attention: Object.fromEntries(
        ATTENTION.map((a) => [a, c.attention.find((x) => x.attention === a)?.n ?? 0]),
      ) as Record<(typeof ATTENTION)[number], number>,
      folders: c.folders.map((f) => ({ folder: f.folder, count: f.n })),
      providers: c.providers.map((p) => ({ id: p.id, name: p.name, count: p.n })),
    };
  }

  /** One message with everything vrm knows of it, and why it is where it is. */
  async message(id: number) {
    const row = await this.repo.message(id);
    if (!row) throw notFound('message', id);
    const { envelope, warnings, headers, ...rest } = row;
    const original = this.repo.raw(id);
    return {
      ...rest,
      headers: headers ?? (original ? parseMessage(inflateRawSync(original)).headers : ''),
      envelope: JSON.parse(envelope) as Envelope,
      warnings: warnings === null ? [] : (JSON.parse(warnings) as string[]),
      identityProviderName:
        rest.identityProviderId === null ? null : (await this.providers.get(rest.identityProviderId)).name,
      attachments: await this.repo.attachments(id),
      rawKept: original !== undefined,
    };
  }

  /** The message as it arrived, when it was kept (see docs/mail.md). */
  raw(id: number): Buffer {
    const compressed = this.repo.raw(id);
    if (!compressed)
      throw new VrmError(
        'not_found',
        `message ${id}: its original was not kept (larger than 16 MB) or it does not exist`,
      );
    return inflateRawSync(compressed);
  }

  /** Moves a message by hand; rules then leave it there. */
  async place(id: number, input: PlacementInput) {
    const p = parseInput(placementInput, input, 'message');
    await this.message(id);
    await this.repo.placeByHand(id, {
      ...(p.attention === undefined ? {} : { attention: p.attention }),
      ...(p.folder === undefined ? {} : { folder: p.folder }),
      ...(p.muted === undefined ? {} : { muted: p.muted ? 1 : 0 }),
      ...(p.flagged === undefined ? {} : { flagged: p.flagged ? 1 : 0 }),
      ruleId: null,
      ruleReason: `placed by you on ${todayUtc(this.clock())}`,
    });
    return this.message(id);
  }

  /**
   * Searches subject, sender, recipients and text. Words must all appear; `"a phrase"`; operators
   * `from:` `to:` `provider:` `before:` `after:` `has:attachment` `is:leak`.
   *
   * @example await mail.search('invoice from:acme after:2025-01-01 has:attachment')
   */
  async search(text: string, limit = 50) {
    const q = parseSearch(text);
    const senderProviderId = q.provider === undefined ? undefined : await this.providers.resolve(q.provider);
    const rows = await this.runSearch({
      match: q.match,
      senderProviderId,
      before: q.before,
      after: q.after,
      hasAttachment: q.hasAttachment,
      leak: q.leak,
      limit: Math.min(Math.max(1, limit), 500),
    });
    const texts = this.repo.bodies(q.highlight.length > 0 ? rows.map((r) => r.id) : []);
    return rows.map((row) => {
      const text = texts.get(row.id);
      return {
        ...row,
        // The first 64 KB of the text are enough for a snippet, however long the message.
        snippet: text
          ? (snippet(text.body.slice(0, 65_536), q.highlight) ?? snippet(text.subject, q.highlight))
          : null,
      };
    });
  }

  /**
   * Runs searches elsewhere: the web server hands them to a worker thread with a time limit
   * (src/mail/search-runner.ts), so that no search holds up its other requests.
   */
  runSearchesWith(run: (filter: SearchFilter) => Promise<MessageSummaryRow[]>): void {
    this.runSearch = run;
  }

  // ── leaks ───────────────────────────────────────────────────────────────────────────────────

  /**
   * The leak report: per provider, the third parties that wrote to the identity given only to it,
   * with the first day seen and the count; and the graph of it (provider → third party).
   */
  async leaks(filter: { provider?: number | string; includeAllowed?: boolean } = {}) {
    const ownerProviderId =
      filter.provider === undefined ? undefined : await this.providers.resolve(filter.provider);
    const events = (await this.repo.leakEvents({ ownerProviderId })).map((e) => ({
      ...e,
      status: e.allowedId === null ? ('suspected' as const) : ('not_leak' as const),
    }));
    const shown = filter.includeAllowed ? events : events.filter((e) => e.status === 'suspected');
    const byProvider = new Map<
      number,
      { providerId: number; name: string; events: typeof shown; messages: number }
    >();
    for (const e of shown) {
      const entry = byProvider.get(e.ownerProviderId) ?? {
        providerId: e.ownerProviderId,
        name: e.ownerName,
        events: [],
        messages: 0,
      };
      entry.events.push(e);
      entry.messages += e.messageCount;
      byProvider.set(e.ownerProviderId, entry);
    }
    const nodes = new Map<string, { id: string; label: string; kind: 'provider' | 'third_party' }>();
    for (const e of shown) {
      nodes.set(`provider:${e.ownerProviderId}`, {
        id: `provider:${e.ownerProviderId}`,
        label: e.ownerName,
        kind: 'provider',
      });
      if (!nodes.has(e.senderKey) || e.senderKey.startsWith('provider:')) {
        nodes.set(
          e.senderKey,
          nodes.get(e.senderKey) ?? { id: e.senderKey, label: e.senderLabel, kind: 'third_party' },
        );
      }
    }
    return {
      providers: [...byProvider.values()],
      events: shown,
      graph: {
        nodes: [...nodes.values()],
        edges: shown.map((e) => ({
          from: `provider:${e.ownerProviderId}`,
          to: e.senderKey,
          messages: e.messageCount,
          eventId: e.id,
          status: e.status,
        })),
      },
    };
  }

  /** One leak event, with the messages that prove it. */
  async leak(id: number) {
    const event = (await this.repo.leakEvents({})).find((e) => e.id === id);
    if (!event) throw notFound('leak event', id);
    const messages = await this.repo.list({ leakEventId: id, limit: 500, offset: 0 });
    return {
      ...event,
      status: event.allowedId === null ? ('suspected' as const) : ('not_leak' as const),
      messages,
    };
  }

  /**
   * "Not a leak": the sender becomes an allowed sender of the provider (say, its new mailing
   * service). The decision is kept apart from the messages, so it holds through re-imports.
   */
  async markNotLeak(id: number, reason: string) {
    const event = await this.repo.leakEvent(id);
    if (!event) throw notFound('leak event', id);
    const why = z.string().trim().min(1, { error: 'reason is required: say why it is not a leak' }).max(500);
    const text = parseInput(why, reason, 'not a leak');
    await this.repo.insertAllowed({
      providerId: event.ownerProviderId,
      senderKey: event.senderKey,
      senderLabel: event.senderLabel,
      reason: text,
      createdAt: this.clock().toISOString(),
    });
    await this.ensureClassified();
    return this.leak(id);
  }

  /** Allows a sender for a provider before any mail from it: its processor, accepted by the person. */
  async allowSender(input: { provider: number | string; sender: string; reason: string }) {
    const provider = await this.providers.get(input.provider);
    const reason = parseInput(
      z.string().trim().min(1, { error: 'reason is required' }).max(500),
      input.reason,
      'allowed sender',
    );
    const key = await this.senderKeyOf(input.sender);
    await this.repo.insertAllowed({
      providerId: provider.id,
      senderKey: key.senderKey,
      senderLabel: key.senderLabel,
      reason,
      createdAt: this.clock().toISOString(),
    });
    await this.ensureClassified();
    return (await this.repo.allowedSenders(provider.id)).find((a) => a.senderKey === key.senderKey);
  }

  allowedSenders(provider?: number) {
    return this.repo.allowedSenders(provider);
  }

  async removeAllowed(id: number): Promise<void> {
    if ((await this.repo.deleteAllowed(id)) === 0) throw notFound('allowed sender', id);
    await this.ensureClassified();
  }

  /** The sender key of a domain or a provider, as classification would name it. */
  private async senderKeyOf(text: string): Promise<{ senderKey: string; senderLabel: string }> {
    const domain = text.trim().toLowerCase().replace(/^.*@/, '');
    if (/^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain)) {
      const c = classify(emptyEnvelope(`postmaster@${domain}`), await this.classifierContext());
      return { senderKey: c.senderKey, senderLabel: c.senderLabel };
    }
    const provider = await this.providers.get(text);
    return { senderKey: `provider:${provider.id}`, senderLabel: provider.name };
  }

  /**
   * Writes every stored message to an mbox (mboxrd), oldest first: the originals where they were
   * kept, else the headers and text vrm has. Your mail leaves vrm as it came in.
   */
  async exportMbox(path: string): Promise<{ messages: number; originals: number }> {
    const { writeSync } = await import('node:fs');
    return writeNewFile(path, 'the mbox', (fd) => {
      let messages = 0;
      let originals = 0;
      for (const page of this.repo.scan(['id', 'sentAt', 'importedAt', 'fromAddress', 'headers', 'body'])) {
        for (const m of page) {
          const compressed = this.repo.raw(m.id);
          const raw = compressed
            ? inflateRawSync(compressed)
            : Buffer.from(`${m.headers ?? ''}\n\n${m.body}\n`);
          if (compressed) originals++;
          const when = new Date(m.sentAt ?? m.importedAt)
            .toUTCString()
            .replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 $4');
          writeSync(fd, `From ${m.fromAddress ?? 'MAILER-DAEMON'} ${when}\n`);
          // mboxrd quoting only, so a reader gets the original back byte for byte: line ends stay
          // as they arrived (CRLF too), and only a `From ` after LF is quoted, as readers unquote.
          const text = raw.toString('latin1').replace(/(?<=^|\n)(>*From )/g, '>$1');
          writeSync(fd, Buffer.from(text.endsWith('\n') ? `${text}\n` : `${text}\n\n`, 'latin1'));
          messages++;
        }
      }
      return { messages, originals };
    });
  }

  async count(): Promise<number> {
    return this.repo.count();
  }
}

const emptyEnvelope = (from: string): Envelope => ({
  to: [],
  cc: [],
  deliveredTo: [],
  xOriginalTo: [],
  envelopeTo: [],
  receivedFor: [],
  from,
  sender: null,
  replyTo: [],
  returnPath: null,
  dkim: [],
  listId: null,
  listUnsubscribe: [],
  bulk: false,
});

/**
 * What tells an mbox read before from another file at the same path: the SHA-256 of its first
 * bytes (up to 64 KB, and never more than the file had then), with their length. Mail appended
 * later does not change it; a different file does.
 */
async function headHash(path: string, length?: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(length ?? 64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return `${bytesRead}:${createHash('sha256').update(head.subarray(0, bytesRead)).digest('hex')}`;
  } finally {
    await handle.close();
  }
}

/** The head hash of the file now, over as many bytes as the stored one covered. */
async function sameHead(path: string, stored: string | null): Promise<boolean> {
  const length = Number(stored?.split(':')[0]);
  return stored !== null && Number.isInteger(length) && (await headHash(path, length)) === stored;
}

async function countMaildir(dir: string): Promise<number | null> {
  let total = 0;
  const countIn = async (folder: string) => {
    for (const sub of ['cur', 'new']) {
      try {
        total += (await readdir(`${folder}/${sub}`)).filter((n) => !n.startsWith('.')).length;
      } catch {
        // no such subfolder
      }
    }
  };
  await countIn(dir);
  try {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name.startsWith('.')) await countIn(`${dir}/${entry.name}`);
    }
  } catch {
    return null;
  }
  return total;
}

/** What the rules read of a stored message. */
const triageInput = (
  row: Pick<
    MessageRow,
    | 'subject'
    | 'body'
    | 'sentAt'
    | 'isList'
    | 'identityId'
    | 'identityProviderId'
    | 'senderProviderId'
    | 'senderLabel'
    | 'leak'
  >,
): TriageInput => ({
  subject: row.subject,
  body: row.body,
  sentAt: row.sentAt,
  isList: row.isList === 1,
  identityId: row.identityId,
  identityProviderId: row.identityProviderId,
  senderProviderId: row.senderProviderId,
  senderLabel: row.senderLabel,
  leak: row.leak === 1,
});

/** The five newest messages, by date. */
const newest = <T extends { id: number; sentAt: string | null }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => (b.sentAt ?? '').localeCompare(a.sentAt ?? '') || b.id - a.id).slice(0, 5);

/** Messages in memory as the stream an import reads. */
async function* asAsync<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield await Promise.resolve(item);
}

async function* mapMessages<T, U>(source: AsyncIterable<T>, map: (item: T) => U): AsyncGenerator<U> {
  for await (const item of source) yield map(item);
}

/**
 * Writes bytes to a new file only this user can read (`wx`: never over an existing one), and
 * stops at `max` bytes, so a body that lies about its length cannot fill the disk.
 */
async function writePrivately(file: string, bytes: AsyncIterable<Uint8Array>, max: number): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    let size = 0;
    for await (const chunk of bytes) {
      size += chunk.length;
      if (size > max) {
        throw new VrmError(
          'invalid_input',
          `the file is larger than the ${max / 1024 / 1024} MB an upload takes`,
        );
      }
      await handle.write(chunk);
    }
    if (size === 0) throw new VrmError('invalid_input', 'the file is empty');
  } finally {
    await handle.close();
  }
}
