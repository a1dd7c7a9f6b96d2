import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { financeQif, QIF_SAMPLES, requirePath } from '../../test/statement-readers.js';
import type { ReadStatement, StatementTransaction } from '../statement.js';
import { readQif } from './qif.js';

const bookings = (statement: ReadStatement): StatementTransaction[] =>
  statement.outcomes.flatMap((outcome) => (outcome.transaction ? [outcome.transaction] : []));

requirePath(QIF_SAMPLES, 'gnucash-common');
const samples = readdirSync(QIF_SAMPLES)
  .filter((name) => name.endsWith('.qif'))
  .sort();

/** Finance::QIF's amounts (`5,762.36`) in cents, read without vrm's amount reader. */
const cents = (amount: string | null): number => Math.round(Number((amount ?? '').replace(/,/gu, '')) * 100);

/** Why a file's records are errors rather than bookings in vrm, where Finance::QIF just passes strings on. */
const ERRORS_EXPECTED: Readonly<Record<string, RegExp>> = {
  // The example's anonymisation wrote 9s over the dates and ran the payee into them.
  'web.qif': /^date \(D\) "03\/\d\d\/099.*" is not a date/u,
};

describe('readQif on GnuCash’s examples', () => {
  it('finds the examples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(12);
  });

  for (const name of samples) {
    it(`agrees with Finance::QIF on the bank, cash and card records of ${name}`, () => {
      const path = join(QIF_SAMPLES, name);
      const statement = readQif(readFileSync(path), { fileName: name, currency: 'USD' });
      const theirs = financeQif(path).filter((r) =>
        /^Type:(Bank|Cash|CCard|Oth A|Oth L)$/u.test(r.header.trim()),
      );
      expect(statement.outcomes).toHaveLength(theirs.length);
      const expected = ERRORS_EXPECTED[name];
      statement.outcomes.forEach((outcome, i) => {
        if (expected) expect(outcome.error).toMatch(expected);
        else
          expect([outcome.error, outcome.transaction?.amountMinor]).toEqual([
            undefined,
            cents(theirs[i]?.amount ?? null),
          ]);
      });
      const investment = financeQif(path).some((r) => r.header.trim() === 'Type:Invst');
      if (investment)
        expect(statement.problems.map((p) => p.reason).join('\n')).toMatch(
          /investment records \(!Type:Invst/u,
        );
    });
  }

  it('reads the French Money 95 file (ISO-8859-1, thousands commas, splits) exactly', () => {
    const statement = readQif(readFileSync(join(QIF_SAMPLES, 'Money95bank_fr.qif')), {
      fileName: 'Money95bank_fr.qif',
      currency: 'EUR',
    });
    expect(statement.encoding).toBe('iso-8859-1');
    expect(statement.problems).toEqual([]);
    const [opening, canal, cash] = bookings(statement);
    expect(opening).toMatchObject({
      bookedOn: '1995-01-01',
      amountMinor: 576236,
      counterpartyName: 'Opening Balance',
    });
    expect(canal).toMatchObject({ amountMinor: -40500, kind: 'Loisirs:Canal Plus-Câble' });
    expect(cash).toMatchObject({
      bookedOn: '1995-01-03',
      amountMinor: -50000,
      text: 'Retrait distributeur · split: Loisirs:Livres-Journaux -68.00; Loisirs:Disques-cassettes Disquettes -75.00; Divers -357.00',
    });
    expect(statement.outcomes[0]?.location).toBe('Money95bank_fr.qif:2');
  });

  it('files the bookings under the !Account they follow', () => {
    const statement = readQif(readFileSync(join(QIF_SAMPLES, 'abc-all.qif')), {
      fileName: 'abc-all.qif',
      currency: 'USD',
    });
    expect(statement.accounts).toEqual([
      {
        key: 'ABC Bank',
        iban: null,
        number: 'ABC Bank',
        bankId: null,
        currency: 'USD',
        name: 'ABC Bank',
        type: 'Bank',
      },
    ]);
    expect(bookings(statement).every((t) => t.accountKey === 'ABC Bank')).toBe(true);
  });
});

const crafted = (records: readonly string[], header = '!Type:Bank'): Buffer =>
  Buffer.from(`${header}\n${records.join('\n')}\n`, 'utf8');

