import type { ImportProgress, ImportSummary } from '../../mail/importer.js';
import type { RuleConditions } from '../../mail/rules.js';
import type { FileKind } from '../../mail/service.js';
import { VrmError } from '../../platform/errors.js';
import { parseId } from '../../platform/validation.js';
import { instant } from '../format.js';
import type { JsonOption } from '../options.js';
import { heading, note, printJson, printRecord, printTable, say } from '../output.js';
import { progressBar } from '../progress.js';
import { promptHidden } from '../prompt.js';
import type { Session } from '../session.js';

const number = new Intl.NumberFormat('en-GB');
const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : '');

/** Progress of one import, drawn as a bar on the terminal. */
function tracker() {
  const bar = progressBar();
  return {
    onProgress: (p: ImportProgress) => {
      bar.update({
        done: p.done,
        total: p.total,
        unit: p.unit,
        messages: p.seen,
        elapsedMs: p.elapsedMs,
        counts: { imported: p.imported, duplicates: p.duplicates, skipped: p.skipped },
      });
    },
    done: () => bar.done(),
  };
}

function printSummary(s: ImportSummary): void {
  say(
    `${s.location}: ${number.format(s.seen)} ${s.seen === 1 ? 'message' : 'messages'} read in ${(s.elapsedMs / 1000).toFixed(1)} s ` +
      `(${number.format(s.messagesPerSecond)}/s): ${number.format(s.imported)} imported, ` +
      `${number.format(s.duplicates)} duplicates, ${number.format(s.skipped)} skipped`,
  );
  if (s.resumedFrom) say(`  resumed after ${s.resumedFrom}`);
  for (const skip of s.skips) say(`  skipped ${skip.location}: ${skip.reason}`);
  if (s.skipsTruncated) say(`  … and ${number.format(s.skipped - s.skips.length)} more skipped`);
}

export async function importPaths(
  { services }: Session,
  paths: string[],
  o: JsonOption & { kind?: FileKind; full?: boolean; workers?: number },
): Promise<void> {
  if (o.workers !== undefined && (!Number.isInteger(o.workers) || o.workers < 0)) {
    throw new VrmError('invalid_input', '--workers: expected a whole number (0 parses on the main thread)');
  }
  const { summaries, failures } = await services.mail.importPaths(paths, {
    kind: o.kind,
    full: o.full,
    poolSize: o.workers,
    each: () => {
      const progress = o.json ? undefined : tracker();
      return {
        onProgress: progress?.onProgress,
        done: (outcome) => {
          progress?.done();
          // A path alone that fails is told once, by its error below.
          if ('error' in outcome) {
            if (paths.length > 1) note(`vrm: ${outcome.error.message}`);
          } else if (!o.json) printSummary(outcome);
        },
      };
    },
  });
  if (o.json) printJson(summaries.length === 1 ? summaries[0] : summaries);
  // A path alone that cannot be imported fails as it is (missing: 3); a partial import exits 2.
  const [only] = failures;
  if (only && summaries.length === 0 && paths.length === 1) throw only.error;
  const skipped = summaries.reduce((n, s) => n + s.skipped, 0);
  if (failures.length > 0 || skipped > 0) {
    const parts = [
      failures.length > 0 ? `${failures.length} of ${paths.length} paths could not be imported` : '',
      skipped > 0 ? `${number.format(skipped)} ${skipped === 1 ? 'message' : 'messages'} skipped` : '',
    ].filter(Boolean);
    throw new VrmError(
      'invalid_input',
      `${parts.join('; ')}, each named with its reason; the rest was imported`,
    );
  }
}

/** Asks for the IMAP password on the terminal; a script sets VRM_IMAP_PASSWORD instead. */
function imapPassword(user: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new VrmError('invalid_input', 'no terminal to ask for the IMAP password: set VRM_IMAP_PASSWORD');
  }
  return promptHidden(`IMAP password for ${user}: `);
}

export async function addAccount(
  { services }: Session,
  o: {
    host: string;
    user: string;
    port?: number;
    security?: 'tls' | 'starttls' | 'none';
    folder?: string[];
    label?: string;
    allowSelfSigned?: boolean;
  },
): Promise<void> {
  const password = process.env.VRM_IMAP_PASSWORD ?? (await imapPassword(o.user));
  const source = await services.mail.addAccount({
    host: o.host,
    username: o.user,
    password,
    port: o.port,
    security: o.security,
    folders: o.folder,
    label: o.label,
    allowSelfSigned: o.allowSelfSigned,
  });
  say(`Mail account ${source.id}: ${source.location}, folders ${(source.folders ?? []).join(', ')}`);
}

