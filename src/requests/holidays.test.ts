import { describe, expect, it } from 'vitest';
import { VrmError } from '../platform/errors.js';
import { HOLIDAY_SOURCE, parsePlace, workingDaysIn } from './holidays.js';

/** The error a call throws, so its code, message and details can be checked. */
function errorOf(run: () => unknown): VrmError {
  try {
    run();
  } catch (error) {
    if (error instanceof VrmError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('workingDaysIn: Easter-based public holidays in each country', () => {
  // Easter Sunday was 28 March 2027 and is 16 April 2028: the holidays hang on it.
  it.each([
    ['DE', '2027-03-26', 'Good Friday'],
    ['DE', '2027-03-29', 'Easter Monday'],
    ['DE', '2027-05-06', 'Ascension Day'],
    ['DE', '2027-05-17', 'Whit Monday'],
    ['GB', '2027-03-26', 'Good Friday'],
    ['GB', '2028-04-17', 'Easter Monday'],
    ['FR', '2027-03-29', 'Easter Monday'],
    ['FR', '2028-05-25', 'Ascension Day'],
    ['FR', '2028-06-05', 'Whit Monday'],
    ['NL', '2027-03-29', 'Easter Monday'],
    ['NL', '2027-05-06', 'Ascension Day'],
    ['AT', '2028-04-17', 'Easter Monday'],
    ['AT', '2028-06-15', 'Corpus Christi'],
    ['IE', '2027-03-29', 'Easter Monday'],
    ['DE-BY', '2027-05-27', 'Corpus Christi'],
  ])('%s: %s is %s, not a working day', (place, day, name) => {
    const calendar = workingDaysIn(place);
    expect(calendar.holidayOn(day)?.name).toBe(name);
    expect(calendar.isWorkingDay(day)).toBe(false);
  });

  it.each([
    // Good Friday is no public holiday in Ireland, France (outside Alsace-Moselle) or Scotland's Easter Monday.
    ['IE', '2027-03-26'],
    ['FR', '2027-03-26'],
    ['GB-SCT', '2027-03-29'],
    // Corpus Christi is a holiday in Bavaria but not in Berlin or Germany as a whole.
    ['DE', '2027-05-27'],
    ['DE-BE', '2027-05-27'],
    // Only public holidays count: Christmas Eve is a bank half-day in Germany, Rosenmontag an observance.
    ['DE', '2027-12-24'],
    ['DE', '2027-02-08'],
  ])('%s: %s is a working day', (place, day) => {
    expect(workingDaysIn(place).isWorkingDay(day)).toBe(true);
  });

  it('knows the regions: Berlin keeps International Women’s Day, Scotland 2 January', () => {
    expect(workingDaysIn('DE-BE').whyNotWorking('2027-03-08')).toBe("Monday, International Women's Day");
    expect(workingDaysIn('DE').isWorkingDay('2027-03-08')).toBe(true);
    expect(workingDaysIn('GB-SCT').holidayOn('2029-01-02')?.name).toBe('January 2nd');
    expect(workingDaysIn('GB').isWorkingDay('2029-01-02')).toBe(true);
  });
});

describe('workingDaysIn: substitute days', () => {
  it('gives GB substitute days when Christmas and Boxing Day fall on a weekend', () => {
    const gb = workingDaysIn('GB');
    expect(gb.holidaysBetween('2027-12-24', '2027-12-31')).toEqual([
      { day: '2027-12-25', name: 'Christmas Day', substitute: false },
      { day: '2027-12-26', name: 'Boxing Day', substitute: false },
      { day: '2027-12-27', name: 'Christmas Day (substitute day)', substitute: true },
      { day: '2027-12-28', name: 'Boxing Day (substitute day)', substitute: true },
    ]);
    // New Year's Day 2028 is a Saturday: Monday 3 January is off instead.
    expect(gb.holidayOn('2028-01-03')).toEqual({
      day: '2028-01-03',
      name: "New Year's Day (substitute day)",
      substitute: true,
    });
  });

  it('gives the Netherlands King’s Day on the 26th when the 27th is a Sunday', () => {
    expect(workingDaysIn('NL').holidayOn('2025-04-26')?.name).toBe("King's Day");
    expect(workingDaysIn('NL').holidayOn('2025-04-27')).toBeUndefined();
  });
});

describe('workingDaysIn: weekends and reasons', () => {
  it('says why a day is not a working day, in words', () => {
    const de = workingDaysIn('de');
    expect(de.whyNotWorking('2027-02-27')).toBe('Saturday');
    expect(de.whyNotWorking('2027-02-28')).toBe('Sunday');
    expect(de.whyNotWorking('2027-12-25')).toBe('Saturday, Christmas Day');
    expect(de.whyNotWorking('2027-03-01')).toBeUndefined();
  });

  it('names the place and where the holidays come from', () => {
    expect(workingDaysIn('DE-BY').placeName).toBe('Germany (Bayern)');
    expect(workingDaysIn('GB').placeName).toBe('United Kingdom');
    expect(workingDaysIn('IE').source).toBe(HOLIDAY_SOURCE);
    expect(HOLIDAY_SOURCE).toMatch(/date-holidays \d+\.\d+\.\d+ \(holiday data CC BY-SA 3\.0/u);
  });

  it('lists holidays across a new year in order, and refuses a range that runs backwards', () => {
    expect(
      workingDaysIn('AT')
        .holidaysBetween('2027-12-20', '2028-01-10')
        .map((h) => h.day),
    ).toEqual(['2027-12-25', '2027-12-26', '2028-01-01', '2028-01-06']);
    const backwards = errorOf(() => workingDaysIn('AT').holidaysBetween('2028-01-10', '2027-12-20'));
    expect(backwards.code).toBe('invalid_input');
    expect(backwards.message).toBe('To 2027-12-20 is before From 2028-01-10: give the earlier day first');
    expect(backwards.details).toEqual([{ path: 'to', message: backwards.message }]);
  });
});

describe('parsePlace', () => {
  it('reads the ways a place is written', () => {
    expect(parsePlace('DE')).toEqual({ country: 'DE' });
    expect(parsePlace(' de-by ')).toEqual({ country: 'DE', region: 'BY' });
    expect(parsePlace('GB SCT')).toEqual({ country: 'GB', region: 'SCT' });
    expect(parsePlace({ country: 'at', region: '' })).toEqual({ country: 'AT' });
  });

  it('refuses an unknown country with the codes to use', () => {
    const error = errorOf(() => workingDaysIn('XX'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(
      'Country "XX" is not a country the holiday data knows: use a two-letter country code such as DE, GB, FR, NL, AT or IE',
    );
    expect(error.details).toEqual([{ path: 'country', message: error.message }]);
    expect(errorOf(() => parsePlace('Germany')).message).toMatch(/^Country "GERMANY" is not a country/u);
    expect(errorOf(() => parsePlace('  ')).message).toBe(
      'Country is required: use a two-letter country code such as DE, GB, FR, NL, AT or IE',
    );
  });

  it('refuses an unknown region with the regions there are', () => {
    expect(errorOf(() => workingDaysIn('DE-XY')).message).toBe(
      'Country "DE-XY": XY is not a region of Germany; use DE alone, or DE-<region> with one of: ' +
        'BB, BE, BW, BY, HB, HE, HH, MV, NI, NW, RP, SH, SL, SN, ST, TH',
    );
    expect(errorOf(() => parsePlace('de-by-a')).message).toBe(
      'Country "de-by-a" has more than a country and a region: give at most one region, such as DE-BY',
    );
    expect(errorOf(() => parsePlace('IE-D')).message).toBe(
      'Country "IE-D": the holiday data has no regions for Ireland; use IE',
    );
  });
});
