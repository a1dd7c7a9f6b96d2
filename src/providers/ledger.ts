import type { Db } from '../platform/db/handle.js';
import { notFound, VrmError } from '../platform/errors.js';
import { TableRepository, type LedgerTable, type Row } from './repository/table.js';

/** The singular noun of each ledger table, for messages. */
export const NOUN: Record<LedgerTable, string> = {
  providers: 'provider',
  accounts: 'account',
  contracts: 'contract',
  cases: 'case',
  interactions: 'interaction',
  documents: 'document',
};

/** The row with this id, or a `not_found` error that names the kind of record. */
export async function requireRow<T extends LedgerTable>(db: Db, table: T, id: number): Promise<Row<T>> {
  const row = await new TableRepository(db, table).find(id);
  if (!row) throw notFound(NOUN[table], id);
  return row;
}

/**
 * A record may only point at an account, contract or case of its own provider: a Vodafone contract
 * cannot sit on a Telekom account.
 */
export async function assertBelongs(
  db: Db,
  table: 'accounts' | 'contracts' | 'cases',
  id: number | null | undefined,
  providerId: number,
): Promise<void> {
  if (id === null || id === undefined) return;
  const row = await requireRow(db, table, id);
  if (row.providerId !== providerId) {
    throw new VrmError(
      'invalid_input',
      `${NOUN[table]} ${id} belongs to provider ${row.providerId}, not to provider ${providerId}`,
    );
  }
}
