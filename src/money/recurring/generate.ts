import type { IsoDate } from '../../platform/dates.js';
import { CADENCES, Schedule, fromDay, toDay } from './calendar.js';
import type { Cadence, Payment } from './types.js';

/**
 * Realistic bank bookings for tests, the benchmark and the demo: a few years over several accounts
 * with subscriptions of every cadence (some with price rises, some cancelled), salaries, groceries
 * at a handful of shops per account, a café with fixed prices, and one-off transfers. Deterministic
 * for a seed, so a benchmark run and a test see the same data.
 *
 * @example const { payments, subscriptions } = generatePayments({ seed: 17, count: 100_000 });
 */
export interface GenerateOptions {
  readonly seed?: number;
  /** How many bookings in all (subscriptions and salaries first, the rest everyday spending). */
  readonly count?: number;
  readonly years?: number;
  readonly accounts?: number;
  /** The last booking day. */
  readonly endOn?: IsoDate;
  readonly currency?: string;
  /** How many subscriptions to plant (at most 40 names). */
  readonly subscriptions?: number;
}

/** A subscription the generator planted: what detection should find. */
export interface PlantedSubscription {
  readonly name: string;
  readonly accountId: number;
  readonly cadence: Cadence;
  readonly paymentIds: number[];
  readonly priceRise: boolean;
  readonly cancelledOn: IsoDate | null;
}

export interface Generated {
  /** Ordered by date; ids count from 1 in that order. */
  readonly payments: Payment[];
  readonly subscriptions: PlantedSubscription[];
}

const NAMES = [
  'Streamline TV',
  'Musicflow',
  'Cloudvault',
  'Daily Ledger News',
  'FitHub Gym',
  'Vegbox Weekly',
  'Phoneplan Mobile',
  'Homeshield Insurance',
  'Petcare Plus',
  'Gamepass Arena',
  'Bookworm Club',
  'Kidslearn',
  'Parkright Garage',
  'Cleanwater Utilities',
  'Broadlink Internet',
  'Carcover Insurance',
  'Photovault',
  'Newsline Digital',
  'Podhaven',
  'Codeforge Pro',
  'Mealkit Express',
  'Languago',
  'Wineclub Cellar',
  'Sparkle Cleaning',
  'Bikeshare City',
  'Cinemapass',
  'Dentalcare Plan',
  'Vpnshield',
  'Passkeep',
  'Designly',
  'Audiotale',
  'Yogaspace',
  'Lawncare Service',
  'Alarmwatch Security',
  'Magazine Monthly',
  'Charity Hope',
  'Domainhost',
  'Taxhelper',
  'Tutorly',
  'Storagebox',
];

const SHOPS = [
  'TESCO STORES',
  'LIDL',
  'ALDI SUED',
  'REWE MARKT',
  'SAINSBURYS',
  'EDEKA',
  'CARREFOUR',
  'BOOTS',
  'SHELL',
  'ARAL STATION',
  'IKEA',
  'AMAZON MKTPLACE',
  'DM DROGERIE',
  'ROSSMANN',
  'H&M',
  'DECATHLON',
];