export async function listSources({ services }: Session, o: JsonOption): Promise<void> {
  const rows = await services.mail.sources();
  if (o.json) {
    printJson(rows);
    return;
  }
  printTable(
    rows,
    [
      { header: 'id', value: (s) => s.id, align: 'right' },
      { header: 'kind', value: (s) => s.kind },
      { header: 'label', value: (s) => s.label },
      { header: 'location', value: (s) => s.location, maxWidth: 60 },
      { header: 'folders', value: (s) => (s.folders ?? []).join(', ') },
    ],
    'No mail source yet: `vrm mail import FILE` or `vrm mail account add --host … --user …`.',
  );
}

export async function listFolders({ services }: Session, id: string, o: JsonOption): Promise<void> {
  const folders = await services.mail.folders(parseId(id, 'mail account'));
  if (o.json) {
    printJson(folders);
    return;
  }
  printTable(folders, [
    { header: 'folder', value: (f) => f.path },
    { header: 'special', value: (f) => f.specialUse ?? '' },
    { header: 'messages', value: (f) => f.messages, align: 'right' },
  ]);
}

export async function useFolders({ services }: Session, id: string, folders: string[] = []): Promise<void> {
  const source = await services.mail.setFolders(parseId(id, 'mail account'), folders);
  say(`Mail account ${source.id} fetches ${(source.folders ?? []).join(', ')}`);
}

export async function removeSource({ services }: Session, id: string): Promise<void> {
  const sourceId = parseId(id, 'mail source');
  await services.mail.removeSource(sourceId);
  say(`Removed mail source ${sourceId}; its messages stay`);
}

export async function fetch(
  { services }: Session,
  id: string | undefined,
  o: JsonOption & { full?: boolean },
): Promise<void> {
  const accounts =
    id === undefined
      ? (await services.mail.sources()).filter((s) => s.kind === 'imap').map((s) => s.id)
      : [parseId(id, 'mail account')];
  if (accounts.length === 0) {
    throw new VrmError('not_found', 'no IMAP account yet: `vrm mail account add --host … --user …`');
  }
  const summaries: ImportSummary[] = [];
  for (const account of accounts) {
    const progress = o.json ? undefined : tracker();
    try {
      summaries.push(
        await services.mail.fetchAccount(account, { full: o.full, onProgress: progress?.onProgress }),
      );
    } finally {
      progress?.done();
    }
    const last = summaries.at(-1);
    if (!o.json && last) printSummary(last);
  }
  if (o.json) printJson(summaries.length === 1 ? summaries[0] : summaries);
}

export async function listImports({ services }: Session, o: JsonOption): Promise<void> {
  const rows = await services.mail.imports(50);
  if (o.json) {
    printJson(rows);
    return;
  }
  printTable(
    rows,
    [
      { header: 'id', value: (r) => r.id, align: 'right' },
      { header: 'started', value: (r) => instant(r.startedAt) },
      { header: 'status', value: (r) => r.status },
      { header: 'location', value: (r) => r.location, maxWidth: 50 },
      { header: 'seen', value: (r) => r.seen, align: 'right' },
      { header: 'imported', value: (r) => r.imported, align: 'right' },
      { header: 'duplicates', value: (r) => r.duplicates, align: 'right' },
      { header: 'skipped', value: (r) => r.skipped, align: 'right' },
    ],
    'No import yet.',
  );
  for (const r of rows) {
    for (const s of r.skips.slice(0, 20)) note(`import ${r.id}: skipped ${s.location}: ${s.reason}`);
  }
}

export async function inbox({ services }: Session, o: JsonOption): Promise<void> {
  const c = await services.mail.counts();
  if (o.json) {
    printJson(c);
    return;
  }
  say(
    `${number.format(c.total)} messages: now ${c.attention.now} · today ${c.attention.today} · later ${c.attention.later} · never ${c.attention.never}` +
      ` · muted ${c.muted} · flagged ${c.flagged} · suspected leaks ${c.leaks}`,
  );
  heading('Folders');
  printTable(c.folders, [
    { header: 'folder', value: (f) => f.folder },
    { header: 'messages', value: (f) => f.count, align: 'right' },
  ]);
  heading('From your providers');
  printTable(
    c.providers,
    [
      { header: 'provider', value: (p) => p.name },
      { header: 'messages', value: (p) => p.count, align: 'right' },
    ],
    'No message from a provider of yours yet.',
  );
}

type Summary = Awaited<ReturnType<Session['services']['mail']['inbox']>>[number];

