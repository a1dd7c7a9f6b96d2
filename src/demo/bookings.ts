import { addPeriod, type IsoDate, type Period } from '../platform/dates.js';
import { MOVED_DAYS_AGO, type DemoCalendar } from './calendar.js';

/**
 * Two years of Alex's bookings (issue 17, point 8), as the bank and the card company book them:
 * the salary, the rent, the demo's contracts paid as they say, groceries and card noise, and what
 * the money pages are there to catch: Streamline TV's price rising twice, a yearly card fee, an
 * app subscription with no contract, and the Manchester gym still collecting after it ended.
 * Every date is relative to the demo's day; amounts of the noise come from a seeded generator,
 * so the same day gives the same bookings.
 */
export interface DemoBooking {
  readonly on: IsoDate;
  /** Signed minor units: money out is below zero. */
  readonly minor: number;
  /** GBP when not given (a card payment abroad is booked in its own currency). */
  readonly currency?: string;
  /** The payee or payer as the bank prints it. */
  readonly payee: string;
  readonly text: string;
  /** The direct debit's reference (UK direct debits have one, and no SEPA creditor id). */
  readonly mandate?: string;
  /** An ISO 20022 bank transaction code (current account) or an OFX TRNTYPE (card). */
  readonly kind: string;
}

/** What Alex's two accounts booked, each in date order. */
export interface DemoBookings {
  readonly current: readonly DemoBooking[];
  readonly card: readonly DemoBooking[];
}

/** How far back the bookings go. */
export const BOOKING_DAYS = 730;
/** The Kestrel card was opened this many days ago (as the ledger's account says). */
export const CARD_OPENED_DAYS_AGO = 700;
/** Streamline TV went from 9.99 to 10.99 about this many days ago (the timeline's e-mail)… */
export const STREAMLINE_FIRST_RISE_DAYS_AGO = 500;
/** …and from 10.99 to 12.99 with the first payment on or after this many days ago. */
export const STREAMLINE_RISE_DAYS_AGO = 120;
/** The app subscription nobody remembers: no provider, no contract. */
export const FORGOTTEN_PAYEE = 'TALLYPOD APP';
/** The Ironworks Gym's direct debit, collected monthly on this day's day of the month. */
const GYM_LAST_DAYS_AGO = 10;

const DAY: Period = { count: 1, unit: 'D' };
const MONTH: Period = { count: 1, unit: 'M' };

/** A small seeded generator (mulberry32): the same noise for the same demo. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const weekday = (day: IsoDate): number => new Date(`${day}T00:00:00Z`).getUTCDay();
const plus = (day: IsoDate, days: number): IsoDate => addPeriod(day, DAY, days) ?? day;
/** A direct debit or standing order due on a weekend is taken on the Monday after. */
const workingDay = (day: IsoDate): IsoDate =>
  weekday(day) === 6 ? plus(day, 2) : weekday(day) === 0 ? plus(day, 1) : day;
/** The salary due on a weekend is paid on the Friday before. */
const paidBefore = (day: IsoDate): IsoDate =>
  weekday(day) === 6 ? plus(day, -1) : weekday(day) === 0 ? plus(day, -2) : day;
const ddmm = (day: IsoDate): string => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/** Every date `anchor + k periods` (k of any sign) within `from`…`to`, in order. */
function every(anchor: IsoDate, period: Period, from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let k = 0; ; k--) {
    const day = addPeriod(anchor, period, k);
    if (day === null || day < from) break;
    if (day <= to) out.push(day);
  }
  for (let k = 1; ; k++) {
    const day = addPeriod(anchor, period, k);
    if (day === null || day > to) break;
    if (day >= from) out.push(day);
  }
  return out.sort();
}

/** Pounds as typed (`12.99`) in pence. */
const pence = (text: string): number => Math.round(Number(text) * 100);

