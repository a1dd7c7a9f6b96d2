/**
 * What every bank statement reader (OFX 1 and 2, QIF, ISO 20022 CAMT.052/.053/.054, CSV) turns a
 * file into: the accounts it covers and, per booking, one outcome that is either a transaction or
 * the reason it could not be read, named by file and line. The import service stores these
 * through the ingest pipeline (`src/platform/ingest/pipeline.ts`); the readers stay pure (bytes
 * in, values out), so they are tested against the formats' own examples without a store.
 *
 * Amounts are integer minor units of an ISO 4217 currency, signed from the account holder's side:
 * money out (a direct debit, a card payment) is below zero, money in above.
 */

/** The formats vrm reads. */
export const STATEMENT_FORMATS = ['ofx', 'qif', 'camt', 'csv'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

/** A bank account as a statement names it; the import links it to the vault's bank-account fact by IBAN. */
export interface StatementAccount {
  /**
   * The reader's key for this account within the file, stable across files of the same account:
   * the IBAN when there is one, else `bank id/account number`, else the file's own label.
   */
  readonly key: string;
  /** Normalised (upper case, no spaces) and checked with mod-97; null when the file gives none. */
  readonly iban: string | null;
  /** The account number as the bank writes it (OFX ACCTID, CAMT Othr/Id, a QIF or CSV label). */
  readonly number: string | null;
  /** OFX BANKID, a BIC, or a sort code; null when unknown. */
  readonly bankId: string | null;
  /** The account's currency (OFX CURDEF, CAMT Acct/Ccy); null when the file does not say. */
  readonly currency: string | null;
  /** A name the file gives the account (CAMT Acct/Nm, QIF !Account N), if any. */
  readonly name: string | null;
  /** The account type as the file writes it (CHECKING, SAVINGS, CREDITLINE, Bank, CCard). */
  readonly type: string | null;
}

/** One booking on a statement, as read; what it pays and who it pays is decided later. */
export interface StatementTransaction {
  /** `StatementAccount.key` of the account it was booked on. */
  readonly accountKey: string;
  /**
   * The natural key that makes an import idempotent, unique per account: `fitid:<FITID>` (OFX),
   * `ref:<AcctSvcrRef>` or `entry:<NtryRef>@<booked on>/<amount>` (CAMT), `row:<sha256>` (CSV, QIF; the hash covers the
   * date, amount, payee and text, and the row's rank among identical rows of the file, so two
   * equal coffees on one day stay two, and an overlapping statement adds neither again).
   */
  readonly key: string;
  /** ISO date `YYYY-MM-DD` the bank booked it. */
  readonly bookedOn: string;
  /** ISO date of value, when given and different from booking. */
  readonly valueOn: string | null;
  /** Signed minor units: below zero is money out. */
  readonly amountMinor: number;
  /** ISO 4217. */
  readonly currency: string;
  /** Who was paid or who paid: OFX NAME/PAYEE, CAMT Cdtr/Dbtr Nm, QIF P, a CSV payee column. */
  readonly counterpartyName: string | null;
  readonly counterpartyIban: string | null;
  /** SEPA creditor identifier of a direct debit (CAMT CdtrSchmeId, a CSV column, or found in the text). */
  readonly creditorId: string | null;
  /** SEPA mandate reference of a direct debit (CAMT MndtId, a CSV column, or found in the text). */
  readonly mandateReference: string | null;
  /** What the payment says: remittance information, OFX MEMO, QIF M, a CSV purpose column. */
  readonly text: string | null;
  /** The bank's own reference (FITID, AcctSvcrRef, entry reference, check number). */
  readonly bankReference: string | null;
  /** The booking's kind as the file writes it (OFX TRNTYPE, a CAMT bank transaction code, a CSV type). */
  readonly kind: string | null;
  /**
   * The payer's end-to-end reference (CAMT `Refs/EndToEndId`, SEPA `EREF+`), when the file gives
   * one other than `NOTPROVIDED`: a direct debit's often holds the contract or invoice number.
   */
  readonly endToEndId?: string | null;
}

/** One thing a reader met: a transaction, or why a booking could not be read, with where it is. */
export interface StatementOutcome {
  /** `file:line` (a CSV row's line, a QIF record's first line, an XML element's line). */
  readonly location: string;
  readonly transaction?: StatementTransaction;
  /** Says what is wrong and how to fix it, in the person's words. */
  readonly error?: string;
}

/** A whole file read. */
export interface ReadStatement {
  readonly format: StatementFormat;
  /** The exact variant: `OFX 1.02 (SGML)`, `OFX 2.1.1 (XML)`, `camt.053.001.08`, `QIF`, `CSV (preset dkb)`. */
  readonly variant: string;
  /** The text encoding the bytes were read in (`UTF-8`, `UTF-8 with BOM`, `windows-1252`, `UTF-16LE`…). */
  readonly encoding: string;
  readonly accounts: readonly StatementAccount[];
  /** In file order. */
  readonly outcomes: readonly StatementOutcome[];
  /**
   * Problems of the file as a whole (cut off after line 812, an unsupported CAMT version): named
   * with their location; the bookings read before them are kept.
   */
  readonly problems: readonly { readonly location: string; readonly reason: string }[];
  /**
   * What the person should know that is no fault of the file, named with its location: entries
   * that are no bookings yet (CAMT's pending `PDNG`), which come booked on a later statement. An
   * import tells them but does not count them as skipped.
   */
  readonly notes?: readonly { readonly location: string; readonly reason: string }[];
}

/**
 * A piece of a statement read as a stream (`camtChunks`): the bookings of one piece of the file,
 * in file order, and the accounts first met in it (an account comes before its bookings).
 */
export interface StatementChunk {
  readonly variant: string;
  readonly encoding: string;
  readonly accounts: readonly StatementAccount[];
  readonly outcomes: readonly StatementOutcome[];
}

/** What a stream tells once its file is read: the file's problems and notes. */
export type StatementEnd = Omit<ReadStatement, 'accounts' | 'outcomes'>;

/**
 * A statement stored as it is read: its chunks in order, then its end. A statement of 100,000
 * bookings is never held whole (`MoneyService.importFiles` streams CAMT files so).
 */
export interface StatementStream {
  readonly format: StatementFormat;
  readonly chunks: AsyncGenerator<StatementChunk, StatementEnd, undefined>;
}

/** What a reader needs besides the bytes. */
export interface ReadOptions {
  /** The file's name as locations show it (`statement.ofx:12`). */
  readonly fileName: string;
  /**
   * The account's currency, for files that do not give one (QIF, a CSV without a currency
   * column); a reader that needs it and is not given it says so, naming this option.
   */
  readonly currency?: string | undefined;
  /** How to read dates like 01/02/2024 (day first or month first); detected from the file when left out. */
  readonly dateOrder?: 'dmy' | 'mdy' | undefined;
  /** The account a QIF or CSV file belongs to (an IBAN or a label), when the file does not say. */
  readonly account?: string | undefined;
}

/** A reader: bytes in, a statement out; it never throws for what is in the file. */
export type StatementReader = (bytes: Buffer, options: ReadOptions) => ReadStatement;
