import type { Db } from '../../platform/db/handle.js';
import type { Row } from './table.js';

/** A document's record without its bytes. */
export type DocumentInfoRow = Omit<Row<'documents'>, 'content'>;

const INFO_COLUMNS = [
  'id',
  'providerId',
  'contractId',
  'caseId',
  'title',
  'filename',
  'mediaType',
  'size',
  'sha256',
  'notes',
  'addedAt',
] as const;

/**
 * Queries on documents beyond plain row access. Lists and look-ups leave the bytes out, so a list
 * of scans does not read every scan.
 */
export class DocumentRepository {
  constructor(private readonly db: Db) {}

  /** Documents, of one provider when given, the most recently added first. */
  list(providerId?: number): Promise<DocumentInfoRow[]> {
    let query = this.db.selectFrom('documents').select(INFO_COLUMNS);
    if (providerId !== undefined) query = query.where('providerId', '=', providerId);
    return query.orderBy('addedAt', 'desc').orderBy('id', 'desc').execute();
  }

  findInfo(id: number): Promise<DocumentInfoRow | undefined> {
    return this.db.selectFrom('documents').select(INFO_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /** The document's bytes; it must exist. */
  async content(id: number): Promise<Buffer> {
    const row = await this.db
      .selectFrom('documents')
      .select('content')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.content;
  }

  /** Keeps the contract's documents with the provider, linked to no contract. */
  async unlinkContract(contractId: number): Promise<void> {
    await this.db
      .updateTable('documents')
      .set({ contractId: null })
      .where('contractId', '=', contractId)
      .execute();
  }

  /** Keeps the case's documents with the provider, linked to no case. */
  async unlinkCase(caseId: number): Promise<void> {
    await this.db.updateTable('documents').set({ caseId: null }).where('caseId', '=', caseId).execute();
  }
}
