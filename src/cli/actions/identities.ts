import type { Identity } from '../../identities/service.js';
import { VrmError } from '../../platform/errors.js';
import { parseId } from '../../platform/validation.js';
import { readText } from '../files.js';
import { instant } from '../format.js';
import type { JsonOption } from '../options.js';
import { note, printJson, printRecord, printTable, say } from '../output.js';
import type { Session } from '../session.js';

type NoteOption = { note?: string };

/** The identity as people read it: a tagged postal address on one line. */
const shown = (i: Identity): string => {
  if (i.kind !== 'postal') return i.value;
  const v = JSON.parse(i.value) as { lines: string[]; locality?: string; postcode?: string };
  return [...v.lines, v.locality, v.postcode].filter(Boolean).join(', ');
};

async function providerName({ services }: Session, id: number | null): Promise<string> {
  return id === null ? '' : (await services.providers.get(id)).name;
}

async function added(session: Session, identity: Identity): Promise<void> {
  say(
    `Identity ${identity.id}: ${shown(identity)}, given to ${await providerName(session, identity.providerId)} (recorded as disclosed)`,
  );
}

export async function setupStrategy(
  { services }: Session,
  base: string,
  o: { kind: 'plus' | 'catchall'; default?: boolean },
): Promise<void> {
  const s = await services.identities.addStrategy({ kind: o.kind, base, isDefault: o.default });
  say(`Alias strategy ${s.id}: ${s.kind} on ${s.base}${s.isDefault ? ' (default)' : ''}`);
}

export async function listStrategies({ services }: Session, o: JsonOption): Promise<void> {
  const rows = await services.identities.listStrategies();
  if (o.json) {
    printJson(rows);
    return;
  }
  printTable(
    rows,
    [
      { header: 'id', value: (s) => s.id, align: 'right' },
      { header: 'kind', value: (s) => s.kind },
      { header: 'base', value: (s) => s.base },
      { header: 'default', value: (s) => (s.isDefault ? 'yes' : '') },
    ],
    'No alias strategy yet: `vrm alias setup --kind plus you@example.org` or `--kind catchall yourdomain.example`.',
  );
}

export async function makeDefault({ services }: Session, id: string): Promise<void> {
  const s = await services.identities.makeDefaultStrategy(parseId(id, 'alias strategy'));
  say(`Alias strategy ${s.id} (${s.kind} on ${s.base}) is the default: \`vrm identity new\` uses it`);
}

export async function removeStrategy({ services }: Session, id: string): Promise<void> {
  const strategyId = parseId(id, 'alias strategy');
  await services.identities.removeStrategy(strategyId);
  say(`Removed alias strategy ${strategyId}`);
}

export async function generate(
  session: Session,
  provider: string,
  o: NoteOption & { strategy?: string },
): Promise<void> {
  const strategy =
    o.strategy === undefined || o.strategy === 'plus' || o.strategy === 'catchall'
      ? o.strategy
      : parseId(o.strategy, 'alias strategy');
  await added(session, await session.services.identities.generate({ provider, strategy, note: o.note }));
}

export async function addEmail(
  session: Session,
  { provider, ...o }: NoteOption & { provider: string; email: string },
): Promise<void> {
  await added(
    session,
    await session.services.identities.addEmail({ provider, address: o.email, note: o.note }),
  );
}

export async function addPostal(
  session: Session,
  { provider, ...o }: NoteOption & { provider: string; fact: string; tag: string },
): Promise<void> {
  const factId = parseId(o.fact, 'fact');
  await added(
    session,
    await session.services.identities.addPostal({ provider, factId, tag: o.tag, note: o.note }),
  );
}

export async function addPhone(
  session: Session,
  { provider, ...o }: NoteOption & { provider: string; number: string; country?: string },
): Promise<void> {
  await added(
    session,
    await session.services.identities.addPhone({
      provider,
      number: o.number,
      country: o.country,
      note: o.note,
    }),
  );
}

