import type { IsoDate } from '../platform/dates.js';
import type { Db } from '../platform/db/handle.js';
import { VrmError } from '../platform/errors.js';
import type { PRICE_SOURCES } from './choices.js';
import { PriceRepository, type PriceRow } from './repository/prices.js';

export type PriceSource = (typeof PRICE_SOURCES)[number];

/** One price of a contract, from the day it applied, and how it compares with the one before. */
export interface PricePoint {
  readonly id: number;
  readonly priceMinor: number;
  readonly currency: string;
  readonly validFrom: IsoDate;
  readonly source: PriceSource;
  readonly note: string | null;
  /**
   * The change from the price before, in percent to one decimal (`18.2` for 10.99 → 12.99); null
   * for the first price, and across a change of currency, where no percentage means anything.
   */
  readonly changePercent: number | null;
}

/** A price to record: what it is, from when, and who says so. */
export interface PriceEntry {
  readonly priceMinor: number;
  readonly currency: string;
  readonly validFrom: IsoDate;
  readonly source: PriceSource;
  readonly note?: string | null | undefined;
}

/** The change from one price to the next in percent, to one decimal; null where it means nothing. */
export function changePercent(before: PriceRow | undefined, after: PriceRow): number | null {
  if (before === undefined || before.currency !== after.currency || before.priceMinor <= 0) return null;
  return Math.round(((after.priceMinor - before.priceMinor) * 1000) / before.priceMinor) / 10;
}

/** Stored price rows of one contract, oldest first, as the history a person reads. */
export const toHistory = (rows: readonly PriceRow[]): PricePoint[] =>
  rows.map((row, i) => ({
    id: row.id,
    priceMinor: row.priceMinor,
    currency: row.currency,
    validFrom: row.validFrom,
    source: row.source,
    note: row.note,
    changePercent: changePercent(rows[i - 1], row),
  }));

/** Every listed contract's history, by contract id, read in one query. */
export async function historiesOf(
  db: Db,
  contractIds?: readonly number[],
): Promise<Map<number, PricePoint[]>> {
  const rows = await new PriceRepository(db).forContracts(contractIds);
  const byContract = new Map<number, PriceRow[]>();
  for (const row of rows) {
    const list = byContract.get(row.contractId);
    if (list) list.push(row);
    else byContract.set(row.contractId, [row]);
  }
  return new Map([...byContract].map(([id, list]) => [id, toHistory(list)]));
}

const fail = (path: string, message: string): never => {
  throw new VrmError('invalid_input', `contract: ${path}: ${message}`, { details: [{ path, message }] });
};

/**
 * Records a price of a contract from a day on, and returns the contract's latest price, which is
 * the contract's own. Same day, same price: nothing changes, so the bank's payments may say it
 * again. Same day, another price: that day's price is corrected. A price equal to the one already
 * in force on that day is no change and adds nothing. A day before the latest change goes in its
 * place in the history; the latest price stays the contract's.
 */
export async function recordPrice(
  trx: Db,
  contract: { readonly id: number; readonly startDate: IsoDate },
  entry: PriceEntry,
  now: string,
  path = 'validFrom',
): Promise<PriceRow> {
  if (entry.validFrom < contract.startDate) {
    fail(
      path,
      `${entry.validFrom} is before the contract started on ${contract.startDate}: give a day on or after its start`,
    );
  }
  const prices = new PriceRepository(trx);
  const rows = await prices.forContract(contract.id);
  const same = (row: PriceRow | undefined): boolean =>
    row !== undefined && row.priceMinor === entry.priceMinor && row.currency === entry.currency;
  const sameDay = rows.find((row) => row.validFrom === entry.validFrom);
  const inForce = rows.findLast((row) => row.validFrom < entry.validFrom);
  if (sameDay !== undefined) {
    if (!same(sameDay)) {
      await prices.update(sameDay.id, {
        priceMinor: entry.priceMinor,
        currency: entry.currency,
        source: entry.source,
        note: entry.note ?? null,
      });
    }
  } else if (!same(inForce)) {
    await prices.insert({
      contractId: contract.id,
      priceMinor: entry.priceMinor,
      currency: entry.currency,
      validFrom: entry.validFrom,
      source: entry.source,
      note: entry.note ?? null,
      createdAt: now,
    });
  }
  const latest = (await prices.forContract(contract.id)).at(-1);
  if (latest === undefined) throw new VrmError('internal', `contract ${contract.id} has no price recorded`);
  return latest;
}

/**
 * Moves the first price of a contract to its new start: the first price applies from the start.
 * Refused when a later price change would then fall on or before the start.
 */
export async function moveStart(trx: Db, contractId: number, startDate: IsoDate): Promise<void> {
  const prices = new PriceRepository(trx);
  const [first, second] = await prices.forContract(contractId);
  if (first === undefined || first.validFrom === startDate) return;
  if (second !== undefined && second.validFrom <= startDate) {
    fail(
      'startDate',
      `the price changed on ${second.validFrom}; the start must be before that day (change or remove that price first)`,
    );
  }
  await prices.update(first.id, { validFrom: startDate });
}
