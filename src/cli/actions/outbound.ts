/** `vrm send …` and `vrm outbox …`: the SMTP server, and the outbox of drafts and sent items. */
import type { OutboxItem, SendOutcome } from '../../outbound/service.js';
import { VrmError } from '../../platform/errors.js';
import { parseId } from '../../platform/validation.js';
import { readText } from '../files.js';
import { instant } from '../format.js';
import type { JsonOption } from '../options.js';
import { printJson, printRecord, printTable, say } from '../output.js';
import { promptHidden } from '../prompt.js';
import type { Session } from '../session.js';

type TextOptions = { body?: string; bodyFile?: string };

/** The SMTP password: from VRM_SMTP_PASSWORD, else asked on the terminal; never an argument. */
async function smtpPassword(session: Session, user: string): Promise<string | undefined> {
  const fromEnv = process.env.VRM_SMTP_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (process.stdin.isTTY) return promptHidden(`SMTP password for ${user}: `);
  // No terminal: a change of other settings keeps the password already kept.
  if ((await session.services.outbound.sending.get())?.passwordSet) return undefined;
  throw new VrmError('invalid_input', 'no terminal to ask for the SMTP password: set VRM_SMTP_PASSWORD');
}

export async function setupSending(
  session: Session,
  o: {
    host: string;
    user: string;
    port?: number;
    security: 'starttls' | 'tls' | 'none';
    name?: string;
    allowSelfSigned?: boolean;
  },
): Promise<void> {
  const password = await smtpPassword(session, o.user);
  const s = await session.services.outbound.sending.setup({
    host: o.host,
    port: o.port,
    security: o.security,
    username: o.user,
    password,
    displayName: o.name,
    allowSelfSigned: o.allowSelfSigned,
  });
  say(
    `Sending through ${s.host}:${String(s.port)} (${s.security}) as ${s.username}: logged in, settings kept`,
  );
}

export async function showSending({ services }: Session, o: JsonOption): Promise<void> {
  const s = await services.outbound.sending.get();
  if (o.json) {
    printJson(s);
    return;
  }
  if (!s) {
    say('Sending is not set up: `vrm send setup --host smtp.example.org --user you@example.org`');
    return;
  }
  printRecord([
    ['server', `${s.host}:${String(s.port)}`],
    ['security', s.security],
    ['user', s.username],
    ['password', s.passwordSet ? 'set' : 'not set (give it with `vrm send setup`)'],
    ['display name', s.displayName],
    ['self-signed certificate', s.allowSelfSigned ? 'trusted' : null],
  ]);
}

export async function testSending({ services }: Session, o: { to: string }): Promise<void> {
  const { to, response } = await services.outbound.sending.test({ to: o.to });
  say(`Test message sent to ${to}. The server said: ${response}`);
}

export async function removeSending({ services }: Session): Promise<void> {
  await services.outbound.sending.remove();
  say('The SMTP server and its password are forgotten');
}

const CHANNEL_WORDS = { email: 'e-mail', letter: 'letter', web_form: 'web form' } as const;

export async function listOutbox(
  { services }: Session,
  o: JsonOption & { provider?: string; state?: string },
): Promise<void> {
  const items = await services.outbound.list({ provider: o.provider, state: o.state });
  if (o.json) {
    printJson(items);
    return;
  }
  printTable(
    items,
    [
      { header: 'id', value: (i) => i.id, align: 'right' },
      { header: 'state', value: (i) => i.state },
      { header: 'provider', value: (i) => i.providerName },
      { header: 'by', value: (i) => CHANNEL_WORDS[i.channel] },
      { header: 'subject', value: (i) => i.subject },
      { header: 'sent', value: (i) => (i.sentAt ? instant(i.sentAt) : '') },
    ],
    'The outbox is empty: `vrm outbox draft --provider NAME --subject TEXT --body-file FILE`',
  );
}

export async function showItem(
  { services }: Session,
  id: string,
  o: JsonOption & { raw?: boolean },
): Promise<void> {
  const itemId = parseId(id, 'outbox item');
  if (o.raw) {
    process.stdout.write(await services.outbound.raw(itemId));
    return;
  }
  const item = await services.outbound.get(itemId);
  if (o.json) {
    printJson(item);
    return;
  }
  printItem(item);
}

