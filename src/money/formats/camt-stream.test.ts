import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCamt } from './camt.js';

/**
 * The streaming CAMT reader (issue 17, point 7): where a broken file breaks (line and column),
 * pending entries told as notes rather than problems, and entry keys qualified so that two
 * statements' entry 6 stay two bookings.
 */
const v02 = readFileSync(new URL('./fixtures/camt053-v02.xml', import.meta.url), 'utf8');
const read = (name: string, xml: string) => readCamt(Buffer.from(xml), { fileName: name });
const lineOf = (xml: string, needle: string) => xml.slice(0, xml.indexOf(needle)).split('\n').length;

describe('readCamt on XML that is not well-formed', () => {
  it('names the line and column of a closing tag that closes nothing open, and keeps the entries before', () => {
    const broken = v02.replace('<Amt Ccy="EUR">45.60</Amt>', '<Amt Ccy="EUR">45.60</Amount>');
    const line = lineOf(broken, '</Amount>');
    const column = broken.split('\n')[line - 1]?.indexOf('</Amount>') ?? 0;
    const result = read('broken.xml', broken);
    expect(result.outcomes.map((o) => o.transaction?.key)).toEqual(['ref:2024030100001']);
    expect(result.problems).toEqual([
      {
        location: `broken.xml:${line}`,
        reason: expect.stringMatching(
          new RegExp(
            `^The XML is not well-formed at line ${line}, column ${column + '</Amount>'.length}`,
            'u',
          ),
        ) as string,
      },
    ]);
  });

  it('names the line and column of an undefined entity', () => {
    const broken = v02.replace('Bäckerei Müller', 'Bäckerei &Mueller;');
    const result = read('entity.xml', broken);
    expect(result.problems[0]?.location).toBe(`entity.xml:${lineOf(broken, '&Mueller;')}`);
    expect(result.problems[0]?.reason).toMatch(/line \d+, column \d+ \(undefined entity\)/u);
  });

  it('says a file of text that is not XML is not a statement', () => {
    const result = read('notes.txt', 'Datum;Betrag\n2024-03-01;12,99\n');
    expect(result.outcomes).toEqual([]);
    expect(result.problems).toEqual([
      {
        location: 'notes.txt:1',
        reason: expect.stringContaining(
          'This is not an XML bank statement: it does not start with an XML element',
        ) as string,
      },
    ]);
  });
});

describe('readCamt on entries that are not booked', () => {
  it('counts several pending entries in one note at the first one, and keeps an unknown status a problem', () => {
    const pending = v02.indexOf('<Sts>PDNG</Sts>');
    const first = v02.lastIndexOf('<Ntry>', pending);
    const end = v02.indexOf('</Ntry>', pending) + '</Ntry>'.length;
    const entry = v02.slice(first, end);
    const xml = v02.slice(0, end) + entry + entry.replace('PDNG', 'WAIT') + v02.slice(end);
    const result = read('many.xml', xml);
    expect(result.outcomes).toHaveLength(7);
    expect(result.notes).toEqual([
      {
        location: `many.xml:${lineOf(xml, '<Sts>PDNG</Sts>') - 3}`,
        reason: '2 pending bookings (PDNG) not imported yet: they will come booked in a later statement',
      },
    ]);
    expect(result.problems).toEqual([
      {
        location: `many.xml:${lineOf(xml, '<Sts>WAIT</Sts>') - 3}`,
        reason: expect.stringContaining('1 entry with status "WAIT" passed over') as string,
      },
    ]);
  });
});

describe('readCamt entry keys', () => {
  const reversal = (xml: string) => read('s.xml', xml).outcomes[6]?.transaction?.key;

  it('qualifies an entry known only by its NtryRef with its booking date and amount', () => {
    expect(reversal(v02)).toBe('entry:6@2024-03-04/1299');
    // The same statement read again gives the same key: a second import adds nothing.
    expect(reversal(v02)).toBe(reversal(v02));
    // Entry 6 of the next statement, another day, is another booking.
    const next = v02.replace(
      '<BookgDt>\n          <Dt>2024-03-04</Dt>\n        </BookgDt>\n        <ValDt>',
      '<BookgDt>\n          <Dt>2024-03-11</Dt>\n        </BookgDt>\n        <ValDt>',
    );
    expect(reversal(next)).toBe('entry:6@2024-03-11/1299');
  });
});
