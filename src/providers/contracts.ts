import type { Clock } from '../platform/clock.js';
import {
  addPeriod,
  daysBetween,
  describePeriod,
  FIRST_DATE,
  isoDateSchema,
  LAST_DATE,
  todayUtc,
  type IsoDate,
} from '../platform/dates.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseAmount } from '../platform/money.js';
import { parseInput } from '../platform/validation.js';
import { assertBelongs, NOUN } from './ledger.js';
import {
  cancelBy,
  nextChanceToCancel,
  isActive,
  nextRenewal,
  termPeriod,
  yearlyCostMinor,
  type ContractTerms,
} from './renewals.js';
import { ContractRepository, type ContractRow } from './repository/contracts.js';
import { DocumentRepository } from './repository/documents.js';
import { TableRepository, type Row } from './repository/table.js';
import { contractAdd, contractUpdate, type ContractCreate, type ContractUpdate } from './schemas.js';
import type { ProviderService } from './service.js';

export interface Contract extends Omit<Row<'contracts'>, 'autoRenews' | 'billingCycle' | 'kind'> {
  readonly kind: 'contract' | 'subscription';
  readonly billingCycle: ContractTerms['billingCycle'];
  readonly autoRenews: boolean;
  /** Derived on the day asked: never stored. */
  readonly derived: {
    readonly active: boolean;
    readonly nextRenewal: IsoDate | null;
    readonly cancelBy: IsoDate | null;
    /**
     * Once the last day to cancel before the next renewal has passed: the first later renewal
     * that notice can still stop, and the last day to give it. Null while `cancelBy` is ahead.
     */
    readonly nextChance: { readonly renewsOn: IsoDate; readonly cancelBy: IsoDate } | null;
    readonly yearlyCostMinor: number;
  };
}

export interface Renewal {
  readonly contract: Contract;
  readonly providerName: string;
  readonly renewsOn: IsoDate;
  readonly cancelBy: IsoDate;
  /** Days from the day asked to the last day to cancel; negative once it has passed. */
  readonly daysToCancel: number;
  /** Once `cancelBy` has passed: the next renewal notice can still stop, and its last day to cancel. */
  readonly nextChance: Contract['derived']['nextChance'];
}

export interface CurrencyTotal {
  readonly currency: string;
  readonly yearlyMinor: number;
}

export interface YearlyCosts {
  readonly asOf: IsoDate;
  readonly providers: readonly { providerId: number; name: string; costs: readonly CurrencyTotal[] }[];
  readonly totals: readonly CurrencyTotal[];
}

const toTerms = (row: ContractRow): ContractTerms => ({
  startDate: row.startDate,
  billingCycle: row.billingCycle as ContractTerms['billingCycle'],
  billingIntervalDays: row.billingIntervalDays,
  term: row.term,
  renewsOn: row.renewsOn,
  noticePeriod: row.noticePeriod,
  autoRenews: row.autoRenews,
  endDate: row.endDate,
  priceMinor: row.priceMinor,
});

export function toContract(row: ContractRow, asOf: IsoDate): Contract {
  const terms = toTerms(row);
  const renewal = nextRenewal(terms, asOf);
  const lastDay = cancelBy(terms, asOf, renewal);
  return {
    ...row,
    kind: row.kind as Contract['kind'],
    billingCycle: terms.billingCycle,
    autoRenews: terms.autoRenews,
    derived: {
      active: isActive(terms, asOf),
      nextRenewal: renewal,
      cancelBy: lastDay,
      nextChance: lastDay !== null && lastDay < asOf ? nextChanceToCancel(terms, asOf) : null,
      yearlyCostMinor: yearlyCostMinor(terms),
    },
  };
}

/** Adds the yearly cost of each contract to its currency's total. */
function sumByCurrency(contracts: readonly Contract[]): CurrencyTotal[] {
  const totals = new Map<string, number>();
  for (const c of contracts)
    totals.set(c.currency, (totals.get(c.currency) ?? 0) + c.derived.yearlyCostMinor);
  return [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, yearlyMinor]) => ({ currency, yearlyMinor }));
}

/**
 * Contracts and subscriptions: what the person pays each provider, how often, and on which terms
 * they renew and can be cancelled.
 */