function printMessages(rows: readonly Summary[], empty: string): void {
  printTable(
    rows,
    [
      { header: 'id', value: (m) => m.id, align: 'right' },
      { header: 'date', value: (m) => day(m.sentAt) },
      { header: 'att', value: (m) => m.attention },
      { header: 'folder', value: (m) => m.folder, maxWidth: 12 },
      { header: 'from', value: (m) => m.senderLabel, maxWidth: 24 },
      { header: 'subject', value: (m) => m.subject, maxWidth: 50 },
      {
        header: '',
        value: (m) =>
          [m.leak ? 'LEAK' : '', m.flagged ? 'flag' : '', m.attachmentCount ? '📎' : '']
            .filter(Boolean)
            .join(' '),
      },
    ],
    empty,
  );
}

export async function list(
  { services }: Session,
  o: JsonOption & {
    attention?: 'now' | 'today' | 'later' | 'never';
    folder?: string;
    provider?: string;
    identity?: number;
    leak?: number;
    muted?: boolean;
    flagged?: boolean;
    limit?: number;
    offset?: number;
  },
): Promise<void> {
  const rows = await services.mail.inbox({
    attention: o.attention,
    folder: o.folder,
    provider: o.provider,
    identity: o.identity,
    leak: o.leak,
    muted: o.muted,
    flagged: o.flagged,
    limit: o.limit,
    offset: o.offset,
  });
  if (o.json) {
    printJson(rows);
    return;
  }
  printMessages(rows, 'No message here.');
}

export async function show(
  { services }: Session,
  id: string,
  o: JsonOption & { raw?: boolean },
): Promise<void> {
  const messageId = parseId(id, 'message');
  if (o.raw) {
    process.stdout.write(services.mail.raw(messageId));
    return;
  }
  const m = await services.mail.message(messageId);
  if (o.json) {
    printJson(m);
    return;
  }
  printRecord([
    ['message', m.id],
    ['date', m.sentAt ? instant(m.sentAt) : 'unknown'],
    ['from', m.sender],
    ['to', m.recipients],
    ['subject', m.subject],
    ['message-id', m.messageId],
    ['sent by', `${m.senderLabel} (${m.senderEvidence})`],
    [
      'reached',
      m.identityAddress
        ? `${m.identityAddress} via ${m.identityHeader ?? '?'} (${m.identityHow ?? ''})`
        : 'none of your identities',
    ],
    ['leak', m.leak ? `yes: event ${m.leakEventId ?? '?'}` : ''],
    [
      'placed',
      `${m.folder}, attention ${m.attention}${m.muted ? ', muted' : ''}${m.flagged ? ', flagged' : ''}`,
    ],
    ['why', m.ruleReason],
    [
      'attachments',
      m.attachments
        .map((a) => `${a.filename ?? '(unnamed)'} ${a.mimeType} ${number.format(a.size)} B`)
        .join('; '),
    ],
    ['warnings', m.warnings.join('; ')],
    ['from', m.location],
  ]);
  say(`\n${m.body.length > 4000 ? `${m.body.slice(0, 4000)}\n…` : m.body}`);
}

export async function place(
  { services }: Session,
  id: string,
  o: {
    attention?: 'now' | 'today' | 'later' | 'never';
    folder?: string;
    mute?: boolean;
    unmute?: boolean;
    flag?: boolean;
    unflag?: boolean;
  },
): Promise<void> {
  if (o.mute && o.unmute) throw new VrmError('invalid_input', '--mute and --unmute contradict each other');
  if (o.flag && o.unflag) throw new VrmError('invalid_input', '--flag and --unflag contradict each other');
  const m = await services.mail.place(parseId(id, 'message'), {
    attention: o.attention,
    folder: o.folder,
    muted: o.mute ? true : o.unmute ? false : undefined,
    flagged: o.flag ? true : o.unflag ? false : undefined,
  });
  say(
    `Message ${m.id}: ${m.folder}, attention ${m.attention}${m.muted ? ', muted' : ''}${m.flagged ? ', flagged' : ''} (placed by you)`,
  );
}

/** A snippet for the terminal: hits in bold when it is one, in [brackets] when it is not. */
const snippetText = (parts: readonly { text: string; hit: boolean }[] | null): string => {
  const bold = process.stdout.isTTY;
  return (parts ?? [])
    .map((p) => (p.hit ? (bold ? `\x1b[1m${p.text}\x1b[22m` : `[${p.text}]`) : p.text))
    .join('')
    .replace(/\s+/g, ' ');
};

