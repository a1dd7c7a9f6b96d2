import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { KeyService } from '../keys/service.js';
import type { Clock } from '../platform/clock.js';
import { isoDateSchema, todayUtc } from '../platform/dates.js';
import type { AgreementsTable, Database } from '../platform/db/schema.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import type { ProviderService } from '../providers/service.js';
import type { TermsService } from './service.js';

export type Agreement = Selectable<AgreementsTable> & { readonly provider: string };

export const AGREEMENT_TYP = 'vrm-agreement+jwt';

const note = z.string().trim().max(2000).nullable().optional();

const profferInput = z.object({
  provider: z.union([z.number().int().positive(), z.string().trim().min(1)], {
    error: 'provider is required',
  }),
  terms: z.string({ error: 'terms are required' }).trim().min(1, { error: 'terms are required' }),
  on: isoDateSchema.optional(),
  evidence: note,
});
export type ProfferInput = z.input<typeof profferInput>;

const answerInput = z.object({
  status: z.enum(['accepted', 'rejected', 'countered'], {
    error: 'the answer must be accepted, rejected or countered',
  }),
  counterTerms: z.string().trim().min(1).nullable().optional(),
  on: isoDateSchema.optional(),
  evidence: note,
  documentId: z.number().int().positive().nullable().optional(),
  interactionId: z.number().int().positive().nullable().optional(),
});
export type AnswerInput = z.input<typeof answerInput>;

/**
 * Agreements in the IEEE 7012 manner: the person proffers terms to a provider and records its
 * answer (accepted, rejected, or another agreement from the roster offered instead) with the date
 * and the evidence. Every change re-signs the record with the person's key, so a copy can be
 * shown to the provider and checked against the store.
 */