export async function list(
  session: Session,
  o: JsonOption & { provider?: string; kind?: string },
): Promise<void> {
  const rows = await session.services.identities.list({ provider: o.provider, kind: o.kind });
  if (o.json) {
    printJson(rows);
    return;
  }
  const names = new Map<number, string>();
  for (const p of await session.services.providers.list()) names.set(p.id, p.name);
  printTable(
    rows,
    [
      { header: 'id', value: (i) => i.id, align: 'right' },
      { header: 'provider', value: (i) => (i.providerId === null ? '' : names.get(i.providerId)) },
      { header: 'kind', value: (i) => i.kind },
      { header: 'identity', value: shown, maxWidth: 60 },
      { header: 'origin', value: (i) => i.origin },
      { header: 'since', value: (i) => i.createdAt.slice(0, 10) },
      {
        header: 'status',
        value: (i) =>
          i.retiredAt
            ? `retired ${i.retiredAt.slice(0, 10)}`
            : i.switchedOffAt
              ? `switched off ${i.switchedOffAt.slice(0, 10)}`
              : i.review === 'confirmed'
                ? ''
                : 'to review (vrm identity review)',
      },
    ],
    'No identities yet: `vrm identity new PROVIDER` makes an alias for one.',
  );
}

export async function show(session: Session, id: string, o: JsonOption): Promise<void> {
  const identity = await session.services.identities.get(parseId(id, 'identity'));
  if (o.json) {
    printJson(identity);
    return;
  }
  printRecord([
    ['id', identity.id],
    ['kind', identity.kind],
    ['identity', shown(identity)],
    ['provider', await providerName(session, identity.providerId)],
    ['origin', identity.origin],
    ['tag', identity.tag],
    ['note', identity.note],
    ['created', instant(identity.createdAt)],
    ['retired', identity.retiredAt ? instant(identity.retiredAt) : null],
    ['switched off', identity.switchedOffAt ? instant(identity.switchedOffAt) : null],
  ]);
}

export async function which(session: Session, address: string, o: JsonOption): Promise<void> {
  const found = await session.services.identities.recognise(address);
  if (o.json) {
    printJson(found);
    return;
  }
  const provider = await providerName(session, found.providerId);
  say(
    provider
      ? `${found.address}: given to ${provider} (${found.how}: ${found.reason})`
      : `${found.address}: ${found.reason}`,
  );
}

export async function retire({ services }: Session, id: string): Promise<void> {
  const identity = await services.identities.retire(parseId(id, 'identity'));
  say(`Retired identity ${identity.id}: ${shown(identity)}`);
}

export async function replace({ services }: Session, id: string): Promise<void> {
  const { retired, replacement } = await services.identities.replace(parseId(id, 'identity'));
  say(`Retired identity ${retired.id}: ${shown(retired)}`);
  say(`New identity ${replacement.id} for provider ${replacement.providerId ?? ''}: ${shown(replacement)}`);
  say('Now give the provider the new address, in your account with it, so its mail reaches you there.');
}

export async function mail(
  { services }: Session,
  id: string,
  o: JsonOption & { limit?: number },
): Promise<void> {
  const identityId = parseId(id, 'identity');
  const found = await services.mail.identityMail(identityId, { limit: o.limit });
  if (o.json) {
    printJson(found);
    return;
  }
  const identity = await services.identities.get(identityId);
  say(
    `${shown(identity)}: ${found.messages} ${found.messages === 1 ? 'message' : 'messages'} from ${found.senders} ${found.senders === 1 ? 'sender' : 'senders'}` +
      (identity.switchedOffAt ? ` (switched off ${identity.switchedOffAt.slice(0, 10)})` : ''),
  );
  printTable(
    found.senderList,
    [
      { header: 'sender', value: (s) => s.address ?? '(no address)', maxWidth: 44 },
      { header: 'who', value: (s) => s.label, maxWidth: 30 },
      { header: 'messages', value: (s) => s.messages, align: 'right' },
      { header: 'last', value: (s) => s.lastAt?.slice(0, 10) ?? '' },
      { header: 'leak', value: (s) => (s.leak ? 'yes' : '') },
    ],
    'No mail reached it yet.',
  );
  if (found.moreSenders > 0) say(`… and ${found.moreSenders} more: --limit ${found.senders}`);
}