export async function search(
  { services }: Session,
  words: string[],
  o: JsonOption & { limit?: number },
): Promise<void> {
  const rows = await services.mail.search(words.join(' '), o.limit ?? 20);
  if (o.json) {
    printJson(rows);
    return;
  }
  if (rows.length === 0) {
    say('No message matches.');
    return;
  }
  for (const m of rows) {
    say(
      `${String(m.id).padStart(6)}  ${day(m.sentAt)}  ${m.senderLabel.slice(0, 30)}  ${m.subject.slice(0, 70)}`,
    );
    const snippet = snippetText(m.snippet);
    if (snippet) say(`        ${snippet.slice(0, 200)}`);
  }
  say(`${rows.length} ${rows.length === 1 ? 'message' : 'messages'}`);
}

export async function leaks(
  { services }: Session,
  o: JsonOption & { provider?: string; all?: boolean },
): Promise<void> {
  const report = await services.mail.leaks({ provider: o.provider, includeAllowed: o.all });
  if (o.json) {
    printJson(report);
    return;
  }
  printTable(
    report.events,
    [
      { header: 'id', value: (e) => e.id, align: 'right' },
      { header: 'given to', value: (e) => e.ownerName, maxWidth: 24 },
      { header: 'identity', value: (e) => e.identity, maxWidth: 36 },
      { header: 'used by', value: (e) => e.senderLabel, maxWidth: 28 },
      { header: 'first seen', value: (e) => day(e.firstSeen) },
      { header: 'last seen', value: (e) => day(e.lastSeen) },
      { header: 'messages', value: (e) => e.messageCount, align: 'right' },
      {
        header: 'status',
        value: (e) => (e.status === 'suspected' ? 'suspected' : `not a leak: ${e.allowedReason ?? ''}`),
      },
    ],
    'No leak: nobody wrote to an address you gave only one provider, but that provider.',
  );
}

export async function leak({ services }: Session, id: string, o: JsonOption): Promise<void> {
  const e = await services.mail.leak(parseId(id, 'leak event'));
  if (o.json) {
    printJson(e);
    return;
  }
  printRecord([
    ['leak event', e.id],
    ['identity', `${e.identity} (identity ${e.identityId})`],
    ['given to', e.ownerName],
    ['used by', e.senderLabel],
    ['first seen', day(e.firstSeen)],
    ['last seen', day(e.lastSeen)],
    ['messages', e.messageCount],
    ['status', e.status === 'suspected' ? 'suspected leak' : `not a leak: ${e.allowedReason ?? ''}`],
  ]);
  heading('The messages that show it');
  printMessages(e.messages, 'None.');
}

export async function notLeak({ services }: Session, id: string, o: { reason: string }): Promise<void> {
  const e = await services.mail.markNotLeak(parseId(id, 'leak event'), o.reason);
  say(
    `Leak event ${e.id}: not a leak. ${e.senderLabel} may now write to ${e.ownerName}'s identity (${o.reason})`,
  );
}

export async function allow(
  { services }: Session,
  o: { provider: string; sender: string; reason: string },
): Promise<void> {
  const a = await services.mail.allowSender(o);
  say(`Allowed sender ${a?.id ?? ''}: ${a?.senderLabel ?? o.sender} may write for provider ${o.provider}`);
}

export async function allowed({ services }: Session, o: JsonOption & { provider?: string }): Promise<void> {
  const providerId = o.provider === undefined ? undefined : await services.providers.resolve(o.provider);
  const rows = await services.mail.allowedSenders(providerId);
  if (o.json) {
    printJson(rows);
    return;
  }
  printTable(
    rows,
    [
      { header: 'id', value: (a) => a.id, align: 'right' },
      { header: 'provider', value: (a) => a.providerId, align: 'right' },
      { header: 'sender', value: (a) => a.senderLabel },
      { header: 'key', value: (a) => a.senderKey },
      { header: 'reason', value: (a) => a.reason, maxWidth: 50 },
      { header: 'since', value: (a) => day(a.createdAt) },
    ],
    'No allowed sender yet.',
  );
}

export async function disallow({ services }: Session, id: string): Promise<void> {
  const allowedId = parseId(id, 'allowed sender');
  await services.mail.removeAllowed(allowedId);
  say(`Removed allowed sender ${allowedId}`);
}

// ── rules ─────────────────────────────────────────────────────────────────────────────────────

interface ConditionFlags {
  fromProvider?: string[];
  category?: string[];
  providerStatus?: 'active' | 'former' | 'prospect';
  activeContract?: 'yes' | 'no';
  openCase?: 'yes' | 'no';
  identity?: string[];
  leak?: 'yes' | 'no';
  unknownSender?: 'yes' | 'no';
  list?: 'yes' | 'no';
  keyword?: string[];
  after?: string;
  before?: string;
}
interface ActionFlags {
  folder?: string;
  attention?: 'now' | 'today' | 'later' | 'never';
  mute?: boolean;
  flag?: boolean;
  case?: number;
}

