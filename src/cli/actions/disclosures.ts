import { existsSync, statSync } from 'node:fs';
import type { JWK } from 'jose';
import type { KeyBindingRequest } from '../../disclosures/packages.js';
import { publicJwk, SD_JWT_LIMITS, type SdJwtProfile } from '../../disclosures/sd-jwt.js';
import { VrmError } from '../../platform/errors.js';
import { writeFileWhole } from '../../platform/files.js';
import { parseId } from '../../platform/validation.js';
import type { Terms } from '../../terms/roster.js';
import { CliOutcome } from '../exit.js';
import { readText } from '../files.js';
import type { JsonOption } from '../options.js';
import { heading, note, printJson, printRecord, printTable, say } from '../output.js';
import type { Session } from '../session.js';

/** `a, b,c` → `['a', 'b', 'c']`. */
const items = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const ids = (text: string | undefined, what: string): number[] => items(text).map((s) => parseId(s, what));

const yes = (b: boolean): string => (b ? 'yes' : 'no');

function writeOut(file: string, content: string | Buffer, what: string): void {
  writeFileWhole(file, content, what);
  note(`Wrote ${what} to ${file}`);
}

/** `--key FILE`: a public key in JWK form, read and checked before anything is verified with it. */
function readPublicJwk(file: string): JWK {
  let key: unknown;
  try {
    key = JSON.parse(readText(file, 'the key'));
  } catch (cause) {
    if (cause instanceof VrmError) throw cause;
    throw new VrmError('invalid_input', `--key: ${file} is not a JSON Web Key (not valid JSON)`);
  }
  // Checked as a P-256 public key: the curve, the coordinates on it, and no private half.
  return publicJwk(key, `--key: ${file}`, 'P-256');
}

// ── terms ──────────────────────────────────────────────────────────────────────────────────────

const termsRecord = (t: Terms) =>
  [
    ['code', t.code],
    ['name', t.name],
    ['source', t.source === 'roster' ? 'roster (standard agreement)' : 'your own'],
    ['based on', t.basedOn],
    ['summary', t.summary],
    ['purposes', t.purposes.join(', ')],
    ['third parties', t.thirdParties],
    ['retention', t.retention ?? 'as long as the purposes need'],
    ['profiling', yes(t.profiling)],
    ['AI training', yes(t.aiTraining)],
    ['tracking', yes(t.tracking)],
    ['published at', t.url],
  ] as const;

export async function listTerms({ services }: Session, o: JsonOption): Promise<void> {
  const rows = await services.terms.list();
  if (o.json) {
    printJson(rows);
    return;
  }
  printTable(rows, [
    { header: 'code', value: (t) => t.code },
    { header: 'name', value: (t) => t.name, maxWidth: 44 },
    { header: 'source', value: (t) => t.source },
    { header: 'purposes', value: (t) => t.purposes.join(','), maxWidth: 36 },
    { header: '3rd parties', value: (t) => t.thirdParties },
    { header: 'retention', value: (t) => t.retention ?? '' },
    { header: 'profiling', value: (t) => yes(t.profiling) },
    { header: 'AI', value: (t) => yes(t.aiTraining) },
    { header: 'tracking', value: (t) => yes(t.tracking) },
  ]);
}

export async function showTerms({ services }: Session, code: string, o: JsonOption): Promise<void> {
  const t = await services.terms.get(code);
  if (o.json) printJson(t);
  else printRecord(termsRecord(t));
}

export async function addTerms(
  { services }: Session,
  o: {
    code: string;
    name: string;
    summary: string;
    purposes: string;
    thirdParties: 'none' | 'processors' | 'allowed';
    retention?: string;
    profiling?: boolean;
    aiTraining?: boolean;
    tracking?: boolean;
    basedOn?: string;
  },
): Promise<void> {
  const t = await services.terms.add({
    code: o.code,
    name: o.name,
    summary: o.summary,
    purposes: items(o.purposes) as never,
    thirdParties: o.thirdParties,
    retention: o.retention ?? null,
    profiling: o.profiling === true,
    aiTraining: o.aiTraining === true,
    tracking: o.tracking === true,
    basedOn: o.basedOn ?? null,
  });
  say(`Terms ${t.code} added: ${t.purposes.join(', ')}; third parties ${t.thirdParties}`);
}

export async function deleteTerms({ services }: Session, code: string): Promise<void> {
  await services.terms.delete(code);
  say(`Deleted terms ${code}`);
}

