/** `vrm disclosure …`: the ledger of who was given what, and who holds an outdated version. */
import type { Recorded } from '../../../disclosures/service.js';
import { parseId } from '../../../platform/validation.js';
import type { JsonOption } from '../../options.js';
import { heading, printJson, printTable, say } from '../../output.js';
import type { Session } from '../../session.js';
import { ids, items } from './input.js';

interface GivenOptions {
  facts?: string;
  identities?: string;
  purpose?: string;
  terms?: string;
  channel: string;
  on?: string;
  note?: string;
  override?: string;
}

/** The input of `record` and `share`, facts named by label or number. */
async function givenInput({ services }: Session, provider: string, o: GivenOptions) {
  await services.providers.get(provider);
  const facts = await Promise.all(items(o.facts).map((f) => services.vault.resolve(f, '--facts')));
  return {
    provider,
    facts: facts.map((f) => f.id),
    identities: ids(o.identities, 'identity'),
    purposes: items(o.purpose) as never,
    terms: o.terms ?? null,
    channel: o.channel as never,
    on: o.on,
    note: o.note ?? null,
    override: o.override ?? null,
  };
}

function sayRecorded(done: Recorded, provider: string, verb: string): void {
  const first = done.disclosures[0];
  say(
    `${verb} ${done.disclosures.length} disclosure(s) to ${first?.provider ?? provider} on ${first?.disclosedOn ?? ''}${first?.termsCode ? ` under ${first.termsCode}` : ''}${first?.policyOverride ? ` (your reason: ${first.policyOverride})` : ''}`,
  );
  for (const d of done.disclosures) say(`  ${d.id}: ${d.what}`);
  say(done.verdict);
  if (done.receipt)
    say(
      `Consent receipt ${done.receipt.receiptId} (signed): \`vrm receipt export ${done.receipt.receiptId}\``,
    );
}

/** `vrm disclosure record`: what was already given is recorded; the policy check only informs. */
export async function recordDisclosure(session: Session, provider: string, o: GivenOptions): Promise<void> {
  const done = await session.services.disclosures.record(await givenInput(session, provider, o));
  sayRecorded(done, provider, 'Recorded');
}

/** `vrm disclosure share`: sharing today, which the policy check governs. */
export async function shareDisclosure(session: Session, provider: string, o: GivenOptions): Promise<void> {
  const done = await session.services.disclosures.share(await givenInput(session, provider, o));
  sayRecorded(done, provider, 'Shared');
}

export async function listDisclosures(
  { services }: Session,
  o: JsonOption & { provider?: string; fact?: string; all?: boolean },
): Promise<void> {
  const rows = await services.disclosures.list({
    provider: o.provider,
    fact: o.fact === undefined ? undefined : (await services.vault.resolve(o.fact, '--fact')).id,
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
    'Nothing recorded yet: `vrm disclosure record PROVIDER --facts LABEL --purpose service`.',
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
  const { fact, holders } = await services.disclosures.forFact((await services.vault.resolve(id)).id);
  if (o.json) {
    printJson({ fact, holders });
    return;
  }
  say(`${fact.label} (${fact.kind}), version ${fact.current.version} now: ${fact.current.summary}`);
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
