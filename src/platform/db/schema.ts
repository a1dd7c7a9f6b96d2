import type { Generated } from 'kysely';

/**
 * The tables of the store, as Kysely sees them. Dates are ISO 8601 text: `YYYY-MM-DD` for calendar
 * dates, `YYYY-MM-DDTHH:MM:SS.sssZ` for instants. Money is integer minor units plus an ISO 4217 code.
 * Booleans are 0/1 integers, as SQLite stores them.
 * Columns are snake_case in SQL and camelCase here (Kysely's CamelCasePlugin maps them).
 */
export interface FactsTable {
  id: Generated<number>;
  kind: string;
  label: string;
  createdAt: string;
  retiredAt: string | null;
}

export interface FactVersionsTable {
  id: Generated<number>;
  factId: number;
  version: number;
  /** JSON of the kind's value, validated by the vault before it is written. */
  value: string;
  validFrom: string;
  recordedAt: string;
  note: string | null;
}

export interface ProvidersTable {
  id: Generated<number>;
  name: string;
  category: string | null;
  website: string | null;
  country: string | null;
  status: string;
  supportEmail: string | null;
  privacyEmail: string | null;
  phone: string | null;
  postalAddress: string | null;
  webForm: string | null;
  notes: string | null;
  /** The organisation directory entry it was made from or linked to (migration 2). */
  directorySlug: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProviderDomainsTable {
  id: Generated<number>;
  providerId: number;
  domain: string;
}

export interface AccountsTable {
  id: Generated<number>;
  providerId: number;
  customerNumber: string;
  label: string | null;
  openedOn: string | null;
  closedOn: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ContractsTable {
  id: Generated<number>;
  providerId: number;
  accountId: number | null;
  name: string;
  kind: string;
  priceMinor: number;
  currency: string;
  billingCycle: string;
  billingIntervalDays: number | null;
  startDate: string;
  /** ISO 8601 period of one term, such as `P12M`; null means one billing cycle. */
  term: string | null;
  /** A known renewal date; renewals fall on it and every term before and after it. */
  renewsOn: string | null;
  noticePeriod: string | null;
  autoRenews: number;
  paymentMethod: string | null;
  endDate: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CasesTable {
  id: Generated<number>;
  providerId: number;
  kind: string;
  title: string;
  description: string | null;
  reference: string | null;
  status: string;
  openedOn: string;
  escalatedOn: string | null;
  resolvedOn: string | null;
  resolution: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InteractionsTable {
  id: Generated<number>;
  providerId: number;
  caseId: number | null;
  occurredAt: string;
  channel: string;
  direction: string;
  subject: string;
  notes: string | null;
  outcome: string | null;
  followUpOn: string | null;
  followUpDoneOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentsTable {
  id: Generated<number>;
  providerId: number;
  contractId: number | null;
  caseId: number | null;
  title: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  content: Buffer;
  notes: string | null;
  addedAt: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  entity: string;
  entityId: number;
  action: string;
  oldValues: string | null;
  newValues: string | null;
}

export interface Database {
  facts: FactsTable;
  fact_versions: FactVersionsTable;
  providers: ProvidersTable;
  provider_domains: ProviderDomainsTable;
  accounts: AccountsTable;
  contracts: ContractsTable;
  cases: CasesTable;
  interactions: InteractionsTable;
  documents: DocumentsTable;
  audit_log: AuditLogTable;
}

/** Every table that holds the person's data, in an order where each row's references come first. */
export const DATA_TABLES = [
  'facts',
  'fact_versions',
  'providers',
  'provider_domains',
  'accounts',
  'cases',
  'contracts',
  'interactions',
  'documents',
] as const satisfies readonly (keyof Database)[];

export type DataTable = (typeof DATA_TABLES)[number];

/** Columns kept out of the audit log because they are large; their digest stands in for them. */
export const AUDIT_EXCLUDED_COLUMNS: Partial<Record<DataTable, readonly string[]>> = {
  documents: ['content'],
};
