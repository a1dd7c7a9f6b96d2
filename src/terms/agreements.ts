import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, decodeProtectedHeader, type JWK } from 'jose';
import type { KeyService } from '../keys/service.js';
import type { Clock } from '../platform/clock.js';
import { todayUtc } from '../platform/dates.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import type { ProviderService } from '../providers/service.js';
import {
  AGREEMENT_TYP,
  countersignPayload,
  COUNTERSIGNATURE_TYP,
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  publicOrgKey,
  RECORD_VERSION,
  sha256Hex,
  termsReference,
  termsText,
  type AgreementExport,
  type AgreementRecord,
  type AgreementState,
  type Party,
  type SecondParty,
} from './records.js';
import { AgreementRepository, type AgreementRecordRow, type AgreementRow } from './repository.js';
import { answerInput, profferInput, type AnswerInput, type ProfferInput } from './schemas.js';
import type { TermsService } from './service.js';

import {
  checkChain,
  checkCountersignature,
  verifyRecordFile,
  type ExportVerification,
} from './agreement-verification.js';

export { AGREEMENT_TYP, COUNTERSIGNATURE_TYP } from './records.js';
export type { ExportVerification } from './agreement-verification.js';

export type Agreement = AgreementRow;

/** One signed state of an agreement, as shown: never the JWS alone, always what it says. */
export interface AgreementRecordSummary {
  readonly state: AgreementState;
  readonly createdAt: string;
  readonly jws: string;
  /** SHA-256 (hex) of the JWS: what the next record, and a countersignature, point at. */
  readonly jwsSha256: string;
  /** The key that signed it (RFC 7638 thumbprint). */
  readonly kid: string | null;
  readonly countersignature: {
    readonly jws: string;
    /** The organisation's key, by its RFC 7638 thumbprint. */
    readonly kid: string;
    readonly countersignedAt: string;
  } | null;
}

export type AgreementDetail = Agreement & { readonly records: AgreementRecordSummary[] };

export interface AgreementVerification {
  readonly valid: true;
  readonly kid: string | null;
  /** The current state's signed record. */
  readonly record: Record<string, unknown>;
  readonly states: AgreementState[];
  /** Whether the current state's record is countersigned by the organisation. */
  readonly countersigned: boolean;
  /** The organisation's key that countersigned, by thumbprint. */
  readonly countersignerKid: string | null;
}

/**
 * Agreements in the IEEE 7012 manner. The person (the first party) proffers terms from the roster
 * to a provider (the second party) and records its answer: accepted, rejected, or another
 * agreement offered instead. Each state is its own record signed with the person's key, and the
 * answer's record holds the hash of the proffer's, so the history cannot be rewritten without it
 * showing. The organisation can countersign the current record (`export`, then
 * `countersign`): both sides then hold the same signed bytes.
 */
