/** `vrm mail inbox`, `list`, `show`, `place` and `search`: reading mail and placing it by hand. */
import { VrmError } from '../../../platform/errors.js';
import { parseId } from '../../../platform/validation.js';
import { instant, plural } from '../../format.js';
import type { JsonOption } from '../../options.js';
import { heading, printJson, printRecord, printTable, say } from '../../output.js';
import type { Session } from '../../session.js';
import { day, number, printMessages } from './common.js';

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
  o: JsonOption & { limit?: number; offset?: number },
): Promise<void> {
  const page = await services.mail.search(words.join(' '), { limit: o.limit ?? 20, offset: o.offset ?? 0 });
  const rows = page.results;
  if (o.json) {
    printJson(rows);
    return;
  }
  if (rows.length === 0) {
    say(page.total === 0 ? 'No message matches.' : `No more: ${plural(page.total, 'message')} match.`);
    return;
  }
  for (const m of rows) {
    say(
      `${String(m.id).padStart(6)}  ${day(m.sentAt)}  ${m.senderLabel.slice(0, 30)}  ${m.subject.slice(0, 70)}`,
    );
    const snippet = snippetText(m.snippet);
    if (snippet) say(`        ${snippet.slice(0, 200)}`);
  }
  const last = page.offset + rows.length;
  say(
    rows.length === page.total
      ? plural(page.total, 'message')
      : `${String(page.offset + 1)}–${String(last)} of ${plural(page.total, 'message')}` +
          (last < page.total ? `; the next page: --offset ${String(last)}` : ''),
  );
}
