/** Display helpers. Amounts are integer minor units plus an ISO 4217 code, as the API sends them. */
const digits = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

export function money(minor: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(
    minor / 10 ** digits(currency),
  );
}

/**
 * Decimal text for a form field, the way the browser's locale writes it and without thousands
 * separators, so the server's amount reader takes it back unchanged: 1234 EUR → "12,34" in German,
 * "12.34" in English. Latin digits always, as the reader reads no others.
 */
export const amountText = (minor: number, currency: string): string =>
  new Intl.NumberFormat(undefined, {
    minimumFractionDigits: digits(currency),
    maximumFractionDigits: digits(currency),
    useGrouping: false,
    numberingSystem: 'latn',
  }).format(minor / 10 ** digits(currency));

export const dateText = (iso: string | null | undefined): string =>
  iso
    ? new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString(undefined, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
      })
    : '';

export const dateTimeText = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

const numberFormat = new Intl.NumberFormat();
/** 12345 → "12,345" in the reader's locale. */
export const count = (n: number): string => numberFormat.format(n);

// The words are English, so their plural rules are English whatever the reader's number format.
const pluralRules = new Intl.PluralRules('en');
/**
 * A count with its noun, singular or plural as English needs it. The one helper for every count
 * the app shows.
 *
 * @example plural(1, 'renewal') === '1 renewal'; plural(2, 'open case') === '2 open cases';
 * plural(3, 'other', 'others'); plural(2, 'follow-up') === '2 follow-ups'
 */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${count(n)} ${pluralRules.select(n) === 'one' ? one : many}`;

const PERIOD_WORDS: Record<string, string> = { D: 'day', W: 'week', M: 'month', Y: 'year' };
export function period(iso: string | null): string {
  const m = iso ? /^P(\d+)([DWMY])$/.exec(iso) : null;
  if (!m) return '';
  return plural(Number(m[1]), PERIOD_WORDS[m[2] ?? 'D'] ?? '');
}

export const cycleText = (c: { billingCycle: string; billingIntervalDays: number | null }): string =>
  c.billingCycle === 'days'
    ? `every ${c.billingIntervalDays ?? '?'} days`
    : c.billingCycle === 'half-yearly'
      ? 'every six months'
      : c.billingCycle;

const percentFormat = new Intl.NumberFormat(undefined, {
  style: 'percent',
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});
/** A change of price in percent (18.2 → "+18.2%" in English, "+18,2 %" in German). */
export const percentText = (change: number): string => percentFormat.format(change / 100);

export const daysText = (n: number): string =>
  n < 0 ? `${plural(-n, 'day')} ago` : n === 0 ? 'today' : n === 1 ? 'tomorrow' : `in ${plural(n, 'day')}`;
