/** `vrm agreement …`: terms proffered to providers, their answers, and the signed records. */
import { existsSync } from 'node:fs';
import { VrmError } from '../../../platform/errors.js';
import { parseId } from '../../../platform/validation.js';
import { readText } from '../../files.js';
import type { JsonOption } from '../../options.js';
import { heading, note, printJson, printRecord, printTable, say } from '../../output.js';
import type { Session } from '../../session.js';
import { parseJson, readJson, writeOut } from './input.js';

export async function proffer(
  { services }: Session,
  provider: string,
  o: { terms?: string; on?: string; evidence?: string },
): Promise<void> {
  await services.providers.get(provider);
  if (!o.terms)
    throw new VrmError('invalid_input', 'agreement: --terms: name the terms to proffer, such as SD-BASE');
  const a = await services.agreements.proffer({
    provider,
    terms: o.terms,
    on: o.on,
    evidence: o.evidence ?? null,
  });
  say(`Agreement ${a.id}: ${a.termsCode} proffered to ${a.provider} on ${a.profferedOn} (signed)`);
}

export async function answer(
  { services }: Session,
  id: string,
  o: {
    status?: 'accepted' | 'rejected' | 'countered';
    counter?: string;
    on?: string;
    evidence?: string;
    document?: string;
    interaction?: string;
  },
): Promise<void> {
  const agreementId = parseId(id, 'agreement');
  await services.agreements.get(agreementId);
  if (!o.status) {
    throw new VrmError(
      'invalid_input',
      'answer: --status: say whether it was accepted, rejected or countered',
    );
  }
  const a = await services.agreements.answer(agreementId, {
    status: o.status,
    counterTerms: o.counter ?? null,
    on: o.on,
    evidence: o.evidence ?? null,
    documentId: o.document === undefined ? null : parseId(o.document, 'document'),
    interactionId: o.interaction === undefined ? null : parseId(o.interaction, 'interaction'),
  });
  say(
    `Agreement ${a.id}: ${a.provider} ${a.status} ${a.termsCode}${a.counterTermsCode ? ` and offered ${a.counterTermsCode}` : ''} on ${a.answeredOn ?? ''} (signed)`,
  );
}

export async function listAgreements(
  { services }: Session,
  o: JsonOption & { provider?: string },
): Promise<void> {
  const rows = await services.agreements.list({ provider: o.provider });
  if (o.json) {
    printJson(rows);
    return;
  }
  printTable(
    rows,
    [
      { header: 'id', value: (a) => a.id, align: 'right' },
      { header: 'provider', value: (a) => a.provider },
      { header: 'terms', value: (a) => a.termsCode },
      { header: 'proffered', value: (a) => a.profferedOn },
      { header: 'answer', value: (a) => a.status },
      { header: 'on', value: (a) => a.answeredOn ?? '' },
      { header: 'counter', value: (a) => a.counterTermsCode ?? '' },
    ],
    'No agreement yet: `vrm agreement proffer PROVIDER --terms SD-BASE`.',
  );
}

export async function showAgreement({ services }: Session, id: string, o: JsonOption): Promise<void> {
  const a = await services.agreements.show(parseId(id, 'agreement'));
  if (o.json) {
    printJson(a);
    return;
  }
  printRecord([
    ['id', a.id],
    ['agreement', a.agreementUuid],
    ['provider', a.provider],
    ['you, to them', a.firstParty ? `${a.firstParty} (${a.firstPartyKind ?? '?'})` : null],
    ['terms', a.termsCode],
    ['proffered on', a.profferedOn],
    ['answer', a.status],
    ['answered on', a.answeredOn],
    ['counter-offer', a.counterTermsCode],
    ['evidence', a.evidence],
    ['document', a.evidenceDocumentId],
    ['interaction', a.evidenceInteractionId],
  ]);
  heading('Signed records');
  printTable(
    a.records,
    [
      { header: 'state', value: (r) => r.state },
      { header: 'signed at', value: (r) => r.createdAt },
      { header: 'SHA-256 of the JWS', value: (r) => r.jwsSha256 },
      {
        header: 'countersigned',
        value: (r) =>
          r.countersignature ? `${r.countersignature.countersignedAt}, key ${r.countersignature.kid}` : 'no',
      },
    ],
    'No signed record.',
  );
  const current = a.records.at(-1);
  if (current) {
    say(`Current record (${current.state}): ${current.jws}`);
    if (current.countersignature) say(`Countersignature: ${current.countersignature.jws}`);
    else note(`For the organisation to countersign: \`vrm agreement export ${a.id} --out FILE\``);
  }
}

