import { createHash } from 'node:crypto';

/** What a row-keyed booking (CSV, QIF) is known by: everything it says. */
export interface RowIdentity {
  readonly bookedOn: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly counterpartyName: string | null;
  readonly text: string | null;
}

/**
 * Natural keys for formats whose bookings carry no id of the bank's (CSV, QIF): a hash of what the
 * row says and its rank among identical rows of the same file. Two equal coffees bought on one day
 * are two bookings (ranks 1 and 2); a second statement that overlaps the first gives the same rows
 * the same ranks, so nothing is stored twice. One instance per file and account.
 */
export class RowKeys {
  private readonly seen = new Map<string, number>();

  constructor(private readonly accountKey: string) {}

  key(row: RowIdentity): string {
    const identity = JSON.stringify([
      this.accountKey,
      row.bookedOn,
      row.amountMinor,
      row.currency,
      row.counterpartyName ?? '',
      row.text ?? '',
    ]);
    const rank = (this.seen.get(identity) ?? 0) + 1;
    this.seen.set(identity, rank);
    const hash = createHash('sha256').update(`${identity}#${rank}`).digest('hex').slice(0, 32);
    return `row:${hash}`;
  }
}