// ── policies ───────────────────────────────────────────────────────────────────────────────────

export async function listPolicies(
  { services }: Session,
  o: JsonOption & { provider?: string },
): Promise<void> {
  const rows = await services.policies.list({ provider: o.provider });
  if (o.json) {
    printJson(rows);
    return;
  }
  const names = new Map((await services.providers.list()).map((p) => [p.id, p.name]));
  printTable(
    rows,
    [
      { header: 'id', value: (p) => p.id, align: 'right' },
      {
        header: 'scope',
        value: (p) =>
          p.providerId !== null
            ? (names.get(p.providerId) ?? `provider ${p.providerId}`)
            : p.category !== null
              ? `category ${p.category}`
              : 'everyone',
      },
      { header: 'facts', value: (p) => p.facts.join(',') },
      { header: 'allow', value: (p) => p.allowPurposes.join(',') },
      { header: 'deny', value: (p) => p.denyPurposes.join(',') },
      { header: 'terms', value: (p) => p.termsCode ?? '' },
      { header: 'note', value: (p) => p.note ?? '' },
    ],
    'No policy yet: nothing may go anywhere until one allows it. `vrm policy add --facts "*" --allow service` is a start.',
  );
}

export async function addPolicy(
  { services }: Session,
  o: {
    facts: string;
    provider?: string;
    category?: string;
    allow?: string;
    deny?: string;
    terms?: string;
    note?: string;
  },
): Promise<void> {
  const p = await services.policies.add({
    provider: o.provider ?? null,
    category: o.category ?? null,
    facts: items(o.facts),
    allow: items(o.allow) as never,
    deny: items(o.deny) as never,
    terms: o.terms ?? null,
    note: o.note ?? null,
  });
  say(
    `Policy ${p.id}: ${p.facts.join(', ')}${p.allowPurposes.length ? `; allows ${p.allowPurposes.join(', ')}` : ''}${p.denyPurposes.length ? `; denies ${p.denyPurposes.join(', ')}` : ''}${p.termsCode ? ` under ${p.termsCode}` : ''}`,
  );
}

export async function deletePolicy({ services }: Session, id: string): Promise<void> {
  const policyId = parseId(id, 'policy');
  await services.policies.delete(policyId);
  say(`Deleted policy ${policyId}`);
}

export async function checkPolicy(
  { services }: Session,
  provider: string,
  o: JsonOption & { fields?: string; purpose?: string; terms?: string },
): Promise<void> {
  await services.providers.get(provider);
  const answer = await services.policies.evaluate({
    provider,
    fields: items(o.fields),
    purposes: items(o.purpose),
    terms: o.terms ?? null,
  });
  if (o.json) {
    printJson(answer);
    return;
  }
  say(
    `${answer.provider} asks for ${answer.decisions.length} field(s) for ${answer.purposes.join(', ')}${answer.termsCode ? ` under ${answer.termsCode}` : ''}: ${answer.allowed.length} may go.`,
  );
  printTable(answer.decisions, [
    { header: 'field', value: (d) => d.field },
    { header: 'allowed', value: (d) => (d.allowed ? 'yes' : 'NO') },
    { header: 'reason', value: (d) => d.reason, maxWidth: 90 },
  ]);
}

// ── the ledger ─────────────────────────────────────────────────────────────────────────────────

export async function recordDisclosure(
  { services }: Session,
  provider: string,
  o: {
    facts?: string;
    identities?: string;
    purpose?: string;
    terms?: string;
    channel: string;
    on?: string;
    note?: string;
    override?: string;
  },
): Promise<void> {
  await services.providers.get(provider);
  const done = await services.disclosures.record({
    provider,
    facts: ids(o.facts, 'fact'),
    identities: ids(o.identities, 'identity'),
    purposes: items(o.purpose) as never,
    terms: o.terms ?? null,
    channel: o.channel as never,
    on: o.on,
    note: o.note ?? null,
    override: o.override ?? null,
  });
  const first = done.disclosures[0];
  say(
    `Recorded ${done.disclosures.length} disclosure(s) to ${first?.provider ?? provider} on ${first?.disclosedOn ?? ''}${first?.termsCode ? ` under ${first.termsCode}` : ''}${first?.policyOverride ? ' (policy overridden)' : ''}`,
  );
  for (const d of done.disclosures) say(`  ${d.id}: ${d.what}`);
  if (done.receipt)
    say(
      `Consent receipt ${done.receipt.receiptId} (signed): \`vrm receipt export ${done.receipt.receiptId}\``,
    );
}

