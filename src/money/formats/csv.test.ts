import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { StatementTransaction } from '../statement.js';
import { CSV_PRESETS, detectPreset, readCsv } from './csv.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/csv/${name}`, import.meta.url));
const read = (name: string, bytes = fixture(name), more: Partial<Parameters<typeof readCsv>[1]> = {}) =>
  readCsv(bytes, { fileName: name, ...more });
const booked = (name: string, bytes?: Buffer) => {
  const statement = read(name, bytes);
  return statement.outcomes.map((outcome) => {
    expect(outcome.error).toBeUndefined();
    return outcome.transaction as StatementTransaction;
  });
};
const pick = (t: StatementTransaction | undefined) => ({
  bookedOn: t?.bookedOn,
  valueOn: t?.valueOn,
  amountMinor: t?.amountMinor,
  currency: t?.currency,
  counterpartyName: t?.counterpartyName,
});

describe('readCsv finds each bank by its header and reads its real layout', () => {
  const cases: [string, number, ReturnType<typeof pick>][] = [
    [
      'ing-de',
      4,
      {
        bookedOn: '2024-03-04',
        valueOn: null,
        amountMinor: -1299,
        currency: 'EUR',
        counterpartyName: 'Streamline TV GmbH',
      },
    ],
    [
      'dkb',
      2,
      {
        bookedOn: '2024-04-15',
        valueOn: null,
        amountMinor: -2990,
        currency: 'EUR',
        counterpartyName: 'FitBox Studio GmbH',
      },
    ],
    [
      'dkb-classic',
      2,
      {
        bookedOn: '2023-01-30',
        valueOn: null,
        amountMinor: -2446,
        currency: 'EUR',
        counterpartyName: 'Funkwelle Mobil',
      },
    ],
    [
      'dkb-visa',
      2,
      {
        bookedOn: '2024-03-12',
        valueOn: '2024-03-10',
        amountMinor: -1299,
        currency: 'EUR',
        counterpartyName: 'STREAMLINE.TV AMSTERDAM',
      },
    ],
    [
      'sparkasse',
      2,
      {
        bookedOn: '2024-05-02',
        valueOn: null,
        amountMinor: -1500,
        currency: 'EUR',
        counterpartyName: 'Sportverein Nord e.V.',
      },
    ],
    [
      'deutsche-bank',
      2,
      {
        bookedOn: '2024-06-28',
        valueOn: null,
        amountMinor: -2446,
        currency: 'EUR',
        counterpartyName: 'Funkwelle Mobil',
      },
    ],
    [
      'n26',
      2,
      {
        bookedOn: '2024-07-01',
        valueOn: null,
        amountMinor: -1299,
        currency: 'EUR',
        counterpartyName: 'Streamline TV',
      },
    ],
    [
      'revolut',
      3,
      {
        bookedOn: '2024-08-02',
        valueOn: '2024-08-01',
        amountMinor: -1299,
        currency: 'EUR',
        counterpartyName: 'Streamline TV',
      },
    ],
    [
      'monzo',
      2,
      {
        bookedOn: '2024-09-01',
        valueOn: null,
        amountMinor: -1099,
        currency: 'GBP',
        counterpartyName: 'Streamline TV',
      },
    ],
    [
      'starling',
      2,
      {
        bookedOn: '2024-10-03',
        valueOn: null,
        amountMinor: -1099,
        currency: 'GBP',
        counterpartyName: 'Streamline TV',
      },
    ],
    [
      'barclays',
      2,
      {
        bookedOn: '2024-11-04',
        valueOn: null,
        amountMinor: -1099,
        currency: 'GBP',
        counterpartyName: 'STREAMLINE TV          DDR',
      },
    ],
    [
      'wise',
      2,
      {
        bookedOn: '2024-12-06',
        valueOn: null,
        amountMinor: -1199,
        currency: 'USD',
        counterpartyName: 'Streamline TV',
      },
    ],
    [
      'generic',
      2,
      {
        bookedOn: '2024-01-31',
        valueOn: null,
        amountMinor: -1299,
        currency: 'EUR',
        counterpartyName: 'Streamline TV',
      },
    ],
  ];
  for (const [preset, count, first] of cases) {
    it(preset, () => {
      const name = `${preset}.csv`;
      const statement = read(name, fixture(name), preset === 'generic' ? { currency: 'EUR' } : {});
      expect(statement.variant).toBe(`CSV (preset ${preset})`);
      expect(statement.outcomes.map((o) => o.error ?? 'ok')).toEqual(Array(count).fill('ok'));
      expect(pick(statement.outcomes[0]?.transaction)).toEqual(first);
    });
  }

  it('offers a label and an example header for every preset, which it recognises', () => {
    for (const [id, preset] of Object.entries(CSV_PRESETS)) {
      expect(preset.label).not.toBe('');
      const header = preset.exampleHeader.split(/[;,]/u).map((cell) => cell.replace(/"/gu, ''));
      expect(detectPreset(header)).toBe(id);
    }
  });
});

describe('readCsv reads what German banks put in their exports', () => {
  it('ING: the IBAN above the header, both Währung columns, thousands and SEPA ids in the purpose', () => {
    const statement = read('ing-de.csv');
    expect(statement.accounts).toEqual([
      {
        key: 'DE89370400440532013000',
        iban: 'DE89370400440532013000',
        number: null,
        bankId: null,
        currency: 'EUR',
        name: null,
        type: null,
      },
    ]);
    const [stream, salary, bakery, power] = booked('ing-de.csv');
    expect(stream).toMatchObject({
      creditorId: 'DE98ZZZ09999999999',
      mandateReference: 'STV-MANDATE-000417',
      kind: 'Lastschrift',
    });
    expect(stream?.key).toMatch(/^row:[0-9a-f]{32}$/u);
    expect(salary?.amountMinor).toBe(250000);
    expect(bakery).toMatchObject({
      bookedOn: '2024-02-29',
      valueOn: '2024-02-28',
      counterpartyName: 'Bäckerei Müller',
    });
    expect(power).toMatchObject({
      amountMinor: -108900,
      creditorId: 'DE32ZZZ00000123456',
      mandateReference: 'EW-44102',
    });
    expect(statement.outcomes[0]?.location).toBe('ing-de.csv:16');
  });

  it('DKB: payer and payee columns by direction, two-digit years, pending rows passed over and counted', () => {
    const statement = read('dkb.csv');
    const [gym, salary] = booked('dkb.csv');
    expect(gym).toMatchObject({
      counterpartyIban: 'DE89370400440532013000',
      creditorId: 'DE32ZZZ00000123456',
      mandateReference: 'FB-000193',
      bankReference: 'FITBOX-INV-2024-04-0193',
    });
    expect(salary).toMatchObject({
      amountMinor: 250000,
      counterpartyName: 'Example Employer Ltd',
      counterpartyIban: 'GB29NWBK60161331926819',
    });
    expect(statement.accounts[0]?.iban).toBe('DE02120300000000202051');
    expect(statement.problems).toEqual([
      { location: 'dkb.csv:7', reason: expect.stringContaining('1 pending row') as string },
    ]);
  });

  it('Sparkasse: the account column, and rows not yet booked', () => {
    const statement = read('sparkasse.csv');
    expect(statement.accounts.map((account) => account.key)).toEqual(['DE89370400440532013000']);
    expect(statement.outcomes[0]?.transaction).toMatchObject({
      creditorId: 'DE98ZZZ09999999999',
      mandateReference: 'SV-NORD-0815',
    });
    expect(statement.problems[0]?.location).toBe('sparkasse.csv:3');
  });

  it('Deutsche Bank: debit and credit columns, and the closing balance line is not a booking', () => {
    expect(booked('deutsche-bank.csv').map((t) => t.amountMinor)).toEqual([-2446, 250000]);
  });

  it('Revolut: the fee is part of what was paid; pending rows passed over; thousands in quotes', () => {
    expect(booked('revolut.csv').map((t) => t.amountMinor)).toEqual([-1299, -10050, 100000]);
  });
});

describe('readCsv encodings', () => {
  const utf8 = fixture('ing-de.csv').toString('utf8');
  const expected = booked('ing-de.csv');
  const variants: [string, Buffer][] = [
    ['windows-1252', iconv.encode(utf8.replace('Salary March 2024', 'Gehalt „März“ – 2024'), 'windows-1252')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8)])],
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(utf8, 'utf-16le')])],
    ['ISO-8859-1', iconv.encode(utf8, 'latin1')],
  ];
  for (const [encoding, bytes] of variants) {
    it(`reads the ING export in ${encoding}`, () => {
      const statement = read('ing-de.csv', bytes);
      expect(statement.encoding).toBe(encoding);
      const transactions = statement.outcomes.map((o) => o.transaction);
      expect(transactions.map((t) => t?.counterpartyName)).toEqual(expected.map((t) => t.counterpartyName));
      expect(transactions.map((t) => t?.amountMinor)).toEqual(expected.map((t) => t.amountMinor));
      if (encoding === 'windows-1252') expect(transactions[1]?.text).toBe('Gehalt „März“ – 2024');
    });
  }
});

