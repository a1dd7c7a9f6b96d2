import type { Clock } from '../platform/clock.js';
import {
  addPeriod,
  daysBetween,
  isoDateSchema,
  LAST_DATE,
  todayUtc,
  type IsoDate,
} from '../platform/dates.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { checkConsistency, resolvePrice } from './contract-rules.js';
import { assertBelongs, NOUN } from './ledger.js';
import { historiesOf, moveStart, recordPrice, toHistory, type PricePoint } from './prices.js';
import {
  cancelBy,
  nextChanceToCancel,
  isActive,
  nextRenewal,
  yearlyCostMinor,
  type ContractTerms,
} from './renewals.js';
import { ContractRepository, type ContractRow } from './repository/contracts.js';
import { DocumentRepository } from './repository/documents.js';
import { PriceRepository } from './repository/prices.js';
import { TableRepository, type Row } from './repository/table.js';
import {
  contractAdd,
  contractFromBank,
  contractUpdate,
  priceRecord,
  type ContractCreate,
  type ContractFromBank,
  type ContractUpdate,
  type PriceRecord,
} from './schemas.js';
import type { ProviderService } from './service.js';

export type { PricePoint } from './prices.js';

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
  /** Every price it has had, oldest first; the last is its price now (issue 17). */
  readonly priceHistory: readonly PricePoint[];
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