export async function listDisclosures(
  { services }: Session,
  o: JsonOption & { provider?: string; fact?: string; all?: boolean },
): Promise<void> {
  const rows = await services.disclosures.list({
    provider: o.provider,
    fact: o.fact === undefined ? undefined : parseId(o.fact, 'fact'),
    includeWithdrawn: o.all === true,
  });
  if (o.json) {
    printJson(rows);
    return;
  }
  printTable(
    rows,
    [
      { header: 'id', value: (d) => d.id, align: 'right' },
      { header: 'on', value: (d) => d.disclosedOn },
      { header: 'provider', value: (d) => d.provider, maxWidth: 24 },
      { header: 'what', value: (d) => d.what, maxWidth: 50 },
      { header: 'channel', value: (d) => d.channel },
      { header: 'purposes', value: (d) => d.purposes.join(',') },
      { header: 'terms', value: (d) => d.termsCode ?? '' },
      {
        header: 'note',
        value: (d) => (d.withdrawnOn ? `withdrawn ${d.withdrawnOn}` : d.policyOverride ? 'override' : ''),
      },
    ],
    'Nothing recorded yet: `vrm disclosure record PROVIDER --facts ID --purpose service`.',
  );
}

export async function withdrawDisclosure(
  { services }: Session,
  id: string,
  o: { on?: string },
): Promise<void> {
  const d = await services.disclosures.withdraw(parseId(id, 'disclosure'), o.on);
  say(`Disclosure ${d.id} (${d.what}) to ${d.provider} withdrawn on ${d.withdrawnOn ?? ''}`);
}

export async function factHolders({ services }: Session, id: string, o: JsonOption): Promise<void> {
  const { fact, holders } = await services.disclosures.forFact(parseId(id, 'fact'));
  if (o.json) {
    printJson({ fact, holders });
    return;
  }
  say(
    `${fact.label} (${fact.kind.replaceAll('_', '-')}), version ${fact.current.version} now: ${fact.current.summary}`,
  );
  printTable(
    holders,
    [
      { header: 'provider', value: (h) => h.provider },
      { header: 'version', value: (h) => `v${h.version}`, align: 'right' },
      { header: 'holds', value: (h) => h.value, maxWidth: 50 },
      { header: 'since', value: (h) => h.since },
      { header: 'status', value: (h) => (h.outdated ? 'OUTDATED' : 'current') },
    ],
    'No provider was recorded as given this fact.',
  );
  const outdated = holders.filter((h) => h.outdated).length;
  if (outdated > 0) say(`${outdated} provider(s) hold an outdated version: tell them about the change.`);
}

export async function providerKnows({ services }: Session, provider: string, o: JsonOption): Promise<void> {
  const knows = await services.disclosures.forProvider(provider);
  if (o.json) {
    printJson(knows);
    return;
  }
  say(
    `${knows.provider.name} knows ${knows.facts.length} fact(s) and ${knows.identities.length} identity(ies)${knows.since ? `, since ${knows.since}` : ''}.`,
  );
  if (knows.facts.length > 0) {
    heading('Facts');
    printTable(knows.facts, [
      { header: 'fact', value: (h) => h.label },
      { header: 'kind', value: (h) => h.kind },
      { header: 'holds', value: (h) => `v${h.version}: ${h.value}`, maxWidth: 50 },
      { header: 'since', value: (h) => h.since },
      { header: 'terms', value: (h) => h.termsCode ?? '' },
      { header: 'status', value: (h) => (h.outdated ? 'OUTDATED' : 'current') },
    ]);
  }
  if (knows.identities.length > 0) {
    heading('Identities');
    printTable(knows.identities, [
      { header: 'id', value: (i) => i.identityId, align: 'right' },
      { header: 'kind', value: (i) => i.kind },
      { header: 'value', value: (i) => i.value },
      { header: 'since', value: (i) => i.since },
      { header: 'status', value: (i) => (i.retired ? 'retired' : '') },
    ]);
  }
}

