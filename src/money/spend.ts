import { addPeriod, type IsoDate } from '../platform/dates.js';
import type { Contract } from '../providers/contracts.js';
import { billingPeriod } from '../providers/renewals.js';
import type { SpendRepository } from './repository.js';
import type { SpendGroup } from './schemas.js';
import { amountWords } from './words.js';

export { amountWords };

/** Money out and in over some bookings (both positive, never netted), and how many bookings. */
export interface SpendAmounts {
  readonly spentMinor: number;
  readonly receivedMinor: number;
  readonly count: number;
}

export interface SpendMonth extends SpendAmounts {
  /** `YYYY-MM`. */
  readonly month: string;
}

/**
 * Who was paid: a provider, a payee no provider is known for (`payee`: "Not assigned"), or the
 * sum of the smallest ones when there are many (`others`).
 */
export interface SpendPayee extends SpendAmounts {
  readonly kind: 'provider' | 'payee' | 'others';
  readonly providerId: number | null;
  readonly label: string;
}

export interface SpendCategory extends SpendAmounts {
  /** The providers' category; null for "No category" (and for bookings with no provider). */
  readonly category: string | null;
  readonly label: string;
}

/** One line of the chart over time: a top provider's spend per month, or everything else's. */
export interface SpendSeries {
  readonly providerId: number | null;
  readonly label: string;
  /** Spent in each month of the report's `months`, in that order. */
  readonly monthsMinor: readonly number[];
}

export interface SpendYear extends SpendAmounts {
  readonly year: string;
}

/** Everything spent in one currency: amounts of different currencies are never added. */
export interface CurrencySpend {
  readonly currency: string;
  readonly total: SpendAmounts;
  /** Every month of the range, those without a booking as zero, so a chart has no gaps. */
  readonly months: readonly SpendMonth[];
  /** Most spent first. */
  readonly payees: readonly SpendPayee[];
  readonly categories: readonly SpendCategory[];
  /** The providers spent most on, each per month, and the rest as one more series. */
  readonly series: readonly SpendSeries[];
  readonly years: readonly SpendYear[];
}

/** Spend over time (issue 17, point 4). */
export interface SpendReport {
  /** The first and last month counted; null when there are no bookings to count. */
  readonly from: string | null;
  readonly to: string | null;
  /** Every month from `from` to `to`. */
  readonly months: readonly string[];
  readonly incoming: boolean;
  readonly by: SpendGroup | null;
  readonly account: { readonly id: number; readonly title: string } | null;
  readonly currencies: readonly CurrencySpend[];
}

/** How many payees a currency lists before the rest is summed as "others". */
const PAYEES_SHOWN = 100;
/** How many providers the chart over time draws each as its own series. */
const TOP_SERIES = 5;

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** `count` months back (or on) from `YYYY-MM`. */
export function addMonths(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 12 * 200; m = nextMonth(m)) out.push(m);
  return out;
}

const add = (a: SpendAmounts, b: SpendAmounts): SpendAmounts => ({
  spentMinor: a.spentMinor + b.spentMinor,
  receivedMinor: a.receivedMinor + b.receivedMinor,
  count: a.count + b.count,
});
const ZERO: SpendAmounts = { spentMinor: 0, receivedMinor: 0, count: 0 };
const bySpend = (a: SpendAmounts, b: SpendAmounts) =>
  b.spentMinor - a.spentMinor || b.receivedMinor - a.receivedMinor;

/** The query's range as days: from the first of `from` to before the first of the month after `to`. */
export const daysOf = (from: string | undefined, to: string | undefined) => ({
  fromDay: from === undefined ? undefined : `${from}-01`,
  untilDay: to === undefined ? undefined : `${nextMonth(to)}-01`,
});

/** Adds a group's sums under `key`. */
function addTo<K>(map: Map<K, SpendAmounts>, key: K, sums: SpendAmounts): void {
  map.set(key, add(map.get(key) ?? ZERO, sums));
}

/**
 * Builds the spend report from one grouped query (per currency, month, provider and unassigned
 * payee): the months, who was paid, the categories, the top providers' months and each year are
 * sums of those groups, never of bookings. `by` keeps one grouping of the tables (all unless said).
 */
