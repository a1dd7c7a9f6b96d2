/**
 * The Date header, read the many ways mailers write it.
 */
import { withoutComments } from './headers.js';

const MONTHS = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, i]),
);

/** Zone names still seen in Date headers, in minutes east of UTC. */
const ZONES = new Map<string, number>([
  ['ut', 0],
  ['utc', 0],
  ['gmt', 0],
  ['z', 0],
  ['wet', 0],
  ['est', -300],
  ['edt', -240],
  ['cst', -360],
  ['cdt', -300],
  ['mst', -420],
  ['mdt', -360],
  ['pst', -480],
  ['pdt', -420],
  ['akst', -540],
  ['akdt', -480],
  ['hst', -600],
  ['ast', -240],
  ['adt', -180],
  ['bst', 60],
  ['west', 60],
  ['cet', 60],
  ['met', 60],
  ['cest', 120],
  ['mest', 120],
  ['eet', 120],
  ['eest', 180],
  ['msk', 180],
  ['ist', 330],
  ['sgt', 480],
  ['hkt', 480],
  ['jst', 540],
  ['kst', 540],
  ['aest', 600],
  ['aedt', 660],
  ['nzst', 720],
  ['nzdt', 780],
]);

/** `[Day,] 1 Jan [19]99 10:00[:00] [zone]`, dashes allowed between the date fields. */
const RFC_DATE =
  /(\d{1,2})[\s-]+([a-z]{3})[a-z]*\.?[\s-]+(\d{2,4}),?\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\.\d+)?\s*(.*)$/i;
/** asctime: `Mon Jan  1 10:00:00 [zone] 1999`. */
const ASCTIME =
  /([a-z]{3})[a-z]*\s+(\d{1,2})\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?\s+(?:([a-z]+|[+-]\d{4})\s+)?(\d{4})/i;
/** ISO 8601: `1999-01-01T10:00:00Z`. */
const ISO_DATE = /(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(.*)$/i;

/**
 * Reads a Date header into ISO 8601 UTC, tolerating what mailers really send: no weekday, two-digit
 * years, zone names, no zone (read as UTC), asctime and ISO forms. Null when unreadable.
 *
 * @example parseDate('3 Aug 02 10:00 PDT') // → '2002-08-03T17:00:00.000Z'
 */
export function parseDate(value: string | null, receivedAt?: string): string | null {
  if (value === null) return null;
  const text = withoutComments(value, ' ').trim();
  let m = RFC_DATE.exec(text);
  if (m !== null) {
    return utc(
      fullYear(m[3] ?? '', receivedAt),
      MONTHS.get((m[2] ?? '').toLowerCase()),
      Number(m[1]),
      [m[4], m[5], m[6]],
      zoneOffset(m[7] ?? ''),
    );
  }
  m = ISO_DATE.exec(text);
  if (m !== null) {
    return utc(Number(m[1]), Number(m[2]) - 1, Number(m[3]), [m[4], m[5], m[6]], zoneOffset(m[7] ?? ''));
  }
  m = ASCTIME.exec(text);
  if (m !== null) {
    return utc(
      Number(m[7]),
      MONTHS.get((m[1] ?? '').toLowerCase()),
      Number(m[2]),
      [m[3], m[4], m[5]],
      zoneOffset(m[6] ?? ''),
    );
  }
  return null;
}

/** RFC 5322 §4.3: 00-49 is 20xx, 50-99 is 19xx, three digits add 1900; or the century nearest receipt. */
function fullYear(text: string, receivedAt: string | undefined): number {
  const year = Number(text);
  if (text.length === 3) return year + 1900;
  if (text.length !== 2) return year;
  const received = receivedAt === undefined ? NaN : Date.parse(receivedAt);
  if (!Number.isNaN(received)) {
    const receivedYear = new Date(received).getUTCFullYear();
    const century = Math.floor(receivedYear / 100) * 100;
    const candidate = century + year;
    return candidate > receivedYear + 1 ? candidate - 100 : candidate;
  }
  return year < 50 ? 2000 + year : 1900 + year;
}

/** Minutes east of UTC: `+0200`, `-07:00`, `EST`, `GMT+2`; unknown or none is UTC (RFC 5322 §4.3). */
function zoneOffset(text: string): number {
  const m = /^([a-z]*)\s*(?:([+-])(\d{1,2}):?(\d{2})?)?/i.exec(text.trim());
  if (m === null) return 0;
  if (m[2] !== undefined) {
    const hours = Number(m[3]);
    const minutes = Number(m[4] ?? 0);
    const sign = m[2] === '-' ? -1 : 1;
    return hours > 14 || minutes > 59 ? 0 : sign * (hours * 60 + minutes);
  }
  return ZONES.get((m[1] ?? '').toLowerCase()) ?? 0;
}

function utc(
  year: number,
  month: number | undefined,
  day: number,
  time: (string | undefined)[],
  offset: number,
): string | null {
  const [hour = 0, minute = 0, second = 0] = time.map((t) => Number(t ?? 0));
  if (month === undefined || Number.isNaN(month) || month < 0 || month > 11) return null;
  if (day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  if (year < 1000 || year > 9999) return null;
  const ms = Date.UTC(year, month, day, hour, minute, second) - offset * 60_000;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
