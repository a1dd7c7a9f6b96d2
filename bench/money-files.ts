// The statements the money benchmark reads (bench/money.ts): generated bookings written as each
// format vrm imports, one file per account, with the options `vrm money import` would be given.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCamt053 } from '../src/money/formats/camt-writer.js';
import { writeOfx } from '../src/money/formats/ofx-writer.js';
import type { Payment } from '../src/money/recurring/types.js';
import type { StatementAccount, StatementTransaction } from '../src/money/statement.js';

export const FORMATS = ['ofx2', 'ofx1', 'qif', 'camt', 'csv'] as const;
export type BenchFormat = (typeof FORMATS)[number];

export const FORMAT_NAMES: Record<BenchFormat, string> = {
  ofx2: 'OFX 2 (XML)',
  ofx1: 'OFX 1 (SGML)',
  qif: 'QIF',
  camt: 'CAMT.053',
  csv: 'CSV (ING preset)',
};

const EXTENSIONS: Record<BenchFormat, string> = {
  ofx2: 'ofx',
  ofx1: 'ofx',
  qif: 'qif',
  camt: 'xml',
  csv: 'csv',
};

/** A German IBAN with valid check digits for account `n` (bank 37040044). */
export function ibanFor(n: number): string {
  const bban = `37040044${String(5320130 + n).padStart(10, '0')}`;
  // Check digits: 98 − (BBAN + "DE00" with letters as numbers) mod 97.
  const digits = `${bban}131400`;
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  return `DE${String(98 - rest).padStart(2, '0')}${bban}`;
}

/**
 * An opening balance that keeps the closing one at or above zero: ofxstatement's iso20022 plugin
 * reads a closing balance's amount without its DBIT and refuses such a statement as unbalanced.
 */
const opening = (total: number): number => (total < 0 ? -total : 0);

/** The file of one account: its path and the options its import needs. */
export interface BenchFile {
  readonly path: string;
  readonly options: { currency?: string; account?: string; dateOrder?: 'dmy'; preset?: 'ing-de' };
}

const decimal = (minor: number, comma: boolean): string => {
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(3, '0');
  return `${sign}${abs.slice(0, -2)}${comma ? ',' : '.'}${abs.slice(-2)}`;
};
const dmy = (iso: string, separator: string): string =>
  `${iso.slice(8, 10)}${separator}${iso.slice(5, 7)}${separator}${iso.slice(0, 4)}`;
const clean = (text: string | null): string => (text ?? '').replace(/[;\r\n"]/gu, ' ');

function qif(transactions: readonly StatementTransaction[]): string {
  const lines = ['!Type:Bank'];
  for (const tx of transactions) {
    lines.push(`D${dmy(tx.bookedOn, '/')}`, `T${decimal(tx.amountMinor, false)}`);
    if (tx.counterpartyName) lines.push(`P${tx.counterpartyName}`);
    if (tx.text) lines.push(`M${tx.text}`);
    lines.push('^');
  }
  return `${lines.join('\n')}\n`;
}

/** ING Deutschland's export, as its preset reads it; SEPA ids in the purpose text, as ING writes them. */
function csv(transactions: readonly StatementTransaction[]): string {
  const lines = [
    'Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Saldo;Währung;Betrag;Währung',
  ];
  for (const tx of transactions) {
    const sepa = [
      tx.mandateReference ? `MREF+${tx.mandateReference}` : '',
      tx.creditorId ? `CRED+${tx.creditorId}` : '',
      `SVWZ+${clean(tx.text)}`,
    ]
      .filter(Boolean)
      .join(' ');
    const date = dmy(tx.bookedOn, '.');
    lines.push(
      `${date};${date};${clean(tx.counterpartyName)};${tx.amountMinor < 0 ? 'Lastschrift' : 'Gutschrift'};${sepa};0,00;EUR;${decimal(tx.amountMinor, true)};EUR`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Writes the payments in every format under `dir/<format>/`, one file per account, and answers the
 * files of each format with their import options; and all of them as one CAMT.053 statement.
 */
export function writeBenchFiles(
  dir: string,
  payments: readonly Payment[],
): { files: Record<BenchFormat, BenchFile[]>; oneCamt: BenchFile } {
  const byAccount = new Map<number, StatementTransaction[]>();
  const all: StatementTransaction[] = [];
  for (const payment of payments) {
    const iban = ibanFor(payment.accountId);
    const list = byAccount.get(payment.accountId) ?? [];
    list.push({
      accountKey: iban,
      key: `ref:P${payment.id}`,
      bookedOn: payment.bookedOn,
      valueOn: null,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      counterpartyName: payment.counterpartyName,
      counterpartyIban: payment.counterpartyIban,
      creditorId: payment.creditorId,
      mandateReference: payment.mandateReference,
      text: payment.text,
      bankReference: `P${payment.id}`,
      kind: payment.amountMinor < 0 ? 'PMNT-IDDT-ESDD' : 'PMNT-RCDT-ESCT',
      endToEndId: null,
    });
    byAccount.set(payment.accountId, list);
    all.push(list[list.length - 1] as StatementTransaction);
  }
  const files = Object.fromEntries(FORMATS.map((format) => [format, [] as BenchFile[]])) as Record<
    BenchFormat,
    BenchFile[]
  >;
  for (const format of FORMATS) mkdirSync(join(dir, format), { recursive: true });
  for (const [id, transactions] of byAccount) {
    const iban = ibanFor(id);
    const account: StatementAccount = {
      key: iban,
      iban,
      number: iban.slice(12),
      bankId: iban.slice(4, 12),
      currency: 'EUR',
      name: `Account ${id}`,
      type: 'CHECKING',
    };
    const from = transactions[0]?.bookedOn ?? '2022-01-01';
    const to = transactions.at(-1)?.bookedOn ?? from;
    const ledgerBalance = transactions.reduce((sum, tx) => sum + tx.amountMinor, 0);
    const ofx = { account, transactions, from, to, ledgerBalance };
    const texts: Record<BenchFormat, () => string> = {
      ofx2: () => writeOfx(ofx),
      ofx1: () => writeOfx(ofx, { version: 1 }),
      qif: () => qif(transactions),
      camt: () =>
        writeCamt053({
          account: { iban, currency: 'EUR' },
          transactions,
          openingMinor: opening(ledgerBalance),
        }),
      csv: () => csv(transactions),
    };
    for (const format of FORMATS) {
      const path = join(dir, format, `account-${String(id).padStart(2, '0')}.${EXTENSIONS[format]}`);
      writeFileSync(path, texts[format]());
      const options =
        format === 'qif'
          ? { currency: 'EUR', account: iban, dateOrder: 'dmy' as const }
          : format === 'csv'
            ? { preset: 'ing-de' as const, account: iban }
            : {};
      files[format].push({ path, options });
    }
  }
  // The whole 100,000 as one statement of one account: the largest file a person would import.
  const oneCamt = { path: join(dir, 'camt-all.xml'), options: {} };
  const total = all.reduce((sum, tx) => sum + tx.amountMinor, 0);
  writeFileSync(
    oneCamt.path,
    writeCamt053({
      account: { iban: ibanFor(1), currency: 'EUR' },
      transactions: all,
      openingMinor: opening(total),
    }),
  );
  return { files, oneCamt };
}
