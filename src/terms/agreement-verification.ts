import { calculateJwkThumbprint, type JWK } from 'jose';
import type { KeyService } from '../keys/service.js';
import { VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import {
  AGREEMENT_TYP,
  agreementExportSchema,
  countersignPayload,
  COUNTERSIGNATURE_TYP,
  publicOrgKey,
  RECORD_VERSION,
  sha256Hex,
  type AgreementState,
  type Party,
  type SecondParty,
} from './records.js';

// Checking an agreement's signed records: the chain of states, the organisation's
// countersignature, and a record file as both sides keep it.

/** What checking signatures needs of the key service. */
type Verifier = Pick<KeyService, 'verify'>;

export interface ExportVerification {
  readonly valid: true;
  readonly agreementId: string;
  readonly states: AgreementState[];
  readonly status: AgreementState;
  readonly firstParty: Party;
  readonly secondParty: SecondParty;
  readonly terms: string;
  readonly countersigned: boolean;
  /** `given`: checked with the key named by the caller; `file`: with the key the file carries. */
  readonly countersignerKey: 'given' | 'file' | null;
  readonly countersignerKid: string | null;
  /** Whether this store holds the same agreement, with the same signed bytes. */
  readonly matchesStore: boolean;
}

/** Verifies each record and the links between them; returns their payloads in order. */
export async function checkChain(
  keys: Verifier,
  records: readonly { state: AgreementState; jws: string }[],
  agreementUuid: string | null,
  what: string,
): Promise<Record<string, unknown>[]> {
  const payloads: Record<string, unknown>[] = [];
  for (const [i, r] of records.entries()) {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await keys.verify(r.jws, { typ: AGREEMENT_TYP }));
    } catch (error) {
      throw new VrmError('invalid_input', `${what}: the ${r.state} record: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const fail = (why: string) => new VrmError('invalid_input', `${what}: the ${r.state} record ${why}`);
    if (payload.status !== r.state) throw fail(`says it is ${String(payload.status)}`);
    if (payload.version === RECORD_VERSION) {
      if (i === 0 && r.state !== 'proffered') throw fail('comes first, where the proffer belongs');
      if (i > 0 && r.state === 'proffered') throw fail('comes after the proffer');
      if (payload.agreementId !== agreementUuid) {
        throw fail(`is of another agreement (${String(payload.agreementId)})`);
      }
      const previous = payload.previous as { jwsSha256?: string } | null;
      const before = records[i - 1];
      if ((before ? sha256Hex(before.jws) : undefined) !== (previous?.jwsSha256 ?? undefined)) {
        throw fail(
          before ? 'does not point at the record before it' : 'points at a record before the proffer',
        );
      }
    } else if (i > 0) {
      // Before every state was kept, one record was signed over and over: only it may be older.
      throw fail('is in the format of an older vrm, which only the first record may be');
    }
    payloads.push(payload);
  }
  return payloads;
}

/** Verifies the organisation's countersignature of a record: its key, its agreement, its bytes. */
export async function checkCountersignature(
  keys: Verifier,
  jws: string,
  key: JWK,
  agreementUuid: string,
  record: { state: AgreementState; jws: string },
): Promise<void> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await keys.verify(jws, { typ: COUNTERSIGNATURE_TYP, key }));
  } catch (error) {
    const message = (error as Error).message;
    throw new VrmError(
      'invalid_input',
      /signature does not match/.test(message)
        ? `countersignature: it does not verify with the organisation's key ${await calculateJwkThumbprint(key, 'sha256')}: signed with another key, or changed after it was signed`
        : `countersignature: ${message}`,
      { cause: error },
    );
  }
  const expected = countersignPayload({ agreementId: agreementUuid, status: record.state }, record.jws);
  if (payload.agreementId !== expected.agreementId) {
    throw new VrmError(
      'invalid_input',
      `countersignature: it is for agreement ${String(payload.agreementId)}, not ${expected.agreementId}`,
    );
  }
  if (payload.jwsSha256 !== expected.jwsSha256 || payload.status !== expected.status) {
    throw new VrmError(
      'invalid_input',
      `countersignature: it signs other bytes (SHA-256 ${String(payload.jwsSha256)}) than the ${record.state} record (SHA-256 ${expected.jwsSha256})`,
    );
  }
}

/**
 * Verifies a record file: the person's signatures (with this store's keys, current or retired),
 * the chain, the terms text against its hash, and the countersignature with the organisation's
 * key (the one given, else the one the file carries, which the person checked at import).
 */
export async function verifyRecordFile(
  keys: Verifier,
  file: unknown,
  options: { key?: unknown },
  storedSigned: (agreementUuid: string) => Promise<string | null | undefined>,
): Promise<ExportVerification> {
  const data = parseInput(agreementExportSchema, file, 'agreement record');
  const payloads = await checkChain(keys, data.records, data.agreementId, 'the agreement record');
  const current = payloads.at(-1) as Record<string, unknown>;
  const last = data.records.at(-1) as (typeof data.records)[number];
  const signedTerms = (current.terms ?? {}) as { sha256?: string };
  if (sha256Hex(data.terms.text) !== data.terms.sha256 || signedTerms.sha256 !== data.terms.sha256) {
    throw new VrmError(
      'invalid_input',
      'the agreement record: the terms text does not hash to what was signed: the terms were changed',
    );
  }
  const expected = countersignPayload({ agreementId: data.agreementId, status: last.state }, last.jws);
  if (JSON.stringify(data.countersign.payload) !== JSON.stringify(expected)) {
    throw new VrmError(
      'invalid_input',
      'the agreement record: what it asks the organisation to sign is not the SHA-256 of its current record',
    );
  }
  let countersignerKey: ExportVerification['countersignerKey'] = null;
  let countersignerKid: string | null = null;
  if (options.key !== undefined || data.countersignature) {
    if (!data.countersignature) {
      throw new VrmError(
        'invalid_input',
        'the agreement record holds no countersignature to check the key against',
      );
    }
    let key: JWK;
    try {
      key = publicOrgKey(options.key ?? data.countersignature.key);
    } catch (error) {
      throw new VrmError('invalid_input', `the agreement record: ${(error as Error).message}`);
    }
    await checkCountersignature(keys, data.countersignature.jws, key, data.agreementId, last);
    countersignerKey = options.key === undefined ? 'file' : 'given';
    countersignerKid = await calculateJwkThumbprint(key, 'sha256');
  }
  const stored = await storedSigned(data.agreementId);
  return {
    valid: true,
    agreementId: data.agreementId,
    states: data.records.map((r) => r.state),
    status: last.state,
    firstParty: current.firstParty as Party,
    secondParty: current.secondParty as SecondParty,
    terms: data.terms.code,
    countersigned: countersignerKid !== null,
    countersignerKey,
    countersignerKid,
    matchesStore: stored === last.jws,
  };
}
