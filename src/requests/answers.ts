import { createHash } from 'node:crypto';
import type { CountryCode } from 'libphonenumber-js/min';
import { inTransaction } from '../platform/db/handle.js';
import { VrmError } from '../platform/errors.js';
import { guessMediaType } from '../providers/documents.js';
import { TableRepository } from '../providers/repository/table.js';
import { MAX_DOCUMENT_BYTES } from '../providers/schemas.js';
import { readAnswer } from './answer/read.js';
import { extractFindings, type Finding } from './answer/findings.js';
import type { AnswerProblem } from './answer/types.js';
import type { Proceedings } from './proceedings.js';
import type { Proceeding } from './views.js';

/** The most bytes an answer may have, as one file or one ZIP: larger ones are refused before reading. */
export const MAX_ANSWER_BYTES = 512 * 1024 * 1024;

/** What importing an answer did: the proceeding after it, the files kept and every problem. */
export interface AnswerImport {
  readonly proceeding: Proceeding;
  readonly answerId: number;
  readonly files: number;
  readonly findings: number;
  readonly problems: readonly AnswerProblem[];
}

/**
 * Answers to requests (issue 16, part 4): a ZIP of JSON, CSV, HTML, PDF and text files, or one
 * file, read safely (src/requests/answer), each file kept encrypted as a document of the provider
 * and of the proceeding, and what was found in it (e-mails, phones, addresses, IBANs, names,
 * dates, each with its place) kept for the comparison with the ledger.
 */
export class RequestAnswers {
  constructor(private readonly core: Proceedings) {}

  /**
   * Imports an answer. The same bytes twice are refused (by their SHA-256), naming the day they
   * came; every bad entry is named and the good ones kept. Files, findings and the proceeding's
   * state are written in one transaction: all of it, or nothing.
   */
  async import(
    proceeding: Proceeding,
    input: { name: string; bytes: Buffer; mailMessageId?: string | null },
  ): Promise<AnswerImport> {
    if (proceeding.sentOn === null) {
      throw new VrmError(
        'conflict',
        `request ${String(proceeding.id)} was never sent: an answer belongs to a request that went out`,
      );
    }
    if (proceeding.state === 'withdrawn') {
      throw new VrmError('conflict', `request ${String(proceeding.id)} was withdrawn`);
    }
    const name = input.name.trim() === '' ? 'answer' : input.name.trim();
    if (input.bytes.byteLength < 1) {
      throw new VrmError('invalid_input', `answer: ${name} is empty: choose the file they sent`, {
        details: [{ path: 'file', message: 'is empty' }],
      });
    }
    if (input.bytes.byteLength > MAX_ANSWER_BYTES) {
      throw new VrmError('invalid_input', `answer: ${name} is larger than 512 MiB: ask them to split it`, {
        details: [{ path: 'file', message: 'is larger than 512 MiB' }],
      });
    }
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const twice = await this.core.repo().answerBySha(proceeding.id, sha256);
    if (twice) {
      throw new VrmError(
        'conflict',
        `answer: ${name} was imported into request ${String(proceeding.id)} already, on ${twice.importedAt.slice(0, 10)} (as ${twice.name}); nothing was added`,
      );
    }
    const read = await readAnswer({ name, bytes: input.bytes });
    const country = proceeding.place.slice(0, 2) as CountryCode;
    const findings: Finding[] = extractFindings(read.files, { defaultCountry: country });
    const kept = read.files.filter((f) => f.bytes.byteLength <= MAX_DOCUMENT_BYTES);
    const problems: AnswerProblem[] = [
      ...read.problems,
      ...read.files
        .filter((f) => f.bytes.byteLength > MAX_DOCUMENT_BYTES)
        .map((f) => ({
          path: f.path,
          code: 'entry_too_large' as const,
          message: `${f.path} is larger than a document may be (50 MiB): it was read for the comparison but not kept`,
          kept: false,
        })),
    ];
    if (read.files.length === 0) {
      throw new VrmError(
        'invalid_input',
        `answer: nothing in ${name} could be read: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ') || 'it holds no files'}`,
        { details: problems.map((p) => ({ path: p.path, message: p.message })) },
      );
    }
    const now = this.core.now();
    const today = this.core.today();
    const answerId = await inTransaction(this.core.db, async (trx) => {
      const id = await this.core.repo(trx).insertAnswer({
        proceedingId: proceeding.id,
        name,
        sha256,
        mailMessageId: input.mailMessageId ?? null,
        findings: JSON.stringify(findings),
        problems: JSON.stringify(
          problems.map((p) => ({ file: p.path, message: p.message, code: p.code, kept: p.kept })),
        ),
        importedAt: now,
      });
      const documents = new TableRepository(trx, 'documents');
      for (const file of kept) {
        const filename = file.path.split('/').pop() ?? file.path;
        const documentId = await documents.insert({
          providerId: proceeding.providerId,
          contractId: null,
          caseId: null,
          title: `Answer to request ${String(proceeding.id)}: ${file.path}`,
          filename,
          mediaType: guessMediaType(filename),
          size: file.bytes.byteLength,
          sha256: createHash('sha256').update(file.bytes).digest('hex'),
          content: file.bytes,
          notes: `From ${name}, imported on ${today}.`,
          addedAt: now,
        });
        await this.core.repo(trx).insertAnswerFile({ answerId: id, path: file.path, documentId });
      }
      if (!['done', 'withdrawn', 'complaint'].includes(proceeding.state)) {
        await this.core.repo(trx).updateProceeding(proceeding.id, {
          state: 'answered',
          answeredOn: proceeding.answeredOn ?? today,
          answer: proceeding.answer ?? 'complete',
          updatedAt: now,
        });
      }
      return id;
    });
    return {
      proceeding: await this.core.get(proceeding.id),
      answerId,
      files: kept.length,
      findings: findings.length,
      problems,
    };
  }

  /**
   * Imports the answer that came attached to a mail message: each attachment that is an answer
   * (a ZIP, JSON, CSV, HTML, PDF or text). Attachments imported already are passed over.
   */
  async fromMail(proceeding: Proceeding, mailId: number): Promise<AnswerImport[]> {
    const { mail } = this.core.areas;
    const message = await mail.message(mailId);
    const attachments = (await mail.attachmentFiles(mailId)).filter(
      (a) =>
        /\.(zip|json|csv|tsv|html?|pdf|txt)$/i.test(a.filename) ||
        /zip|json|csv|pdf|html|text\/plain/i.test(a.mimeType),
    );
    if (attachments.length === 0) {
      throw new VrmError(
        'invalid_input',
        `message ${String(mailId)} (“${message.subject ?? ''}”) has no attachment that is an answer: a ZIP, JSON, CSV, HTML, PDF or text file`,
      );
    }
    const imports: AnswerImport[] = [];
    for (const attachment of attachments) {
      const sha256 = createHash('sha256').update(attachment.bytes).digest('hex');
      if (await this.core.repo().answerBySha(proceeding.id, sha256)) continue;
      imports.push(
        await this.import(await this.core.get(proceeding.id), {
          name: attachment.filename,
          bytes: attachment.bytes,
          mailMessageId: message.messageId ?? null,
        }),
      );
    }
    return imports;
  }

  /** Every finding of a proceeding's answers. */
  async findings(proceedingId: number): Promise<Finding[]> {
    const answers = await this.core.repo().answers([proceedingId]);
    return answers.flatMap((a) => JSON.parse(a.findings) as Finding[]);
  }
}
