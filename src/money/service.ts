import type { Clock } from '../platform/clock.js';
import { todayUtc } from '../platform/dates.js';
import type { Case } from '../providers/cases.js';
import type { Contract } from '../providers/contracts.js';
import type { AlertView } from './alert-decisions.js';
import type { Db } from '../platform/db/handle.js';
import type { Store } from '../platform/db/store.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/validation.js';
import { accountsOf, matcherFor, type MoneyAreas } from './context.js';
import {
  importStatement,
  type ImportOptions,
  type StatementFile,
  type StatementImportSummary,
  type StatementInput,
} from './import.js';
import { PayeeAssignments } from './assignments.js';
import { compactId } from './normalise.js';
import {
  BankBatchRepository,
  BankTransactionRepository,
  MoneyRecordRepository,
  SpendRepository,
} from './repository.js';
import {
  csvMappingInput,
  csvMappingSchema,
  importsQuery,
  paidQuery,
  paymentsQuery,
  spendQuery,
  statementFileOptions,
  transactionsQuery,
  type AssignInput,
  type ConfirmSubscriptionInput,
  type CsvMappingInput,
  type CsvMapping,
  type ImportsQuery,
  type PaidQuery,
  type PaymentsQuery,
  type SpendQuery,
  type StatementFileOptionsInput,
  type SubscriptionsQuery,
  type TransactionsQuery,
} from './schemas.js';
import { createHash } from 'node:crypto';
import { CSV_PRESETS, readStatementFile, type CsvPresetId } from './formats/index.js';
import {
  importFiles,
  type EachFile,
  type FileImportOutcome,
  type FileOptions,
  type StatementSource,
} from './import-files.js';
import {
  toImport,
  toTransaction,
  type Assignment,
  type BankAccount,
  type BankImport,
  type BankTransaction,
  type PayeeRule,
} from './views.js';
import type { SubscriptionDetail } from './subscriptions.js';
import { RecurringPayments, type SubscriptionsOverview } from './recurring-payments.js';
import { addMonths, paidVersusContracted, spendReport, type PaidReport, type SpendReport } from './spend.js';
import { providerPayments, type ProviderPayments } from './payments.js';

export type { MoneyAreas } from './context.js';
export type { BankImportProgress, StatementFile, StatementImportSummary } from './import.js';
export type { EachFile, FileImportOutcome, StatementSource } from './import-files.js';
export type { MatchBy, MatchEvidence } from './matching.js';
export type { RecurringOverview, Subscription, SubscriptionDetail } from './subscriptions.js';
export type { AlertView } from './alert-decisions.js';
export type { SubscriptionsOverview } from './recurring-payments.js';

export type { MoneyAlert } from './recurring/index.js';
export type { PaidReport, PaidVersusContracted, SpendReport } from './spend.js';
export type { ProviderPayments } from './payments.js';
export type { Assignment, BankAccount, BankImport, BankTransaction, PayeeRule } from './views.js';

/** The imports running in this process, by store and by the SHA-256 of the file's bytes. */
const importsRunning = new WeakMap<Store, Map<string, Promise<unknown>>>();

/**
 * My money (issue 17): bank statements in, each booking matched to the provider it paid, with
 * evidence, and the person's corrections kept as rules for the next import. The one entry point
 * of the area: the CLI and the HTTP API call this, nothing deeper.
 */