function printItem(item: OutboxItem): void {
  printRecord([
    ['item', item.id],
    ['state', item.state],
    ['provider', item.providerName],
    ['by', CHANNEL_WORDS[item.channel]],
    ['from', item.fromAddress],
    ['to', item.channel === 'letter' ? (item.toAddress ?? '').replace(/\n/g, ', ') : item.toAddress],
    ['web form', item.webForm],
    ['message-id', item.messageId === null ? null : `<${item.messageId}>`],
    ['sent', item.sentAt ? instant(item.sentAt) : null],
    ['problem', item.failure],
    ['reply', item.repliedAt ? instant(item.repliedAt) : null],
    ['subject', item.subject],
  ]);
  say(`\n${item.body}`);
}

function textOf(o: TextOptions): string | undefined {
  if (o.body !== undefined && o.bodyFile !== undefined) {
    throw new VrmError('invalid_input', 'give the text with --body or --body-file, not both');
  }
  return o.bodyFile === undefined ? o.body : readText(o.bodyFile, 'the text');
}

export async function draftItem(
  { services }: Session,
  o: TextOptions & { provider: string; channel: 'email' | 'letter' | 'web_form'; subject: string },
): Promise<void> {
  const body = textOf(o);
  if (body === undefined) throw new VrmError('invalid_input', 'give the text with --body or --body-file');
  const providerId = await services.providers.resolve(o.provider);
  const item = await services.outbound.draft({ providerId, channel: o.channel, subject: o.subject, body });
  say(
    `Draft ${String(item.id)} to ${item.providerName} (${CHANNEL_WORDS[item.channel]}): read it with \`vrm outbox show ${String(item.id)}\`, send it with \`vrm outbox send ${String(item.id)}\``,
  );
}

export async function editItem(
  { services }: Session,
  id: string,
  o: TextOptions & { subject?: string },
): Promise<void> {
  const item = await services.outbound.edit(parseId(id, 'outbox item'), {
    subject: o.subject,
    body: textOf(o),
  });
  say(`Draft ${String(item.id)} changed`);
}

function tell({ item, said }: SendOutcome): void {
  const to = `${item.providerName} <${item.toAddress ?? ''}>`;
  if (item.state === 'sent') say(`Sent ${String(item.id)} to ${to}: ${said}`);
  else say(`Not sent ${String(item.id)} to ${to} (${item.state}): ${said}`);
}

/** Each outcome was told as it came; fails the command when any did not go. */
function report(outcomes: readonly SendOutcome[]): void {
  const bad = outcomes.filter((o) => o.item.state !== 'sent');
  if (bad.length > 0) {
    throw new VrmError(
      'invalid_input',
      `${String(bad.length)} of ${String(outcomes.length)} not sent: see \`vrm outbox list --state ${bad[0]?.item.state ?? 'failed'}\``,
    );
  }
}

export async function sendItems({ services }: Session, ids: string[], o: { all?: boolean }): Promise<void> {
  if (o.all === true && ids.length > 0)
    throw new VrmError('invalid_input', 'name items or give --all, not both');
  if (o.all !== true && ids.length === 0) {
    throw new VrmError('invalid_input', 'name the items to send (`vrm outbox send 3 4`), or give --all');
  }
  const interrupted = await services.outbound.recoverInterrupted();
  for (const id of interrupted) {
    say(
      `Item ${String(id)} was being sent when vrm stopped: it may have gone. Check your sent mail, then \`vrm outbox done ${String(id)}\` or \`vrm outbox send-again ${String(id)}\``,
    );
  }
  const outcomes = await services.outbound.send(
    o.all === true ? undefined : ids.map((i) => parseId(i, 'outbox item')),
    { onOutcome: tell },
  );
  if (outcomes.length === 0) say('Nothing to send');
  report(outcomes);
}

export async function sendAgain({ services }: Session, id: string): Promise<void> {
  const outcome = await services.outbound.sendAgain(parseId(id, 'outbox item'));
  tell(outcome);
  report([outcome]);
}

export async function markDone({ services }: Session, id: string, o: { on?: string }): Promise<void> {
  const item = await services.outbound.markSent(parseId(id, 'outbox item'), { on: o.on });
  say(
    `Item ${String(item.id)} to ${item.providerName} is sent (${instant(item.sentAt ?? '')}), and on its timeline`,
  );
}

export async function deleteItem({ services }: Session, id: string): Promise<void> {
  const itemId = parseId(id, 'outbox item');
  await services.outbound.delete(itemId);
  say(`Item ${String(itemId)} deleted`);
}