export class ContractService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
  ) {}

  private today = (): IsoDate => todayUtc(this.clock());

  /** The contract with this id, or a `not_found` error. */
  private async require(id: number): Promise<ContractRow> {
    const row = await new ContractRepository(this.db).find(id);
    if (!row) throw notFound(NOUN.contracts, id);
    return row;
  }

  async add(input: ContractCreate): Promise<Contract> {
    const parsed = parseInput(contractAdd, input, 'contract');
    const providerId = (await this.providers.get(parsed.providerId)).id;
    await assertBelongs(this.db, 'accounts', parsed.accountId, providerId);
    const { price, priceMinor, ...fields } = parsed;
    const now = this.clock().toISOString();
    const row = {
      ...fields,
      kind: parsed.kind ?? 'contract',
      startDate: parsed.startDate ?? this.today(),
      priceMinor: resolvePrice(price, priceMinor, parsed.currency, true),
      billingIntervalDays: parsed.billingCycle === 'days' ? (parsed.billingIntervalDays ?? null) : null,
      autoRenews: parsed.autoRenews !== false,
      createdAt: now,
      updatedAt: now,
    };
    checkConsistency(row);
    const id = await new ContractRepository(this.db).insert(row);
    return this.get(id);
  }

  async list(
    filter: { provider?: number | string | undefined; includeEnded?: boolean } = {},
  ): Promise<Contract[]> {
    const providerId =
      filter.provider === undefined ? undefined : await this.providers.resolve(filter.provider);
    const rows = await new ContractRepository(this.db).list(providerId);
    const today = this.today();
    return rows
      .map((r) => toContract(r, today))
      .filter((c) => filter.includeEnded === true || c.derived.active);
  }

  async get(id: number): Promise<Contract> {
    return toContract(await this.require(id), this.today());
  }

  async update(id: number, input: ContractUpdate): Promise<Contract> {
    const parsed = parseInput(contractUpdate, input, 'contract');
    const current = await this.require(id);
    const providerId =
      parsed.providerId === undefined ? current.providerId : (await this.providers.get(parsed.providerId)).id;
    const accountId = parsed.accountId === undefined ? current.accountId : parsed.accountId;
    await assertBelongs(this.db, 'accounts', accountId, providerId);
    const { price, priceMinor, autoRenews, ...fields } = parsed;
    const currency = parsed.currency ?? current.currency;
    if (
      parsed.currency !== undefined &&
      price === undefined &&
      priceMinor === undefined &&
      parsed.currency !== current.currency
    ) {
      throw new VrmError('invalid_input', 'contract: give the price again when the currency changes');
    }
    const patch = {
      ...fields,
      ...(price !== undefined || priceMinor !== undefined
        ? { priceMinor: resolvePrice(price, priceMinor, currency, false) }
        : {}),
      ...(autoRenews === undefined ? {} : { autoRenews }),
      ...(parsed.billingCycle !== undefined && parsed.billingCycle !== 'days'
        ? { billingIntervalDays: null }
        : {}),
      updatedAt: this.clock().toISOString(),
    };
    checkConsistency({ ...current, ...patch });
    await new ContractRepository(this.db).update(id, patch);
    return this.get(id);
  }

  /** Ends a contract on a date (cancelled, or expired): it stays on record, no longer counted. */
  async end(id: number, on?: string): Promise<Contract> {
    const endDate = on === undefined ? this.today() : parseInput(isoDateSchema, on, 'end date');
    return this.update(id, { endDate });
  }

  /** Deleting a contract leaves its documents with the provider. */
  async delete(id: number): Promise<void> {
    await this.require(id);
    await inTransaction(this.db, async (trx) => {
      await new DocumentRepository(trx).unlinkContract(id);
      await new TableRepository(trx, 'contracts').delete(id);
    });
  }

  /**
   * Every contract running on `asOf`, with its figures derived for that day and its provider's
   * name: what the calendar makes its renewals, last days to cancel and end dates from.
   */
  async runningOn(asOf: IsoDate): Promise<{ contract: Contract; providerName: string }[]> {
    const rows = await new ContractRepository(this.db).listWithProviderName();
    return rows
      .map(({ providerName, ...row }) => ({ contract: toContract(row, asOf), providerName }))
      .filter(({ contract }) => contract.derived.active);
  }

  /** Renewals that fall, or whose last day to cancel falls, within `withinDays` of `asOf`. */
  async renewals(options: { withinDays?: number; asOf?: string } = {}): Promise<Renewal[]> {
    const asOf =
      options.asOf === undefined ? this.today() : parseInput(isoDateSchema, options.asOf, 'as-of date');
    const within = options.withinDays ?? 60;
    if (!Number.isInteger(within) || within < 0) {
      throw new VrmError('invalid_input', `the window must be a whole number of days, got ${within}`);
    }
    const horizon = addPeriod(asOf, { count: within, unit: 'D' }) ?? LAST_DATE;
    const rows = await new ContractRepository(this.db).autoRenewing();
    const renewals: Renewal[] = [];
    for (const { providerName, ...row } of rows) {
      const contract = toContract(row, asOf);
      const { nextRenewal: renewsOn, cancelBy: lastDay } = contract.derived;
      // Within the window when either the renewal or the last day to cancel falls in it: a yearly
      // contract with three months' notice must show while there is still time to give notice.
      if (renewsOn === null || lastDay === null || (renewsOn > horizon && lastDay > horizon)) continue;
      renewals.push({
        contract,
        providerName,
        renewsOn,
        cancelBy: lastDay,
        daysToCancel: daysBetween(asOf, lastDay),
        nextChance: contract.derived.nextChance,
      });
    }
    return renewals.sort((a, b) => a.cancelBy.localeCompare(b.cancelBy) || a.contract.id - b.contract.id);
  }

  /** The yearly cost of the contracts running on `asOf`, per provider and in total, in each currency. */
  async yearlyCosts(options: { asOf?: string; provider?: number | string } = {}): Promise<YearlyCosts> {
    const asOf =
      options.asOf === undefined ? this.today() : parseInput(isoDateSchema, options.asOf, 'as-of date');
    const providerId =
      options.provider === undefined ? undefined : await this.providers.resolve(options.provider);
    const rows = await new ContractRepository(this.db).listWithProviderName(providerId);
    const byProvider = new Map<number, { name: string; contracts: Contract[] }>();
    for (const { providerName, ...row } of rows) {
      const contract = toContract(row, asOf);
      // A contract counts once it has started and until it ends.
      if (!contract.derived.active || contract.startDate > asOf) continue;
      const entry = byProvider.get(row.providerId) ?? { name: providerName, contracts: [] };
      entry.contracts.push(contract);
      byProvider.set(row.providerId, entry);
    }
    const all = [...byProvider.values()].flatMap((p) => p.contracts);
    return {
      asOf,
      providers: [...byProvider].map(([providerId, p]) => ({
        providerId,
        name: p.name,
        costs: sumByCurrency(p.contracts),
      })),
      totals: sumByCurrency(all),
    };
  }
}

