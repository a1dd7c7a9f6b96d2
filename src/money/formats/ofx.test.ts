import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ofxSamples } from '../../test/statement-readers.js';
import type { ReadStatement, StatementTransaction } from '../statement.js';
import { ofxDate, readOfx } from './ofx.js';

const bookings = (statement: ReadStatement): StatementTransaction[] =>
  statement.outcomes.flatMap((outcome) => (outcome.transaction ? [outcome.transaction] : []));

const HEADER_1 = [
  'OFXHEADER:100',
  'DATA:OFXSGML',
  'VERSION:102',
  'SECURITY:NONE',
  'ENCODING:USASCII',
  'CHARSET:1252',
  'COMPRESSION:NONE',
  'OLDFILEUID:NONE',
  'NEWFILEUID:NONE',
  '',
].join('\r\n');

interface Row {
  readonly fitid: string;
  readonly date: string;
  readonly amount: string;
  readonly name: string;
}

/** A bank statement in OFX 1.x SGML (end tags of leaves left out) with the given bookings. */
function sgml(rows: readonly Row[], { curdef = 'EUR', acctid = 'DE89370400440532013000' } = {}): string {
  const body = rows
    .map((r) =>
      [
        '<STMTTRN>',
        '<TRNTYPE>DEBIT',
        `<DTPOSTED>${r.date}`,
        `<TRNAMT>${r.amount}`,
        `<FITID>${r.fitid}`,
        `<NAME>${r.name}`,
        '</STMTTRN>',
      ].join('\r\n'),
    )
    .join('\r\n');
  return `${HEADER_1}<OFX>\r\n<BANKMSGSRSV1>\r\n<STMTTRNRS>\r\n<STMTRS>\r\n<CURDEF>${curdef}\r\n<BANKACCTFROM>\r\n<BANKID>37040044\r\n<ACCTID>${acctid}\r\n<ACCTTYPE>CHECKING\r\n</BANKACCTFROM>\r\n<BANKTRANLIST>\r\n${body}\r\n</BANKTRANLIST>\r\n</STMTRS>\r\n</STMTTRNRS>\r\n</BANKMSGSRSV1>\r\n</OFX>\r\n`;
}