export async function matrix({ services }: Session, o: JsonOption): Promise<void> {
  const m = await services.disclosures.matrix();
  if (o.json) {
    printJson(m);
    return;
  }
  if (m.providers.length === 0) {
    say('Nothing recorded yet: no provider is known to hold anything.');
    return;
  }
  const cells = new Map(m.cells.map((c) => [`${c.providerId}:${c.factId}`, c]));
  say('● holds the current version   ○ holds an outdated one   · nothing');
  printTable(m.providers, [
    { header: 'provider', value: (p) => p.name, maxWidth: 28 },
    ...m.facts.map((f) => ({
      header: `${f.id}`,
      value: (p: (typeof m.providers)[number]) => {
        const c = cells.get(`${p.id}:${f.id}`);
        return c ? (c.outdated ? '○' : '●') : '·';
      },
    })),
    { header: 'ids', value: (p) => p.identities, align: 'right' },
  ]);
  say(m.facts.map((f) => `${f.id} = ${f.label} (${f.kind})${f.retired ? ', retired' : ''}`).join('; '));
}

// ── agreements ─────────────────────────────────────────────────────────────────────────────────

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

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new VrmError('invalid_input', `${file} is not valid JSON`, { cause });
  }
}

const readJson = (file: string, what: string): unknown => parseJson(readText(file, what), file);

// ── receipts ───────────────────────────────────────────────────────────────────────────────────

export async function listReceipts(
  { services }: Session,
  o: JsonOption & { provider?: string },
): Promise<void> {
  const rows = await services.disclosures.receipts({ provider: o.provider });
  if (o.json) {
    printJson(rows.map(({ jws: _jws, ...r }) => r));
    return;
  }
  printTable(
    rows,
    [
      { header: 'id', value: (r) => r.id, align: 'right' },
      { header: 'receipt', value: (r) => r.receiptId },
      { header: 'issued', value: (r) => r.issuedAt.slice(0, 10) },
      { header: 'controller', value: (r) => r.receipt.piiControllers[0]?.piiController ?? '' },
      {
        header: 'purposes',
        value: (r) => (r.receipt.services[0]?.purposes ?? []).map((p) => p.purpose).join(','),
      },
      { header: 'policy', value: (r) => r.receipt.policyUrl, maxWidth: 36 },
    ],
    'No receipt yet: one is issued for each disclosure recorded under terms.',
  );
}

export async function exportReceipt(
  { services }: Session,
  ref: string,
  o: { format: 'jws' | 'kantara' | 'iso27560'; out?: string },
): Promise<void> {
  const r = await services.disclosures.receipt(ref.trim());
  const content =
    o.format === 'jws'
      ? `${r.jws}\n`
      : `${JSON.stringify(o.format === 'kantara' ? r.receipt : r.iso27560, null, 2)}\n`;
  if (o.out) writeOut(o.out, content, `receipt ${r.receiptId}`);
  else process.stdout.write(content);
}

/**
 * `vrm receipt verify FILE|-`: checks a consent receipt someone holds (a JWS file, standard input,
 * or the JWS itself) and prints what it says.
 */
export async function verifyReceipt(
  { services }: Session,
  input: string,
  o: JsonOption & { key?: string },
): Promise<void> {
  const text = input === '-' || existsSync(input) ? readText(input, 'the receipt') : input;
  const key = o.key ? readPublicJwk(o.key) : undefined;
  const v = await services.disclosures.verifyReceipt(text, key ? { key } : {});
  if (o.json) {
    printJson(v);
    return;
  }
  const r = v.receipt;
  const controller = r.piiControllers[0];
  say(
    `Valid consent receipt (Kantara CR v1.1): signed by ${v.knownKey ? 'one of your keys' : 'the key given'}, issued by ${v.issuedBy === 'PII Principal' ? 'the person (PII principal)' : 'its PII controller'}`,
  );
  printRecord([
    ['receipt', r.consentReceiptID],
    ['given', new Date(r.consentTimestamp * 1000).toISOString()],
    ['by (PII principal)', r.piiPrincipalId],
    ['to (PII controller)', controller?.piiController ?? null],
    ['controller contact', controller ? `${controller.email}, ${controller.phone}` : null],
    ['jurisdiction', r.jurisdiction],
    ['how', r.collectionMethod],
    ['policy', r.policyUrl],
    ['signing key', v.signer],
  ]);
  heading('Purposes');
  for (const service of r.services) {
    for (const p of service.purposes) {
      const shared = p.thirdPartyDisclosure ? `; shared with ${p.thirdPartyName ?? '?'}` : '';
      say(
        `${p.purpose ?? '(unnamed)'} [${p.purposeCategory.join(', ')}]: ${p.piiCategory.join(', ')}; ${p.termination}${shared}`,
      );
    }
  }
}

