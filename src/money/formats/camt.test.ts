import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCamt } from './camt.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const read = (name: string, bytes = fixture(name)) => readCamt(bytes, { fileName: name });
const transactions = (name: string) =>
  read(name).outcomes.map((outcome) => {
    expect(outcome.error).toBeUndefined();
    return outcome.transaction;
  });

describe('readCamt on camt.053.001.02', () => {
  const statement = read('camt053-v02.xml');

  it('reads the account: IBAN, currency, name and the servicer BIC', () => {
    expect(statement.variant).toBe('camt.053.001.02');
    expect(statement.encoding).toBe('UTF-8');
    expect(statement.accounts).toEqual([
      {
        key: 'DE89370400440532013000',
        iban: 'DE89370400440532013000',
        number: 'DE89370400440532013000',
        bankId: 'COBADEFFXXX',
        currency: 'EUR',
        name: 'Girokonto Alex',
        type: null,
      },
    ]);
  });

  it('reads a SEPA direct debit with its creditor identifier, mandate and end-to-end reference', () => {
    expect(statement.outcomes[0]).toEqual({
      location: 'camt053-v02.xml:53',
      transaction: {
        accountKey: 'DE89370400440532013000',
        key: 'ref:2024030100001',
        bookedOn: '2024-03-01',
        valueOn: null,
        amountMinor: -1299,
        currency: 'EUR',
        counterpartyName: 'Streamline TV GmbH',
        counterpartyIban: 'DE02120300000000202051',
        creditorId: 'DE98ZZZ09999999999',
        mandateReference: 'STV-MANDATE-000417',
        text: 'Streamline TV Abo Maerz 2024 Kundennr. 4711',
        bankReference: '2024030100001',
        kind: 'PMNT-IDDT-ESDD',
        endToEndId: 'STV-2024-03-778812',
      },
    });
  });

  it('reads a card payment (value date before booking) and a credit, whose counterparty is the debtor', () => {
    const [, card, salary] = transactions('camt053-v02.xml');
    expect(card).toMatchObject({
      bookedOn: '2024-03-02',
      valueOn: '2024-03-01',
      amountMinor: -4560,
      counterpartyName: 'Bäckerei Müller',
      kind: 'PMNT-CCRD-POSD',
      text: 'Kartenzahlung girocard 01.03. 18:22',
    });
    expect(salary).toMatchObject({
      amountMinor: 250000,
      counterpartyName: 'Example Employer Ltd',
      counterpartyIban: 'GB29NWBK60161331926819',
      endToEndId: null,
    });
  });

  it('splits a batch entry into one booking per transaction detail, keyed by its own or the entry reference', () => {
    const parts = statement.outcomes.slice(3, 6);
    expect(parts.map((part) => part.location)).toEqual(Array(3).fill('camt053-v02.xml:200'));
    expect(parts.map((part) => part.transaction?.amountMinor)).toEqual([-5000, -7000, -3000]);
    expect(parts.map((part) => part.transaction?.key)).toEqual([
      'ref:2024030300004-A',
      'ref:2024030300004#2',
      'ref:2024030300004#3',
    ]);
    expect(parts.map((part) => part.transaction?.counterpartyName)).toEqual([
      'Garage Lindenhof',
      'Sportverein Nord e.V.',
      'Stadtbibliothek',
    ]);
    expect(parts[0]?.transaction?.counterpartyIban).toBe('FR1420041010050500013M02606');
    expect(parts[2]?.transaction?.text).toBe('RF18539007547034');
  });

  it('passes over the pending entry as a note, not a problem', () => {
    expect(statement.outcomes).toHaveLength(7);
    expect(statement.problems).toEqual([]);
    expect(statement.notes).toEqual([
      {
        location: 'camt053-v02.xml:284',
        reason: '1 pending booking (PDNG) not imported yet: it will come booked in a later statement',
      },
    ]);
  });

  it('reads a reversal as money back from the original creditor, keyed by the entry reference', () => {
    expect(statement.outcomes[6]?.transaction).toMatchObject({
      key: 'entry:6@2024-03-04/1299',
      amountMinor: 1299,
      counterpartyName: 'Streamline TV GmbH',
      counterpartyIban: 'DE02120300000000202051',
      mandateReference: 'STV-MANDATE-000417',
      kind: 'PMNT-IDDT-UPDD (reversal)',
      valueOn: '2024-03-01',
    });
  });
});

describe('readCamt on camt.053.001.08', () => {
  const statement = read('camt053-v08.xml');
  const [gym, card, power, phone, storage, reversal] = transactions('camt053-v08.xml');

  it('reads the newer shapes: Sts/Cd, Pty/Nm, BICFI, DtTm and TxDtls/Amt', () => {
    expect(statement.variant).toBe('camt.053.001.08');
    expect(statement.accounts[0]).toMatchObject({ key: 'DE02120300000000202051', bankId: 'BYLADEM1001' });
    expect(gym).toMatchObject({
      key: 'ref:BY-20240415-77001',
      bookedOn: '2024-04-15',
      valueOn: null,
      amountMinor: -2990,
      counterpartyName: 'FitBox Studio GmbH',
      counterpartyIban: 'DE89370400440532013000',
      creditorId: 'DE32ZZZ00000123456',
      mandateReference: 'FB-000193',
      endToEndId: 'FITBOX-INV-2024-04-0193',
    });
    expect(card).toMatchObject({
      amountMinor: -1299,
      counterpartyName: 'STREAMLINE.TV',
      valueOn: '2024-04-13',
    });
  });

  it('reads batch parts with their own references, and SEPA ids written into the purpose text', () => {
    expect([power, phone, storage].map((t) => [t?.key, t?.amountMinor])).toEqual([
      ['ref:BY-20240415-77003-1', -8900],
      ['ref:BY-20240415-77003-2', -2446],
      ['ref:BY-20240415-77003-3', -999],
    ]);
    expect(power?.mandateReference).toBe('EW-44102');
    expect(phone).toMatchObject({ creditorId: 'NL69ZZZ123456780000', mandateReference: 'FW-MANDAT-9' });
  });

  it('reads the reversal and counts the pending entry (Sts/Cd) as a note', () => {
    expect(reversal).toMatchObject({ amountMinor: 2990, counterpartyName: 'FitBox Studio GmbH' });
    expect(statement.outcomes).toHaveLength(6);
    expect(statement.problems).toEqual([]);
    expect(statement.notes).toHaveLength(1);
    expect(statement.notes?.[0]?.reason).toContain('1 pending booking (PDNG) not imported yet');
  });
});