/** mulberry32: a small, fast, well-spread 32-bit generator. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Draft = Omit<Payment, 'id'> & { planted?: number };

const blank = (accountId: number, bookedOn: IsoDate, amountMinor: number, currency: string): Draft => ({
  accountId,
  bookedOn,
  amountMinor,
  currency,
  providerId: null,
  providerName: null,
  creditorId: null,
  mandateReference: null,
  counterpartyIban: null,
  counterpartyName: null,
  text: null,
  contractId: null,
});

export function generatePayments(options: GenerateOptions = {}): Generated {
  const { seed = 17, count = 100_000, years = 5, accounts = 20, currency = 'EUR' } = options;
  const rand = random(seed);
  const int = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
  const endDay = toDay(options.endOn ?? '2026-11-30');
  const startDay = endDay - Math.round(365.25 * years);
  const drafts: Draft[] = [];
  const planted: Omit<PlantedSubscription, 'paymentIds'>[] = [];

  const howMany = Math.min(options.subscriptions ?? 40, NAMES.length);
  for (let i = 0; i < howMany; i++) {
    // Every cadence, monthly most often, as in real life.
    const def = CADENCES[[3, 3, 3, 7, 5, 6, 0, 3, 2, 4, 3, 7, 1, 3, 5, 6][i % 16] ?? 3];
    if (def === undefined) continue;
    const name = NAMES[i] ?? `Service ${i}`;
    const accountId = (i % accounts) + 1;
    const monthEnd = def.cadence.kind === 'monthly' && def.cadence.every === 1 && i % 9 === 4;
    const cadence: Cadence = monthEnd ? { ...def.cadence, monthEnd: true } : def.cadence;
    let anchor = startDay + int(0, Math.round(365 * Math.min(2, years / 2)));
    if (monthEnd) anchor = toDay(`${fromDay(anchor).slice(0, 8)}01`) - 1;
    const schedule = new Schedule(cadence, anchor);
    const cancelled = i % 5 === 2 ? endDay - int(120, 400) : null;
    const last = cancelled ?? endDay;
    const priceRise = i % 3 === 0;
    const base = [299, 499, 799, 999, 1099, 1299, 1499, 2500, 4999, 8900][i % 10] ?? 999;
    const slots: number[] = [];
    for (let k = 0; schedule.at(k) <= last - def.toleranceDays; k++) slots.push(k);
    const riseAt = priceRise ? Math.floor(slots.length * (0.4 + 0.3 * rand())) : Infinity;
    const risen = Math.ceil((base * (1.1 + 0.2 * rand())) / 100) * 100 - 1;
    const drift = Math.max(0, def.toleranceDays - 2);
    for (const k of slots) {
      const day = schedule.at(k) + (monthEnd || k === 0 ? 0 : int(-drift, drift));
      const draft = blank(accountId, fromDay(day), -(k >= riseAt ? risen : base), currency);
      drafts.push({ ...draft, ...identity(i, name, int(1000, 9999)), planted: planted.length });
    }
    planted.push({
      name,
      accountId,
      cadence,
      priceRise,
      cancelledOn: cancelled === null ? null : fromDay(cancelled),
    });
  }

  for (let a = 1; a <= accounts; a++) {
    const pay = new Schedule({ kind: 'monthly', every: 1 }, startDay + 25);
    for (let k = 0; pay.at(k) <= endDay; k++) {
      drafts.push({
        ...blank(a, fromDay(pay.at(k)), 250_000 + a * 1000, currency),
        counterpartyName: 'ACME PAYROLL',
      });
    }
  }

  // Everyday spending to fill the count: a few shops per account, a café at fixed prices, transfers.
  const shopsOf = Array.from({ length: accounts }, () =>
    Array.from({ length: 6 }, () => SHOPS[int(0, SHOPS.length - 1)] ?? 'SHOP'),
  );
  while (drafts.length < count) {
    const accountId = int(1, accounts);
    const day = fromDay(int(startDay, endDay));
    const roll = rand();
    if (roll < 0.1) {
      const draft = blank(accountId, day, -([320, 350, 420][int(0, 2)] ?? 320), currency);
      drafts.push({ ...draft, counterpartyName: `SQ *CORNER CAFE ${int(100, 999)}` });
    } else if (roll < 0.16) {
      const draft = blank(accountId, day, -int(1000, 150_000), currency);
      const iban = `DE${String(int(10, 99))}500105170${String(int(1_000_000, 9_999_999))}`;
      drafts.push({
        ...draft,
        counterpartyIban: iban,
        counterpartyName: 'Transfer',
        text: `Invoice ${int(1000, 99_999)}`,
      });
    } else {
      const shop = shopsOf[accountId - 1]?.[int(0, 5)] ?? 'SHOP';
      const amount = Math.round(Math.exp(Math.log(200) + rand() * Math.log(80)));
      const draft = blank(accountId, day, -amount, currency);
      drafts.push({
        ...draft,
        counterpartyName: `${shop} ${int(1000, 9999)} ${['LONDON', 'BERLIN', 'PARIS'][int(0, 2)] ?? ''}`,
      });
    }
  }

  drafts.sort((a, b) => a.bookedOn.localeCompare(b.bookedOn) || a.accountId - b.accountId);
  const ids: number[][] = planted.map(() => []);
  const payments = drafts.map(({ planted: index, ...draft }, i) => {
    if (index !== undefined) ids[index]?.push(i + 1);
    return { ...draft, id: i + 1 };
  });
  return { payments, subscriptions: planted.map((p, i) => ({ ...p, paymentIds: ids[i] ?? [] })) };
}

/** How a subscription shows on the statement: a direct debit, a transfer to an IBAN, a card payment, or matched to a provider. */
function identity(i: number, name: string, noise: number): Partial<Payment> {
  const upper = name.toUpperCase();
  switch (i % 4) {
    case 0:
      return {
        creditorId: `DE${String(10 + i)}ZZZ0000${String(100_000 + i)}`,
        mandateReference: `MANDATE-${i}`,
        counterpartyName: name,
        text: `${upper} contract ${noise}`,
      };
    case 1:
      return {
        counterpartyIban: `GB${String(10 + i)}BARC2000${String(10_000_000 + i)}`,
        counterpartyName: name,
      };
    case 2:
      return { counterpartyName: `PAYPAL *${upper.replace(/\s+/gu, '')} ${noise}`, text: `Ref ${noise}` };
    default:
      return { providerId: 100 + i, providerName: name, counterpartyName: `${upper} ${noise}` };
  }
}