export class MoneyService {
  private readonly db: Db;
  private readonly batches: BankBatchRepository;
  private readonly records: MoneyRecordRepository;
  private readonly bookings: BankTransactionRepository;
  private readonly spending: SpendRepository;
  private readonly assignments: PayeeAssignments;
  private readonly recurring: RecurringPayments;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly areas: MoneyAreas,
  ) {
    this.db = store.db;
    this.batches = new BankBatchRepository(store);
    this.records = new MoneyRecordRepository(this.db);
    this.bookings = new BankTransactionRepository(this.db);
    this.spending = new SpendRepository(this.db);
    this.recurring = new RecurringPayments(this.db, clock, areas);
    this.assignments = new PayeeAssignments(this.db, clock, areas, (ref) => this.transaction(ref));
  }

  /**
   * Stores a statement a reader made of a file (see `import.ts`): idempotent by each booking's key,
   * resumable by the file's SHA-256, every booking matched to its provider as it is stored.
   *
   * @example const summary = await money.importStatement(readOfx(bytes, { fileName }), { name, sha256 });
   */
  async importStatement(
    read: StatementInput,
    file: StatementFile,
    options: ImportOptions = {},
  ): Promise<StatementImportSummary> {
    // The same bytes sent twice at once (two tabs, a double click) are imported one after the
    // other: the second finds the first done ("already imported on …", every booking held).
    const running = importsRunning.get(this.store) ?? new Map<string, Promise<unknown>>();
    importsRunning.set(this.store, running);
    const before = running.get(file.sha256);
    const turn = (async () => {
      await before?.catch(() => undefined);
      return this.importOnce(read, file, options);
    })();
    running.set(file.sha256, turn);
    try {
      return await turn;
    } finally {
      if (running.get(file.sha256) === turn) running.delete(file.sha256);
    }
  }

  private importOnce(
    read: StatementInput,
    file: StatementFile,
    options: ImportOptions,
  ): Promise<StatementImportSummary> {
    return importStatement(
      {
        records: this.records,
        batches: this.batches,
        matcher: () => matcherFor(this.db, this.areas),
        accounts: (statement) => accountsOf(this.db, this.areas.vault, statement, this.clock().toISOString()),
        now: () => this.clock().toISOString(),
      },
      read,
      file,
      options,
    );
  }

  /**
   * Imports several statement files in a row (`vrm money import a.ofx b.ofx …`): the next file is
   * read on a worker thread while the one before is stored, and the store stays tuned for bulk
   * writes across all of them, so its write-ahead log is folded in once at the end, not after each
   * file (see `docs/benchmarks.md`). Each file stands alone: one that cannot be read is told with
   * its reason (`error`) and the others are imported.
   *
   * @example await money.importFiles([{ name: 'a.ofx', bytes: () => readFileSync('a.ofx') }]);
   */
  importFiles(
    files: readonly StatementSource[],
    input: StatementFileOptionsInput = {},
    each: EachFile = {},
  ): Promise<FileImportOutcome[]> {
    return this.batches.bulkWrites(() =>
      importFiles(
        {
          options: () => this.fileOptions(input),
          store: (read, file, progress) => this.importStatement(read, file, progress),
        },
        files,
        each,
      ),
    );
  }

  /**
   * Reads a statement file of any format vrm knows (OFX/QFX, QIF, CAMT, CSV) and imports it: the
   * format and a CSV's bank are found from the file unless the person says; a saved CSV mapping is
   * used by its name. What the file cannot give (a QIF's currency, its date order) is asked for by
   * the reader's message, naming the option.
   *
   * @example await money.importFile({ name: 'umsaetze.csv', bytes }, { preset: 'ing-de' });
   */
  async importFile(
    file: { readonly name: string; readonly bytes: Buffer },
    input: StatementFileOptionsInput = {},
    progress: ImportOptions = {},
  ): Promise<StatementImportSummary> {
    const { read: readOptions, kept } = await this.fileOptions(input);
    const read = readStatementFile(file.bytes, file.name, readOptions);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    return this.importStatement(read, { name: file.name, sha256, options: kept }, progress);
  }

  /** The person's reading options, checked, with a saved CSV mapping found by its name. */
  private async fileOptions(input: StatementFileOptionsInput): Promise<FileOptions> {
    const options = parseInput(statementFileOptions, input, 'statement');
    if (options.preset !== undefined && !Object.hasOwn(CSV_PRESETS, options.preset)) {
      throw new VrmError(
        'invalid_input',
        `statement: preset: there is no CSV preset "${options.preset}"; the presets are ${Object.keys(CSV_PRESETS).join(', ')}`,
      );
    }
    const mapping = options.mapping === undefined ? undefined : await this.savedMapping(options.mapping);
    return {
      read: { ...options, preset: options.preset as CsvPresetId | undefined, mapping },
      kept: options,
    };
  }

  private async savedMapping(name: string): Promise<CsvMapping> {
    const saved = (await this.csvMappings()).find((m) => m.name === name);
    if (!saved) {
      throw new VrmError(
        'not_found',
        `statement: mapping: no CSV mapping is named "${name}"; save one first, or pick a bank's preset`,
      );
    }
    return saved.mapping;
  }

  /**
   * The recurring payments found in the bookings (weekly to yearly, price changes, missed and
   * ended ones, each with the payments it rests on) and the alerts on them: price rises, a
   * contract's price the bank does not take, charges after a contract's end, new subscriptions
   * and missed payments.
   */
  subscriptions(query: SubscriptionsQuery = {}): Promise<SubscriptionsOverview> {
    return this.recurring.subscriptions(query);
  }

  /**
   * One recurring payment (by the booking number of any of its payments, or its key) with the
   * payments it rests on, oldest first, each with its day, amount and purpose, and its alerts.
   */
  subscription(ref: number | string): Promise<SubscriptionDetail> {
    return this.recurring.subscription(ref);
  }

  /**
   * Dismisses an alert (by its number in the overview, or its key): the overview leaves it out
   * from now on, across imports, until it is restored.
   */
  dismissAlert(ref: number | string): Promise<AlertView> {
    return this.recurring.dismissAlert(ref);
  }

  /** Shows a dismissed alert again (by its number or key). */
  restoreAlert(ref: number | string): Promise<AlertView | { readonly key: string }> {
    return this.recurring.restoreAlert(ref);
  }

  /**
   * Opens a case with the provider for a charge after a contract's end (a `still-charging` alert,
   * by its number or key): "Charged after the contract ended", each payment listed with its date,
   * amount and booking text, and the contract's end. Once per alert: a second call answers the
   * case already opened.
   *
   * @example const { case: kase, created } = await money.openCaseFromAlert(1);
   */
  openCaseFromAlert(ref: number | string): Promise<{ case: Case; created: boolean; alert: AlertView }> {
    return this.recurring.openCaseFromAlert(ref);
  }

  /**
   * Makes a recurring payment a contract in one step (see `confirmSubscription`): named by the
   * booking number of one of its payments, as `subscriptions` lists it.
   *
   * @example await money.confirmSubscription(1234, {}); // → the new contract, price history and all
   */
  confirmSubscription(ref: number | string, input: ConfirmSubscriptionInput = {}): Promise<Contract> {
    return this.recurring.confirmSubscription(ref, input);
  }

  /** The bank accounts, with the sums, counts and dates of their bookings. */
  async accounts(): Promise<BankAccount[]> {
    const [rows, totals, facts] = await Promise.all([
      this.bookings.accounts(),
      this.bookings.accountTotals(),
      this.areas.vault.list({ kind: 'bank_account', includeRetired: true }),
    ]);
    const factLabels = new Map(facts.map((f) => [f.id, f.label]));
    return rows.map((row) => {
      const mine = totals.filter((t) => t.accountId === row.id);
      const factLabel = row.factId === null ? null : (factLabels.get(row.factId) ?? null);
      const days = mine
        .flatMap((t) => [t.firstOn, t.lastOn])
        .filter((d): d is string => typeof d === 'string');
      return {
        id: row.id,
        key: row.key,
        iban: row.iban,
        number: row.number,
        bankId: row.bankId,
        currency: row.currency,
        name: row.name,
        type: row.type,
        label: row.label,
        title: row.label ?? factLabel ?? row.name ?? row.iban ?? row.key,
        factId: row.factId,
        factLabel,
        balances: mine.map((t) => ({ currency: t.currency, minor: t.balanceMinor })),
        count: mine.reduce((n, t) => n + Number(t.count), 0),
        firstOn: days.length > 0 ? days.reduce((a, b) => (a < b ? a : b)) : null,
        lastOn: days.length > 0 ? days.reduce((a, b) => (a > b ? a : b)) : null,
      };
    });
  }

  /** One page of bookings, the latest first, with how many fit the filter in all. */
  async transactions(
    query: TransactionsQuery = {},
  ): Promise<{ total: number; offset: number; limit: number; items: BankTransaction[] }> {
    const q = parseInput(transactionsQuery, query, 'transactions');
    const accountId = q.account === undefined ? undefined : await this.resolveAccount(q.account);
    const providerId = q.provider === undefined ? undefined : await this.areas.providers.resolve(q.provider);
    const page = await this.bookings.page(
      {
        accountId,
        providerId,
        unmatched: q.unmatched,
        from: q.from,
        to: q.to,
        search: q.search || undefined,
      },
      { limit: q.limit, offset: q.offset },
    );
    return {
      total: page.total,
      offset: q.offset,
      limit: q.limit,
      items: page.items.map((row) => toTransaction(row, this.bookings.isConfirmed(row))),
    };
  }

  async transaction(ref: number | string): Promise<BankTransaction> {
    const id = parseId(ref, 'transaction');
    const row = await this.bookings.byId(id);
    if (!row) throw notFound('transaction', id);
    return toTransaction(row, this.bookings.isConfirmed(row));
  }

  /** The imports, newest first, each with its summary and the skips it kept. */
  async imports(query: ImportsQuery = {}): Promise<{ total: number; items: BankImport[] }> {
    const q = parseInput(importsQuery, query, 'imports');
    const [total, rows] = await Promise.all([
      this.records.countImports(),
      this.records.imports(q.limit, q.offset),
    ]);
    return { total, items: rows.map(toImport) };
  }

  /** The person's payee rules, each with the provider it names. */
  rules(): Promise<PayeeRule[]> {
    return this.assignments.rules();
  }

  /** Removes a rule; the unconfirmed bookings it matched are matched again without it. */
  removeRule(ref: number | string): Promise<{ removed: PayeeRule; rematched: number }> {
    return this.assignments.removeRule(ref);
  }

  /**
   * The person says who a booking paid (a provider, or none): the booking is confirmed, a rule is
   * saved on its strongest identifier, and the unconfirmed bookings with it are matched again.
   */
  assign(transactionRef: number | string, input: AssignInput): Promise<Assignment> {
    return this.assignments.assign(transactionRef, input);
  }

  /** Accepts a directory suggestion: the organisation is added to the ledger and the booking assigned to it. */
  acceptSuggestion(transactionRef: number | string): Promise<Assignment> {
    return this.assignments.acceptSuggestion(transactionRef);
  }

  /** The person's own CSV column mappings, by name. */
  async csvMappings(): Promise<{ name: string; mapping: CsvMapping; updatedAt: string }[]> {
    const rows = await this.records.csvMappings();
    return rows.map((r) => ({
      name: r.name,
      mapping: csvMappingSchema.parse(JSON.parse(r.mapping)),
      updatedAt: r.updatedAt,
    }));
  }

  /** Saves a CSV column mapping under its name, replacing one of the same name; answers it as saved. */
  async saveCsvMapping(
    input: CsvMappingInput,
  ): Promise<{ name: string; mapping: CsvMapping; updatedAt: string }> {
    const { name, mapping } = parseInput(csvMappingInput, input, 'CSV mapping');
    const updatedAt = this.clock().toISOString();
    await this.records.putCsvMapping(name, JSON.stringify(mapping), updatedAt);
    return { name, mapping, updatedAt };
  }

  /** Removes a saved CSV column mapping by its name; an unknown name is not found. */
  async removeCsvMapping(name: string): Promise<{ removed: string }> {
    if ((await this.records.deleteCsvMapping(name.trim())) === 0)
      throw new VrmError('not_found', `no CSV mapping is named "${name.trim()}"`);
    return { removed: name.trim() };
  }

  /**
   * Spend over time (issue 17, point 4), per currency and never summed across currencies: every
   * month of the range (those without bookings as zero), who was paid (providers, and per payee
   * the bookings no provider is known for), the providers' categories, the top providers month by
   * month, and the totals of each year. Money out only unless `incoming`.
   *
   * @example await money.spend({ from: '2025-01', to: '2025-12', by: 'provider' });
   */
  async spend(query: SpendQuery = {}): Promise<SpendReport> {
    const q = parseInput(spendQuery, query, 'spend');
    const account =
      q.account === undefined
        ? null
        : await this.resolveAccount(q.account).then(async (id) => ({
            id,
            title: (await this.accounts()).find((a) => a.id === id)?.title ?? String(id),
          }));
    return spendReport(this.spending, {
      from: q.from,
      to: q.to,
      by: q.by,
      currency: q.currency,
      incoming: q.incoming ?? false,
      account,
    });
  }

  /**
   * What each contract says it costs in a period (its charges at the prices of its history)
   * against what was paid: the bookings linked to it, or its provider's when the provider has
   * only that contract. The last 12 months unless said.
   *
   * @example (await money.paidVersusContracted({ from: '2025-01', to: '2025-12' })).contracts[0].words
   * // → 'Paid 12,00 € more than the contract says'
   */
  async paidVersusContracted(query: PaidQuery = {}): Promise<PaidReport> {
    const q = parseInput(paidQuery, query, 'paid');
    const thisMonth = todayUtc(this.clock()).slice(0, 7);
    const to = q.to ?? (q.from === undefined ? thisMonth : addMonths(q.from, 11));
    const from = q.from ?? addMonths(to, -11);
    const [contracts, providers] = await Promise.all([
      this.areas.contracts.list({ includeEnded: true }),
      this.areas.providers.list(),
    ]);
    return paidVersusContracted(this.spending, contracts, new Map(providers.map((p) => [p.id, p.name])), {
      from,
      to,
    });
  }

  /**
   * One provider's payments, the latest first, with what was paid them each year per currency:
   * the provider page's payments and its timeline.
   */
  async payments(query: PaymentsQuery): Promise<ProviderPayments> {
    const q = parseInput(paymentsQuery, query, 'payments');
    const provider = await this.areas.providers.get(q.provider);
    return providerPayments(this.spending, provider, q.limit);
  }

  /** An account by its id, IBAN, number, key or label. */
  private async resolveAccount(ref: number | string): Promise<number> {
    const accounts = await this.bookings.accounts();
    const text = String(ref).trim();
    const iban = compactId(text);
    const found = accounts.find(
      (a) =>
        String(a.id) === text ||
        a.key === text ||
        (a.iban !== null && a.iban === iban) ||
        a.number === text ||
        (a.label ?? '').toLowerCase() === text.toLowerCase(),
    );
    if (!found)
      throw new VrmError(
        'not_found',
        `account: no bank account is "${text}": name it by its IBAN, number or label`,
      );
    return found.id;
  }
}