export async function spendReport(
  repo: SpendRepository,
  query: {
    from?: string | undefined;
    to?: string | undefined;
    by?: SpendGroup | undefined;
    incoming: boolean;
    currency?: string | undefined;
    account: { id: number; title: string } | null;
  },
): Promise<SpendReport> {
  const groups = await repo.groups({
    ...daysOf(query.from, query.to),
    accountId: query.account?.id,
    currency: query.currency,
    incoming: query.incoming,
  });
  const wants = (group: SpendGroup) => query.by === undefined || query.by === group;
  const present = groups.map((g) => g.month).sort();
  const from = query.from ?? present[0] ?? null;
  const to = query.to ?? present.at(-1) ?? null;
  const months = from === null || to === null ? [] : monthsBetween(from, to);
  const currencies = [...new Set(groups.map((g) => g.currency))].sort();

  return {
    from,
    to,
    months,
    incoming: query.incoming,
    by: query.by ?? null,
    account: query.account,
    currencies: currencies.map((currency) => {
      const mine = groups.filter((g) => g.currency === currency);
      const perMonth = new Map<string, SpendAmounts>();
      const perPayee = new Map<string, SpendAmounts>();
      const labels = new Map<string, { providerId: number | null; label: string }>();
      const perCategory = new Map<string | null, SpendAmounts>();
      for (const g of mine) {
        addTo(perMonth, g.month, g);
        const key = g.providerId === null ? `payee:${g.payee}` : `provider:${g.providerId}`;
        addTo(perPayee, key, g);
        if (!labels.has(key))
          labels.set(key, {
            providerId: g.providerId,
            label: g.providerName ?? (g.payeeName?.trim() || g.payee || 'Unknown payee'),
          });
        addTo(perCategory, g.providerId === null ? null : g.category, g);
      }
      const monthly = months.map((month) => ({ month, ...(perMonth.get(month) ?? ZERO) }));
      const payees = payeesOf(perPayee, labels);
      // The top providers of the currency, drawn month by month, and everything else as one more.
      const tops = payees.filter((p) => p.kind === 'provider' && p.spentMinor > 0).slice(0, TOP_SERIES);
      const series: SpendSeries[] = tops.map((p) => {
        const spentIn = new Map<string, number>();
        for (const g of mine)
          if (g.providerId === p.providerId) spentIn.set(g.month, (spentIn.get(g.month) ?? 0) + g.spentMinor);
        return {
          providerId: p.providerId,
          label: p.label,
          monthsMinor: months.map((m) => spentIn.get(m) ?? 0),
        };
      });
      if (series.length > 0) {
        const rest = monthly.map(
          (m, i) => m.spentMinor - series.reduce((sum, x) => sum + (x.monthsMinor[i] ?? 0), 0),
        );
        if (rest.some((v) => v !== 0))
          series.push({ providerId: null, label: 'Everything else', monthsMinor: rest });
      }
      return {
        currency,
        total: monthly.reduce<SpendAmounts>((sum, m) => add(sum, m), ZERO),
        months: monthly,
        payees: wants('provider') ? payees : [],
        categories: wants('category')
          ? [...perCategory]
              .map(([category, sums]) => ({ category, label: category ?? 'No category', ...sums }))
              .sort(bySpend)
          : [],
        series: wants('provider') ? series : [],
        years: yearsOf(monthly),
      };
    }),
  };
}

/** Who was paid, most first; past PAYEES_SHOWN, the rest as one "others". */
function payeesOf(
  sums: ReadonlyMap<string, SpendAmounts>,
  labels: ReadonlyMap<string, { providerId: number | null; label: string }>,
): SpendPayee[] {
  const all = [...sums]
    .map(([key, amounts]): SpendPayee => {
      const { providerId, label } = labels.get(key) ?? { providerId: null, label: key };
      return { kind: providerId === null ? 'payee' : 'provider', providerId, label, ...amounts };
    })
    .sort(bySpend);
  if (all.length <= PAYEES_SHOWN) return all;
  const rest = all.slice(PAYEES_SHOWN - 1);
  const summed = rest.reduce<SpendAmounts>((sum, p) => add(sum, p), ZERO);
  return [
    ...all.slice(0, PAYEES_SHOWN - 1),
    { kind: 'others', providerId: null, label: `${rest.length} others`, ...summed },
  ];
}

/** The months' sums per calendar year, the latest first. */
function yearsOf(months: readonly SpendMonth[]): SpendYear[] {
  const years = new Map<string, SpendAmounts>();
  for (const m of months) {
    const year = m.month.slice(0, 4);
    years.set(year, add(years.get(year) ?? ZERO, m));
  }
  return [...years].sort(([a], [b]) => b.localeCompare(a)).map(([year, sums]) => ({ year, ...sums }));
}

/**
 * The days a contract charges between two days (both included): its start and every billing cycle
 * after it, before its end; each at the price its history gives for that day.
 *
 * @example contractCharges(monthlyFrom15Jan, '2026-01-01', '2026-03-31') // 15 Jan, 15 Feb, 15 Mar
 */
export function contractCharges(
  contract: Pick<
    Contract,
    | 'startDate'
    | 'endDate'
    | 'billingCycle'
    | 'billingIntervalDays'
    | 'priceMinor'
    | 'currency'
    | 'priceHistory'
  >,
  fromDay: IsoDate,
  toDay: IsoDate,
): { on: IsoDate; priceMinor: number; currency: string }[] {
  const period = billingPeriod(contract);
  const history = contract.priceHistory;
  const charges: { on: IsoDate; priceMinor: number; currency: string }[] = [];
  for (let k = 0; ; k++) {
    const on = addPeriod(contract.startDate, period, k);
    if (on === null || on > toDay) break;
    if (contract.endDate !== null && on >= contract.endDate) break;
    if (on < fromDay) continue;
    // The last price that applied by that day; before the first, the first.
    let price = history[0] ?? { priceMinor: contract.priceMinor, currency: contract.currency };
    for (const point of history) if (point.validFrom <= on) price = point;
    charges.push({ on, priceMinor: price.priceMinor, currency: price.currency });
  }
  return charges;
}

