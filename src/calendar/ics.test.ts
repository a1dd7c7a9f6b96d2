import { spawnSync } from 'node:child_process';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { feedText, type FeedEvent } from './ics.js';
import type { CalendarEvent } from './source.js';

/** Debian's python3-icalendar, not pyenv's python, which has no such module. */
const PYTHON = '/usr/bin/python3';

/** The events as python3-icalendar reads them: an independent parser, in another language. */
const PY_READ = String.raw`
import json, sys, datetime
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.buffer.read())
out = []
for e in cal.walk('VEVENT'):
    start = e.decoded('DTSTART')
    out.append({
        'uid': str(e.get('UID')),
        'sequence': int(e.get('SEQUENCE', 0)),
        'date': start.isoformat(),
        'wholeDay': isinstance(start, datetime.date) and not isinstance(start, datetime.datetime),
        'summary': str(e.get('SUMMARY')),
        'description': str(e.get('DESCRIPTION')),
        'alarms': [int(a.decoded('TRIGGER').total_seconds()) for a in e.walk('VALARM')],
    })
json.dump(out, sys.stdout)
`;

interface Read {
  uid: string;
  sequence: number;
  date: string;
  wholeDay: boolean;
  summary: string;
  description: string;
  alarms: number[];
}

function readWithPython(text: string): Read[] {
  const result = spawnSync(PYTHON, ['-c', PY_READ], { input: text, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python3-icalendar failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Read[];
}

function readWithIcalJs(text: string): Read[] {
  return ICAL.Component.fromString(text)
    .getAllSubcomponents('vevent')
    .map((v) => {
      const event = new ICAL.Event(v);
      return {
        uid: event.uid,
        sequence: event.sequence,
        date: event.startDate.toString(),
        wholeDay: event.startDate.isDate,
        summary: event.summary,
        description: event.description,
        alarms: v
          .getAllSubcomponents('valarm')
          .map((a) => (a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()),
      };
    });
}

const event = (
  fields: Partial<CalendarEvent> & Pick<CalendarEvent, 'key' | 'date' | 'summary'>,
): CalendarEvent => ({
  kind: 'renewal',
  description: 'What it is about.',
  provider: null,
  route: null,
  remindDaysBefore: [],
  ...fields,
});

const STAMP = '2026-03-15T12:00:00.000Z';
const FEED: FeedEvent[] = [
  {
    uid: 'cancel-by-7@0f1e2d3c4b5a69788796a5b4.vrm.local',
    sequence: 3,
    changedAt: STAMP,
    event: event({
      key: 'cancel-by-7',
      kind: 'cancel-by',
      date: '2028-02-29',
      summary: 'Last day to cancel: Brightside Energy, Berlin; “Strom” \\ Ökostrom',
      description: 'Give notice by this day.\nOr it renews on 2028-03-31 at 1,234.56 EUR a year.',
      remindDaysBefore: [7, 1],
    }),
  },
  {
    uid: 'renewal-8@0f1e2d3c4b5a69788796a5b4.vrm.local',
    sequence: 0,
    changedAt: STAMP,
    event: event({
      key: 'renewal-8',
      date: '2027-01-31',
      // Long and multi-byte: folded by octets, never inside a character.
      summary: `Renewal: Überlandwerk Groß-Gerau – ${'Stromtarif Öko plus ü '.repeat(6)}`,
    }),
  },
];

describe('feedText', () => {
  const text = feedText(FEED, 'http://127.0.0.1:7464');

  it('is read alike by ical.js and python3-icalendar: every event with its day, UID, SEQUENCE and alarms', () => {
    const expected = FEED.map(({ uid, sequence, event: e }) => ({
      uid,
      sequence,
      date: e.date,
      wholeDay: true,
      summary: e.summary,
      description: e.description,
      alarms: e.remindDaysBefore.map((days) => -(days * 86_400 - 9 * 3_600)),
    }));
    expect(readWithIcalJs(text)).toEqual(expected);
    expect(readWithPython(text)).toEqual(expected);
  });

  it('writes whole days as VALUE=DATE, with the day after as the end', () => {
    expect(text).toContain('\r\nDTSTART;VALUE=DATE:20280229\r\nDTEND;VALUE=DATE:20280301\r\n');
    expect(text).toContain('\r\nDTSTART;VALUE=DATE:20270131\r\nDTEND;VALUE=DATE:20270201\r\n');
    expect(text).toContain('\r\nDTSTAMP:20260315T120000Z\r\n');
  });

  it('folds lines at 75 octets, never inside a character, and ends each with CRLF', () => {
    const lines = text.split('\r\n');
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(text).not.toContain('\ufffd');
  });

  it('escapes commas, semicolons and backslashes in summaries, and new lines in descriptions', () => {
    const unfolded = text.replaceAll('\r\n ', '');
    expect(unfolded).toContain(
      'SUMMARY:Last day to cancel: Brightside Energy\\, Berlin\\; “Strom” \\\\ Ökostrom\r\n',
    );
    expect(unfolded).toContain(
      'DESCRIPTION:Give notice by this day.\\nOr it renews on 2028-03-31 at 1\\,234.56',
    );
  });

  it('links each event to its page in the web app only when it has one', () => {
    const [, second] = FEED;
    if (!second) throw new Error('the feed has two events');
    const linked = feedText([{ ...second, event: { ...second.event, route: 'providers/3' } }], 'http://x:1');
    expect(linked.replaceAll('\r\n ', '')).toContain('URL;VALUE=URI:http://x:1/#/providers/3');
    expect(text).not.toContain('URL');
  });
});

/** Examples from RFC 5545 itself (§4 and §3.6.1), to be sure both parsers read the standard as written. */
const RFC_EXAMPLE = [
  'BEGIN:VCALENDAR',
  'PRODID:-//xyz Corp//NONSGML PDA Calendar Version 1.0//EN',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'DTSTAMP:19960704T120000Z',
  'UID:uid1@example.com',
  'ORGANIZER:mailto:jsmith@example.com',
  'DTSTART:19960918T143000Z',
  'DTEND:19960920T220000Z',
  'STATUS:CONFIRMED',
  'CATEGORIES:CONFERENCE',
  'SUMMARY:Networld+Interop Conference',
  'DESCRIPTION:Networld+Interop Conference',
  '  and Exhibit\\nAtlanta World Congress Center\\n',
  ' Atlanta\\, Georgia',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:20070423T123432Z-541111@example.com',
  'DTSTAMP:20070423T123432Z',
  'DTSTART;VALUE=DATE:20070628',
  'DTEND;VALUE=DATE:20070709',
  'SUMMARY:Festival International de Jazz de Montreal',
  'TRANSP:TRANSPARENT',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('the parsers the tests trust', () => {
  it('read RFC 5545’s own examples as the standard says: unfolded, unescaped, a DATE as a whole day', () => {
    for (const read of [readWithIcalJs(RFC_EXAMPLE), readWithPython(RFC_EXAMPLE)]) {
      expect(read.map((e) => [e.uid, e.wholeDay, e.date.slice(0, 10)])).toEqual([
        ['uid1@example.com', false, '1996-09-18'],
        ['20070423T123432Z-541111@example.com', true, '2007-06-28'],
      ]);
      expect(read[0]?.description).toBe(
        'Networld+Interop Conference and Exhibit\nAtlanta World Congress Center\nAtlanta, Georgia',
      );
    }
  });
});
