import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/handle.js';
import { notFound } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { assertBelongs } from './ledger.js';
import { DocumentRepository, type DocumentInfoRow } from './repository/documents.js';
import { TableRepository } from './repository/table.js';
import { documentCreate, documentUpdate, type DocumentCreate, type DocumentUpdate } from './schemas.js';
import type { ProviderService } from './service.js';

/** A document's record without its bytes; `content()` fetches those. */
export type DocumentInfo = DocumentInfoRow;

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

/**
 * Documents (contracts, letters, invoices, scans) kept inside the encrypted store, so they are
 * encrypted at rest with everything else and travel with the export.
 */
export class DocumentService {
  constructor(
    private readonly db: Db,
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
    const providerId =
      filter.provider === undefined ? undefined : await this.providers.resolve(filter.provider);
    return new DocumentRepository(this.db).list(providerId);
  }

  async get(id: number): Promise<DocumentInfo> {
    const row = await new DocumentRepository(this.db).findInfo(id);
    if (!row) throw notFound('document', id);
    return row;
  }

  /** The document's bytes, exactly as they were added. */
  async content(id: number): Promise<{ info: DocumentInfo; content: Buffer }> {
    const info = await this.get(id);
    const content = await new DocumentRepository(this.db).content(id);
    return { info, content: Buffer.from(content) };
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
    await new TableRepository(this.db, 'documents').delete(id);
  }
}
