import { createHash } from 'node:crypto';
import { minorDigits } from '../../platform/money.js';
import type { StatementAccount, StatementTransaction } from '../statement.js';

/**
 * Writes bookings as an OFX statement, to take them to GnuCash, HomeBank or any tool that reads
 * OFX; it is also how vrm's reader is checked both ways (written here, read by libofx's ofxdump
 * and by `readOfx`).
 */

/** One account's bookings over a period. */
export interface OfxStatementInput {
  readonly account: StatementAccount;
  readonly transactions: readonly StatementTransaction[];
  /** `YYYY-MM-DD`: the first day the statement covers. */
  readonly from: string;
  /** `YYYY-MM-DD`: the last day the statement covers. */
  readonly to: string;
  /** The balance at the end of `to`, in minor units of the account's currency. */
  readonly ledgerBalance?: number | undefined;
}

/** OFX's transaction types (OFX 2.1.1 §11.4.4.3); anything else is written as DEBIT or CREDIT. */
const TRNTYPES = new Set([
  'CREDIT',
  'DEBIT',
  'INT',
  'DIV',
  'FEE',
  'SRVCHG',
  'DEP',
  'ATM',
  'POS',
  'XFER',
  'CHECK',
  'PAYMENT',
  'CASH',
  'DIRECTDEP',
  'DIRECTDEBIT',
  'REPEATPMT',
  'HOLD',
  'OTHER',
]);

const CARD_TYPES = new Set(['CREDITCARD', 'CCARD', 'CREDIT CARD']);
const BANK_TYPES = new Set(['CHECKING', 'SAVINGS', 'MONEYMRKT', 'CREDITLINE', 'CD']);

/**
 * `&`, `<` and `>` as entities (OFX 1.x SGML and 2.x XML both read these); line breaks become
 * spaces, since an SGML leaf ends at the end of its line's text.
 */
const escape = (text: string): string =>
  text
    .replace(/\s*[\r\n]+\s*/gu, ' ')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;');

/** Minor units as OFX writes amounts: `-1299` EUR → `-12.99`, `-1200` JPY → `-1200`. */
function ofxAmount(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor)
    .toString()
    .padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

const ofxDate = (iso: string): string => iso.replace(/-/gu, '');

/**
 * The FITID: the bank's own when the key is one (`fitid:219378`), else a stable id derived from
 * the key, so a tool that reads the file twice sees the same booking twice, not two bookings.
 */
