import type { Generated } from 'kysely';

/**
 * The tables of the money area (migration 15, issue 17), as Kysely sees them; `schema.ts` adds
 * them to the store's `Database`. Days are `YYYY-MM-DD`, instants ISO 8601; amounts are integer
 * minor units with their ISO 4217 code; JSON columns are text; booleans 0/1.
 */

/** A bank account as statements name it, linked to the vault's bank-account fact by IBAN. */
export interface BankAccountsTable {
  id: Generated<number>;
  /** The readers' key: the IBAN, else `bank id/account number`, else the file's label. */
  key: string;
  iban: string | null;
  number: string | null;
  bankId: string | null;
  currency: string | null;
  name: string | null;
  type: string | null;
  /** What the person calls it; never overwritten by an import. */
  label: string | null;
  factId: number | null;
  createdAt: string;
  updatedAt: string;
}

/** One import of one statement file: what it read, how far it got, what it skipped. */
export interface BankImportsTable {
  id: Generated<number>;
  fileName: string;
  format: string;
  variant: string;
  encoding: string;
  /** JSON: the reading options used (currency, date order, account, CSV preset or mapping). */
  options: string;
  sha256: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  seen: Generated<number>;
  imported: Generated<number>;
  duplicates: Generated<number>;
  skipped: Generated<number>;
  /** JSON: the skips kept, `{ location, reason }`. */
  skips: Generated<string>;
  /** Index of the last outcome written with its batch; -1 before the first batch. */
  checkpoint: Generated<number>;
  /** Outcomes the statement has. */
  total: number;
  /** The checkpoint a resumed import started after, else null. */
  resumedFrom: number | null;
  pid: number | null;
  error: string | null;
}

/** One booking, once per account and natural key. */
export interface BankTransactionsTable {
  id: Generated<number>;
  accountId: number;
  key: string;
  importId: number | null;
  bookedOn: string;
  valueOn: string | null;
  amountMinor: number;
  currency: string;
  counterpartyName: string | null;
  /** The counterparty's name as matching compares it (`normalisePayee`); '' when none. */
  payee: string;
  counterpartyIban: string | null;
  creditorId: string | null;
  mandateReference: string | null;
  text: string | null;
  bankReference: string | null;
  kind: string | null;
  providerId: number | null;
  /** How the provider was found: `rule`, `creditor_id`, `mandate_reference`, `customer_number`, `counterparty_iban`, `name`, `domain`, `directory`. */
  matchBy: string | null;
  /** JSON: the match's evidence (see money/matching.ts). */
  matchEvidence: string | null;
  /** 1 when the person confirmed or chose the provider. */
  matchConfirmed: Generated<number>;
  /** When the person confirmed it. */
  confirmedAt: string | null;
  contractId: number | null;
  createdAt: string;
}

/** The person's rule: this identifier pays this provider (or, with no provider, none). */
export interface PayeeRulesTable {
  id: Generated<number>;
  field: 'creditor_id' | 'mandate_reference' | 'counterparty_iban' | 'counterparty_name';
  /** Normalised as matching compares it. */
  value: string;
  providerId: number | null;
  createdAt: string;
}

/** A person's own CSV column mapping, saved by name. */
export interface CsvMappingsTable {
  id: Generated<number>;
  name: string;
  /** JSON of the mapping. */
  mapping: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * What the person decided about an alert on their money (migration 17), by the alert's stable key:
 * dismissed, or a case opened for it (the case's id; null once that case is deleted).
 */
export interface MoneyAlertStatesTable {
  id: Generated<number>;
  alertKey: string;
  state: 'dismissed' | 'case';
  caseId: number | null;
  at: string;
}