describe('readCamt on camt.052 and camt.054', () => {
  it('reads an intraday report with namespace prefixes and an account without IBAN', () => {
    const report = read('camt052-v08.xml');
    expect(report.variant).toBe('camt.052.001.08');
    expect(report.accounts[0]).toMatchObject({
      key: 'COBADEFFXXX/0532013000',
      iban: null,
      number: '0532013000',
      currency: 'EUR',
    });
    expect(report.outcomes).toEqual([
      {
        location: 'camt052-v08.xml:25',
        transaction: expect.objectContaining({
          key: 'ref:CB-0502-000311',
          amountMinor: -750,
          counterpartyName: 'Parkhaus Mitte',
          kind: 'NMSC+005',
        }) as unknown,
      },
    ]);
    expect(report.problems).toEqual([]);
    expect(report.notes?.[0]).toMatchObject({ location: 'camt052-v08.xml:56' });
  });

  it('reads a debit notification in the ISO-8859-1 its XML declaration names', () => {
    const notification = read('camt054-v02.xml');
    expect(notification.variant).toBe('camt.054.001.02');
    expect(notification.encoding).toBe('ISO-8859-1');
    expect(notification.outcomes[0]?.transaction).toMatchObject({
      accountKey: 'GB29NWBK60161331926819',
      amountMinor: -124000,
      currency: 'GBP',
      counterpartyName: 'Société Générale Assurances',
      creditorId: 'GB29ZZZSDDNEST00001',
      mandateReference: 'HOME-INS-7781',
      text: 'Prime annuelle habitation 2024/25',
    });
  });
});

describe('readCamt on bad input', () => {
  const v02 = fixture('camt053-v02.xml').toString('utf8');

  it('refuses a version it does not know, naming the namespace and the versions it reads', () => {
    const result = read('future.xml', Buffer.from(v02.replace('xsd:camt.053.001.02', 'xsd:camt.053.001.99')));
    expect(result.outcomes).toEqual([]);
    expect(result.problems).toEqual([
      {
        location: 'future.xml:3',
        reason: expect.stringMatching(
          /"urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.99".*camt\.052, camt\.053 and camt\.054, versions 001\.02 to 001\.13/u,
        ) as string,
      },
    ]);
  });

  it('refuses an XML file that is not a CAMT message', () => {
    const result = read(
      'payment.xml',
      Buffer.from(v02.replace('xsd:camt.053.001.02', 'xsd:pain.001.001.03')),
    );
    expect(result.outcomes).toEqual([]);
    expect(result.problems[0]?.reason).toContain('"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"');
  });

  it('keeps the whole entries of a file cut off inside an entry, and names the line where it breaks', () => {
    const cut = v02.slice(0, v02.indexOf('Sportverein'));
    const result = read('cut.xml', Buffer.from(cut));
    expect(result.outcomes.map((o) => o.transaction?.key)).toEqual([
      'ref:2024030100001',
      'ref:2024030200002',
      'ref:2024030200003',
    ]);
    expect(result.problems).toEqual([
      {
        location: `cut.xml:${cut.split('\n').length}`,
        reason: expect.stringContaining('breaks off here') as string,
      },
    ]);
  });

  it('keeps every entry of a file cut off between two entries', () => {
    const cut = v02.slice(0, v02.indexOf('<Ntry>', v02.indexOf('Stadtbibliothek')));
    const result = read('cut.xml', Buffer.from(cut));
    expect(result.outcomes).toHaveLength(6);
    expect(result.problems.map((problem) => problem.location)).toEqual([`cut.xml:${cut.split('\n').length}`]);
  });

  it('refuses an entry in an unknown currency and keeps the others', () => {
    const result = read(
      'xyz.xml',
      Buffer.from(v02.replace('<Amt Ccy="EUR">45.60</Amt>', '<Amt Ccy="XYZ">45.60</Amt>')),
    );
    expect(result.outcomes).toHaveLength(7);
    expect(result.outcomes[1]).toEqual({
      location: 'xyz.xml:125',
      error:
        'The entry amount (Amt) is in "XYZ", which is not an ISO 4217 currency code: ask the bank for the statement again',
    });
    expect(result.outcomes[2]?.transaction?.amountMinor).toBe(250000);
  });

  it('says an empty file is empty', () => {
    expect(read('empty.xml', Buffer.alloc(0)).problems).toEqual([
      { location: 'empty.xml:1', reason: 'The file is empty: export the statement from your bank again' },
    ]);
  });

  it('reads the same statement in UTF-16 with a byte order mark', () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(v02.replace('UTF-8', 'UTF-16'), 'utf16le'),
    ]);
    const result = read('utf16.xml', utf16);
    expect(result.encoding).toBe('UTF-16LE');
    expect(result.outcomes[1]?.transaction?.counterpartyName).toBe('Bäckerei Müller');
  });
});