export class AgreementService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
    private readonly terms: TermsService,
    private readonly keys: KeyService,
  ) {}

  async list(filter: { provider?: number | string | undefined } = {}): Promise<Agreement[]> {
    let query = this.db
      .selectFrom('agreements as a')
      .innerJoin('providers as p', 'p.id', 'a.providerId')
      .selectAll('a')
      .select('p.name as provider')
      .orderBy('a.profferedOn')
      .orderBy('a.id');
    if (filter.provider !== undefined) {
      query = query.where('a.providerId', '=', await this.providers.resolve(filter.provider));
    }
    return query.execute();
  }

  async get(id: number): Promise<Agreement> {
    const row = await this.db
      .selectFrom('agreements as a')
      .innerJoin('providers as p', 'p.id', 'a.providerId')
      .selectAll('a')
      .select('p.name as provider')
      .where('a.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('agreement', id);
    return row;
  }

  /** Offers the person's terms to a provider. */
  async proffer(input: ProfferInput): Promise<Agreement> {
    const parsed = parseInput(profferInput, input, 'agreement');
    const provider = await this.providers.get(parsed.provider);
    const terms = await this.terms.get(parsed.terms);
    const now = this.clock().toISOString();
    const { id } = await this.db
      .insertInto('agreements')
      .values({
        providerId: provider.id,
        termsCode: terms.code,
        profferedOn: parsed.on ?? todayUtc(this.clock()),
        status: 'proffered',
        counterTermsCode: null,
        answeredOn: null,
        evidence: parsed.evidence ?? null,
        evidenceDocumentId: null,
        evidenceInteractionId: null,
        signed: null,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return this.sign(id);
  }

  /** Records the provider's answer, with its date and evidence (a note, a document, an interaction). */
  async answer(id: number, input: AnswerInput): Promise<Agreement> {
    const parsed = parseInput(answerInput, input, 'answer');
    const agreement = await this.get(id);
    if (agreement.status !== 'proffered') {
      throw new VrmError(
        'conflict',
        `agreement ${id} was ${agreement.status} on ${agreement.answeredOn ?? '?'}: proffer the terms again for a new answer`,
      );
    }
    let counter: string | null = null;
    if (parsed.status === 'countered') {
      if (!parsed.counterTerms) {
        throw new VrmError(
          'invalid_input',
          'answer: counterTerms: name the agreement the provider offered instead',
        );
      }
      const terms = await this.terms.get(parsed.counterTerms);
      if (terms.code.toLowerCase() === agreement.termsCode.toLowerCase()) {
        throw new VrmError(
          'invalid_input',
          `answer: counterTerms: ${terms.code} is what was proffered; that is acceptance`,
        );
      }
      counter = terms.code;
    } else if (parsed.counterTerms) {
      throw new VrmError(
        'invalid_input',
        `answer: counterTerms only goes with a countered answer, not ${parsed.status}`,
      );
    }
    const answeredOn = parsed.on ?? todayUtc(this.clock());
    if (answeredOn < agreement.profferedOn) {
      throw new VrmError(
        'invalid_input',
        `answer: on: ${answeredOn} is before the terms were proffered (${agreement.profferedOn})`,
      );
    }
    if (parsed.documentId != null)
      await this.belongs('documents', parsed.documentId, agreement.providerId, 'document');
    if (parsed.interactionId != null) {
      await this.belongs('interactions', parsed.interactionId, agreement.providerId, 'interaction');
    }
    await this.db
      .updateTable('agreements')
      .set({
        status: parsed.status,
        counterTermsCode: counter,
        answeredOn,
        evidence: parsed.evidence ?? agreement.evidence,
        evidenceDocumentId: parsed.documentId ?? null,
        evidenceInteractionId: parsed.interactionId ?? null,
        updatedAt: this.clock().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    return this.sign(id);
  }

  /**
   * Checks an agreement's signature, and that the signed record still matches the store: a
   * change made behind vrm's back shows as a mismatch.
   */
  async verify(id: number): Promise<{ valid: true; kid: string | null; record: Record<string, unknown> }> {
    const agreement = await this.get(id);
    if (!agreement.signed) throw new VrmError('conflict', `agreement ${id} has no signed record`);
    const { payload, kid } = await this.keys.verify(agreement.signed, { typ: AGREEMENT_TYP });
    const expected = await this.record(agreement);
    if (JSON.stringify(payload) !== JSON.stringify(expected)) {
      throw new VrmError('invalid_input', `agreement ${id}: the signed record no longer matches the store`);
    }
    return { valid: true, kid: kid ?? null, record: payload };
  }

  /** The record that is signed: what was proffered to whom, the answer, and the evidence. */
  private async record(a: Agreement): Promise<Record<string, unknown>> {
    const provider = await this.providers.get(a.providerId);
    const terms = await this.terms.get(a.termsCode);
    const document =
      a.evidenceDocumentId === null
        ? null
        : await this.db
            .selectFrom('documents')
            .select(['id', 'title', 'filename', 'sha256'])
            .where('id', '=', a.evidenceDocumentId)
            .executeTakeFirst();
    const interaction =
      a.evidenceInteractionId === null
        ? null
        : await this.db
            .selectFrom('interactions')
            .select(['id', 'occurredAt', 'channel', 'subject'])
            .where('id', '=', a.evidenceInteractionId)
            .executeTakeFirst();
    return {
      type: 'agreement',
      id: a.id,
      provider: { name: provider.name, website: provider.website },
      terms: { code: terms.code, name: terms.name, url: terms.url, summary: terms.summary },
      profferedOn: a.profferedOn,
      status: a.status,
      counterTerms: a.counterTermsCode,
      answeredOn: a.answeredOn,
      evidence: {
        note: a.evidence,
        document: document ?? null,
        interaction: interaction ?? null,
      },
    };
  }

  private async sign(id: number): Promise<Agreement> {
    const agreement = await this.get(id);
    const signed = await this.keys.sign(await this.record(agreement), AGREEMENT_TYP);
    await this.db.updateTable('agreements').set({ signed }).where('id', '=', id).execute();
    return this.get(id);
  }

  private async belongs(
    table: 'documents' | 'interactions',
    id: number,
    providerId: number,
    what: string,
  ): Promise<void> {
    const row = await this.db
      .selectFrom(table)
      .select(['id', 'providerId'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound(what, id);
    if (row.providerId !== providerId) {
      throw new VrmError('invalid_input', `answer: ${what} ${id} belongs to another provider`);
    }
  }
}