export async function switchOff({ services }: Session, id: string, o: { existing?: boolean }): Promise<void> {
  const { identity, moved } = await services.mail.switchIdentity(parseId(id, 'identity'), {
    off: true,
    existing: o.existing,
  });
  say(
    `Switched off identity ${identity.id} (${shown(identity)}): its mail goes to the folder "switched off"; ${moved} messages moved`,
  );
}

export async function switchOn({ services }: Session, id: string): Promise<void> {
  const { identity, moved } = await services.mail.switchIdentity(parseId(id, 'identity'), { off: false });
  say(
    `Switched on identity ${identity.id} (${shown(identity)}): its mail is sorted as usual; ${moved} messages moved`,
  );
}

export async function remove({ services }: Session, id: string): Promise<void> {
  const identityId = parseId(id, 'identity');
  await services.identities.delete(identityId);
  say(`Deleted identity ${identityId}`);
}

export async function importAliases(
  { services }: Session,
  file: string,
  o: { format?: 'simplelogin' | 'addy' },
): Promise<void> {
  const text = readText(file);
  const report = await services.aliasImport.importCsv(text, { file, format: o.format ?? 'auto' });
  for (const problem of report.problems) note(problem.message);
  if (report.imported === 0 && report.duplicates === 0 && report.problems.length > 0) {
    throw new VrmError(
      'invalid_input',
      `${file}: no alias could be imported (${report.problems.length} bad lines)`,
    );
  }
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  say(
    `Imported ${plural(report.imported, 'alias', 'aliases')} from ${file} (${report.format === 'addy' ? 'addy.io' : 'SimpleLogin'}): ` +
      `${report.suggested} suggested, ${report.unmatched} unmatched; ${plural(report.duplicates, 'duplicate')}; ` +
      `${plural(report.problems.length, 'line')} skipped. Review them with \`vrm identity review\`.`,
  );
  // A partial import exits 2, as a partial restore does: a script learns that rows were refused.
  if (report.problems.length > 0) {
    throw new VrmError(
      'invalid_input',
      `${file}: ${plural(report.problems.length, 'line')} refused, listed above; the other rows were imported`,
    );
  }
}

export async function reviewQueue({ services }: Session, o: JsonOption): Promise<void> {
  const rows = await services.aliasImport.queue();
  if (o.json) {
    printJson(rows);
    return;
  }
  const names = new Map((await services.providers.list()).map((p) => [p.id, p.name]));
  printTable(
    rows,
    [
      { header: 'id', value: (i) => i.id, align: 'right' },
      { header: 'alias', value: (i) => i.value, maxWidth: 44 },
      { header: 'note', value: (i) => i.note ?? '', maxWidth: 30 },
      { header: 'suggested', value: (i) => (i.providerId === null ? '' : names.get(i.providerId)) },
      { header: 'why', value: (i) => i.reviewReason ?? 'no match', maxWidth: 70 },
    ],
    'Nothing to review.',
  );
}

export async function confirm(session: Session, id: string, o: { provider?: string }): Promise<void> {
  const identity = await session.services.aliasImport.confirm(parseId(id, 'identity'), {
    provider: o.provider,
  });
  await added(session, identity);
}

export async function reject({ services }: Session, id: string): Promise<void> {
  const identity = await services.aliasImport.reject(parseId(id, 'identity'));
  say(
    `Identity ${identity.id} (${identity.value}) has no provider now: \`vrm identity confirm ${identity.id} --provider P\` when you know`,
  );
}