export class AgreementService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
    private readonly terms: TermsService,
    private readonly keys: KeyService,
  ) {}

  private readonly repo = () => new AgreementRepository(this.db);

  async list(filter: { provider?: number | string | undefined } = {}): Promise<Agreement[]> {
    const providerId =
      filter.provider === undefined ? undefined : await this.providers.resolve(filter.provider);
    return this.repo().list(providerId);
  }

  async get(id: number): Promise<Agreement> {
    const row = await this.repo().find(id);
    if (!row) throw notFound('agreement', id);
    return row;
  }

  /** The agreement with every signed state and the countersignature, for `show`. */
  async show(id: number): Promise<AgreementDetail> {
    const agreement = await this.get(id);
    const records = await this.repo().records(id);
    return { ...agreement, records: await Promise.all(records.map((r) => this.summary(r))) };
  }

  /** Offers the person's terms to a provider. */
  async proffer(input: ProfferInput): Promise<Agreement> {
    const parsed = parseInput(profferInput, input, 'agreement');
    const provider = await this.providers.get(parsed.provider);
    const terms = await this.terms.get(parsed.terms);
    const now = this.clock().toISOString();
    const identity = await this.identityGivenTo(provider.id);
    // One pseudonym per provider: two agreements with it name the same person, and no other
    // provider can link them, as it could with the person's own address or key.
    const firstParty: Party = identity
      ? { id: identity, kind: 'identity' }
      : {
          id: (await this.repo().pseudonymFor(provider.id)) ?? `urn:uuid:${randomUUID()}`,
          kind: 'pseudonym',
        };
    const secondParty: SecondParty = {
      name: provider.name,
      website: provider.website,
      domains: await this.repo().domains(provider.id),
    };
    const fields = {
      providerId: provider.id,
      termsCode: terms.code,
      profferedOn: parsed.on ?? todayUtc(this.clock()),
      status: 'proffered' as const,
      counterTermsCode: null,
      answeredOn: null,
      evidence: parsed.evidence ?? null,
      evidenceDocumentId: null,
      evidenceInteractionId: null,
      createdAt: now,
      updatedAt: now,
      agreementUuid: `urn:uuid:${randomUUID()}`,
      firstParty: firstParty.id,
      firstPartyKind: firstParty.kind,
      secondParty: JSON.stringify(secondParty),
    };
    const jws = await this.keys.sign(await this.record(fields, now, null), AGREEMENT_TYP);
    const id = await inTransaction(this.db, async (trx) => {
      const repo = new AgreementRepository(trx);
      const agreementId = await repo.insert({ ...fields, signed: jws });
      await repo.insertRecord({ agreementId, state: 'proffered', jws, createdAt: now });
      return agreementId;
    });
    return this.get(id);
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
    if (parsed.documentId != null) await this.belongs('document', parsed.documentId, agreement.providerId);
    if (parsed.interactionId != null) {
      await this.belongs('interaction', parsed.interactionId, agreement.providerId);
    }
    const now = this.clock().toISOString();
    const changes = {
      status: parsed.status,
      counterTermsCode: counter,
      answeredOn,
      evidence: parsed.evidence ?? agreement.evidence,
      evidenceDocumentId: parsed.documentId ?? null,
      evidenceInteractionId: parsed.interactionId ?? null,
      updatedAt: now,
    };
    const previous = (await this.repo().records(id)).at(-1);
    const jws = await this.keys.sign(
      await this.record({ ...agreement, ...changes }, now, previous ?? null),
      AGREEMENT_TYP,
    );
    await inTransaction(this.db, async (trx) => {
      const repo = new AgreementRepository(trx);
      await repo.update(id, { ...changes, signed: jws });
      await repo.insertRecord({ agreementId: id, state: parsed.status, jws, createdAt: now });
    });
    return this.get(id);
  }

  /**
   * Checks every signed state of an agreement: each signature, that each answer points at the
   * record before it, that the organisation's countersignature still verifies, and that the
   * current record matches the store, so a change made behind vrm's back shows as a mismatch.
   */
  async verify(id: number): Promise<AgreementVerification> {
    const agreement = await this.get(id);
    const records = await this.repo().records(id);
    const last = records.at(-1);
    if (!last) throw new VrmError('conflict', `agreement ${id} has no signed record`);
    const payloads = await checkChain(
      this.keys,
      records.map((r) => ({ state: r.state, jws: r.jws })),
      agreement.agreementUuid,
      `agreement ${id}`,
    );
    const current = payloads.at(-1) as Record<string, unknown>;
    const mismatch = () =>
      new VrmError('invalid_input', `agreement ${id}: the signed record no longer matches the store`);
    if (last.jws !== agreement.signed) throw mismatch();
    if (current.version === RECORD_VERSION) {
      const before = records.at(-2);
      const expected = await this.record(agreement, last.createdAt, before ?? null);
      if (JSON.stringify(current) !== JSON.stringify(expected)) throw mismatch();
    } else if (current.status !== agreement.status) {
      // A record signed before vrm kept every state: its fields differ, its status must not.
      throw mismatch();
    }
    let countersignerKid: string | null = null;
    if (last.countersignature && last.countersignerJwk) {
      const key = JSON.parse(last.countersignerJwk) as JWK;
      await checkCountersignature(this.keys, last.countersignature, key, agreement.agreementUuid ?? '', last);
      countersignerKid = await calculateJwkThumbprint(key, 'sha256');
    }
    return {
      valid: true,
      kid: kidOf(last.jws),
      record: current,
      states: records.map((r) => r.state),
      countersigned: countersignerKid !== null,
      countersignerKid,
    };
  }

  /**
   * The record file both sides keep (docs/formats.md): every signed state, the exact terms text,
   * and what the organisation signs to countersign the current state.
   */
  async exportRecord(id: number): Promise<AgreementExport> {
    const agreement = await this.verified(id);
    const records = await this.repo().records(id);
    const last = records.at(-1) as AgreementRecordRow;
    const terms = await this.terms.get(agreement.termsCode);
    const counter = agreement.counterTermsCode ? await this.terms.get(agreement.counterTermsCode) : null;
    const textOf = (t: typeof terms) => ({
      code: t.code,
      sha256: sha256Hex(termsText(t)),
      text: termsText(t),
    });
    return {
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      agreementId: agreement.uuid,
      records: records.map((r) => ({ state: r.state, jws: r.jws, createdAt: r.createdAt })),
      terms: textOf(terms),
      counterTerms: counter ? textOf(counter) : null,
      countersign: {
        state: last.state,
        protectedHeader: { alg: 'ES256', typ: COUNTERSIGNATURE_TYP },
        payload: countersignPayload({ agreementId: agreement.uuid, status: last.state }, last.jws),
      },
      countersignature:
        last.countersignature && last.countersignerJwk
          ? {
              state: last.state,
              jws: last.countersignature,
              key: JSON.parse(last.countersignerJwk) as Record<string, unknown>,
              kid: await calculateJwkThumbprint(JSON.parse(last.countersignerJwk) as JWK, 'sha256'),
              countersignedAt: last.countersignedAt ?? '',
            }
          : null,
    };
  }

  /**
   * Imports the organisation's countersignature of the current state: it must verify with the
   * organisation's public key (given by the person; nothing is fetched) and sign exactly the
   * SHA-256 of the person's JWS of that state.
   */
  async countersign(id: number, countersignature: string, orgKey: unknown): Promise<AgreementDetail> {
    const agreement = await this.verified(id);
    let key: JWK;
    try {
      key = publicOrgKey(orgKey);
    } catch (error) {
      throw new VrmError('invalid_input', `countersignature: ${(error as Error).message}`);
    }
    const jws = countersignature.trim();
    const last = (await this.repo().records(id)).at(-1) as AgreementRecordRow;
    await checkCountersignature(this.keys, jws, key, agreement.uuid, last);
    if (last.countersignature !== null) {
      if (last.countersignature === jws) return this.show(id);
      throw new VrmError(
        'conflict',
        `agreement ${id}: its ${last.state} record is countersigned already (on ${last.countersignedAt ?? '?'}), by another signature`,
      );
    }
    await this.repo().countersign(last.id, {
      countersignature: jws,
      countersignerJwk: JSON.stringify(key),
      countersignedAt: this.clock().toISOString(),
    });
    return this.show(id);
  }

  /**
   * Verifies a record file: the person's signatures (with this store's keys, current or retired),
   * the chain, the terms text against its hash, and the countersignature with the organisation's
   * key (the one given, else the one the file carries, which the person checked at import).
   */
  verifyExport(file: unknown, options: { key?: unknown } = {}): Promise<ExportVerification> {
    return verifyRecordFile(
      this.keys,
      file,
      options,
      async (uuid) => (await this.repo().byUuid(uuid))?.signed,
    );
  }

  /**
   * The e-mail identity vrm gave the provider, unless it is one of the person's own addresses (an
   * identity recorded by hand may be): that address would link the person across providers.
   */
  private async identityGivenTo(providerId: number): Promise<string | undefined> {
    const own = new Set(
      (await this.repo().ownAddressValues()).map((value) => {
        const address = (JSON.parse(value) as { address?: unknown }).address;
        return typeof address === 'string' ? address.trim().toLowerCase() : '';
      }),
    );
    return (await this.repo().identitiesFor(providerId)).find((v) => !own.has(v.trim().toLowerCase()));
  }

  /** The agreement, verified, with its UUID: exports and countersignatures start from a sound record. */
  private async verified(id: number): Promise<Agreement & { uuid: string }> {
    await this.verify(id);
    const agreement = await this.get(id);
    if (!agreement.agreementUuid) throw new VrmError('internal', `agreement ${id} has no UUID`);
    return { ...agreement, uuid: agreement.agreementUuid };
  }

  /** The record that is signed for a state: the parties, the terms by hash, the answer, the evidence. */
  private async record(
    a: Omit<Agreement, 'id' | 'provider' | 'signed'>,
    issuedAt: string,
    previous: { state: AgreementState; jws: string } | null,
  ): Promise<AgreementRecord> {
    if (!a.agreementUuid || !a.firstParty || !a.firstPartyKind || !a.secondParty) {
      throw new VrmError('internal', 'an agreement without its parties cannot be signed');
    }
    const terms = await this.terms.get(a.termsCode);
    const counter = a.counterTermsCode ? await this.terms.get(a.counterTermsCode) : null;
    const document =
      a.evidenceDocumentId === null ? undefined : await this.repo().document(a.evidenceDocumentId);
    const interaction =
      a.evidenceInteractionId === null ? undefined : await this.repo().interaction(a.evidenceInteractionId);
    const at = new Date(issuedAt);
    return {
      type: 'agreement',
      version: RECORD_VERSION,
      agreementId: a.agreementUuid,
      status: a.status,
      iat: Math.floor(at.getTime() / 1000),
      issuedAt: at.toISOString(),
      firstParty: { id: a.firstParty, kind: a.firstPartyKind },
      secondParty: JSON.parse(a.secondParty) as SecondParty,
      terms: termsReference(terms),
      profferedOn: a.profferedOn,
      counterTerms: counter ? termsReference(counter) : null,
      answeredOn: a.answeredOn,
      evidence: {
        note: a.evidence,
        document: document
          ? { id: document.id, title: document.title, filename: document.filename, sha256: document.sha256 }
          : null,
        interaction: interaction
          ? {
              id: interaction.id,
              occurredAt: interaction.occurredAt,
              channel: interaction.channel,
              subject: interaction.subject,
            }
          : null,
      },
      previous: previous ? { state: previous.state, jwsSha256: sha256Hex(previous.jws) } : null,
    };
  }

  private async summary(r: AgreementRecordRow): Promise<AgreementRecordSummary> {
    return {
      state: r.state,
      createdAt: r.createdAt,
      jws: r.jws,
      jwsSha256: sha256Hex(r.jws),
      kid: kidOf(r.jws),
      countersignature:
        r.countersignature && r.countersignerJwk
          ? {
              jws: r.countersignature,
              kid: await calculateJwkThumbprint(JSON.parse(r.countersignerJwk) as JWK, 'sha256'),
              countersignedAt: r.countersignedAt ?? '',
            }
          : null,
    };
  }

  private async belongs(what: 'document' | 'interaction', id: number, providerId: number): Promise<void> {
    const row = what === 'document' ? await this.repo().document(id) : await this.repo().interaction(id);
    if (!row) throw notFound(what, id);
    if (row.providerId !== providerId) {
      throw new VrmError('invalid_input', `answer: ${what} ${id} belongs to another provider`);
    }
  }
}

const kidOf = (jws: string): string | null => {
  try {
    const { kid } = decodeProtectedHeader(jws);
    return typeof kid === 'string' ? kid : null;
  } catch {
    return null;
  }
};