/** The same statement in OFX 2.x XML. */
function xml(rows: readonly Row[], { curdef = 'EUR', acctid = 'DE89370400440532013000' } = {}): string {
  const body = rows
    .map(
      (r) =>
        `<STMTTRN>\n<TRNTYPE>DEBIT</TRNTYPE>\n<DTPOSTED>${r.date}</DTPOSTED>\n<TRNAMT>${r.amount}</TRNAMT>\n<FITID>${r.fitid}</FITID>\n<NAME>${r.name}</NAME>\n</STMTTRN>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<?OFX OFXHEADER="200" VERSION="211" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n<OFX>\n<BANKMSGSRSV1>\n<STMTTRNRS>\n<STMTRS>\n<CURDEF>${curdef}</CURDEF>\n<BANKACCTFROM>\n<BANKID>37040044</BANKID>\n<ACCTID>${acctid}</ACCTID>\n<ACCTTYPE>CHECKING</ACCTTYPE>\n</BANKACCTFROM>\n<BANKTRANLIST>\n${body}\n</BANKTRANLIST>\n</STMTRS>\n</STMTTRNRS>\n</BANKMSGSRSV1>\n</OFX>\n`;
}

const rows: Row[] = [
  { fitid: 'T1', date: '20260102', amount: '-12.99', name: 'Streamline TV' },
  { fitid: 'T2', date: '20260103120000.000[-5:EST]', amount: '-4,50', name: 'Bäckerei' },
  { fitid: 'T3', date: '20260105', amount: '+2500.00', name: 'Salary' },
];

describe('readOfx', () => {
  it('reads OFX 1.x and 2.x of the same bookings into the same statement', () => {
    const one = readOfx(Buffer.from(sgml(rows), 'latin1'), { fileName: 'a.ofx' });
    const two = readOfx(Buffer.from(xml(rows), 'utf8'), { fileName: 'a.ofx' });
    expect(one.variant).toBe('OFX 1.02 (SGML)');
    expect(two.variant).toBe('OFX 2.1.1 (XML)');
    expect(bookings(one)).toEqual(bookings(two));
    expect(one.accounts).toEqual(two.accounts);
    expect(one.accounts[0]).toMatchObject({ key: 'DE89370400440532013000', iban: 'DE89370400440532013000' });
    expect(bookings(one).map((t) => [t.bookedOn, t.amountMinor, t.counterpartyName])).toEqual([
      ['2026-01-02', -1299, 'Streamline TV'],
      ['2026-01-03', -450, 'Bäckerei'],
      ['2026-01-05', 250000, 'Salary'],
    ]);
  });

  it('reads the calendar date as written, never shifted by the time zone', () => {
    expect(ofxDate('20260131230000.000[-8:PST]')).toBe('2026-01-31');
    expect(ofxDate('20260101000000[+14:LINT]')).toBe('2026-01-01');
    expect(ofxDate('20260230')).toBeNull();
  });

  it('decodes by the header: CHARSET 1252, and UTF-8 that a 1252 header leaves unsaid', () => {
    const text = sgml([{ fitid: 'E', date: '20260102', amount: '-1.00', name: 'Café “Zürich” €' }]);
    const cp1252 = readOfx(iconv.encode(text, 'windows-1252'), { fileName: 'a.ofx' });
    expect(cp1252.encoding).toBe('windows-1252');
    expect(bookings(cp1252)[0]?.counterpartyName).toBe('Café “Zürich” €');
    const utf8 = readOfx(Buffer.from(text, 'utf8'), { fileName: 'a.ofx' });
    expect(bookings(utf8)[0]?.counterpartyName).toBe('Café “Zürich” €');
    const latin1 = readOfx(
      iconv.encode(text.replace('CHARSET:1252', 'CHARSET:ISO-8859-1').replace(/[“”€]/gu, ''), 'latin1'),
      {
        fileName: 'a.ofx',
      },
    );
    expect(latin1.encoding).toBe('iso-8859-1');
    expect(bookings(latin1)[0]?.counterpartyName).toBe('Café Zürich');
  });

  it('reads a UTF-16 file with a byte order mark, header and all', () => {
    const text = `\uFEFF${sgml(rows).replace('ENCODING:USASCII', 'ENCODING:UNICODE')}`;
    const statement = readOfx(iconv.encode(text, 'utf-16le'), { fileName: 'u.ofx' });
    expect(statement.encoding).toBe('utf-16le');
    expect(statement.variant).toBe('OFX 1.02 (SGML)');
    expect(bookings(statement).map((t) => t.counterpartyName)).toEqual([
      'Streamline TV',
      'Bäckerei',
      'Salary',
    ]);
    expect(statement.outcomes[0]?.location).toBe('u.ofx:21');
  });

  it('keeps the bookings before the cut of a truncated real statement and names the line', () => {
    const [fake] = ofxSamples().filter((s) => s.name === 'fake1.ofx.gz');
    if (!fake) throw new Error('fake1.ofx.gz is missing from libofx-doc');
    const text = fake.bytes.toString('latin1');
    // Cut in the middle of the amount of the 11th booking.
    const eleventh = text.split('<STMTTRN>').slice(0, 11).join('<STMTTRN>').length;
    const cut = text.indexOf('<TRNAMT>', eleventh) + '<TRNAMT>-1'.length;
    const cutLine = text.slice(0, cut).split('\n').length;
    const statement = readOfx(Buffer.from(text.slice(0, cut), 'latin1'), { fileName: 'fake1.ofx' });
    expect(bookings(statement)).toHaveLength(10);
    expect(statement.problems).toEqual([
      {
        location: `fake1.ofx:${cutLine}`,
        reason: `the file is cut off after line ${cutLine}: the bookings before it are read; export the statement again for the rest`,
      },
    ]);
    const broken = statement.outcomes.filter((o) => o.error);
    expect(broken).toHaveLength(1);
    expect(broken[0]?.location).toBe(`fake1.ofx:${cutLine - 3}`);
    expect(broken[0]?.error).toMatch(/ends inside this booking/u);
  });

  it('keeps the bookings before the cut of a truncated OFX 2 file too', () => {
    const text = xml(rows);
    const statement = readOfx(Buffer.from(text.slice(0, text.indexOf('<FITID>T3'))), { fileName: 'b.ofx' });
    expect(bookings(statement).map((t) => t.key)).toEqual(['fitid:T1', 'fitid:T2']);
    expect(statement.problems[0]?.reason).toMatch(/^the file is cut off after line \d+/u);
  });

  it('names the file, the line and the code of a currency that is not ISO 4217', () => {
    const statement = readOfx(Buffer.from(sgml(rows, { curdef: 'XYZ' })), { fileName: 'x.ofx' });
    expect(bookings(statement)).toEqual([]);
    expect(statement.problems).toEqual([
      {
        location: 'x.ofx:14',
        reason:
          'the statement\'s currency (CURDEF) "XYZ" is not an ISO 4217 code (such as EUR, GBP or USD): its bookings are not read',
      },
    ]);
    expect(statement.outcomes.map((o) => o.location)).toEqual(['x.ofx:21', 'x.ofx:28', 'x.ofx:35']);
    expect(statement.outcomes[0]?.error).toMatch(/currency "XYZ" is not an ISO 4217 code/u);
  });

  it('reads a booking in another currency (CURRENCY) and refuses an unknown one there alone', () => {
    const text = xml(rows)
      .replace(
        '<NAME>Streamline TV</NAME>',
        '<NAME>Streamline TV</NAME><CURRENCY><CURRATE>1.1</CURRATE><CURSYM>USD</CURSYM></CURRENCY>',
      )
      .replace(
        '<NAME>Salary</NAME>',
        '<NAME>Salary</NAME><CURRENCY><CURRATE>1</CURRATE><CURSYM>ABC</CURSYM></CURRENCY>',
      );
    const statement = readOfx(Buffer.from(text), { fileName: 'c.ofx' });
    expect(bookings(statement).map((t) => [t.currency, t.amountMinor])).toEqual([
      ['USD', -1299],
      ['EUR', -450],
    ]);
    expect(statement.outcomes[2]?.error).toMatch(/currency "ABC" is not an ISO 4217 code/u);
  });

  it('says what is wrong with an empty file, a PNG and a file that is not OFX', () => {
    expect(readOfx(Buffer.alloc(0), { fileName: 'e.ofx' }).problems).toEqual([
      { location: 'e.ofx', reason: 'the file is empty: export the statement from the bank again' },
    ]);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const image = readOfx(png, { fileName: 'p.ofx' });
    expect(image.problems).toHaveLength(1);
    expect(image.problems[0]?.reason).toMatch(/not a text file/u);
    expect(
      readOfx(Buffer.from('Date;Amount\n2026-01-01;5'), { fileName: 'c.ofx' }).problems[0]?.reason,
    ).toMatch(/not an OFX statement/u);
  });

  it('names a booking it cannot read and keeps the others', () => {
    const [first, second, third] = rows as [Row, Row, Row];
    const bad = [first, { ...second, amount: '1,299' }, { ...third, date: '2026-13-01' }];
    const statement = readOfx(Buffer.from(sgml(bad)), { fileName: 'd.ofx' });
    expect(bookings(statement)).toHaveLength(1);
    expect(statement.outcomes[1]).toEqual({
      location: 'd.ofx:28',
      error: expect.stringMatching(/^amount \(TRNAMT\): "1,299" is unclear/u) as unknown,
    });
    expect(statement.outcomes[2]?.error).toBe(
      'DTPOSTED "2026-13-01" is not a date: OFX writes dates as YYYYMMDD',
    );
  });

  it('gives the same keys when read twice, and the shared bookings of an overlapping file the same keys', () => {
    const first = bookings(readOfx(Buffer.from(sgml(rows)), { fileName: 'jan.ofx' }));
    expect(bookings(readOfx(Buffer.from(sgml(rows)), { fileName: 'jan-again.ofx' }))).toEqual(first);
    const later: Row = { fitid: 'T4', date: '20260110', amount: '-9.99', name: 'Music' };
    const overlap = bookings(readOfx(Buffer.from(xml([...rows.slice(1), later])), { fileName: 'feb.ofx' }));
    expect(overlap.map((t) => t.key)).toEqual(['fitid:T2', 'fitid:T3', 'fitid:T4']);
    expect(overlap.slice(0, 2)).toEqual(first.slice(1));
  });

  it('keeps different bookings that share one FITID apart, with keys that survive an overlap', () => {
    const shared = rows.map((r) => ({ ...r, fitid: '0000' }));
    const keys = bookings(readOfx(Buffer.from(sgml(shared)), { fileName: 'z.ofx' })).map((t) => t.key);
    expect(new Set(keys).size).toBe(3);
    expect(keys.every((key) => /^fitid:0000#[0-9a-f]{16}$/u.test(key))).toBe(true);
    const again = bookings(readOfx(Buffer.from(xml(shared.slice(0, 2))), { fileName: 'z2.ofx' })).map(
      (t) => t.key,
    );
    expect(again).toEqual(keys.slice(0, 2));
  });

  it('reads the bank statement of a file that also holds an investment statement, and says what it passed over', () => {
    const bank = sgml(rows.slice(0, 1));
    const mixed = bank.replace(
      '</OFX>',
      '<INVSTMTMSGSRSV1>\r\n<INVSTMTTRNRS>\r\n<INVSTMTRS>\r\n<CURDEF>USD\r\n</INVSTMTRS>\r\n</INVSTMTTRNRS>\r\n</INVSTMTMSGSRSV1>\r\n</OFX>',
    );
    const statement = readOfx(Buffer.from(mixed), { fileName: 'mix.ofx' });
    expect(bookings(statement)).toHaveLength(1);
    expect(statement.problems).toEqual([
      {
        location: 'mix.ofx:32',
        reason:
          'an investment statement (INVSTMTMSGSRSV1) passed over: vrm imports bank and credit card bookings only',
      },
    ]);
  });

  it('reads several statements of one file and the account key without an IBAN', () => {
    const one = sgml(rows.slice(0, 1), { acctid: '12345' });
    const two = sgml(rows.slice(1), { acctid: '67890', curdef: 'GBP' });
    const both = one.replace(
      '</BANKMSGSRSV1>',
      two.slice(two.indexOf('<STMTTRNRS>'), two.indexOf('</BANKMSGSRSV1>')) + '</BANKMSGSRSV1>',
    );
    const statement = readOfx(Buffer.from(both), { fileName: 'two.ofx' });
    expect(statement.accounts.map((a) => [a.key, a.iban, a.currency])).toEqual([
      ['37040044/12345', null, 'EUR'],
      ['37040044/67890', null, 'GBP'],
    ]);
    expect(bookings(statement).map((t) => [t.accountKey, t.currency])).toEqual([
      ['37040044/12345', 'EUR'],
      ['37040044/67890', 'GBP'],
      ['37040044/67890', 'GBP'],
    ]);
  });

  it('reads 100,000 bookings of OFX 1.x and 2.x (the time is printed, not asserted)', () => {
    const many: Row[] = Array.from({ length: 100_000 }, (_, i) => ({
      fitid: `F${i}`,
      date: `2026${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`,
      amount: `-${i % 500}.${String(i % 100).padStart(2, '0')}`,
      name: `Shop ${i % 300}`,
    }));
    for (const [label, text] of [
      ['OFX 1.x', sgml(many)],
      ['OFX 2.x', xml(many)],
    ] as const) {
      const bytes = Buffer.from(text);
      const started = performance.now();
      const statement = readOfx(bytes, { fileName: 'big.ofx' });
      const ms = performance.now() - started;
      console.log(
        `${label}: ${many.length} bookings (${(bytes.length / 1e6).toFixed(1)} MB) read in ${ms.toFixed(0)} ms`,
      );
      expect(bookings(statement)).toHaveLength(100_000);
      expect(statement.problems).toEqual([]);
    }
  });
});
