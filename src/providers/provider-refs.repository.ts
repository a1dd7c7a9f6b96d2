import type { ProviderDependant } from './dependants.js';
import { TableRepository, type LedgerTable } from './repository/table.js';

const refsIn = (table: Exclude<LedgerTable, 'providers'>, one: string, many: string): ProviderDependant => ({
  noun: { one, many },
  countFor: (db, providerId) => new TableRepository(db, table).countByProvider(providerId),
  deleteFor: (db, providerId) => new TableRepository(db, table).deleteByProvider(providerId),
});

/**
 * The ledger's own records of a provider, in the order a cascade deletes them: documents and
 * interactions may point at a contract or a case, and contracts at an account.
 */
export const LEDGER_REFS: readonly ProviderDependant[] = [
  refsIn('documents', 'document', 'documents'),
  refsIn('interactions', 'interaction', 'interactions'),
  refsIn('contracts', 'contract', 'contracts'),
  refsIn('cases', 'case', 'cases'),
  refsIn('accounts', 'account', 'accounts'),
];