export function toContract(row: ContractRow, asOf: IsoDate, priceHistory: readonly PricePoint[]): Contract {
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
    priceHistory,
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

  /** The day a price typed without one applies from: today, or the start of a contract yet to begin. */
  private firstDayOfPrice = (startDate: IsoDate): IsoDate => {
    const today = this.today();
    return today < startDate ? startDate : today;
  };

  private async withHistory(row: ContractRow): Promise<Contract> {
    const history = toHistory(await new PriceRepository(this.db).forContract(row.id));
    return toContract(row, this.today(), history);
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
    const id = await inTransaction(this.db, async (trx) => {
      const id = await new ContractRepository(trx).insert(row);
      const first = { priceMinor: row.priceMinor, currency: row.currency, validFrom: row.startDate };
      await recordPrice(trx, { id, startDate: row.startDate }, { ...first, source: 'person' }, now);
      return id;
    });
    return this.get(id);
  }

  async list(
    filter: { provider?: number | string | undefined; includeEnded?: boolean } = {},
  ): Promise<Contract[]> {
    const providerId =
      filter.provider === undefined ? undefined : await this.providers.resolve(filter.provider);
    const rows = await new ContractRepository(this.db).list(providerId);
    const histories = await historiesOf(
      this.db,
      rows.map((r) => r.id),
    );
    const today = this.today();
    return rows
      .map((r) => toContract(r, today, histories.get(r.id) ?? []))
      .filter((c) => filter.includeEnded === true || c.derived.active);
  }

  async get(id: number): Promise<Contract> {
    return this.withHistory(await this.require(id));
  }

  /**
   * Changes a contract. A new price (or currency) goes into the price history from `priceFrom`
   * (default today); a day before the latest change corrects the past, and the latest price stays
   * the contract's own.
   */
  async update(id: number, input: ContractUpdate): Promise<Contract> {
    const parsed = parseInput(contractUpdate, input, 'contract');
    const current = await this.require(id);
    const providerId =
      parsed.providerId === undefined ? current.providerId : (await this.providers.get(parsed.providerId)).id;
    const accountId = parsed.accountId === undefined ? current.accountId : parsed.accountId;
    await assertBelongs(this.db, 'accounts', accountId, providerId);
    const { price, priceMinor, autoRenews, priceFrom, ...given } = parsed;
    // A field left out may come as `undefined` (the CLI passes every option): it changes nothing.
    const fields = Object.fromEntries(
      Object.entries(given as Record<string, unknown>).filter(([, value]) => value !== undefined),
    ) as Partial<typeof given>;
    const currency = parsed.currency ?? current.currency;
    if (
      parsed.currency !== undefined &&
      price === undefined &&
      priceMinor === undefined &&
      parsed.currency !== current.currency
    ) {
      throw new VrmError('invalid_input', 'contract: give the price again when the currency changes');
    }
    const newPrice =
      price !== undefined || priceMinor !== undefined
        ? resolvePrice(price, priceMinor, currency, false)
        : undefined;
    if (priceFrom !== undefined && newPrice === undefined) {
      const message = `give the price that applies from ${priceFrom}`;
      throw new VrmError('invalid_input', `contract: priceFrom: ${message}`, {
        details: [{ path: 'priceFrom', message }],
      });
    }
    const now = this.clock().toISOString();
    const patch = {
      ...fields,
      ...(newPrice === undefined ? {} : { priceMinor: newPrice }),
      ...(autoRenews === undefined ? {} : { autoRenews }),
      ...(parsed.billingCycle !== undefined && parsed.billingCycle !== 'days'
        ? { billingIntervalDays: null }
        : {}),
      updatedAt: now,
    };
    checkConsistency({ ...current, ...patch });
    const startDate = parsed.startDate ?? current.startDate;
    const priceChanged =
      newPrice !== undefined && (newPrice !== current.priceMinor || currency !== current.currency);
    await inTransaction(this.db, async (trx) => {
      if (startDate !== current.startDate) await moveStart(trx, id, startDate);
      if (newPrice !== undefined && (priceChanged || priceFrom !== undefined)) {
        const entry = {
          priceMinor: newPrice,
          currency,
          validFrom: priceFrom ?? this.firstDayOfPrice(startDate),
          source: 'person' as const,
        };
        const latest = await recordPrice(trx, { id, startDate }, entry, now, 'priceFrom');
        Object.assign(patch, { priceMinor: latest.priceMinor, currency: latest.currency });
      }
      await new ContractRepository(trx).update(id, patch);
    });
    return this.get(id);
  }

  /**
   * Records a price of a contract from a day on: typed by the person, or a lasting new price the
   * bank's payments show (`source: 'bank'`). When it is the latest, it becomes the contract's price.
   * The same price from the same day twice is one entry.
   *
   * @example await contracts.recordPrice(7, { price: '12,99', validFrom: '2026-03-14', source: 'bank' })
   */
  async recordPrice(contractId: number, input: PriceRecord): Promise<Contract> {
    const parsed = parseInput(priceRecord, input, 'price');
    const current = await this.require(contractId);
    const currency = parsed.currency ?? current.currency;
    const entry = {
      priceMinor: resolvePrice(parsed.price, parsed.priceMinor, currency, true),
      currency,
      validFrom: parsed.validFrom ?? this.firstDayOfPrice(current.startDate),
      source: parsed.source ?? 'person',
      note: parsed.note,
    };
    const now = this.clock().toISOString();
    await inTransaction(this.db, async (trx) => {
      const latest = await recordPrice(trx, current, entry, now);
      if (latest.priceMinor !== current.priceMinor || latest.currency !== current.currency) {
        await new ContractRepository(trx).update(contractId, {
          priceMinor: latest.priceMinor,
          currency: latest.currency,
          updatedAt: now,
        });
      }
    });
    return this.get(contractId);
  }

  /** Every price the contract has had, oldest first, each with its change in percent. */
  async priceHistory(contractId: number): Promise<PricePoint[]> {
    await this.require(contractId);
    return toHistory(await new PriceRepository(this.db).forContract(contractId));
  }

  /**
   * A contract confirmed from a recurring payment the bank shows, in one step: a subscription
   * unless told otherwise, renewing with each payment, its price history the prices the payments
   * had (source `bank`). The price now defaults to the latest of them. `alongside`, when given,
   * runs in the same transaction with the new contract's id (the money area links the payments
   * there), so a crash leaves no contract without its payments.
   */
  async createFromBank(
    input: ContractFromBank,
    alongside?: (trx: Db, contractId: number) => Promise<void>,
  ): Promise<Contract> {
    const parsed = parseInput(contractFromBank, input, 'contract');
    const providerId = (await this.providers.get(parsed.providerId)).id;
    await assertBelongs(this.db, 'accounts', parsed.accountId, providerId);
    const { price, priceMinor, priceHistory = [], ...fields } = parsed;
    priceHistory.forEach((p, i) => {
      if (p.validFrom < parsed.startDate) {
        const message = `${p.validFrom} is before the contract's start on ${parsed.startDate}`;
        throw new VrmError('invalid_input', `contract: priceHistory[${i}].validFrom: ${message}`, {
          details: [{ path: `priceHistory[${i}].validFrom`, message }],
        });
      }
    });
    const history = [...priceHistory].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    const last = history.at(-1);
    const now =
      price === undefined && priceMinor === undefined && last !== undefined
        ? last.priceMinor
        : resolvePrice(price, priceMinor, parsed.currency, true);
    if (last !== undefined && last.priceMinor !== now) {
      const message = `the price now (${now} minor units) differs from the latest price the bank shows (${last.priceMinor} from ${last.validFrom}): give the same, or leave the price out`;
      throw new VrmError('invalid_input', `contract: priceMinor: ${message}`, {
        details: [{ path: 'priceMinor', message }],
      });
    }
    const at = this.clock().toISOString();
    const row = {
      ...fields,
      kind: parsed.kind ?? 'subscription',
      priceMinor: history[0]?.priceMinor ?? now,
      billingIntervalDays: parsed.billingCycle === 'days' ? (parsed.billingIntervalDays ?? null) : null,
      autoRenews: true,
      createdAt: at,
      updatedAt: at,
    };
    checkConsistency(row);
    const id = await inTransaction(this.db, async (trx) => {
      const id = await new ContractRepository(trx).insert(row);
      const contract = { id, startDate: row.startDate };
      const prices = [{ priceMinor: row.priceMinor, validFrom: row.startDate }, ...history];
      let latest = row.priceMinor;
      for (const p of prices) {
        const entry = { ...p, currency: row.currency, source: 'bank' as const };
        latest = (await recordPrice(trx, contract, entry, at, 'priceHistory')).priceMinor;
      }
      if (latest !== row.priceMinor) {
        await new ContractRepository(trx).update(id, { priceMinor: latest, updatedAt: at });
      }
      await alongside?.(trx, id);
      return id;
    });
    return this.get(id);
  }

  /** Ends a contract on a date (cancelled, or expired): it stays on record, no longer counted. */
  async end(id: number, on?: string): Promise<Contract> {
    const endDate = on === undefined ? this.today() : parseInput(isoDateSchema, on, 'end date');
    return this.update(id, { endDate });
  }

  /** Deleting a contract leaves its documents with the provider; its price history goes with it. */
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
    const histories = await historiesOf(this.db);
    return rows
      .map(({ providerName, ...row }) => ({
        contract: toContract(row, asOf, histories.get(row.id) ?? []),
        providerName,
      }))
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
    const histories = await historiesOf(this.db);
    const renewals: Renewal[] = [];
    for (const { providerName, ...row } of rows) {
      const contract = toContract(row, asOf, histories.get(row.id) ?? []);
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
    const histories = await historiesOf(this.db);
    const byProvider = new Map<number, { name: string; contracts: Contract[] }>();
    for (const { providerName, ...row } of rows) {
      const contract = toContract(row, asOf, histories.get(row.id) ?? []);
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