describe('readCsv on bad input', () => {
  it('refuses a file whose header does not match its preset, naming the columns expected and found', () => {
    const statement = read('n26.csv', fixture('n26.csv'), { preset: 'ing-de' });
    expect(statement.outcomes).toEqual([]);
    expect(statement.problems).toEqual([
      {
        location: 'n26.csv:1',
        reason:
          'The header line does not match the preset ING (Deutschland): expected the columns Buchung, Valuta or Wertstellungsdatum, Betrag, Währung#2, Auftraggeber/Empfänger, Verwendungszweck, Buchungstext; found "Booking Date","Value Date","Partner Name","Partner Iban","Type","Payment Reference","Account Name","Amount (EUR)","Original Amount","Original Currency","Exchange Rate". Choose the preset of the bank the file is from, or map its columns',
      },
    ]);
  });

  it('keeps the good rows and names each bad one by line and column', () => {
    const text = fixture('ing-de.csv')
      .toString('utf8')
      .replace('01.03.2024;01.03.2024;Example', '31.02.2024;01.03.2024;Example')
      .replace(';-45,60;EUR', ';-45,6x;EUR');
    const statement = read('bad.csv', Buffer.from(text));
    expect(statement.outcomes.map((o) => o.error ?? o.transaction?.amountMinor)).toEqual([
      -1299,
      'Column "Buchung": "31.02.2024" is not a date in the form DD.MM.YYYY: check the row, or the date format of the mapping',
      'Column "Betrag": "-45,6x" is not an amount: write it like 12,99 or 12.99',
      -108900,
    ]);
    expect(statement.outcomes[1]?.location).toBe('bad.csv:17');
  });

  it('refuses an unknown currency in a row', () => {
    const statement = read(
      'n26.csv',
      Buffer.from(fixture('wise.csv').toString('utf8').replace(',USD,', ',XYZ,')),
    );
    expect(statement.outcomes[0]?.error).toBe(
      'Column "Currency": "XYZ" is not an ISO 4217 currency code such as EUR or GBP',
    );
    expect(statement.outcomes[1]?.transaction?.currency).toBe('USD');
  });

  it('asks for the currency of a file without one', () => {
    expect(read('generic.csv').problems[0]?.reason).toContain('give the currency of the account');
  });

  it('says an empty file is empty, and that a file no preset fits needs its columns mapped', () => {
    expect(read('empty.csv', Buffer.alloc(0)).problems[0]?.reason).toContain('The file is empty');
    const unknown = read('other.csv', Buffer.from('Datum;Wer;Wieviel\n01.01.2024;A;1,00\n'));
    expect(unknown.problems[0]?.reason).toContain('does not match any bank preset');
    const mapped = read('other.csv', Buffer.from('Datum;Wer;Wieviel\n01.01.2024;A;"1.299,00"\n'), {
      mapping: {
        currency: 'EUR',
        decimalMark: ',',
        columns: { date: 'Datum', payee: 'Wer', amount: 'Wieviel' },
      },
    });
    expect(mapped.variant).toBe('CSV (own mapping)');
    expect(mapped.outcomes[0]?.transaction).toMatchObject({ amountMinor: 129900, bookedOn: '2024-01-01' });
  });
});
