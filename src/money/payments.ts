import type { Provider } from '../providers/service.js';
import type { SpendRepository } from './repository.js';

/** One booking that paid (or refunded) a provider, as its page lists it. */
export interface ProviderPayment {
  readonly id: number;
  readonly bookedOn: string;
  /** Negative for money out, as the bank books it. */
  readonly amountMinor: number;
  readonly currency: string;
  /** The booking's text, or the payee's name when it has none. */
  readonly text: string;
  /** The account's name: its label, the bank's name for it, its IBAN. */
  readonly account: string;
  readonly contractId: number | null;
}

/** A provider's payments: the latest, and every year's sums per currency (never added across currencies). */
export interface ProviderPayments {
  readonly providerId: number;
  readonly provider: string;
  /** How many bookings paid or refunded it in all. */
  readonly total: number;
  readonly items: readonly ProviderPayment[];
  /** The latest year first. */
  readonly years: readonly {
    readonly year: string;
    readonly currency: string;
    readonly spentMinor: number;
    readonly receivedMinor: number;
    readonly count: number;
  }[];
}

/** The provider page's payments: the latest `limit` bookings and the sums per year. */
export async function providerPayments(
  repo: SpendRepository,
  provider: Pick<Provider, 'id' | 'name'>,
  limit: number,
): Promise<ProviderPayments> {
  const [rows, years] = await Promise.all([repo.paymentsOf(provider.id, limit), repo.yearsOf(provider.id)]);
  return {
    providerId: provider.id,
    provider: provider.name,
    total: years.reduce((n, y) => n + y.count, 0),
    items: rows.map((r) => ({
      id: r.id,
      bookedOn: r.bookedOn,
      amountMinor: r.amountMinor,
      currency: r.currency,
      text: r.text?.trim() || r.counterpartyName?.trim() || '—',
      account: r.accountLabel ?? r.accountName ?? r.accountIban ?? r.accountKey,
      contractId: r.contractId,
    })),
    years,
  };
}
