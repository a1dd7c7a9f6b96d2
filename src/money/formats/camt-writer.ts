/**
 * Writes bookings as an ISO 20022 camt.053.001.08 statement, in the schema's element order: the
 * independent readers check vrm's reader against files it did not craft by hand, and the
 * benchmark generates large statements with it.
 */
import { minorDigits } from '../../platform/money.js';
import type { StatementTransaction } from '../statement.js';

/** The account a written statement is for. */
export interface CamtAccount {
  readonly iban: string;
  readonly currency: string;
  readonly bic?: string;
  readonly name?: string;
}

export interface CamtStatementInput {
  readonly account: CamtAccount;
  readonly transactions: readonly StatementTransaction[];
  /** The opening booked balance in minor units; 0 when left out. */
  readonly openingMinor?: number;
  readonly messageId?: string;
  /** ISO date-time of creation; defaults to the last booking date at 06:00. */
  readonly createdAt?: string;
}

const escape = (value: string): string =>
  value.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

const decimal = (minor: number, currency: string): string => {
  const digits = minorDigits(currency);
  const text = Math.abs(minor)
    .toString()
    .padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
};

const tag = (name: string, value: string | null | undefined): string =>
  value === null || value === undefined || value === '' ? '' : `<${name}>${escape(value)}</${name}>`;

const balance = (code: string, minor: number, currency: string, date: string): string =>
  `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${currency}">${decimal(minor, currency)}</Amt>` +
  `<CdtDbtInd>${minor < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;

/** The bank transaction code written for a kind like `PMNT-IDDT-ESDD`; card payment otherwise. */
function bankCode(kind: string | null, out: boolean): string {
  const [domain, family, sub] = /^[A-Z]{4}-[A-Z]{4}-[A-Z]{4}$/u.test(kind ?? '')
    ? (kind ?? '').split('-')
    : ['PMNT', out ? 'CCRD' : 'RCDT', out ? 'POSD' : 'ESCT'];
  return `<BkTxCd><Domn><Cd>${domain}</Cd><Fmly><Cd>${family}</Cd><SubFmlyCd>${sub}</SubFmlyCd></Fmly></Domn></BkTxCd>`;
}

function entry(transaction: StatementTransaction, index: number): string {
  const out = transaction.amountMinor < 0;
  const direction = out ? 'DBIT' : 'CRDT';
  const reference = transaction.key.startsWith('ref:') ? transaction.key.slice(4) : `VRM-${index + 1}`;
  const party = out ? 'Cdtr' : 'Dbtr';
  const creditorId = transaction.creditorId
    ? `<Id><PrvtId><Othr><Id>${escape(transaction.creditorId)}</Id><SchmeNm><Prtry>SEPA</Prtry></SchmeNm></Othr></PrvtId></Id>`
    : '';
  const name = transaction.counterpartyName
    ? `<${party}><Pty>${tag('Nm', transaction.counterpartyName)}${out ? creditorId : ''}</Pty></${party}>`
    : '';
  const account = transaction.counterpartyIban
    ? `<${party}Acct><Id><IBAN>${escape(transaction.counterpartyIban)}</IBAN></Id></${party}Acct>`
    : '';
  const refs =
    transaction.endToEndId || transaction.mandateReference
      ? `<Refs>${tag('EndToEndId', transaction.endToEndId)}${tag('MndtId', transaction.mandateReference)}</Refs>`
      : '';
  const amount = `<Amt Ccy="${transaction.currency}">${decimal(transaction.amountMinor, transaction.currency)}</Amt>`;
  const parties = name || account ? `<RltdPties>${name}${account}</RltdPties>` : '';
  const remittance = transaction.text
    ? `<RmtInf>${tag('Ustrd', transaction.text.slice(0, 140))}</RmtInf>`
    : '';
  return (
    `<Ntry>${amount}<CdtDbtInd>${direction}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>` +
    `<BookgDt><Dt>${transaction.bookedOn}</Dt></BookgDt><ValDt><Dt>${transaction.valueOn ?? transaction.bookedOn}</Dt></ValDt>` +
    `${tag('AcctSvcrRef', reference)}${bankCode(transaction.kind, out)}` +
    `<NtryDtls><TxDtls>${refs}${amount}<CdtDbtInd>${direction}</CdtDbtInd>${parties}${remittance}</TxDtls></NtryDtls></Ntry>\n`
  );
}

/**
 * A camt.053.001.08 statement of the given bookings (in their order), with opening and closing
 * booked balances. Amounts are written from minor units with the currency's decimals.
 *
 * @example writeCamt053({ account: { iban: 'DE89370400440532013000', currency: 'EUR' }, transactions })
 */
export function writeCamt053(input: CamtStatementInput): string {
  const { account, transactions } = input;
  const opening = input.openingMinor ?? 0;
  const closing = transactions.reduce((sum, transaction) => sum + transaction.amountMinor, opening);
  const first = transactions[0]?.bookedOn ?? '2024-01-01';
  const last = transactions.at(-1)?.bookedOn ?? first;
  const created = input.createdAt ?? `${last}T06:00:00`;
  const id = input.messageId ?? `VRM-${account.iban}-${last}`;
  const servicer = account.bic
    ? `<Svcr><FinInstnId><BICFI>${escape(account.bic)}</BICFI></FinInstnId></Svcr>`
    : '';
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">\n<BkToCstmrStmt>\n',
    `<GrpHdr><MsgId>${escape(id)}</MsgId><CreDtTm>${created}</CreDtTm></GrpHdr>\n`,
    `<Stmt><Id>${escape(id)}-1</Id><CreDtTm>${created}</CreDtTm>\n`,
    `<Acct><Id><IBAN>${escape(account.iban)}</IBAN></Id><Ccy>${account.currency}</Ccy>${tag('Nm', account.name)}${servicer}</Acct>\n`,
    `${balance('OPBD', opening, account.currency, first)}\n${balance('CLBD', closing, account.currency, last)}\n`,
  ];
  transactions.forEach((transaction, index) => parts.push(entry(transaction, index)));
  parts.push('</Stmt>\n</BkToCstmrStmt>\n</Document>\n');
  return parts.join('');
}