// ── packages and verification ──────────────────────────────────────────────────────────────────

async function emit(
  session: Session,
  presentation: string,
  packageId: number,
  o: { out?: string; qr?: string; bundle?: string; claims?: string },
  binding?: KeyBindingRequest,
): Promise<void> {
  const { packages } = session.services;
  if (o.out) writeOut(o.out, `${presentation}\n`, 'the SD-JWT');
  if (o.qr) {
    const format = o.qr.toLowerCase().endsWith('.png')
      ? 'png'
      : o.qr.toLowerCase().endsWith('.svg')
        ? 'svg'
        : null;
    if (!format) throw new VrmError('invalid_input', `--qr: ${o.qr}: name the file .svg or .png`);
    writeOut(o.qr, await packages.qr(presentation, format), `a QR code (${format.toUpperCase()})`);
  }
  if (o.bundle) {
    const bundle = await packages.bundle(packageId, o.claims ? items(o.claims) : undefined, binding);
    writeOut(o.bundle, `${JSON.stringify(bundle, null, 2)}\n`, 'the JSON bundle');
  }
  if (!o.out) say(presentation);
}

export async function newPackage(
  session: Session,
  provider: string,
  o: {
    terms?: string;
    purpose?: string;
    facts?: string;
    identities?: string;
    days: string;
    override?: string;
    holderBinding?: boolean;
    out?: string;
    qr?: string;
    bundle?: string;
  },
): Promise<void> {
  await session.services.providers.get(provider);
  if (!o.terms)
    throw new VrmError(
      'invalid_input',
      'package: --terms: name the terms it is given under, such as SD-BASE',
    );
  const validDays = Number(o.days);
  if (!Number.isInteger(validDays) || validDays < 1) {
    throw new VrmError('invalid_input', `--days: expected a positive whole number, got "${o.days}"`);
  }
  const pkg = await session.services.packages.issue({
    provider,
    terms: o.terms,
    purposes: items(o.purpose) as never,
    facts: ids(o.facts, 'fact'),
    identities: ids(o.identities, 'identity'),
    validDays,
    override: o.override ?? null,
    holderBinding: o.holderBinding ?? false,
  });
  note(
    `Package ${pkg.id} for ${pkg.provider} under ${pkg.termsCode}: claims ${pkg.claims.map((c) => c.claim).join(', ')}; valid until ${pkg.expiresAt?.slice(0, 10) ?? '?'}; consent receipt ${pkg.receiptId ?? 'none'}`,
  );
  await emit(session, pkg.sdJwt, pkg.id, o);
}

export async function listPackages(
  { services }: Session,
  o: JsonOption & { provider?: string },
): Promise<void> {
  const rows = await services.packages.list({ provider: o.provider });
  if (o.json) {
    printJson(rows);
    return;
  }
  printTable(
    rows,
    [
      { header: 'id', value: (p) => p.id, align: 'right' },
      { header: 'provider', value: (p) => p.provider },
      { header: 'terms', value: (p) => p.termsCode },
      { header: 'claims', value: (p) => p.claims.map((c) => c.claim).join(','), maxWidth: 40 },
      { header: 'issued', value: (p) => p.issuedAt.slice(0, 10) },
      { header: 'expires', value: (p) => p.expiresAt?.slice(0, 10) ?? '' },
    ],
    'No package yet: `vrm package new PROVIDER --facts 1,2 --terms SD-BASE --purpose service`.',
  );
}

export async function presentPackage(
  session: Session,
  id: string,
  o: { claims?: string; out?: string; qr?: string; bundle?: string; nonce?: string; audience?: string },
): Promise<void> {
  const packageId = parseId(id, 'package');
  if ((o.nonce === undefined) !== (o.audience === undefined)) {
    throw new VrmError(
      'invalid_input',
      'key binding needs both --nonce and --audience: the nonce and the identifier the provider gave',
    );
  }
  const binding =
    o.nonce !== undefined && o.audience !== undefined ? { nonce: o.nonce, audience: o.audience } : undefined;
  const presentation = await session.services.packages.present(
    packageId,
    o.claims ? items(o.claims) : undefined,
    binding,
  );
  await emit(session, presentation, packageId, o, binding);
}

/** What `vrm verify` says when the signature holds but the signer is not one you know. */
const UNKNOWN_SIGNER =
  'signed by a key that is not yours and was not given with --key: this proves only that the token was not changed after signing, not who signed it';

