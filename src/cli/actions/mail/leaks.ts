/** `vrm mail leaks`, `leak`, `not-leak` and the allowed senders. */
import { parseId } from '../../../platform/validation.js';
import type { JsonOption } from '../../options.js';
import { heading, printJson, printRecord, printTable, say } from '../../output.js';
import type { Session } from '../../session.js';
import { day, printMessages } from './common.js';

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
  if (e.status !== 'suspected') return;
  // The next steps a leak leads to; asking the provider what it shared (GDPR Art. 15) joins
  // them once data requests exist.
  heading('Next steps');
  if (e.identityRetiredAt === null)
    say(`Retire ${e.identity} and give ${e.ownerName} a new alias: vrm identity replace ${e.identityId}`);
  say(`Everything about ${e.ownerName}: vrm provider show ${e.ownerProviderId}`);
  say(`Record a complaint case on ${e.ownerName} about this leak: vrm mail complain ${e.id}`);
}

/** `vrm mail complain LEAK`: opens a complaint case on the provider, drafted from the leak event. */
export async function complain({ services }: Session, id: string, o: { title?: string }): Promise<void> {
  const { complaint } = await services.mail.leak(parseId(id, 'leak event'));
  const kase = await services.cases.add({
    providerId: complaint.providerId,
    kind: 'complaint',
    title: o.title ?? complaint.title,
    description: complaint.description,
  });
  say(`Opened case ${kase.id}: ${kase.title}`);
  say(complaint.description);
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
