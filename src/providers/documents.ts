import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { Database } from '../platform/db/schema.js';
import { notFound } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { assertBelongs } from './ledger.js';
import { TableRepository, type Row } from './repository.js';
import { documentCreate, documentUpdate, type DocumentCreate, type DocumentUpdate } from './schemas.js';
import type { ProviderService } from './service.js';

/** A document's record without its bytes; `content()` fetches those. */
export type DocumentInfo = Omit<Row<'documents'>, 'content'>;

const MEDIA_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.heic': 'image/heic',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.html': 'text/html',
  '.eml': 'message/rfc822',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.zip': 'application/zip',
};

export const guessMediaType = (filename: string): string =>
  MEDIA_TYPES[extname(filename).toLowerCase()] ?? 'application/octet-stream';

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
 * Documents (contracts, letters, invoices, scans) kept inside the encrypted store, so they are
 * encrypted at rest with everything else and travel with the export.
 */
export class DocumentService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
  ) {}

  async add(input: DocumentCreate): Promise<DocumentInfo> {
    const parsed = parseInput(documentCreate, input, 'document');
    const providerId = (await this.providers.get(parsed.providerId)).id;
    await assertBelongs(this.db, 'contracts', parsed.contractId, providerId);
    await assertBelongs(this.db, 'cases', parsed.caseId, providerId);
    const content = Buffer.from(parsed.content);
    const id = await new TableRepository(this.db, 'documents').insert({
      ...parsed,
      content,
      title: parsed.title ?? parsed.filename,
      mediaType: parsed.mediaType ?? guessMediaType(parsed.filename),
      size: content.byteLength,
      sha256: createHash('sha256').update(content).digest('hex'),
      addedAt: this.clock().toISOString(),
    });
    return this.get(id);
  }

  async list(filter: { provider?: number | string | undefined } = {}): Promise<DocumentInfo[]> {
    let query = this.db.selectFrom('documents').select(INFO_COLUMNS);
    if (filter.provider !== undefined)
      query = query.where('providerId', '=', await this.providers.resolve(filter.provider));
    return query.orderBy('addedAt', 'desc').orderBy('id', 'desc').execute();
  }

  async get(id: number): Promise<DocumentInfo> {
    const row = await this.db
      .selectFrom('documents')
      .select(INFO_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('document', id);
    return row;
  }

  /** The document's bytes, exactly as they were added. */
  async content(id: number): Promise<{ info: DocumentInfo; content: Buffer }> {
    const info = await this.get(id);
    const row = await this.db
      .selectFrom('documents')
      .select('content')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { info, content: Buffer.from(row.content) };
  }

  async update(id: number, input: DocumentUpdate): Promise<DocumentInfo> {
    const parsed = parseInput(documentUpdate, input, 'document');
    const current = await this.get(id);
    const providerId = parsed.providerId ?? current.providerId;
    if (parsed.providerId !== undefined) await this.providers.get(providerId);
    await assertBelongs(
      this.db,
      'contracts',
      parsed.contractId === undefined ? current.contractId : parsed.contractId,
      providerId,
    );
    await assertBelongs(
      this.db,
      'cases',
      parsed.caseId === undefined ? current.caseId : parsed.caseId,
      providerId,
    );
    await new TableRepository(this.db, 'documents').update(id, parsed);
    return this.get(id);
  }

  async delete(id: number): Promise<void> {
    await this.get(id);
    await this.db.deleteFrom('documents').where('id', '=', id).execute();
  }
}
