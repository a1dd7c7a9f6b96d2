import { describe, expect, it } from 'vitest';
import { VrmError } from '../platform/errors.js';
import {
  addMonths,
  checkExtensionNotice,
  monthPeriodEnd,
  receiptOf,
  requestDeadlines,
  rollToWorkingDay,
} from './deadlines.js';

function errorOf(run: () => unknown): VrmError {
  try {
    run();
  } catch (error) {
    if (error instanceof VrmError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

/** The message and the field of the one problem an error names. */
function problem(run: () => unknown): { path: string | undefined; message: string } {
  const error = errorOf(run);
  expect(error.code).toBe('invalid_input');
  expect(error.details).toHaveLength(1);
  expect(error.details[0]?.message).toBe(error.message);
  return { path: error.details[0]?.path, message: error.message };
}

describe('addMonths: Regulation 1182/71 Art. 3(1) and 3(2)(c)', () => {
  it.each([
    // Art. 3(1): the day of the event is not counted, so the period ends on the same date, not the day before.
    ['2027-03-15', 1, '2027-04-15', false],
    ['2027-12-15', 1, '2028-01-15', false],
    ['2027-11-30', 3, '2028-02-29', true],
    // Art. 3(2)(c): the last month has no such date, so its last day.
    ['2027-01-31', 1, '2027-02-28', true],
    ['2027-01-30', 1, '2027-02-28', true],
    ['2027-01-29', 1, '2027-02-28', true],
    ['2027-01-28', 1, '2027-02-28', false],
    ['2027-03-31', 1, '2027-04-30', true],
    ['2027-05-31', 1, '2027-06-30', true],
    ['2027-08-31', 1, '2027-09-30', true],
    ['2027-10-31', 1, '2027-11-30', true],
    ['2027-12-31', 2, '2028-02-29', true],
    ['2027-04-30', 1, '2027-05-30', false],
    // Leap years: 2028 and 2000 have a 29 February; 2100 (a century not divisible by 400) has none.
    ['2028-01-31', 1, '2028-02-29', true],
    ['2028-01-29', 1, '2028-02-29', false],
    ['2028-02-29', 1, '2028-03-29', false],
    ['2028-02-29', 12, '2029-02-28', true],
    ['2000-01-31', 1, '2000-02-29', true],
    ['2000-01-29', 1, '2000-02-29', false],
    ['2100-01-29', 1, '2100-02-28', true],
    ['2100-01-31', 1, '2100-02-28', true],
    ['2099-12-31', 2, '2100-02-28', true],
  ] as const)('%s + %i months = %s (short month: %s)', (start, months, day, shortMonth) => {
    expect(addMonths(start, months)).toEqual({ day, shortMonth });
  });

  it('does not make 31 January + 1 month into 3 March, as Date overflow does (the Subtrackr fault)', () => {
    const overflowing = new Date(Date.UTC(2026, 0, 31));
    overflowing.setUTCMonth(overflowing.getUTCMonth() + 1);
    expect(overflowing.toISOString().slice(0, 10)).toBe('2026-03-03');

    expect(addMonths('2026-01-31', 1).day).toBe('2026-02-28');
    // 28 February 2026 is a Saturday: the deadline is Monday 2 March, still not 3 March.
    expect(monthPeriodEnd('2026-01-31', 1, 'DE').end).toBe('2026-03-02');
    expect(monthPeriodEnd('2025-01-31', 1, 'DE').end).toBe('2025-02-28');
  });
});

describe('monthPeriodEnd: Art. 3(4) moves the end off weekends and public holidays', () => {
  it('explains itself as the brief example reads', () => {
    expect(monthPeriodEnd('2027-01-31', 1, 'DE')).toEqual({
      start: '2027-01-31',
      months: 1,
      raw: '2027-02-28',
      shortMonth: true,
      end: '2027-03-01',
      skipped: [{ day: '2027-02-28', why: 'Sunday' }],
      explanation:
        '31 January 2027 + 1 month = 28 February 2027 (February has no 31st) → Sunday → Monday 1 March 2027',
    });
  });

  it('keeps a raw day that is a working day, and names its weekday', () => {
    const period = monthPeriodEnd('2027-03-15', 1, 'FR');
    expect(period.end).toBe('2027-04-15');
    expect(period.skipped).toEqual([]);
    expect(period.explanation).toBe('15 March 2027 + 1 month = Thursday 15 April 2027');
    expect(monthPeriodEnd('2100-01-29', 1, 'NL').explanation).toBe(
      '29 January 2100 + 1 month = 28 February 2100 (February 2100 has no 29th) → Sunday → Monday 1 March 2100',
    );
  });

  it.each([
    // Easter 2027: Good Friday 26 March, Easter Monday 29 March.
    ['DE', '2027-02-26', '2027-03-30'],
    ['GB', '2027-02-26', '2027-03-30'],
    // Good Friday is no public holiday in Austria (since 2019), Ireland, France or the Netherlands.
    ['AT', '2027-02-26', '2027-03-26'],
    ['IE', '2027-02-26', '2027-03-26'],
    ['FR', '2027-02-26', '2027-03-26'],
    ['NL', '2027-02-26', '2027-03-26'],
    // Easter Monday 2028 is 17 April.
    ['FR', '2028-03-17', '2028-04-18'],
    ['NL', '2028-03-17', '2028-04-18'],
    ['IE', '2028-03-17', '2028-04-18'],
    // Whit Monday 2027 is 17 May; Ascension 6 May.
    ['AT', '2027-04-17', '2027-05-18'],
    ['DE', '2027-04-06', '2027-05-07'],
    // Corpus Christi (27 May 2027) only in some regions.
    ['DE-BY', '2027-04-27', '2027-05-28'],
    ['DE-BE', '2027-04-27', '2027-05-27'],
  ])('%s: %s + 1 month ends %s', (place, start, end) => {
    expect(monthPeriodEnd(start, 1, place).end).toBe(end);
  });

  it('runs through Christmas and New Year, substitute days included', () => {
    const gb = monthPeriodEnd('2027-11-25', 1, 'GB');
    expect(gb.end).toBe('2027-12-29');
    expect(gb.explanation).toBe(
      '25 November 2027 + 1 month = 25 December 2027 → Saturday, Christmas Day → Sunday, Boxing Day → ' +
        'Monday, Christmas Day (substitute day) → Tuesday, Boxing Day (substitute day) → Wednesday 29 December 2027',
    );
    // Germany has no substitute days: the Monday after Christmas is a working day.
    expect(monthPeriodEnd('2027-11-25', 1, 'DE').end).toBe('2027-12-27');
    // New Year's Day 2028 is a Saturday; Britain takes Monday 3 January off instead.
    expect(monthPeriodEnd('2027-12-01', 1, 'GB').end).toBe('2028-01-04');
    expect(monthPeriodEnd('2027-12-01', 1, 'DE').end).toBe('2028-01-03');
    // Epiphany in Bavaria and Austria, not in Germany as a whole.
    expect(monthPeriodEnd('2027-12-06', 1, 'DE-BY').end).toBe('2028-01-07');
    expect(monthPeriodEnd('2027-12-06', 1, 'AT').end).toBe('2028-01-07');
    expect(monthPeriodEnd('2027-12-06', 1, 'DE').end).toBe('2028-01-06');
    // Scotland keeps 2 January too: 1 January 2029 Monday, 2 January Tuesday.
    expect(monthPeriodEnd('2028-12-01', 1, 'GB-SCT').end).toBe('2029-01-03');
    expect(monthPeriodEnd('2028-12-01', 1, 'GB').end).toBe('2029-01-02');
  });

  it('rolls a day with rollToWorkingDay on its own', () => {
    expect(rollToWorkingDay('2027-03-26', 'DE')).toEqual({
      day: '2027-03-30',
      skipped: [
        { day: '2027-03-26', why: 'Friday, Good Friday' },
        { day: '2027-03-27', why: 'Saturday' },
        { day: '2027-03-28', why: 'Sunday' },
        { day: '2027-03-29', why: 'Monday, Easter Monday' },
      ],
    });
    expect(rollToWorkingDay('2027-03-30', 'DE')).toEqual({ day: '2027-03-30', skipped: [] });
  });
});

describe('receiptOf: the day the period starts from', () => {
  it('takes the sending day for e-mail and web forms, weekends included', () => {
    expect(receiptOf({ channel: 'email', sentOn: '2027-01-31' }, 'DE')).toEqual({
      channel: 'email',
      sentOn: '2027-01-31',
      deliveryDays: 0,
      day: '2027-01-31',
      skipped: [],
      explanation: 'Sent by e-mail on Sunday 31 January 2027, received the same day',
    });
    expect(receiptOf({ channel: 'webform', sentOn: '2027-03-02' }, 'DE').explanation).toBe(
      'Sent through the web form on Tuesday 2 March 2027, received the same day',
    );
  });

  it('adds calendar delivery days to a letter’s posting day', () => {
    const receipt = receiptOf({ channel: 'letter', postedOn: '2027-03-01', deliveryDays: 3 }, 'DE');
    expect(receipt.day).toBe('2027-03-04');
    expect(receipt.explanation).toBe('Posted Monday 1 March 2027 + 3 delivery days = Thursday 4 March 2027');
    // Saturday delivery counts as calendar days, then moves to the next working day.
    expect(receiptOf({ channel: 'letter', postedOn: '2027-03-03', deliveryDays: '3' }, 'FR').day).toBe(
      '2027-03-08',
    );
    expect(receiptOf({ channel: 'letter', postedOn: '2027-03-03', deliveryDays: 0 }, 'FR').day).toBe(
      '2027-03-03',
    );
    expect(receiptOf({ channel: 'letter', postedOn: '2027-03-03', deliveryDays: 1 }, 'FR').explanation).toBe(
      'Posted Wednesday 3 March 2027 + 1 delivery day = Thursday 4 March 2027',
    );
  });

  it('moves a letter arriving on a holiday to the next working day at the controller’s place', () => {
    const receipt = receiptOf({ channel: 'letter', postedOn: '2027-03-24', deliveryDays: 2 }, 'DE-BY');
    expect(receipt.day).toBe('2027-03-30');
    expect(receipt.explanation).toBe(
      'Posted Wednesday 24 March 2027 + 2 delivery days = 26 March 2027 → Friday, Good Friday → Saturday → ' +
        'Sunday → Monday, Easter Monday → Tuesday 30 March 2027',
    );
    // In Ireland Good Friday is a working day.
    expect(receiptOf({ channel: 'letter', postedOn: '2027-03-24', deliveryDays: 2 }, 'IE').day).toBe(
      '2027-03-26',
    );
  });
});

describe('requestDeadlines: GDPR Art. 12(3)', () => {
  it('gives one month from receipt, and three for the extension', () => {
    const deadlines = requestDeadlines({ channel: 'email', sentOn: '2027-01-31' }, 'DE');
    expect(deadlines.place).toEqual({ country: 'DE' });
    expect(deadlines.placeName).toBe('Germany');
    expect(deadlines.source).toMatch(/^Public holidays from date-holidays/u);
    expect(deadlines.due.end).toBe('2027-03-01');
    expect(deadlines.extended.raw).toBe('2027-04-30');
    expect(deadlines.extended.end).toBe('2027-04-30');
    expect(deadlines.extended.explanation).toBe(
      '31 January 2027 + 3 months = Friday 30 April 2027 (April has no 31st)',
    );
  });

  it('counts the extension from receipt, not by adding two months to the rolled first deadline', () => {
    const deadlines = requestDeadlines({ channel: 'email', sentOn: '2027-01-31' }, 'DE');
    // The other reading: 1 March 2027 + 2 months = 1 May 2027, Labour Day on a Saturday → Monday 3 May.
    const fromRolled = monthPeriodEnd(deadlines.due.end, 2, 'DE');
    expect(fromRolled.end).toBe('2027-05-03');
    expect(deadlines.extended.end).toBe('2027-04-30');
    // Even without rolling, 28 February + 2 months is 28 April, two days short of three months.
    expect(addMonths(deadlines.due.raw, 2).day).toBe('2027-04-28');
  });

  it('counts a letter from its receipt', () => {
    const deadlines = requestDeadlines(
      { channel: 'letter', postedOn: '2027-03-24', deliveryDays: 2 },
      'DE-BY',
    );
    expect(deadlines.receipt.day).toBe('2027-03-30');
    expect(deadlines.due.end).toBe('2027-04-30');
    expect(deadlines.extended.end).toBe('2027-06-30');
    expect(deadlines.placeName).toBe('Germany (Bayern)');
  });
});

describe('checkExtensionNotice', () => {
  const deadlines = requestDeadlines({ channel: 'email', sentOn: '2027-01-31' }, 'DE');

  it('counts a notice with reasons up to the last day of the first period, rolled included', () => {
    const onLastDay = checkExtensionNotice(deadlines, { noticeOn: '2027-03-01', reasonsGiven: true });
    expect(onLastDay).toEqual({
      counts: true,
      deadline: '2027-04-30',
      explanation:
        'The notice of Monday 1 March 2027 came within the first month, which ends with Monday 1 March 2027, with ' +
        'reasons, so the answer is due by Friday 30 April 2027: 31 January 2027 + 3 months = Friday 30 April 2027 ' +
        '(April has no 31st)',
    });
    expect(checkExtensionNotice(deadlines, { noticeOn: '2027-01-31', reasonsGiven: true }).counts).toBe(true);
  });

  it('says why a late notice does not count', () => {
    expect(checkExtensionNotice(deadlines, { noticeOn: '2027-03-02', reasonsGiven: true })).toEqual({
      counts: false,
      reason: 'late',
      deadline: '2027-03-01',
      explanation:
        'The notice of Tuesday 2 March 2027 came after the first month, which ends with Monday 1 March 2027; ' +
        'Art. 12(3) GDPR allows an extension only when notified within it, so the answer stays due by Monday 1 March 2027',
    });
  });

  it('says why a notice without reasons does not count', () => {
    const check = checkExtensionNotice(deadlines, { noticeOn: '2027-02-10', reasonsGiven: false });
    expect(check.counts).toBe(false);
    expect(check.reason).toBe('no_reasons');
    expect(check.deadline).toBe('2027-03-01');
    expect(check.explanation).toMatch(
      /^The notice of Wednesday 10 February 2027 gives no reasons for the delay/u,
    );
  });

  it('refuses a notice dated before the request went out', () => {
    expect(
      problem(() => checkExtensionNotice(deadlines, { noticeOn: '2027-01-30', reasonsGiven: true })),
    ).toEqual({
      path: 'noticeOn',
      message:
        "Notice day 2027-01-30 is before the request was sent (Sunday 31 January 2027): check the day on the controller's notice",
    });
    const letter = requestDeadlines({ channel: 'letter', postedOn: '2027-03-01', deliveryDays: 3 }, 'DE');
    expect(
      problem(() => checkExtensionNotice(letter, { noticeOn: '2027-02-28', reasonsGiven: true })).message,
    ).toMatch(/^Notice day 2027-02-28 is before the request was posted \(Monday 1 March 2027\)/u);
  });
});

describe('bad input names the field and says how to fix it', () => {
  it.each([
    [
      () => requestDeadlines({ channel: 'email', sentOn: '2027-02-30' }, 'DE'),
      'sentOn',
      'Sending day 2027-02-30 does not exist: February 2027 has 28 days',
    ],
    [
      () => requestDeadlines({ channel: 'email', sentOn: '2028-02-30' }, 'DE'),
      'sentOn',
      'Sending day 2028-02-30 does not exist: February 2028 has 29 days',
    ],
    [
      () => requestDeadlines({ channel: 'email', sentOn: '2027-13-01' }, 'DE'),
      'sentOn',
      'Sending day 2027-13-01 has no month 13: months run from 01 to 12',
    ],
    [
      () => requestDeadlines({ channel: 'email', sentOn: '2027-00-10' }, 'DE'),
      'sentOn',
      'Sending day 2027-00-10 has no month 00: months run from 01 to 12',
    ],
    [
      () => requestDeadlines({ channel: 'email', sentOn: '1.3.2027' }, 'DE'),
      'sentOn',
      'Sending day "1.3.2027" is not a day written YYYY-MM-DD, such as 2027-03-01',
    ],
    [
      () => requestDeadlines({ channel: 'email', sentOn: ' ' }, 'DE'),
      'sentOn',
      'Sending day is required: give a day written YYYY-MM-DD, such as 2027-03-01',
    ],
    [
      () => requestDeadlines({ channel: 'email', sentOn: '1850-06-01' }, 'DE'),
      'sentOn',
      'Sending day 1850-06-01 is out of range: deadlines are counted for the years 1900 to 2199',
    ],
    [
      () => requestDeadlines({ channel: 'letter', postedOn: '2027-04-31', deliveryDays: 2 }, 'DE'),
      'postedOn',
      'Posting day 2027-04-31 does not exist: April 2027 has 30 days',
    ],
    [
      () => receiptOf({ channel: 'letter', postedOn: '2027-03-01', deliveryDays: -2 }, 'DE'),
      'deliveryDays',
      'Delivery days cannot be negative (-2): give the days the post takes, such as 3',
    ],
    [
      () => receiptOf({ channel: 'letter', postedOn: '2027-03-01', deliveryDays: 400 }, 'DE'),
      'deliveryDays',
      'Delivery days of 400 is more than any post takes: give at most 30, such as 3',
    ],
    [
      () => receiptOf({ channel: 'letter', postedOn: '2027-03-01', deliveryDays: '2,5' }, 'DE'),
      'deliveryDays',
      'Delivery days must be whole days, such as 3; got 2,5',
    ],
    [
      () => receiptOf({ channel: 'letter', postedOn: '2027-03-01', deliveryDays: 'three' }, 'DE'),
      'deliveryDays',
      'Delivery days must be a number of days, such as 3; got "three"',
    ],
    [
      () => receiptOf({ channel: 'letter', postedOn: '2027-03-01', deliveryDays: Number.NaN }, 'DE'),
      'deliveryDays',
      'Delivery days must be a number of days, such as 3; got "NaN"',
    ],
    [
      () => monthPeriodEnd('2027-01-01', 0, 'DE'),
      'months',
      'Months must be a whole number from 1 to 120, such as 1; got 0',
    ],
    [
      () => addMonths('2027-01-01', 121),
      'months',
      'Months must be a whole number from 1 to 120, such as 1; got 121',
    ],
    [
      () => addMonths('2027-01-01', 1.5),
      'months',
      'Months must be a whole number from 1 to 120, such as 1; got 1.5',
    ],
    [() => addMonths('2027-02-29', 1), 'start', 'Start 2027-02-29 does not exist: February 2027 has 28 days'],
    [
      () => requestDeadlines({ channel: 'email', sentOn: '2027-03-01' }, 'ZZ'),
      'country',
      'Country "ZZ" is not a country the holiday data knows: use a two-letter country code such as DE, GB, FR, NL, AT or IE',
    ],
  ])('%#: %s', (run, path, message) => {
    expect(problem(run)).toEqual({ path, message });
  });

  it('accepts delivery days written as text, as a form sends them', () => {
    expect(
      receiptOf({ channel: 'letter', postedOn: '2027-03-01', deliveryDays: ' 3 ' }, 'DE').deliveryDays,
    ).toBe(3);
    expect(
      receiptOf({ channel: 'letter', postedOn: '2027-03-01', deliveryDays: '3,0' }, 'DE').deliveryDays,
    ).toBe(3);
  });
});