/**
 * `vrm verify`: the SD-JWT from a file, standard input or the argument. The file is sized before
 * it is read, and the key file is checked here, so that a mistake names the file.
 */
export async function verify(
  { services }: Session,
  input: string,
  o: JsonOption & { key?: string; nonce?: string; audience?: string; profile?: SdJwtProfile },
): Promise<void> {
  const isFile = input === '-' || (input.length < 4096 && existsSync(input));
  if (isFile && input !== '-') {
    const { size } = statSync(input);
    if (size > SD_JWT_LIMITS.maxLength + 1024) {
      throw new VrmError(
        'invalid_input',
        `the SD-JWT is not valid: too large: ${input} is ${size.toLocaleString('en')} bytes, more than the ${SD_JWT_LIMITS.maxLength.toLocaleString('en')} vrm accepts`,
      );
    }
  }
  const text = isFile ? readText(input, 'the SD-JWT') : input;
  const key = o.key ? readPublicJwk(o.key) : undefined;
  const v = await services.packages.verify(text, {
    ...(key ? { key } : {}),
    profile: o.profile,
    nonce: o.nonce,
    audience: o.audience,
  });
  if (o.json) printJson(v);
  else {
    say(
      v.trusted
        ? `Valid: signed by ${v.keySource === 'given' ? `the key in ${o.key ?? 'the file given'}` : 'one of your keys'}`
        : 'Intact, but the signer is unknown (see the note below)',
    );
    printRecord([
      ['type', v.vct || null],
      ['issuer', v.issuer.length > 80 ? `${v.issuer.slice(0, 77)}...` : v.issuer],
      ['issued', v.issuedAt],
      ['expires', v.expiresAt],
      ['recipient', v.recipient ? JSON.stringify(v.recipient) : null],
      ['terms', v.terms ? JSON.stringify(v.terms) : null],
      ['purposes', Array.isArray(v.purposes) ? v.purposes.join(', ') : null],
      ['consent receipt', typeof v.receipt === 'string' ? v.receipt : null],
      ['key binding', v.keyBinding ? `for ${v.keyBinding.audience}, made ${v.keyBinding.issuedAt}` : null],
      ['hidden', `${String(v.withheld)} digests: withheld claims and decoys, which no one can tell apart`],
    ]);
    heading('Disclosed');
    for (const [name, value] of Object.entries(v.disclosed)) {
      say(`${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    }
  }
  if (!v.trusted) throw new CliOutcome('unknown_signer', UNKNOWN_SIGNER);
}

// ── keys ───────────────────────────────────────────────────────────────────────────────────────

export async function listKeys({ services }: Session, o: JsonOption): Promise<void> {
  const rows = await services.keys.list();
  if (o.json) {
    printJson(rows);
    return;
  }
  const names = new Map<number, string>();
  for (const id of new Set(rows.flatMap((k) => (k.providerId === null ? [] : [k.providerId])))) {
    names.set(id, (await services.providers.get(id)).name);
  }
  printTable(rows, [
    { header: 'id', value: (k) => k.id, align: 'right' },
    { header: 'kid (RFC 7638 thumbprint)', value: (k) => k.kid, maxWidth: 50 },
    { header: 'alg', value: (k) => k.alg },
    {
      header: 'for',
      value: (k) =>
        k.providerId === null ? 'you (published)' : `${names.get(k.providerId) ?? k.providerId} only`,
      maxWidth: 30,
    },
    { header: 'created', value: (k) => k.createdAt.slice(0, 10) },
    {
      header: 'status',
      value: (k) =>
        k.retiredAt !== null
          ? `retired ${k.retiredAt.slice(0, 10)}, verifies only`
          : k.current
            ? 'signs'
            : 'no private half, verifies only',
    },
  ]);
}

export async function exportKeys({ services }: Session, o: { out?: string }): Promise<void> {
  const jwks = `${JSON.stringify(await services.keys.jwks(), null, 2)}\n`;
  if (o.out) writeOut(o.out, jwks, 'the public keys (JWK set)');
  else process.stdout.write(jwks);
}

export async function rotateKeys({ services }: Session): Promise<void> {
  const { current, retired } = await services.keys.rotate();
  say(
    `New signing key ${current.kid}; ${retired.length} older key(s) retired: their private half ` +
      'is destroyed, their public half kept to verify what they signed before',
  );
}
