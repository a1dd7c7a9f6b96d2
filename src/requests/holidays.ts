import { createRequire } from 'node:module';
import Holidays from 'date-holidays';
import {
  addDays,
  badInput,
  daysFrom,
  parseDay,
  partsOf,
  weekdayIndex,
  weekdayName,
  type IsoDay,
} from './days.js';

/**
 * Working days where an act is to be done, as Regulation (EEC, Euratom) No 1182/71 counts them:
 * Art. 3(4) moves a period's last day off Saturdays, Sundays and public holidays, and Art. 2(1)
 * takes the public holidays of the place (the member state, or the part of it) where the act is to
 * be done. For a data-subject request that is the controller's country, and its region when known
 * (DE-BY, GB-SCT). Pure: the holidays are data shipped in the `date-holidays` package, read on
 * first use and kept per year.
 */
export interface HolidayPlace {
  /** ISO 3166-1 alpha-2, upper case: `DE`. */
  readonly country: string;
  /** The state or nation within it as the holiday data codes it (`BY`, `SCT`); none for the whole country. */
  readonly region?: string;
}

export interface PublicHoliday {
  readonly day: IsoDay;
  /** Its English name where the data has one ("Easter Monday"), else the local one. */
  readonly name: string;
  /** A day off in place of a holiday that fell on a weekend (GB: "Christmas Day (substitute day)"). */
  readonly substitute: boolean;
}

/** The calendar of working days of one place. */
export interface WorkingDays {
  readonly place: HolidayPlace;
  /** "Germany", "Germany (Bayern)": for explanations. */
  readonly placeName: string;
  /** Where the holidays come from, to show beside a deadline. */
  readonly source: string;
  /** The public holiday on that day, if any (the first, should the data list two). */
  holidayOn(day: IsoDay): PublicHoliday | undefined;
  /** Not a Saturday, not a Sunday, not a public holiday of the place. */
  isWorkingDay(day: IsoDay): boolean;
  /** Why a day is not a working day, in words ("Sunday", "Monday, Easter Monday"); undefined when it is one. */
  whyNotWorking(day: IsoDay): string | undefined;
  /** The public holidays from `from` to `to`, both included. */
  holidaysBetween(from: IsoDay, to: IsoDay): readonly PublicHoliday[];
}

const version = (createRequire(import.meta.url)('date-holidays/package.json') as { version: string }).version;

/**
 * The credit the UI shows beside a deadline. The package says CC-BY-3.0 in its metadata; its
 * LICENSE and README say the holiday data is CC BY-SA 3.0 (most of it comes from Wikipedia), so
 * the stricter is named.
 */
export const HOLIDAY_SOURCE = `Public holidays from date-holidays ${version} (holiday data CC BY-SA 3.0, https://github.com/commenthol/date-holidays); Saturdays and Sundays are never working days (Regulation 1182/71, Art. 3(4))`;

const directory = new Holidays();
const countries = directory.getCountries('en');
const EXAMPLES = 'DE, GB, FR, NL, AT or IE';

/** The regions of a country. **Important**: the package's types say an object, but it returns undefined for a country without any. */
function regionsOf(country: string): Record<string, string> {
  // Spreading undefined gives {}.
  return { ...directory.getStates(country, 'en') };
}

const listRegions = (regions: Record<string, string>): string => Object.keys(regions).sort().join(', ');

/**
 * Reads a place code as a person or the directory writes it: `DE`, `de`, `DE-BY`, `GB SCT`, or
 * `{ country: 'DE', region: 'BY' }`. An unknown country or region is refused with the codes to use.
 *
 * @example parsePlace('de-by') // → { country: 'DE', region: 'BY' }
 * @example parsePlace('XX') // throws: Country "XX" is not a country the holiday data knows: use a two-letter …
 */
