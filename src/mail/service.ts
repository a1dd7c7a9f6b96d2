import type { IdentityService } from '../identities/service.js';
import type { Clock } from '../platform/clock.js';
import type { Store } from '../platform/db/store.js';
import type { ProviderService } from '../providers/service.js';
import { AccountService } from './accounts.js';
import { BackgroundImports } from './background-imports.js';
import { ClassificationService } from './classification.js';
import { MailContext } from './context.js';
import { IdentityMailService } from './identity-mail.js';
import { ImportService } from './imports.js';
import { InboxService } from './inbox.js';
import { LeakService } from './leaks.js';
import { exportMbox } from './mbox-export.js';
import {
  BatchRepository,
  ContextRepository,
  ImportRepository,
  LeakRepository,
  MessageRepository,
  RuleRepository,
  SourceRepository,
} from './repository.js';
import { IdentitySenderRepository } from './repository/identity-senders.js';
import { RulesService } from './rules-service.js';

export type { SourceView } from './accounts.js';
export type { IdentityMail } from './identity-mail.js';
export { MAX_UPLOAD_BYTES } from './background-imports.js';
export { removeLeftoverUploads } from './files.js';
export type { ImportOptions, PathFailure, PathsImport } from './imports.js';
export type { AccountInput, FileKind, InboxFilter, PlacementInput, RuleInput } from './schemas.js';

/**
 * The person's mail: imports from mbox, Maildir, .eml and IMAP; classification by identity and
 * sending organisation; leak events; the person's triage rules; search. See docs/mail.md.
 *
 * One object for the CLI, the API and `src/app.ts` to hold: it builds the mail services on one
 * store and hands each call to the service that does it. No behaviour lives here.
 */
export class MailService {
  private readonly importer: ImportService;
  private readonly background: BackgroundImports;
  private readonly accounts: AccountService;
  private readonly classification: ClassificationService;
  private readonly triage: RulesService;
  private readonly reading: InboxService;
  private readonly leakService: LeakService;
  private readonly messages: MessageRepository;
  private readonly identityMailService: IdentityMailService;

  constructor(store: Store, clock: Clock, providers: ProviderService, identities: IdentityService) {
    this.messages = new MessageRepository(store);
    const stored = new ContextRepository(store);
    const rules = new RuleRepository(store);
    const leaks = new LeakRepository(store);
    const sources = new SourceRepository(store);
    const context = new MailContext(stored, rules, leaks, clock, identities);
    this.triage = new RulesService(this.messages, rules, stored, context, clock, providers, identities);
    this.classification = new ClassificationService(this.messages, stored, leaks, context, this.triage);
    this.accounts = new AccountService(sources, clock);
    this.importer = new ImportService(
      { batch: new BatchRepository(store), imports: new ImportRepository(store), sources, leaks },
      context,
      this.classification,
      this.accounts,
      clock,
    );
    this.background = new BackgroundImports(this.importer);
    this.reading = new InboxService(this.messages, clock, providers);
    this.identityMailService = new IdentityMailService(
      new IdentitySenderRepository(store),
      identities,
      this.triage,
    );
    this.leakService = new LeakService(leaks, this.messages, context, this.classification, clock, providers);
  }

  // ── importing (imports.ts, background-imports.ts) ───────────────────────────────────────────

  importPath: ImportService['importPath'] = (...a) => this.importer.importPath(...a);
  importPaths: ImportService['importPaths'] = (...a) => this.importer.importPaths(...a);
  importRaw: ImportService['importRaw'] = (...a) => this.importer.importRaw(...a);
  fetchAccount: ImportService['fetchAccount'] = (...a) => this.importer.fetchAccount(...a);
  imports: ImportService['imports'] = (...a) => this.importer.imports(...a);
  start: BackgroundImports['start'] = (...a) => this.background.start(...a);
  startUpload: BackgroundImports['startUpload'] = (...a) => this.background.startUpload(...a);
  importStatus: BackgroundImports['importStatus'] = (...a) => this.background.importStatus(...a);