export function demoBookings(cal: DemoCalendar): DemoBookings {
  const { ago, today } = cal;
  const start = ago(BOOKING_DAYS);
  const cardStart = ago(CARD_OPENED_DAYS_AGO);
  const current: DemoBooking[] = [];
  const card: DemoBooking[] = [];
  const rnd = random(17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const between = (low: number, high: number): number => Math.round(low + rnd() * (high - low));

  /** A direct debit on the current account, on each due day (moved to a working day) within the window. */
  const debit = (payee: string, price: string, mandate: string, days: readonly IsoDate[], from = start) => {
    for (const due of days) {
      const on = workingDay(due);
      if (on < from || on > today) continue;
      current.push({
        on,
        minor: -pence(price),
        payee,
        text: `DIRECT DEBIT ${payee} REF ${mandate}`,
        mandate,
        kind: 'PMNT-IDDT-PMDD',
      });
    }
  };
  /** A debit card payment from the current account. */
  const debitCard = (payee: string, minor: number, on: IsoDate) => {
    if (on < start || on > today) return;
    current.push({
      on,
      minor: -minor,
      payee,
      text: `CARD PAYMENT TO ${payee} ON ${ddmm(on)}`,
      kind: 'PMNT-CCRD-POSD',
    });
  };
  /** A purchase on the credit card, in pounds or in the currency it was made in. */
  const charge = (payee: string, minor: number, on: IsoDate, currency = 'GBP', memo?: string) => {
    if (on < cardStart || on > today) return;
    card.push({ on, minor: -minor, currency, payee, text: memo ?? payee, kind: 'POS' });
  };
  const monthly = (anchor: IsoDate, from = start) => every(anchor, MONTH, from, today);

  // Money in: the salary on the 25th (the Friday before when that is a weekend), net pay varying with tax.
  for (const due of every(today.slice(0, 8) + '25', MONTH, start, today)) {
    const on = paidBefore(due);
    if (on > today) continue;
    current.push({
      on,
      minor: 318_042 + between(-4_000, 4_000),
      payee: 'MERIDIAN ANALYTICS LTD',
      text: `SALARY ${due.slice(0, 7)}`,
      kind: 'PMNT-RCDT-SALA',
    });
  }

  // The rent: the Manchester flat by standing order until the move (the deposit paid the last
  // month), the Bristol flat's from the move.
  const moved = ago(MOVED_DAYS_AGO);
  for (const due of every(start.slice(0, 8) + '01', MONTH, start, ago(MOVED_DAYS_AGO + 30))) {
    current.push({
      on: workingDay(due),
      minor: -85_000,
      payee: 'R HOLLOWAY',
      text: 'STANDING ORDER RENT 27 OXFORD RD FLAT 4',
      kind: 'PMNT-ICDT-STDO',
    });
  }
  for (const due of every(start.slice(0, 8) + '01', MONTH, moved, today)) {
    const on = workingDay(due);
    if (on <= today)
      current.push({
        on,
        minor: -115_000,
        payee: 'CLIFTON LETTINGS LTD',
        text: 'STANDING ORDER RENT 12 COTHAM HILL',
        kind: 'PMNT-ICDT-STDO',
      });
  }

  // The account's own fee, taken from it.
  for (const on of monthly(ago(2900))) {
    current.push({
      on,
      minor: -1200,
      payee: 'HARBOUR BANK',
      text: 'PREMIER ACCOUNT MONTHLY FEE',
      kind: 'ACMT-MDOP-CHRG',
    });
  }

  // The contracts paid by direct debit, with the customer number in the reference.
  debit('BRIGHTSIDE ENERGY', '112.40', 'BE-778812', monthly(ago(318), ago(318)));
  debit('SEVERN WATER', '41.20', 'SW-2231-88', monthly(ago(MOVED_DAYS_AGO - 5), moved));
  // Manchester water quarterly, until the move; the disputed final bill is not paid.
  debit(
    'PENNINE WATER',
    '116.70',
    'PW-1002-34',
    every(ago(MOVED_DAYS_AGO + 15), { count: 3, unit: 'M' }, start, ago(MOVED_DAYS_AGO)),
  );
  // Council tax in ten instalments, April to January, on the 1st.
  debit(
    'BRISTOL CITY COUNCIL',
    '168.00',
    'CT-99812344',
    every(today.slice(0, 8) + '01', MONTH, moved, today).filter((d) => !['02', '03'].includes(d.slice(5, 7))),
    moved,
  );
  debit('LUMEN FIBRE', '34.99', 'LF-00913', monthly(ago(700), ago(700)));
  debit('HEARTHSTONE INSURANCE', '14.50', 'HH-7711', monthly(moved, moved));
  debit('VITALIS HEALTH', '18.75', 'VH-300122-D', monthly(ago(1200)));
  debit('VITALIS HEALTH', '180.00', 'VH-300122-C', every(ago(1050), { count: 1, unit: 'Y' }, start, today));
  debit(
    'FASTFONE DIRECT',
    '25.00',
    'FF-33012',
    monthly(ago(1400)).filter((d) => d <= ago(340)),
  );
  debit(
    'PEAK FITNESS',
    '24.00',
    'PF-20931',
    every(ago(40), { count: 28, unit: 'D' }, ago(40), today),
    ago(40),
  );
  // Ironworks Gym: cancelled to end five days before the move, and still collecting twice since.
  debit('IRONWORKS GYM', '32.00', 'IW-55190', monthly(ago(GYM_LAST_DAYS_AGO)));

  // Paid with the debit card.
  for (const on of monthly(ago(340), ago(340))) {
    debitCard('CONTOUR MOBILE', 1200, on);
    debitCard('CONTOUR MOBILE', 699, on);
  }
  for (const on of every(ago(90), { count: 14, unit: 'D' }, ago(90), today))
    debitCard('LOOP COFFEE', 950, on);
  for (const on of every(ago(200), { count: 7, unit: 'D' }, ago(200), today))
    debitCard('WEEKLY VEG BOX CO-OP', 1400, on);
  for (const on of every(ago(120), { count: 6, unit: 'M' }, start, today))
    debitCard('RAILWAY SAVER CARDS', 1500, on);
  debitCard('CITYBIKE SHARE', 2700, ago(80));

  // Paid with the credit card.
  for (const on of monthly(ago(1500), cardStart)) {
    const price =
      on < ago(STREAMLINE_FIRST_RISE_DAYS_AGO) ? 999 : on < ago(STREAMLINE_RISE_DAYS_AGO) ? 1099 : 1299;
    charge('STREAMLINE TV', price, on, 'GBP', 'STREAMLINE TV STANDARD PLAN');
  }
  for (const on of monthly(ago(900), cardStart))
    charge('CADENCE MUSIC', 1999, on, 'GBP', 'CADENCE MUSIC FAMILY');
  for (const on of monthly(ago(120), ago(120)))
    charge('GREENBASKET GROCERIES', 799, on, 'GBP', 'GREENBASKET DELIVERY PASS');
  for (const on of monthly(ago(150), ago(150)).slice(0, 6))
    charge('SPRACHWERK ONLINE', 1490, on, 'EUR', 'SPRACHWERK ONLINE GMBH BERLIN');
  for (const on of monthly(ago(300), ago(300)))
    charge(FORGOTTEN_PAYEE, 499, on, 'GBP', 'TALLYPOD APP MONTHLY');
  charge('NORTHLIGHT NEWS', 9900, ago(350), 'GBP', 'NORTHLIGHT NEWS DIGITAL');
  charge('ATLAS CLOUD STORAGE', 9999, ago(330), 'USD', 'ATLAS CLOUD 2TB PLAN');
  for (const days of [700, 335])
    charge('AEGIS MOTOR INSURANCE', 61200, ago(days), 'GBP', 'AEGIS MOTOR POLICY AMI-5521090');
  for (const days of [380, 15])
    charge('PARCELPOINT MARKETPLACE', 9500, ago(days), 'GBP', 'PARCELPOINT PLUS MEMBERSHIP');
  for (const days of [635, 270])
    card.push({
      on: ago(days),
      minor: -9500,
      payee: 'KESTREL CARD',
      text: 'ANNUAL FEE REWARDS CARD',
      kind: 'FEE',
    });

  // Everyday spending: groceries and lunches with the debit card, eating out and trains on the card.
  const shops = [
    'TESCO STORES',
    'SAINSBURYS S/MKT',
    'ASDA SUPERSTORE',
    'CO-OP FOOD',
    'MARKS AND SPENCER',
  ] as const;
  const snacks = ['PRET A MANGER', 'GREGGS', 'COSTA COFFEE', 'BOOTS'] as const;
  const out = ['DELIVEROO', 'TRAINLINE', 'UBER', 'WATERSTONES', 'ODEON CINEMAS'] as const;
  for (let day = start; day <= today; day = plus(day, 1)) {
    if (rnd() < 0.3) debitCard(pick(shops), between(800, 6500), day);
    if (rnd() < 0.2) debitCard(pick(snacks), between(280, 1150), day);
    if (rnd() < 0.12) charge(pick(out), between(900, 4800), day);
  }

  // The card is paid in full by direct debit on the 20th: the last statement's balance.
  const byDate = (a: DemoBooking, b: DemoBooking) => a.on.localeCompare(b.on);
  card.sort(byDate);
  for (const due of monthly(cardStart.slice(0, 8) + '20', plus(cardStart, 30))) {
    const on = workingDay(due);
    if (on > today) continue;
    const statementEnd = `${(addPeriod(due, MONTH, -1) ?? due).slice(0, 8)}31`;
    const owed = -card
      .filter((b) => b.on <= statementEnd && (b.currency ?? 'GBP') === 'GBP')
      .reduce((sum, b) => sum + b.minor, 0);
    if (owed <= 0) continue;
    current.push({
      on,
      minor: -owed,
      payee: 'KESTREL CARD',
      text: 'DIRECT DEBIT KESTREL CARD PAYMENT',
      mandate: 'KC-8812-DD',
      kind: 'PMNT-IDDT-PMDD',
    });
    card.push({
      on,
      minor: owed,
      payee: 'PAYMENT RECEIVED',
      text: 'PAYMENT RECEIVED - THANK YOU',
      kind: 'PAYMENT',
    });
    card.sort(byDate);
  }
  return { current: current.sort(byDate), card };
}
