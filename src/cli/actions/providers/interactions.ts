/** `vrm interaction …` and `vrm follow-ups`: the timeline of calls, letters and messages. */
import type { Interaction } from '../../../providers/interactions.js';
import { VrmError } from '../../../platform/errors.js';
import { instant } from '../../format.js';
import { printJson, printRecord, printTable, say } from '../../output.js';
import type { JsonOption, ProviderOption } from '../../options.js';
import { fieldsFrom, INTERACTION_FLAGS } from '../../fields.js';
import type { Session } from '../../session.js';

interface InteractionOptions {
  case?: number;
  at?: string;
  channel?: 'email' | 'phone' | 'letter' | 'chat' | 'visit' | 'web';
  direction?: 'inbound' | 'outbound';
  subject?: string;
  notes?: string;
  outcome?: string;
  followUp?: string;
  followUpDone?: string;
}

const interactionFields = (o: InteractionOptions) => fieldsFrom(INTERACTION_FLAGS, o);

/** The interactions as a table, newest first as given; shared with `vrm case show`. */
export function printInteractions(list: readonly Interaction[]): void {
  printTable(
    list,
    [
      { header: 'id', value: (i) => i.id, align: 'right' },
      { header: 'when', value: (i) => instant(i.occurredAt) },
      { header: 'provider', value: (i) => i.providerId, align: 'right' },
      { header: 'channel', value: (i) => `${i.direction === 'inbound' ? '←' : '→'} ${i.channel}` },
      { header: 'subject', value: (i) => i.subject },
      { header: 'outcome', value: (i) => i.outcome, maxWidth: 30 },
      { header: 'follow up', value: (i) => (i.followUpOn && !i.followUpDoneOn ? i.followUpOn : '') },
    ],
    'No interactions.',
  );
}

export async function addInteraction(
  s: Session,
  o: InteractionOptions & { provider: string },
): Promise<void> {
  const missing = (['channel', 'direction', 'subject'] as const).filter((k) => o[k] === undefined);
  if (missing.length > 0) {
    throw new VrmError('invalid_input', `interaction add needs ${missing.map((k) => `--${k}`).join(', ')}`);
  }
  const interaction = await s.services.interactions.add({
    ...interactionFields(o),
    channel: o.channel ?? 'email',
    direction: o.direction ?? 'outbound',
    subject: o.subject ?? '',
    providerId: await s.services.providers.resolve(o.provider),
  });
  say(`Logged interaction ${interaction.id}: ${interaction.subject}`);
}

export async function listInteractions(
  s: Session,
  o: JsonOption & ProviderOption & { case?: number; since?: string; until?: string; limit?: number },
): Promise<void> {
  const list = await s.services.interactions.list({
    provider: o.provider,
    caseId: o.case,
    since: o.since,
    until: o.until,
    limit: o.limit,
  });
  if (o.json) {
    printJson(list);
    return;
  }
  printInteractions(list);
}

export async function showInteraction(s: Session, id: number, o: JsonOption): Promise<void> {
  const i = await s.services.interactions.get(id);
  if (o.json) {
    printJson(i);
    return;
  }
  printRecord([
    ['id', i.id],
    ['provider', i.providerId],
    ['case', i.caseId],
    ['when', instant(i.occurredAt)],
    ['channel', i.channel],
    ['direction', i.direction],
    ['subject', i.subject],
    ['notes', i.notes],
    ['outcome', i.outcome],
    ['follow up', i.followUpOn],
    ['follow-up done', i.followUpDoneOn],
  ]);
}

export async function updateInteraction(s: Session, id: number, o: InteractionOptions): Promise<void> {
  const i = await s.services.interactions.update(id, interactionFields(o));
  say(`Updated interaction ${i.id}: ${i.subject}`);
}

export async function doneInteraction(s: Session, id: number, o: { on?: string }): Promise<void> {
  const i = await s.services.interactions.completeFollowUp(id, o.on);
  say(`Follow-up of interaction ${i.id} done on ${i.followUpDoneOn ?? ''}.`);
}

export async function deleteInteraction(s: Session, id: number): Promise<void> {
  await s.services.interactions.delete(id);
  say(`Deleted interaction ${id}.`);
}

export async function followUps(
  s: Session,
  o: JsonOption & { within?: number; asOf?: string },
): Promise<void> {
  const list = await s.services.interactions.followUps({ withinDays: o.within, asOf: o.asOf });
  if (o.json) {
    printJson(list);
    return;
  }
  printTable(
    list,
    [
      { header: 'due', value: (f) => f.interaction.followUpOn },
      { header: '', value: (f) => (f.overdue ? 'OVERDUE' : '') },
      { header: 'provider', value: (f) => f.providerName },
      { header: 'subject', value: (f) => f.interaction.subject },
      { header: 'interaction', value: (f) => f.interaction.id, align: 'right' },
    ],
    'No follow-ups due.',
  );
}
