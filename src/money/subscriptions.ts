import type { IsoDate } from '../platform/dates.js';
import type { Db } from '../platform/db/handle.js';
import { VrmError } from '../platform/errors.js';
import type { Contract } from '../providers/contracts.js';
import type { AlertView } from './alert-decisions.js';
import type { MoneyAreas } from './context.js';
import {
  contractProposal,
  detectRecurring,
  findAlerts,
  linkedContract,
  type ContractTerms,
  type MoneyAlert,
  type Payment,
  type RecurringSeries,
} from './recurring/index.js';
import { BankTransactionRepository } from './repository.js';

/** A recurring payment as the person sees it: the series, its provider's and contract's names. */
export interface Subscription extends RecurringSeries {
  /** The booking number of its first payment: how the CLI names it (`vrm money confirm 1234`). */
  readonly number: number;
  readonly providerName: string | null;
  /** The contract it pays, by the person's link or the provider's only contract of its cycle. */
  readonly contract: { readonly id: number; readonly name: string } | null;
}

export interface RecurringOverview {
  /** Running ones first, then by what they cost a period, most first. */
  readonly subscriptions: readonly Subscription[];
  /** Most important first. */
  readonly alerts: readonly MoneyAlert[];
}

const terms = (c: Contract): ContractTerms => ({
  id: c.id,
  providerId: c.providerId,
  name: c.name,
  priceMinor: c.priceMinor,
  currency: c.currency,
  billingCycle: c.billingCycle,
  billingIntervalDays: c.billingIntervalDays,
  startDate: c.startDate,
  endDate: c.endDate,
});

/**
 * Reads every booking and contract once and finds the recurring payments and the alerts on them
 * (price rises, mismatches with a contract, charges after its end, new and missed payments).
 * Computed on each call from what is stored: detection takes well under a second for 100,000
 * bookings, and nothing derived can go stale.
 */
export async function recurringOverview(
  db: Db,
  areas: MoneyAreas,
  today: IsoDate,
): Promise<
  RecurringOverview & { readonly payments: readonly Payment[]; readonly contracts: readonly ContractTerms[] }
> {
  const [rows, contracts] = await Promise.all([
    new BankTransactionRepository(db).payments(),
    areas.contracts.list({ includeEnded: true }),
  ]);
  const payments: Payment[] = rows;
  const contractTerms = contracts.map(terms);
  const names = new Map(contracts.map((c) => [c.id, c.name]));
  const providerNames = new Map(payments.map((p) => [p.id, p.providerName]));
  const series = detectRecurring(payments, { today });
  const alerts = findAlerts(series, payments, contractTerms, { today });
  const subscriptions = series
    .map((s): Subscription => {
      const contract = linkedContract(s, contractTerms);
      const first = s.paymentIds[0] ?? 0;
      return {
        ...s,
        number: first,
        providerName: providerNames.get(first) ?? null,
        contract: contract ? { id: contract.id, name: names.get(contract.id) ?? contract.name } : null,
      };
    })
    .sort((a, b) => Number(a.ended) - Number(b.ended) || b.amountMinor - a.amountMinor);
  return { subscriptions, alerts, payments, contracts: contractTerms };
}

/** A series by the booking number of any of its payments, or by its key. */
export function findSubscription(list: readonly Subscription[], ref: number | string): Subscription {
  const asNumber = typeof ref === 'number' ? ref : /^\d+$/u.test(ref.trim()) ? Number(ref) : null;
  const found =
    asNumber === null
      ? list.find((s) => s.key === ref)
      : (list.find((s) => s.number === asNumber) ?? list.find((s) => s.paymentIds.includes(asNumber)));
  if (!found) {
    throw new VrmError(
      'not_found',
      `no recurring payment is known by ${String(ref)}: \`vrm money subscriptions\` lists them with their numbers`,
    );
  }
  return found;
}

/**
 * Makes a recurring payment a contract in one step: its payee, what it costs now, its cycle, its
 * first payment as the start, and its price changes as the contract's price history (from the
 * bank); its payments are linked to the new contract. A series matched to no provider needs one.
 */
export async function confirmSubscription(
  areas: MoneyAreas,
  subscription: Subscription,
  input: { readonly provider?: number | string | undefined; readonly name?: string | undefined },
): Promise<Contract> {
  if (subscription.contract) {
    throw new VrmError(
      'conflict',
      `these payments already pay the contract "${subscription.contract.name}": nothing to add`,
    );
  }
  const proposal = contractProposal(subscription);
  const providerId =
    input.provider !== undefined
      ? await areas.providers.resolve(input.provider)
      : (proposal.providerId ??
        (() => {
          throw new VrmError(
            'invalid_input',
            `the payments to "${subscription.label}" are matched to no provider yet: say which one (provider), or assign one of its bookings first`,
          );
        })());
  const [firstChange] = subscription.priceChanges;
  const priceHistory = [
    { priceMinor: firstChange?.fromMinor ?? subscription.amountMinor, validFrom: subscription.firstOn },
    ...subscription.priceChanges.map((change) => ({ priceMinor: change.toMinor, validFrom: change.on })),
  ];
  // The contract and its payments' links are one transaction: a crash between them would leave a
  // contract that pays nothing, and the series still without one.
  return areas.contracts.createFromBank(
    {
      providerId,
      name: input.name?.trim() || proposal.name,
      priceMinor: proposal.priceMinor,
      currency: proposal.currency,
      billingCycle: proposal.billingCycle,
      billingIntervalDays: proposal.billingIntervalDays ?? undefined,
      startDate: proposal.startDate,
      priceHistory,
    },
    (trx, contractId) =>
      new BankTransactionRepository(trx).linkContract(subscription.paymentIds, contractId, providerId),
  );
}

/** One recurring payment, the payments it rests on and the alerts on it. */
export interface SubscriptionDetail {
  readonly subscription: Subscription;
  /** Oldest first; `outlier`: a one-off amount the next payment did not repeat. */
  readonly payments: readonly {
    readonly id: number;
    readonly bookedOn: string;
    readonly amountMinor: number;
    readonly currency: string;
    readonly payee: string | null;
    readonly purpose: string | null;
    readonly outlier: boolean;
  }[];
  /** Every alert on it (dismissed ones too), most important first. */
  readonly alerts: readonly AlertView[];
}

/**
 * One series of the overview (by the booking number of any of its payments, or its key) with the
 * payments it rests on, oldest first, and every alert on it.
 */
export function seriesDetail(
  overview: {
    readonly subscriptions: readonly Subscription[];
    readonly payments: readonly Payment[];
    readonly alerts: readonly AlertView[];
  },
  ref: number | string,
): SubscriptionDetail {
  const subscription = findSubscription(overview.subscriptions, ref);
  const ids = new Set(subscription.paymentIds);
  const outliers = new Set(subscription.outliers.map((o) => o.paymentId));
  const payments = overview.payments
    .filter((p) => ids.has(p.id))
    .sort((a, b) => a.bookedOn.localeCompare(b.bookedOn) || a.id - b.id)
    .map((p) => ({
      id: p.id,
      bookedOn: p.bookedOn,
      amountMinor: p.amountMinor,
      currency: p.currency,
      payee: p.counterpartyName,
      purpose: p.text,
      outlier: outliers.has(p.id),
    }));
  const alerts = overview.alerts.filter(
    (a) => a.seriesKey === subscription.key || a.paymentIds.some((id) => ids.has(id)),
  );
  return { subscription, payments, alerts };
}
