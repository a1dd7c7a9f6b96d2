import type { Services } from '../app.js';
import { addPeriod, type IsoDate } from '../platform/dates.js';
import { VrmError } from '../platform/errors.js';
import { writeCamt053 } from '../money/formats/camt-writer.js';
import { writeOfx } from '../money/formats/ofx-writer.js';
import type { StatementAccount, StatementTransaction } from '../money/statement.js';
import { BOOKING_DAYS, CARD_OPENED_DAYS_AGO, demoBookings, type DemoBooking } from './bookings.js';
import type { DemoCalendar } from './calendar.js';

/** The Harbour Bank current account, as the vault's bank-account fact "current account" has it. */
export const DEMO_CURRENT_ACCOUNT = { iban: 'GB45HRBB40172631926819', bic: 'HRBBGB2L' } as const;
/** The Kestrel rewards card, as its statements name it. */
export const DEMO_CARD_NUMBER = '5412 **** **** 8812';

export interface MoneySummary {
  /** Bookings stored. */
  readonly bookings: number;
  /** Statement files imported. */
  readonly statements: number;
}

/**
 * Alex's bank statements (issue 17, point 8): a CAMT.053 statement of the Harbour Bank current
 * account and an OFX statement of the Kestrel card for every quarter of the last two years, written
 * from the bookings of `bookings.ts` and imported through `MoneyService.importFile` the way Alex
 * would, each three days after its quarter ended (the current one today). The current account's
 * IBAN is the vault fact's, so the import links them. Call after the vault's facts are in.
 */
export async function seedMoney(services: Services, cal: DemoCalendar): Promise<MoneySummary> {
  const { current, card } = demoBookings(cal);
  const cardAccount: StatementAccount = {
    key: DEMO_CARD_NUMBER,
    iban: null,
    number: DEMO_CARD_NUMBER,
    bankId: null,
    currency: 'GBP',
    name: null,
    type: 'CREDITCARD',
  };
  let bookings = 0;
  let statements = 0;
  let balance = 240_000;
  const imported = async (month: Month, name: string, text: string) => {
    const summary = await services.asOf(month.importOn, () =>
      services.money.importFile({ name, bytes: Buffer.from(text, 'utf8') }),
    );
    if (summary.skipped > 0) {
      const why = summary.skips.map((s) => `${s.location}: ${s.reason}`).join('; ');
      throw new VrmError('internal', `demo data: ${name} has bookings vrm cannot read: ${why}`);
    }
    bookings += summary.imported;
    statements++;
  };
  for (const month of months(cal, BOOKING_DAYS)) {
    const mine = current.filter((b) => b.on >= month.from && b.on <= month.to);
    await imported(
      month,
      `harbour-bank-${month.from}-${month.to}.xml`,
      writeCamt053({
        account: { ...DEMO_CURRENT_ACCOUNT, currency: 'GBP', name: 'Alex J Morgan' },
        transactions: mine.map((b, i) =>
          transaction(b, `ref:HB${b.on.replace(/-/gu, '')}${String(i).padStart(3, '0')}`),
        ),
        openingMinor: balance,
        messageId: `HRBB-STMT-${month.from}`,
        createdAt: `${month.importOn}T06:00:00`,
      }),
    );
    balance += mine.reduce((sum, b) => sum + b.minor, 0);
  }
  for (const month of months(cal, CARD_OPENED_DAYS_AGO)) {
    const mine = card.filter((b) => b.on >= month.from && b.on <= month.to);
    await imported(
      month,
      `kestrel-card-${month.from}-${month.to}.ofx`,
      writeOfx({
        account: cardAccount,
        transactions: mine.map((b, i) =>
          transaction(b, `fitid:KC${b.on.replace(/-/gu, '')}${String(i).padStart(3, '0')}`),
        ),
        from: month.from,
        to: month.to,
      }),
    );
  }
  return { bookings, statements };
}

/**
 * Alex downloads a statement every three months: a monthly one each would import the same
 * bookings in 49 files and take the demo, which many tests build, about twice as long.
 */
const MONTHS_PER_STATEMENT = 3;

interface Month {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** The day the statement is imported: three days after its period, or today for the current one. */
  readonly importOn: IsoDate;
}

/** Periods of `MONTHS_PER_STATEMENT` calendar months from `daysBack` days ago to today, the first and the last cut to them. */
function months({ ago, today }: DemoCalendar, daysBack: number): Month[] {
  const out: Month[] = [];
  const first = ago(daysBack);
  for (let monthStart = `${first.slice(0, 8)}01`; monthStart <= today;) {
    const next = addPeriod(monthStart, { count: MONTHS_PER_STATEMENT, unit: 'M' }) ?? today;
    const last = addPeriod(next, { count: 1, unit: 'D' }, -1) ?? today;
    const to = last < today ? last : today;
    const importOn = addPeriod(last, { count: 1, unit: 'D' }, 3) ?? today;
    out.push({
      from: monthStart < first ? first : monthStart,
      to,
      importOn: importOn < today ? importOn : today,
    });
    monthStart = next;
  }
  return out;
}

function transaction(b: DemoBooking, key: string): StatementTransaction {
  return {
    accountKey: '',
    key,
    bookedOn: b.on,
    valueOn: null,
    amountMinor: b.minor,
    currency: b.currency ?? 'GBP',
    counterpartyName: b.payee,
    counterpartyIban: null,
    creditorId: null,
    mandateReference: b.mandate ?? null,
    text: b.text,
    bankReference: null,
    kind: b.kind,
  };
}