/** One contract: what it says it costs in the period, and what was paid. */
export interface PaidVersusContracted {
  readonly contractId: number;
  readonly name: string;
  readonly providerId: number;
  readonly provider: string;
  readonly billingCycle: Contract['billingCycle'];
  /** The currency compared in: the contract's. */
  readonly currency: string;
  /** How many times it charges in the period, and what that adds up to. */
  readonly charges: number;
  readonly contractedMinor: number;
  /** Paid (less refunds) by the bookings counted. */
  readonly paidMinor: number;
  readonly payments: number;
  /** `contract`: bookings linked to it; `provider`: its provider's bookings, the provider having only it. */
  readonly paidBy: 'contract' | 'provider';
  /** Paid less contracted: more than the contract says when positive. */
  readonly differenceMinor: number;
  /** "Paid 12,00 € more than the contract says". */
  readonly words: string;
}

export interface PaidReport {
  readonly from: string;
  readonly to: string;
  readonly contracts: readonly PaidVersusContracted[];
}

/** The difference in words. */
export function differenceWords(differenceMinor: number, currency: string, paidMinor: number): string {
  if (paidMinor === 0 && differenceMinor < 0)
    return `Nothing paid yet; the contract says ${amountWords(-differenceMinor, currency)}`;
  if (differenceMinor === 0) return 'Paid what the contract says';
  const more = differenceMinor > 0 ? 'more' : 'less';
  return `Paid ${amountWords(Math.abs(differenceMinor), currency)} ${more} than the contract says`;
}

/**
 * Paid against contracted, for each contract that has bookings linked to it or whose provider has
 * bookings: the contract's charges in the period at the prices of its history, against the
 * bookings linked to it, or its provider's unlinked bookings when the provider has no other contract.
 */
export async function paidVersusContracted(
  repo: SpendRepository,
  contracts: readonly Contract[],
  providerNames: ReadonlyMap<number, string>,
  period: { from: string; to: string },
): Promise<PaidReport> {
  const { fromDay, untilDay } = daysOf(period.from, period.to);
  const lastDay = addPeriod(untilDay ?? '', { count: 1, unit: 'D' }, -1) ?? '';
  const [withBookings, paidRows] = await Promise.all([
    repo.withBookings(),
    repo.paid({ fromDay, untilDay, incoming: true }),
  ]);
  const linked = new Set(withBookings.contractIds);
  const paying = new Set(withBookings.providerIds);
  const perProvider = new Map<number, number>();
  for (const c of contracts) perProvider.set(c.providerId, (perProvider.get(c.providerId) ?? 0) + 1);

  const out: PaidVersusContracted[] = [];
  for (const contract of contracts) {
    if (!linked.has(contract.id) && !paying.has(contract.providerId)) continue;
    const alone = perProvider.get(contract.providerId) === 1;
    const rows = paidRows.filter(
      (r) =>
        r.currency === contract.currency &&
        (r.contractId === contract.id ||
          (alone && r.contractId === null && r.providerId === contract.providerId)),
    );
    const charges = contractCharges(contract, fromDay ?? '', lastDay).filter(
      (c) => c.currency === contract.currency,
    );
    const contractedMinor = charges.reduce((sum, c) => sum + c.priceMinor, 0);
    const paidMinor = rows.reduce((sum, r) => sum + r.paidMinor, 0);
    const payments = rows.reduce((sum, r) => sum + r.count, 0);
    // A contract that neither ran nor was paid in the period has nothing to compare.
    if (charges.length === 0 && payments === 0) continue;
    const differenceMinor = paidMinor - contractedMinor;
    out.push({
      contractId: contract.id,
      name: contract.name,
      providerId: contract.providerId,
      provider: providerNames.get(contract.providerId) ?? `provider ${contract.providerId}`,
      billingCycle: contract.billingCycle,
      currency: contract.currency,
      charges: charges.length,
      contractedMinor,
      paidMinor,
      payments,
      paidBy: rows.some((r) => r.contractId === contract.id) || !alone ? 'contract' : 'provider',
      differenceMinor,
      words: differenceWords(differenceMinor, contract.currency, paidMinor),
    });
  }
  out.sort(
    (a, b) => Math.abs(b.differenceMinor) - Math.abs(a.differenceMinor) || a.name.localeCompare(b.name),
  );
  return { from: period.from, to: period.to, contracts: out };
}