export function fitidOf(key: string): string {
  if (key.startsWith('fitid:') && key.length > 6 && key.length <= 6 + 255) return key.slice(6);
  return `vrm-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/** The account's number and bank as OFX wants them: ACCTID is required, so the key stands in. */
function accountFrom(account: StatementAccount, card: boolean): [string, string][] {
  const acctId = account.iban ?? account.number ?? account.key;
  if (card) return [['ACCTID', acctId]];
  const type = (account.type ?? '').toUpperCase();
  return [
    ['BANKID', account.bankId ?? (account.iban ? account.iban.slice(4, 12) : '0')],
    ['ACCTID', acctId],
    ['ACCTTYPE', BANK_TYPES.has(type) ? type : 'CHECKING'],
  ];
}

/** Builds the element tree as lines; `sgml` leaves out leaves' end tags (OFX 1.x). */
class Lines {
  readonly out: string[] = [];
  constructor(private readonly sgml: boolean) {}
  open(name: string): void {
    this.out.push(`<${name}>`);
  }
  close(name: string): void {
    this.out.push(`</${name}>`);
  }
  leaf(name: string, value: string): void {
    this.out.push(this.sgml ? `<${name}>${escape(value)}` : `<${name}>${escape(value)}</${name}>`);
  }
  leaves(pairs: readonly [string, string][]): void {
    for (const [name, value] of pairs) this.leaf(name, value);
  }
}

/**
 * Writes one account's bookings as an OFX statement: OFX 2.2 XML by default, or OFX 1.02 SGML
 * (`{ version: 1 }`) for older tools. A credit card account (type CREDITCARD or CCard) becomes a
 * card statement, any other a bank statement. Bookings in a currency other than the account's
 * carry it in a CURRENCY aggregate (rate 1: the amounts are in that currency, as written).
 *
 * @example writeOfx({ account, transactions, from: '2026-01-01', to: '2026-01-31' })
 */
export function writeOfx(statement: OfxStatementInput, options: { version?: 1 | 2 } = {}): string {
  const sgml = options.version === 1;
  const { account, transactions } = statement;
  const currency = account.currency ?? transactions[0]?.currency ?? 'EUR';
  const card = CARD_TYPES.has((account.type ?? '').toUpperCase());
  const lines = new Lines(sgml);
  const [message, wrapper, body, from] = card
    ? ['CREDITCARDMSGSRSV1', 'CCSTMTTRNRS', 'CCSTMTRS', 'CCACCTFROM']
    : ['BANKMSGSRSV1', 'STMTTRNRS', 'STMTRS', 'BANKACCTFROM'];
  lines.open('OFX');
  lines.open('SIGNONMSGSRSV1');
  lines.open('SONRS');
  lines.open('STATUS');
  lines.leaves([
    ['CODE', '0'],
    ['SEVERITY', 'INFO'],
  ]);
  lines.close('STATUS');
  // The server time is the statement's last day, so the same bookings always give the same file.
  lines.leaves([
    ['DTSERVER', `${ofxDate(statement.to)}000000`],
    ['LANGUAGE', 'ENG'],
  ]);
  lines.close('SONRS');
  lines.close('SIGNONMSGSRSV1');
  lines.open(message);
  lines.open(wrapper);
  lines.leaf('TRNUID', '0');
  lines.open('STATUS');
  lines.leaves([
    ['CODE', '0'],
    ['SEVERITY', 'INFO'],
  ]);
  lines.close('STATUS');
  lines.open(body);
  lines.leaf('CURDEF', currency);
  lines.open(from);
  lines.leaves(accountFrom(account, card));
  lines.close(from);
  lines.open('BANKTRANLIST');
  lines.leaves([
    ['DTSTART', ofxDate(statement.from)],
    ['DTEND', ofxDate(statement.to)],
  ]);
  for (const transaction of transactions) writeBooking(lines, transaction, currency);
  lines.close('BANKTRANLIST');
  if (statement.ledgerBalance !== undefined) {
    lines.open('LEDGERBAL');
    lines.leaves([
      ['BALAMT', ofxAmount(statement.ledgerBalance, currency)],
      ['DTASOF', ofxDate(statement.to)],
    ]);
    lines.close('LEDGERBAL');
  }
  lines.close(body);
  lines.close(wrapper);
  lines.close(message);
  lines.close('OFX');
  const header = sgml
    ? [
        'OFXHEADER:100',
        'DATA:OFXSGML',
        'VERSION:102',
        'SECURITY:NONE',
        'ENCODING:UTF-8',
        'CHARSET:NONE',
        'COMPRESSION:NONE',
        'OLDFILEUID:NONE',
        'NEWFILEUID:NONE',
        '',
      ]
    : [
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
        '<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>',
      ];
  return `${[...header, ...lines.out].join(sgml ? '\r\n' : '\n')}${sgml ? '\r\n' : '\n'}`;
}

function writeBooking(lines: Lines, transaction: StatementTransaction, currency: string): void {
  const fitid = fitidOf(transaction.key);
  const kind = (transaction.kind ?? '').toUpperCase();
  lines.open('STMTTRN');
  lines.leaves([
    ['TRNTYPE', TRNTYPES.has(kind) ? kind : transaction.amountMinor < 0 ? 'DEBIT' : 'CREDIT'],
    ['DTPOSTED', ofxDate(transaction.bookedOn)],
  ]);
  if (transaction.valueOn) lines.leaf('DTUSER', ofxDate(transaction.valueOn));
  lines.leaves([
    ['TRNAMT', ofxAmount(transaction.amountMinor, transaction.currency)],
    ['FITID', fitid],
  ]);
  // readOfx takes CHECKNUM, then REFNUM, then FITID as the bank's reference; REFNUM carries one
  // that is not the FITID.
  if (transaction.bankReference && transaction.bankReference !== fitid)
    lines.leaf('REFNUM', transaction.bankReference);
  if (transaction.counterpartyName) lines.leaf('NAME', transaction.counterpartyName);
  if (transaction.counterpartyIban) {
    lines.open('BANKACCTTO');
    lines.leaves([
      ['BANKID', transaction.counterpartyIban.slice(4, 12)],
      ['ACCTID', transaction.counterpartyIban],
      ['ACCTTYPE', 'CHECKING'],
    ]);
    lines.close('BANKACCTTO');
  }
  if (transaction.text) lines.leaf('MEMO', transaction.text);
  if (transaction.currency !== currency) {
    lines.open('CURRENCY');
    lines.leaves([
      ['CURRATE', '1'],
      ['CURSYM', transaction.currency],
    ]);
    lines.close('CURRENCY');
  }
  lines.close('STMTTRN');
}
