import { describe, expect, it } from 'vitest';
import { minorDigits } from '../../platform/money.js';
import { dumpedMinor, ofxdump } from '../../test/statement-readers.js';
import type { StatementAccount, StatementTransaction } from '../statement.js';
import { readOfx } from './ofx.js';
import { fitidOf, writeOfx } from './ofx-writer.js';

const account: StatementAccount = {
  key: 'DE89370400440532013000',
  iban: 'DE89370400440532013000',
  number: 'DE89370400440532013000',
  bankId: '37040044',
  currency: 'EUR',
  name: null,
  type: 'CHECKING',
};

const booking = (
  fields: Partial<StatementTransaction> & Pick<StatementTransaction, 'key' | 'amountMinor'>,
) => ({
  accountKey: account.key,
  bookedOn: '2026-03-02',
  valueOn: null,
  currency: 'EUR',
  counterpartyName: null,
  counterpartyIban: null,
  creditorId: null,
  mandateReference: null,
  text: null,
  bankReference: fields.key.slice(6),
  kind: fields.amountMinor < 0 ? 'DEBIT' : 'CREDIT',
  ...fields,
});

const transactions: StatementTransaction[] = [
  booking({
    key: 'fitid:A-1',
    amountMinor: -1299,
    counterpartyName: 'Marks & Spencer <Food>',
    text: 'Müsli & Brötchen',
  }),
  booking({
    key: 'fitid:A-2',
    amountMinor: 250000,
    bookedOn: '2026-03-03',
    valueOn: '2026-03-01',
    counterpartyName: 'Gehalt Müller GmbH',
    counterpartyIban: 'GB29NWBK60161331926819',
    kind: 'DIRECTDEP',
  }),
  booking({
    key: 'fitid:A-3',
    amountMinor: 0,
    counterpartyName: 'Kontoführung',
    kind: 'SRVCHG',
    bankReference: '77',
  }),
  booking({ key: 'fitid:A-4', amountMinor: -3, text: 'Rundung' }),
  booking({
    key: 'fitid:A-5',
    amountMinor: -1200,
    currency: 'JPY',
    counterpartyName: 'Tōkyō Kiosk',
    kind: 'POS',
  }),
];

const statement = { account, transactions, from: '2026-03-01', to: '2026-03-31', ledgerBalance: 123456 };

describe('writeOfx', () => {
  for (const version of [2, 1] as const) {
    it(`writes OFX ${version}.x that readOfx reads back identically`, () => {
      const text = writeOfx(statement, { version });
      const read = readOfx(Buffer.from(text, 'utf8'), { fileName: 'out.ofx' });
      expect(read.problems).toEqual([]);
      expect(read.variant).toBe(version === 2 ? 'OFX 2.2.0 (XML)' : 'OFX 1.02 (SGML)');
      expect(read.accounts).toEqual([account]);
      expect(read.outcomes.map((o) => o.transaction)).toEqual(transactions);
    });

    it(`writes OFX ${version}.x that libofx's ofxdump reads: same count, amounts and FITIDs`, () => {
      const text = writeOfx(statement, { version });
      const dumped = ofxdump(Buffer.from(text, 'utf8')).transactions;
      expect(dumped.map((t) => [t.fitid, dumpedMinor(t.amount, 0)])).toEqual(
        transactions.map((t) => [t.key.slice(6), Math.round(t.amountMinor / 10 ** minorDigits(t.currency))]),
      );
      expect(dumped.map((t) => t.amount)).toEqual(['-12.99', '2500.00', '0.00', '-0.03', '-1200.00']);
      expect(dumped.map((t) => t.postedOn)).toEqual(transactions.map((t) => t.bookedOn));
    });
  }

  it('escapes & < > and writes the JPY amount without decimals', () => {
    const text = writeOfx(statement);
    expect(text).toContain('<NAME>Marks &amp; Spencer &lt;Food&gt;</NAME>');
    expect(text).toContain('<TRNAMT>-1200</TRNAMT>');
    expect(text).toContain('<CURSYM>JPY</CURSYM>');
    expect(text).toContain('<BALAMT>1234.56</BALAMT>');
  });

  it('gives bookings without a FITID a stable one derived from their key', () => {
    const rowKeyed = booking({
      key: 'row:0123456789abcdef0123456789abcdef',
      amountMinor: -500,
      bankReference: null,
    });
    const once = writeOfx({ ...statement, transactions: [rowKeyed] });
    const read = readOfx(Buffer.from(once), { fileName: 'out.ofx' }).outcomes[0]?.transaction;
    expect(read?.key).toBe(`fitid:${fitidOf(rowKeyed.key)}`);
    expect(fitidOf(rowKeyed.key)).toMatch(/^vrm-[0-9a-f]{32}$/u);
    expect(writeOfx({ ...statement, transactions: [rowKeyed] })).toBe(once);
  });

  it('writes a credit card account as a card statement', () => {
    const card = { ...account, key: '4111', iban: null, number: '4111', bankId: null, type: 'CREDITCARD' };
    const text = writeOfx({
      ...statement,
      account: card,
      transactions: transactions.slice(0, 1).map((t) => ({ ...t, accountKey: '4111' })),
    });
    expect(text).toContain('<CCSTMTRS>');
    const read = readOfx(Buffer.from(text), { fileName: 'card.ofx' });
    expect(read.accounts).toEqual([card]);
    expect(ofxdump(Buffer.from(text)).transactions).toHaveLength(1);
  });
});