/** `verify 3` checks the stored agreement 3; `verify record.json` checks a record file. */
export async function verifyAgreement(
  { services }: Session,
  ref: string,
  o: JsonOption & { key?: string },
): Promise<void> {
  if (/^\d+$/.test(ref.trim()) && !existsSync(ref)) {
    if (o.key) {
      throw new VrmError(
        'invalid_input',
        '--key goes with a record file; a stored agreement has the key its countersignature was checked with',
      );
    }
    const agreementId = parseId(ref, 'agreement');
    const result = await services.agreements.verify(agreementId);
    if (o.json) {
      printJson(result);
      return;
    }
    say(
      `Agreement ${agreementId}: the signature is valid (key ${result.kid ?? '?'}) and the record matches the store`,
    );
    say(
      `States signed: ${result.states.join(', ')}; ${result.countersigned ? `countersigned by the organisation (key ${result.countersignerKid ?? '?'})` : 'not countersigned'}`,
    );
    return;
  }
  const file = readJson(ref, 'the agreement record');
  const result = await services.agreements.verifyExport(
    file,
    o.key ? { key: readJson(o.key, 'the organisation key') } : {},
  );
  if (o.json) {
    printJson(result);
    return;
  }
  say(`Valid: agreement ${result.agreementId}, ${result.states.join(' then ')}, signed by one of your keys`);
  say(
    result.countersigned
      ? `Countersigned by the organisation: key ${result.countersignerKid ?? '?'}${result.countersignerKey === 'file' ? ' (the key the file carries; give --key to check it against one you trust)' : ''}`
      : 'Not countersigned yet.',
  );
  say(
    result.matchesStore
      ? 'This store holds the same signed record.'
      : 'This store does not hold this record as its current one.',
  );
}

export async function exportAgreement({ services }: Session, id: string, o: { out?: string }): Promise<void> {
  const record = await services.agreements.exportRecord(parseId(id, 'agreement'));
  const content = `${JSON.stringify(record, null, 2)}\n`;
  if (o.out) writeOut(o.out, content, `the record of agreement ${id}`);
  else process.stdout.write(content);
}

/**
 * The organisation's countersignature: a file holding the compact JWS, or JSON with it under
 * `countersignature` (as a string, or as `{ "jws": … }` in a record file sent back).
 */
export async function importCountersignature(
  { services }: Session,
  id: string,
  file: string,
  o: { key?: string },
): Promise<void> {
  const agreementId = parseId(id, 'agreement');
  await services.agreements.get(agreementId);
  if (!o.key) {
    throw new VrmError(
      'invalid_input',
      "countersignature: --key: give the organisation's public key as a JWK file (nothing is fetched)",
    );
  }
  const key = readJson(o.key, 'the organisation key');
  const text = readText(file, 'the countersignature').trim();
  let jws = text;
  if (text.startsWith('{')) {
    const data = parseJson(text, file) as { countersignature?: unknown };
    const found = data.countersignature;
    jws =
      typeof found === 'string'
        ? found
        : typeof found === 'object' && found !== null && typeof (found as { jws?: unknown }).jws === 'string'
          ? (found as { jws: string }).jws
          : '';
    if (!jws) {
      throw new VrmError('invalid_input', `${file}: no "countersignature" in it: give the compact JWS`);
    }
  }
  const a = await services.agreements.countersign(agreementId, jws, key);
  const current = a.records.at(-1);
  say(
    `Agreement ${a.id}: ${a.provider}'s countersignature of the ${current?.state ?? '?'} record verifies (key ${current?.countersignature?.kid ?? '?'}) and is kept`,
  );
}
