import type { IsoDate } from '../../platform/dates.js';

/**
 * What recurring detection reads and returns. Pure values: the money service fills `Payment`s
 * from its store and keeps the person's decisions against `RecurringSeries.key`.
 */

/** One booked transaction, as the money service hands it to detection. */
export interface Payment {
  readonly id: number;
  readonly accountId: number;
  /** `YYYY-MM-DD`. */
  readonly bookedOn: IsoDate;
  /** Signed minor units: money out is below zero. */
  readonly amountMinor: number;
  /** ISO 4217. */
  readonly currency: string;
  /** The provider the payment was matched to, if any. */
  readonly providerId: number | null;
  readonly providerName: string | null;
  /** SEPA creditor identifier of a direct debit. */
  readonly creditorId: string | null;
  /** SEPA mandate reference of a direct debit. */
  readonly mandateReference: string | null;
  readonly counterpartyIban: string | null;
  readonly counterpartyName: string | null;
  /** Remittance information or memo. */
  readonly text: string | null;
  /** The contract the person linked this payment to, if any. */
  readonly contractId: number | null;
}

/** The terms of a contract, as far as reconciling it with the bank needs them. */
export interface ContractTerms {
  readonly id: number;
  readonly providerId: number;
  readonly name: string;
  readonly priceMinor: number;
  readonly currency: string;
  readonly billingCycle: 'weekly' | 'monthly' | 'quarterly' | 'half-yearly' | 'yearly' | 'days';
  readonly billingIntervalDays: number | null;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate | null;
}

/**
 * How often a series is paid: every `every` weeks, months or years. Quarterly is every 3 months,
 * half-yearly every 6. `monthEnd` marks a monthly series paid on each month's last day (31 Jan,
 * 28 or 29 Feb, 31 Mar).
 */
export interface Cadence {
  readonly kind: 'weekly' | 'monthly' | 'yearly';
  readonly every: number;
  readonly monthEnd?: boolean;
}

/** How the payments of a series were recognised as one payee, strongest first. */
export type SeriesIdentity = 'mandate' | 'creditor' | 'provider' | 'iban' | 'name';

export interface PriceChange {
  readonly fromMinor: number;
  readonly toMinor: number;
  /** The date of the first payment at the new amount. */
  readonly on: IsoDate;
  readonly paymentId: number;
}

/** A payment of a different amount that the next payment did not repeat: a one-off, not a new price. */
export interface Outlier {
  readonly paymentId: number;
  readonly amountMinor: number;
  readonly on: IsoDate;
}

export interface Rename {
  readonly from: string;
  readonly to: string;
  /** The date of the first payment under the new name. */
  readonly on: IsoDate;
}

/** A run of payments to one payee at one cadence and one amount (allowing for price changes). */
export interface RecurringSeries {
  /**
   * Stable across re-runs with more payments: the payee's identity, the cadence and the first
   * payment's id, so decisions stored against it survive the next import.
   */
  readonly key: string;
  readonly label: string;
  readonly identity: SeriesIdentity;
  readonly accountId: number;
  readonly providerId: number | null;
  /** The contract the person linked most of its payments to, if any. */
  readonly contractId: number | null;
  readonly currency: string;
  readonly cadence: Cadence;
  /** What one payment costs now, positive. */
  readonly amountMinor: number;
  /** True for money coming in (a salary); only with `detectRecurring(…, { incoming: true })`. */
  readonly incoming: boolean;
  /** True when the amount varies a little every time (a utility bill) rather than being fixed. */
  readonly variable: boolean;
  /** All the payments it rests on, in date order (outliers included). */
  readonly paymentIds: readonly number[];
  readonly firstOn: IsoDate;
  readonly lastOn: IsoDate;
  /** The date the payment after the last one was (or is) expected; past + `ended` when it stopped. */
  readonly nextExpectedOn: IsoDate;
  readonly priceChanges: readonly PriceChange[];
  readonly outliers: readonly Outlier[];
  /** Expected dates that passed by more than the tolerance with no payment. */
  readonly missed: readonly { readonly expectedOn: IsoDate }[];
  readonly renamed: readonly Rename[];
  /** The last payment is more than two periods old. */
  readonly ended: boolean;
  readonly explanation: string;
  /** 0..1: how sure detection is that this is one recurring payment. */
  readonly confidence: number;
}

export interface DetectOptions {
  /** The day detection runs; decides what is overdue and what has ended. */
  readonly today: IsoDate;
  /** Also find series of money coming in (salary), flagged `incoming: true`. */
  readonly incoming?: boolean;
}
