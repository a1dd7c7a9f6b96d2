import { existsSync } from 'node:fs';
import type { JWK } from 'jose';
import type { KeyBindingRequest } from '../../disclosures/packages.js';
import { VrmError } from '../../platform/errors.js';
import { writeFileWhole } from '../../platform/files.js';
import { parseId } from '../../platform/validation.js';
import type { Terms } from '../../terms/roster.js';
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
  const a = await services.agreements.get(parseId(id, 'agreement'));
  if (o.json) {
    printJson(a);
    return;
  }
  printRecord([
    ['id', a.id],
    ['provider', a.provider],
    ['terms', a.termsCode],
    ['proffered on', a.profferedOn],
    ['answer', a.status],
    ['answered on', a.answeredOn],
    ['counter-offer', a.counterTermsCode],
    ['evidence', a.evidence],
    ['document', a.evidenceDocumentId],
    ['interaction', a.evidenceInteractionId],
    ['signed record', a.signed],
  ]);
}

export async function verifyAgreement({ services }: Session, id: string): Promise<void> {
  const agreementId = parseId(id, 'agreement');
  const result = await services.agreements.verify(agreementId);
  say(
    `Agreement ${agreementId}: the signature is valid (key ${result.kid ?? '?'}) and the record matches the store`,
  );
}

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

export async function verify(
  { services }: Session,
  input: string,
  o: JsonOption & { key?: string },
): Promise<void> {
  const text = input === '-' || existsSync(input) ? readText(input, 'the SD-JWT') : input;
  let key: JWK | undefined;
  if (o.key) {
    try {
      key = JSON.parse(readText(o.key, 'the key')) as JWK;
    } catch (cause) {
      if (cause instanceof VrmError) throw cause;
      throw new VrmError('invalid_input', `--key: ${o.key} is not a JSON Web Key (not valid JSON)`);
    }
    if (typeof key !== 'object' || key.kty !== 'EC') {
      throw new VrmError('invalid_input', `--key: ${o.key} is not an EC public key in JWK form`);
    }
  }
  const v = await services.packages.verify(text, key ? { key } : {});
  if (o.json) {
    printJson(v);
    return;
  }
  say(`Valid: signed by ${v.knownKey ? 'one of your keys' : 'the key the issuer names (not one of yours)'}`);
  printRecord([
    ['type', v.vct],
    ['issued', v.issuedAt],
    ['expires', v.expiresAt],
    ['recipient', v.recipient ? JSON.stringify(v.recipient) : null],
    ['terms', v.terms ? JSON.stringify(v.terms) : null],
    ['purposes', Array.isArray(v.purposes) ? v.purposes.join(', ') : null],
    ['consent receipt', typeof v.receipt === 'string' ? v.receipt : null],
    ['withheld claims', v.withheld],
  ]);
  heading('Disclosed');
  for (const [name, value] of Object.entries(v.disclosed)) {
    say(`${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
}

// ── keys ───────────────────────────────────────────────────────────────────────────────────────

export async function listKeys({ services }: Session, o: JsonOption): Promise<void> {
  const rows = await services.keys.list();
  if (o.json) {
    printJson(rows);
    return;
  }
  printTable(rows, [
    { header: 'id', value: (k) => k.id, align: 'right' },
    { header: 'kid (RFC 7638 thumbprint)', value: (k) => k.kid, maxWidth: 50 },
    { header: 'alg', value: (k) => k.alg },
    { header: 'created', value: (k) => k.createdAt.slice(0, 10) },
    {
      header: 'status',
      value: (k) => (k.current ? 'signs' : `retired ${k.retiredAt?.slice(0, 10) ?? ''}, verifies`),
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
  say(`New signing key ${current.kid}; ${retired.length} older key(s) kept for verification`);
}