  // ── IMAP accounts and sources (accounts.ts) ─────────────────────────────────────────────────

  addAccount: AccountService['addAccount'] = (...a) => this.accounts.addAccount(...a);
  folders: AccountService['folders'] = (...a) => this.accounts.folders(...a);
  setFolders: AccountService['setFolders'] = (...a) => this.accounts.setFolders(...a);
  sources: AccountService['sources'] = (...a) => this.accounts.sources(...a);
  removeSource: AccountService['removeSource'] = (...a) => this.accounts.removeSource(...a);

  // ── classification (classification.ts) ─────────────────────────────────────────────────────

  ensureClassified: ClassificationService['ensureClassified'] = () => this.classification.ensureClassified();
  reclassify: ClassificationService['reclassify'] = () => this.classification.reclassify();

  // ── rules (rules-service.ts) ────────────────────────────────────────────────────────────────

  applyRules: RulesService['applyRules'] = (...a) => this.triage.applyRules(...a);
  rules: RulesService['rules'] = () => this.triage.rules();
  rule: RulesService['rule'] = (...a) => this.triage.rule(...a);
  previewRule: RulesService['previewRule'] = (...a) => this.triage.previewRule(...a);
  addRule: RulesService['addRule'] = (...a) => this.triage.addRule(...a);
  updateRule: RulesService['updateRule'] = (...a) => this.triage.updateRule(...a);
  deleteRule: RulesService['deleteRule'] = (...a) => this.triage.deleteRule(...a);
  moveRule: RulesService['moveRule'] = (...a) => this.triage.moveRule(...a);
  defaultRules: RulesService['defaultRules'] = () => this.triage.defaultRules();

  // ── identities' mail (identity-mail.ts) ─────────────────────────────────────────────────────

  identityMailCounts: IdentityMailService['identityMailCounts'] = () =>
    this.identityMailService.identityMailCounts();
  identityMail: IdentityMailService['identityMail'] = (...a) => this.identityMailService.identityMail(...a);
  switchIdentity: IdentityMailService['switchIdentity'] = (...a) =>
    this.identityMailService.switchIdentity(...a);

  // ── reading (inbox.ts) ──────────────────────────────────────────────────────────────────────

  inbox: InboxService['inbox'] = (...a) => this.reading.inbox(...a);
  counts: InboxService['counts'] = () => this.reading.counts();
  message: InboxService['message'] = (...a) => this.reading.message(...a);
  raw: InboxService['raw'] = (...a) => this.reading.raw(...a);
  byMessageId: InboxService['byMessageId'] = (...a) => this.reading.byMessageId(...a);
  attachmentFiles: InboxService['attachmentFiles'] = (...a) => this.reading.attachmentFiles(...a);
  place: InboxService['place'] = (...a) => this.reading.place(...a);
  search: InboxService['search'] = (...a) => this.reading.search(...a);
  runSearchesWith: InboxService['runSearchesWith'] = (...a) => this.reading.runSearchesWith(...a);
  count: InboxService['count'] = () => this.reading.count();

  // ── leaks (leaks.ts) ────────────────────────────────────────────────────────────────────────

  leaks: LeakService['leaks'] = (...a) => this.leakService.leaks(...a);
  leak: LeakService['leak'] = (...a) => this.leakService.leak(...a);
  markNotLeak: LeakService['markNotLeak'] = (...a) => this.leakService.markNotLeak(...a);
  allowSender: LeakService['allowSender'] = (...a) => this.leakService.allowSender(...a);
  allowedSenders: LeakService['allowedSenders'] = (...a) => this.leakService.allowedSenders(...a);
  removeAllowed: LeakService['removeAllowed'] = (...a) => this.leakService.removeAllowed(...a);

  // ── export (mbox-export.ts) ─────────────────────────────────────────────────────────────────

  /** Writes every stored message to a new mbox file (see `exportMbox`). */
  exportMbox(path: string): Promise<{ messages: number; originals: number }> {
    return Promise.resolve().then(() => exportMbox(this.messages, path));
  }
}