function resolvePrice(
  price: string | undefined,
  priceMinor: number | undefined,
  currency: string,
  required: boolean,
): number {
  if (price !== undefined && priceMinor !== undefined) {
    throw new VrmError(
      'invalid_input',
      'contract: give the price either as an amount or in minor units, not both',
    );
  }
  if (priceMinor !== undefined) return priceMinor;
  if (price === undefined) {
    if (required) throw new VrmError('invalid_input', 'contract: price is required (such as 9.99)');
    return 0;
  }
  const minor = parseAmount(price, currency);
  if (typeof minor === 'string') {
    throw new VrmError('invalid_input', `contract: price: ${minor}`, {
      details: [{ path: 'price', message: minor }],
    });
  }
  return minor;
}

/** Rules across fields that no single field's schema can see. */
function checkConsistency(c: {
  billingCycle: string;
  billingIntervalDays?: number | null | undefined;
  startDate: string;
  endDate?: string | null | undefined;
  renewsOn?: string | null | undefined;
  term?: string | null | undefined;
  noticePeriod?: string | null | undefined;
  autoRenews: boolean;
  priceMinor: number;
}): void {
  const fail = (path: string, message: string): never => {
    throw new VrmError('invalid_input', `contract: ${path}: ${message}`, { details: [{ path, message }] });
  };
  if (c.billingCycle === 'days' && !c.billingIntervalDays) {
    fail('billingIntervalDays', 'a billing cycle of "days" needs the number of days');
  }
  if (c.endDate && c.endDate < c.startDate)
    fail('endDate', `must not be before the start date ${c.startDate}`);
  if (c.renewsOn && c.renewsOn <= c.startDate)
    fail('renewsOn', `must be after the start date ${c.startDate}`);
  checkRenewalDates(
    {
      startDate: c.startDate,
      billingCycle: c.billingCycle as ContractTerms['billingCycle'],
      billingIntervalDays: c.billingIntervalDays ?? null,
      term: c.term ?? null,
      renewsOn: c.renewsOn ?? null,
      noticePeriod: c.noticePeriod ?? null,
      autoRenews: c.autoRenews,
      endDate: c.endDate ?? null,
      priceMinor: c.priceMinor,
    },
    fail,
  );
}

/**
 * A contract whose first renewal, or the last day to cancel it, has no date (after 9999-12-31 or
 * before 0001-01-01) is refused: its derived dates could never be shown.
 */
function checkRenewalDates(terms: ContractTerms, fail: (path: string, message: string) => never): void {
  if (!terms.autoRenews) return;
  const term = termPeriod(terms);
  const first = terms.renewsOn ?? addPeriod(terms.startDate, term);
  if (first === null) {
    fail(
      'startDate',
      `the first renewal, ${describePeriod(term)} after ${terms.startDate}, would fall after ${LAST_DATE}, ` +
        'the last date vrm can hold: give an earlier start, or --no-auto-renew',
    );
  }
  if (cancelBy(terms, first, first) === null) {
    fail('noticePeriod', `reaches back before ${FIRST_DATE} from the first renewal on ${first}`);
  }
}