const bool = (v: 'yes' | 'no' | undefined): boolean | undefined =>
  v === undefined ? undefined : v === 'yes';

async function conditionsOf({ services }: Session, o: ConditionFlags): Promise<Partial<RuleConditions>> {
  const providers =
    o.fromProvider === undefined
      ? undefined
      : await Promise.all(o.fromProvider.map((p) => services.providers.resolve(p)));
  const c: Record<string, unknown> = {
    providers,
    categories: o.category,
    providerStatus: o.providerStatus === undefined ? undefined : [o.providerStatus],
    activeContract: bool(o.activeContract),
    openCase: bool(o.openCase),
    identities: o.identity?.map((i) => parseId(i, 'identity')),
    leak: bool(o.leak),
    unknownSender: bool(o.unknownSender),
    list: bool(o.list),
    keywords: o.keyword,
    after: o.after,
    before: o.before,
  };
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));
}

const actionsOf = (o: ActionFlags) =>
  Object.fromEntries(
    Object.entries({
      folder: o.folder,
      attention: o.attention,
      mute: o.mute,
      flag: o.flag,
      caseId: o.case,
    }).filter(([, v]) => v !== undefined),
  );

export async function addRule(
  session: Session,
  o: ConditionFlags & ActionFlags & { name: string; position?: number },
): Promise<void> {
  const { rule, applied } = await session.services.mail.addRule({
    name: o.name,
    position: o.position,
    conditions: await conditionsOf(session, o),
    actions: actionsOf(o),
  });
  say(
    `Rule ${rule.id} "${rule.name}" added at position ${rule.position}; ${number.format(applied.changed)} messages moved`,
  );
}

export async function updateRule(
  session: Session,
  id: string,
  o: ConditionFlags & ActionFlags & { name?: string; position?: number; disabled?: boolean },
): Promise<void> {
  const ruleId = parseId(id, 'rule');
  const { rule, applied } = await session.services.mail.updateRule(ruleId, {
    name: o.name ?? (await session.services.mail.rule(ruleId)).name,
    position: o.position,
    enabled: !o.disabled,
    conditions: await conditionsOf(session, o),
    actions: actionsOf(o),
  });
  say(`Rule ${rule.id} "${rule.name}" updated; ${number.format(applied.changed)} messages moved`);
}

export async function previewRule(session: Session, o: ConditionFlags & JsonOption): Promise<void> {
  const preview = await session.services.mail.previewRule({ conditions: await conditionsOf(session, o) });
  if (o.json) {
    printJson(preview);
    return;
  }
  say(`${number.format(preview.matches)} stored messages match. The newest:`);
  printMessages(preview.sample, 'None.');
}

export async function listRules({ services }: Session, o: JsonOption): Promise<void> {
  const rules = await services.mail.rules();
  if (o.json) {
    printJson(rules);
    return;
  }
  printTable(
    rules,
    [
      { header: 'id', value: (r) => r.id, align: 'right' },
      { header: 'pos', value: (r) => r.position, align: 'right' },
      { header: 'name', value: (r) => r.name },
      { header: 'on', value: (r) => (r.enabled ? 'yes' : 'no') },
      { header: 'if', value: (r) => JSON.stringify(r.conditions), maxWidth: 50 },
      { header: 'then', value: (r) => JSON.stringify(r.actions), maxWidth: 40 },
    ],
    'No rule of yours yet: the defaults place your mail.',
  );
  say(
    'Then the defaults: an open case with the sender → now; a suspected leak → folder "leaked"; list mail → later;' +
      ' a provider of yours → today; anything else → later.',
  );
}

export async function deleteRule({ services }: Session, id: string): Promise<void> {
  const { deleted, applied } = await services.mail.deleteRule(parseId(id, 'rule'));
  say(`Deleted rule ${deleted}; ${number.format(applied.changed)} messages moved`);
}

export async function triage({ services }: Session): Promise<void> {
  const r = await services.mail.applyRules();
  say(`Rules run over ${number.format(r.considered)} messages; ${number.format(r.changed)} moved`);
}

export async function reclassify({ services }: Session): Promise<void> {
  const changed = await services.mail.reclassify();
  say(`${number.format(changed)} messages classified differently`);
}

export async function exportMbox({ services }: Session, o: { out: string }): Promise<void> {
  const r = await services.mail.exportMbox(o.out);
  say(
    `Wrote ${number.format(r.messages)} messages to ${o.out} (${number.format(r.originals)} as they arrived)`,
  );
}
