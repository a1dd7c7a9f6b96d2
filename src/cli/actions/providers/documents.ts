/** `vrm document …`: files kept encrypted in the store. */
import { basename } from 'node:path';
import type { DocumentInfo } from '../../../providers/documents.js';
import { VrmError } from '../../../platform/errors.js';
import { writeFileWhole } from '../../../platform/files.js';
import { readInput } from '../../files.js';
import { instant } from '../../format.js';
import { printJson, printRecord, printTable, say } from '../../output.js';
import type { JsonOption, ProviderOption } from '../../options.js';
import { fieldsFrom, DOCUMENT_FLAGS } from '../../fields.js';
import type { Session } from '../../session.js';

interface DocumentOptions {
  title?: string;
  contract?: number;
  case?: number;
  type?: string;
  notes?: string;
  filename?: string;
}

const documentFields = (o: DocumentOptions) => fieldsFrom(DOCUMENT_FLAGS, o);

function printDocument(d: DocumentInfo): void {
  printRecord([
    ['id', d.id],
    ['title', d.title],
    ['file name', d.filename],
    ['type', d.mediaType],
    ['size', `${d.size.toLocaleString('en')} bytes`],
    ['sha-256', d.sha256],
    ['provider', d.providerId],
    ['contract', d.contractId],
    ['case', d.caseId],
    ['added', instant(d.addedAt)],
    ['notes', d.notes],
  ]);
}

export async function addDocument(
  s: Session,
  file: string,
  o: DocumentOptions & { provider: string },
): Promise<void> {
  const content = readInput(file);
  const document = await s.services.documents.add({
    ...documentFields(o),
    providerId: await s.services.providers.resolve(o.provider),
    filename: basename(file),
    content,
  });
  say(
    `Added document ${document.id}: ${document.title} (${document.size.toLocaleString('en')} bytes, encrypted in the store)`,
  );
}

export async function listDocuments(s: Session, o: JsonOption & ProviderOption): Promise<void> {
  const list = await s.services.documents.list({ provider: o.provider });
  if (o.json) {
    printJson(list);
    return;
  }
  printTable(
    list,
    [
      { header: 'id', value: (d) => d.id, align: 'right' },
      { header: 'provider', value: (d) => d.providerId, align: 'right' },
      { header: 'title', value: (d) => d.title },
      { header: 'type', value: (d) => d.mediaType },
      { header: 'bytes', value: (d) => d.size, align: 'right' },
      { header: 'added', value: (d) => d.addedAt.slice(0, 10) },
    ],
    'No documents. Add one with `vrm document add FILE --provider NAME`.',
  );
}

export async function showDocument(s: Session, id: number, o: JsonOption): Promise<void> {
  const d = await s.services.documents.get(id);
  if (o.json) {
    printJson(d);
    return;
  }
  printDocument(d);
}

export async function getDocument(s: Session, id: number, o: { output?: string }): Promise<void> {
  const { info, content } = await s.services.documents.content(id);
  if (o.output) {
    writeFileWhole(o.output, content, `document ${String(id)}`);
    say(`Wrote ${o.output} (${info.size.toLocaleString('en')} bytes).`);
    return;
  }
  if (process.stdout.isTTY) {
    throw new VrmError(
      'invalid_input',
      `document ${id} is ${info.mediaType}: give --output FILE, or pipe it`,
    );
  }
  process.stdout.write(content);
}

export async function updateDocument(s: Session, id: number, o: DocumentOptions): Promise<void> {
  const d = await s.services.documents.update(id, documentFields(o));
  say(`Updated document ${d.id}: ${d.title}`);
}

export async function deleteDocument(s: Session, id: number): Promise<void> {
  await s.services.documents.delete(id);
  say(`Deleted document ${id}.`);
}