describe('readQif', () => {
  it('reads day-first dates when a day above 12 says so, and month-first ones likewise', () => {
    const dayFirst = readQif(
      crafted(['D13.01.24', 'T-12,99', 'PStreamline', '^', 'D02.01.24', 'T-1,00', '^']),
      {
        fileName: 'd.qif',
        currency: 'EUR',
      },
    );
    expect(bookings(dayFirst).map((t) => [t.bookedOn, t.amountMinor])).toEqual([
      ['2024-01-13', -1299],
      ['2024-01-02', -100],
    ]);
    const monthFirst = readQif(crafted(["D1/13'24", 'T-5.00', '^', "D1/ 2'24", 'T-1.00', '^']), {
      fileName: 'm.qif',
      currency: 'USD',
    });
    expect(bookings(monthFirst).map((t) => t.bookedOn)).toEqual(['2024-01-13', '2024-01-02']);
    const iso = readQif(crafted(['D2024-01-02', 'T-1.00', '^']), { fileName: 'i.qif', currency: 'USD' });
    expect(bookings(iso).map((t) => t.bookedOn)).toEqual(['2024-01-02']);
  });

  it('guesses nothing when the dates could be either, and names dateOrder', () => {
    const file = crafted(['D01/02/2024', 'T-1.00', '^', 'D03/04/2024', 'T-2.00', '^']);
    const statement = readQif(file, { fileName: 'a.qif', currency: 'EUR' });
    expect(statement.outcomes).toEqual([]);
    expect(statement.problems).toEqual([
      {
        location: 'a.qif',
        reason:
          'the dates could be day first or month first (no day above 12 tells them apart); say how to read them with dateOrder (--date-order dmy or mdy)',
      },
    ]);
    const told = readQif(file, { fileName: 'a.qif', currency: 'EUR', dateOrder: 'dmy' });
    expect(bookings(told).map((t) => t.bookedOn)).toEqual(['2024-02-01', '2024-04-03']);
  });

  it('asks for the currency QIF does not give', () => {
    const statement = readQif(crafted(['D2024-01-02', 'T-1.00', '^']), { fileName: 'c.qif' });
    expect(statement.outcomes).toEqual([]);
    expect(statement.problems[0]?.reason).toMatch(
      /QIF files do not say their currency: .*currency \(--currency EUR/u,
    );
    expect(
      readQif(crafted(['D2024-01-02', 'T-1.00', '^']), { fileName: 'c.qif', currency: 'XYZ' }).problems[0]
        ?.reason,
    ).toMatch(/"XYZ" is not an ISO 4217 code/u);
  });

  it('keeps the records before a cut and names the record the cut went through', () => {
    const text = '!Type:Bank\nD2024-01-02\nT-1.00\nPOne\n^\nD2024-01-03\nT-2.0';
    const statement = readQif(Buffer.from(text), { fileName: 't.qif', currency: 'EUR' });
    expect(bookings(statement).map((t) => t.amountMinor)).toEqual([-100]);
    expect(statement.problems).toEqual([
      {
        location: 't.qif:7',
        reason:
          'the file is cut off after line 7: the record that starts on line 6 has no closing ^, so it is not read; export the file again for the rest',
      },
    ]);
  });

  it('names a bad record by its line and keeps the others', () => {
    const statement = readQif(
      crafted(['D2024-01-02', 'T-1.00', '^', 'D2024-02-30', 'T-2.00', '^', 'D2024-01-04', 'T1,299', '^']),
      {
        fileName: 'b.qif',
        currency: 'EUR',
      },
    );
    expect(statement.outcomes.map((o) => [o.location, o.error ?? 'ok'])).toEqual([
      ['b.qif:2', 'ok'],
      [
        'b.qif:5',
        'date (D) "2024-02-30" is not a date: QIF writes dates like 01/31/2024, 31.01.2024 or 2024-01-31',
      ],
      ['b.qif:8', expect.stringMatching(/^amount \(T\): "1,299" is unclear/u) as unknown],
    ]);
  });

  it('gives the same keys on a second read and to the shared records of an overlapping file', () => {
    const coffee = ['D2024-01-02', 'T-3,20', 'PCafé', '^'];
    const first = bookings(
      readQif(crafted([...coffee, ...coffee]), { fileName: 'a.qif', currency: 'EUR', account: 'Giro' }),
    );
    expect(new Set(first.map((t) => t.key)).size).toBe(2);
    const overlap = readQif(crafted([...coffee, ...coffee, 'D2024-01-05', 'T-9.99', '^']), {
      fileName: 'b.qif',
      currency: 'EUR',
      account: 'Giro',
    });
    expect(bookings(overlap).slice(0, 2)).toEqual(first);
  });

  it('takes the account from the option (an IBAN) and reads Windows-1252 and cash, card and liability sections', () => {
    const text =
      '!Type:CCard\nD2024-01-02\nT-10.00\nPCafé “Zürich”\n^\n!Type:Oth L\nD2024-01-03\nT-20.00\n^\n';
    const statement = readQif(iconv.encode(text, 'windows-1252'), {
      fileName: 'w.qif',
      currency: 'EUR',
      account: 'de89 3704 0044 0532 0130 00',
    });
    expect(statement.encoding).toBe('windows-1252');
    expect(statement.accounts[0]).toMatchObject({
      key: 'DE89370400440532013000',
      iban: 'DE89370400440532013000',
    });
    expect(bookings(statement).map((t) => [t.counterpartyName, t.amountMinor])).toEqual([
      ['Café “Zürich”', -1000],
      [null, -2000],
    ]);
  });

  it('reads the CR line ends of old Macs and the CRLF ones of Windows', () => {
    for (const end of ['\r', '\r\n']) {
      const file = Buffer.from(
        ['!Type:Bank', 'D2024-01-02', 'T-1.00', '^', 'D2024-01-03', 'T-2.00', '^', ''].join(end),
      );
      const statement = readQif(file, { fileName: 'm.qif', currency: 'EUR' });
      expect(statement.outcomes.map((o) => [o.location, o.transaction?.amountMinor])).toEqual([
        ['m.qif:2', -100],
        ['m.qif:5', -200],
      ]);
    }
  });

  it('says what is wrong with an empty file, a PNG and a file that is not QIF', () => {
    expect(readQif(Buffer.alloc(0), { fileName: 'e.qif', currency: 'EUR' }).problems[0]?.reason).toMatch(
      /the file is empty/u,
    );
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    expect(readQif(png, { fileName: 'p.qif', currency: 'EUR' }).problems[0]?.reason).toMatch(
      /not a text file/u,
    );
    expect(
      readQif(Buffer.from('Date;Amount\n'), { fileName: 'c.qif', currency: 'EUR' }).problems[0]?.reason,
    ).toMatch(/not a QIF file/u);
  });
});