export function parsePlace(input: string | HolidayPlace, label = 'Country', path = 'country'): HolidayPlace {
  const [countryText, regionText, ...rest] =
    typeof input === 'string' ? input.trim().split(/[-_\s/]+/u) : [input.country, input.region];
  if (rest.length > 0 && typeof input === 'string') {
    // The data also knows towns within a region (DE-BY-A, Augsburg); they are not told apart here.
    throw badInput(
      path,
      `${label} "${input.trim()}" has more than a country and a region: give at most one region, such as DE-BY`,
    );
  }
  const country = countryText.trim().toUpperCase();
  if (country === '') {
    throw badInput(path, `${label} is required: use a two-letter country code such as ${EXAMPLES}`);
  }
  if (!/^[A-Z]{2}$/u.test(country) || !Object.hasOwn(countries, country)) {
    throw badInput(
      path,
      `${label} "${country}" is not a country the holiday data knows: use a two-letter country code such as ${EXAMPLES}`,
    );
  }
  const region = regionText?.trim().toUpperCase();
  if (region === undefined || region === '') return { country };
  const regions = regionsOf(country);
  if (!Object.hasOwn(regions, region)) {
    const known = listRegions(regions);
    throw badInput(
      path,
      known === ''
        ? `${label} "${country}-${region}": the holiday data has no regions for ${countries[country]}; use ${country}`
        : `${label} "${country}-${region}": ${region} is not a region of ${countries[country]}; use ${country} alone, or ${country}-<region> with one of: ${known}`,
    );
  }
  return { country, region };
}

/** One year's public holidays, by day. */
function holidaysOfYear(data: Holidays, year: number): Map<IsoDay, PublicHoliday> {
  const byDay = new Map<IsoDay, PublicHoliday>();
  // A holiday that started late in the year before can run into this one (several days long).
  for (const holiday of [...data.getHolidays(year - 1), ...data.getHolidays(year)]) {
    if (holiday.type !== 'public') continue;
    // **Important**: a half day (some countries' afternoons) leaves the morning to do the act in,
    // so it does not end a period later; only holidays from midnight count.
    if (holiday.date.slice(11, 19) !== '00:00:00') continue;
    const first = holiday.date.slice(0, 10);
    // Days covered, read from the local start and end; rounding absorbs a clock change in between.
    const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000));
    for (let i = 0; i < length; i++) {
      const day = addDays(first, i);
      if (partsOf(day).year !== year || byDay.has(day)) continue;
      byDay.set(day, { day, name: holiday.name, substitute: holiday.substitute === true });
    }
  }
  return byDay;
}

const calendars = new Map<string, WorkingDays>();

/**
 * The working days of a place, for the deadline arithmetic.
 *
 * @example workingDaysIn('DE-BY').whyNotWorking('2027-01-06') // → 'Wednesday, Epiphany'
 * @example workingDaysIn('GB').isWorkingDay('2027-12-28') // → false (Boxing Day, substitute day)
 */
export function workingDaysIn(input: string | HolidayPlace): WorkingDays {
  const place = parsePlace(input);
  const key = place.region === undefined ? place.country : `${place.country}-${place.region}`;
  const known = calendars.get(key);
  if (known) return known;

  const options = { types: ['public' as const], languages: ['en'] };
  const data =
    place.region === undefined
      ? new Holidays(place.country, options)
      : new Holidays(place.country, place.region, options);
  const years = new Map<number, Map<IsoDay, PublicHoliday>>();
  const yearOf = (year: number): Map<IsoDay, PublicHoliday> => {
    let found = years.get(year);
    if (!found) {
      found = holidaysOfYear(data, year);
      years.set(year, found);
    }
    return found;
  };
  const countryName = countries[place.country] ?? place.country;
  const regionName =
    place.region === undefined ? undefined : (regionsOf(place.country)[place.region] ?? place.region);

  const holidayOn = (day: IsoDay): PublicHoliday | undefined => yearOf(partsOf(day).year).get(day);
  const isWeekend = (day: IsoDay): boolean => weekdayIndex(day) === 0 || weekdayIndex(day) === 6;
  const calendar: WorkingDays = {
    place,
    placeName: regionName === undefined ? countryName : `${countryName} (${regionName})`,
    source: HOLIDAY_SOURCE,
    holidayOn,
    isWorkingDay: (day) => !isWeekend(day) && holidayOn(day) === undefined,
    whyNotWorking(day) {
      const holiday = holidayOn(day);
      if (holiday) return `${weekdayName(day)}, ${holiday.name}`;
      return isWeekend(day) ? weekdayName(day) : undefined;
    },
    holidaysBetween(fromInput, toInput) {
      const from = parseDay(fromInput, 'From', 'from');
      const to = parseDay(toInput, 'To', 'to');
      if (daysFrom(from, to) < 0) {
        throw badInput('to', `To ${to} is before From ${from}: give the earlier day first`);
      }
      const found: PublicHoliday[] = [];
      for (let year = partsOf(from).year; year <= partsOf(to).year; year++) {
        for (const holiday of yearOf(year).values()) {
          if (holiday.day >= from && holiday.day <= to) found.push(holiday);
        }
      }
      return found.sort((a, b) => a.day.localeCompare(b.day));
    },
  };
  calendars.set(key, calendar);
  return calendar;
}
