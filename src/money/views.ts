import type { Skip } from '../platform/ingest/pipeline.js';
import type { MatchBy, MatchEvidence } from './matching.js';
import type { BankImportRow, BankTransactionView } from './repository.js';
import type { RuleField } from './words.js';

/** What the money service answers: accounts, bookings, rules and imports as people read them. */

/** A bank account with what its bookings add up to. */
export interface BankAccount {
  readonly id: number;
  readonly key: string;
  readonly iban: string | null;
  readonly number: string | null;
  readonly bankId: string | null;
  readonly currency: string | null;
  readonly name: string | null;
  readonly type: string | null;
  readonly label: string | null;
  /** What lists call it: the person's label, the vault fact's, the file's name, the IBAN or key. */
  readonly title: string;
  readonly factId: number | null;
  readonly factLabel: string | null;
  /** The sum of the imported bookings, per currency (a card payment abroad is its own currency). */
  readonly balances: readonly { readonly currency: string; readonly minor: number }[];
  readonly count: number;
  readonly firstOn: string | null;
  readonly lastOn: string | null;
}

/** One booking, with its provider by name and the evidence for it. */
export interface BankTransaction {
  readonly id: number;
  readonly accountId: number;
  readonly account: string;
  readonly bookedOn: string;
  readonly valueOn: string | null;
  readonly amountMinor: number;
  readonly currency: string;
  readonly counterpartyName: string | null;
  readonly payee: string;
  readonly counterpartyIban: string | null;
  readonly creditorId: string | null;
  readonly mandateReference: string | null;
  readonly text: string | null;
  readonly bankReference: string | null;
  readonly kind: string | null;
  readonly providerId: number | null;
  readonly provider: string | null;
  readonly matchBy: MatchBy | null;
  readonly evidence: MatchEvidence | null;
  /** The person confirmed or chose the provider. */
  readonly confirmed: boolean;
  readonly contractId: number | null;
}

/** A rule of the person's: this identifier pays this provider, or none. */
export interface PayeeRule {
  readonly id: number;
  readonly field: RuleField;
  /** The field in words: "SEPA creditor identifier". */
  readonly fieldLabel: string;
  readonly value: string;
  readonly providerId: number | null;
  /** The provider's name; null for "not a provider". */
  readonly provider: string | null;
  readonly createdAt: string;
}

/** One import of a statement file, with its summary and skips. */
export type BankImport = Omit<BankImportRow, 'skips' | 'options' | 'pid'> & {
  readonly skips: readonly Skip[];
  readonly options: Readonly<Record<string, unknown>>;
};

/** What `assign` did: the booking, the rule it saved, and how many other bookings it re-matched. */
export interface Assignment {
  readonly transaction: BankTransaction;
  readonly rule: PayeeRule | null;
  readonly rematched: number;
}

export const toImport = ({ skips, options, pid: _pid, ...row }: BankImportRow): BankImport => ({
  ...row,
  skips: JSON.parse(skips) as Skip[],
  options: JSON.parse(options) as Record<string, unknown>,
});

export const toTransaction = (row: BankTransactionView, isConfirmed: boolean): BankTransaction => ({
  id: row.id,
  accountId: row.accountId,
  account: row.accountLabel ?? row.accountKey,
  bookedOn: row.bookedOn,
  valueOn: row.valueOn,
  amountMinor: row.amountMinor,
  currency: row.currency,
  counterpartyName: row.counterpartyName,
  payee: row.payee,
  counterpartyIban: row.counterpartyIban,
  creditorId: row.creditorId,
  mandateReference: row.mandateReference,
  text: row.text,
  bankReference: row.bankReference,
  kind: row.kind,
  providerId: row.providerId,
  provider: row.providerName,
  matchBy: row.matchBy as MatchBy | null,
  evidence: row.matchEvidence ? (JSON.parse(row.matchEvidence) as MatchEvidence) : null,
  confirmed: isConfirmed,
  contractId: row.contractId,
});
