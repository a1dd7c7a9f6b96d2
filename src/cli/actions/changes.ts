import type { Campaign, CampaignDetail, CampaignItem } from '../../changes/views.js';
import { writeSync } from 'node:fs';
import { writeFileWhole, writeNewFile } from '../../platform/files.js';
import { readText } from '../files.js';
import type { JsonOption } from '../options.js';
import { parseId } from '../../platform/validation.js';
import { heading, note, printJson, printTable, say } from '../output.js';
import type { Session } from '../session.js';

type OnOption = { on?: string };

const STATE_WORDS: Record<CampaignItem['state'], string> = {
  drafted: 'drafted',
  sent: 'sent',
  acknowledged: 'acknowledged',
  confirmed: 'confirmed',
  failed: 'failed',
  dropped: 'dropped',
};
const CHANNEL_WORDS = { email: 'e-mail', letter: 'letter', web_form: 'web form' } as const;

const progress = (c: Campaign): string =>
  `${c.progress.updated} of ${c.progress.total} updated` +
  (c.progress.overdue > 0 ? `, ${c.progress.overdue} overdue` : '') +
  (c.progress.failed > 0 ? `, ${c.progress.failed} failed` : '');

const followUpWords = (i: CampaignItem): string =>
  i.followUps === 0 ? '' : i.followUps === 1 ? ' (followed up)' : ` (followed up ${i.followUps} times)`;

const stateOf = (i: CampaignItem): string =>
  i.overdue
    ? `overdue since ${i.dueOn ?? ''}${followUpWords(i)}`
    : i.state === 'failed'
      ? `failed: ${i.failure ?? ''}`
      : i.state === 'drafted' && i.followUps > 0
        ? `follow-up ${i.followUps} drafted`
        : `${STATE_WORDS[i.state]}${followUpWords(i)}`;

/** What to do next with an item, as the command that does it. */
function nextStep(i: CampaignItem): string {
  if (i.problem) return i.problem;
  switch (i.state) {
    case 'drafted':
    case 'failed':
      return i.channel === 'email'
        ? `review it (\`vrm change notice ${i.id}\`), then \`vrm change send ${i.campaignId}\``
        : i.channel === 'letter'
          ? `review it (\`vrm change notice ${i.id}\`), print \`vrm change letter ${i.id}\`, post it, then \`vrm change sent ${i.id}\``
          : `review it (\`vrm change notice ${i.id}\`), send it, then \`vrm change sent ${i.id}\``;
    case 'sent':
      if (i.uncertainOutboxId !== null)
        return `its send stopped half-way: check whether it arrived (\`vrm outbox show ${i.uncertainOutboxId}\`), then \`vrm outbox done ${i.uncertainOutboxId}\` or \`vrm outbox send-again ${i.uncertainOutboxId}\``;
      return i.overdue
        ? `no answer yet: \`vrm change follow-up ${i.campaignId}\`, or \`vrm change confirm ${i.id}\``
        : `wait for the reply, or \`vrm change confirm ${i.id}\``;
    case 'acknowledged':
      return i.mayHaveConfirmed ?? `\`vrm change confirm ${i.id}\` once they hold the new version`;
    case 'confirmed':
    case 'dropped':
      return '';
  }
}

function printCampaign(c: CampaignDetail): void {
  heading(`Campaign ${c.id}: ${c.title}`);
  say(`From ${c.validFrom}. ${progress(c)}; an answer is due ${c.waitDays} days after sending.`);
  printTable(
    c.items,
    [
      { header: 'item', value: (i) => i.id, align: 'right' },
      { header: 'provider', value: (i) => i.provider },
      { header: 'by', value: (i) => (i.channel ? CHANNEL_WORDS[i.channel] : 'no channel') },
      { header: 'from', value: (i) => i.from ?? '' },
      { header: 'state', value: stateOf },
      { header: 'next', value: nextStep },
    ],
    `Nobody holds an older version: add providers with \`vrm change add ${c.id} PROVIDER\`.`,
  );
}

export async function start(
  { services }: Session,
  fact: string,
  o: JsonOption & { language?: 'en' | 'de'; wait?: string },
): Promise<void> {
  const campaign = await services.changes.start({ fact, language: o.language, waitDays: o.wait });
  if (o.json) {
    printJson(campaign);
    return;
  }
  say(`Started campaign ${campaign.id} for ${campaign.title}, to ${campaign.progress.total} providers.`);
  printCampaign(campaign);
}

export async function list({ services }: Session, o: JsonOption): Promise<void> {
  const campaigns = await services.changes.list();
  if (o.json) {
    printJson(campaigns);
    return;
  }
  printTable(
    campaigns,
    [
      { header: 'id', value: (c) => c.id, align: 'right' },
      { header: 'fact', value: (c) => c.title },
      { header: 'from', value: (c) => c.validFrom },
      { header: 'progress', value: progress },
    ],
    'No campaign yet: record a new version of a fact (`vrm fact update`), then `vrm change start FACT`.',
  );
}

export async function show({ services }: Session, id: string, o: JsonOption): Promise<void> {
  const campaign = await services.changes.get(id);
  if (o.json) printJson(campaign);
  else printCampaign(campaign);
}

export async function notice({ services }: Session, id: string, o: JsonOption): Promise<void> {
  const item = await services.changes.item(id);
  if (o.json) {
    printJson(item);
    return;
  }
  const to = item.channel ? `${CHANNEL_WORDS[item.channel]} to ${item.recipient ?? ''}` : 'no channel';
  say(`To ${item.provider} by ${to}${item.from ? `, from ${item.from}` : ''}`);
  if (item.problem) say(`Before it can go: ${item.problem}`);
  say(`Subject: ${item.subject}\n\n${item.body}`);
}

export async function letter(
  { services }: Session,
  id: string,
  o: { out?: string; date?: string; force?: boolean },
): Promise<void> {
  const made = await services.changes.letter(id, { date: o.date });
  const out = o.out ?? made.filename;
  if (o.force) writeFileWhole(out, made.pdf, 'the letter');
  else writeNewFile(out, 'the letter', (fd) => writeSync(fd, made.pdf));
  for (const warning of made.warnings) note(`vrm: note: ${warning}`);
  say(
    `Wrote ${out}: ${String(made.pages)} page${made.pages === 1 ? '' : 's'}, ${made.layout} layout, to ${made.recipient.join(', ')}.`,
  );
  say(`When you have posted it: vrm change sent ${id} --on DATE (the letter is kept with the provider).`);
}

export async function add({ services }: Session, campaign: string, provider: string): Promise<void> {
  const item = await services.changes.addProvider(campaign, { provider });
  say(`Added ${item.provider} as item ${item.id}: ${nextStep(item)}`);
}

export async function drop({ services }: Session, id: string): Promise<void> {
  const item = await services.changes.drop(id);
  say(`Dropped ${item.provider} from campaign ${item.campaignId}`);
}

export async function edit(
  { services }: Session,
  id: string,
  o: { subject?: string; bodyFile?: string; channel?: 'email' | 'letter' | 'web_form' },
): Promise<void> {
  const body = o.bodyFile === undefined ? undefined : readText(o.bodyFile, 'the notice');
  const item = await services.changes.edit(id, { subject: o.subject, body, channel: o.channel });
  say(`Saved the notice to ${item.provider}${item.problem ? `; before it can go: ${item.problem}` : ''}`);
}

export async function send({ services }: Session, id: string, o: { item?: string }): Promise<void> {
  const only = o.item?.split(',').map((i) => parseId(i.trim(), 'campaign item'));
  const { campaign } = await services.changes.send(id, {
    ...(only ? { only } : {}),
    onOutcome: ({ item, said }) => {
      note(`${item.providerName}: ${item.state === 'sent' ? 'sent' : item.state}${said ? ` (${said})` : ''}`);
    },
  });
  say(
    `Campaign ${campaign.id}: ${progress(campaign)}; ${campaign.progress.sent} sent and waiting for an answer.`,
  );
}

export async function followUp({ services }: Session, id: string, o: { item?: string }): Promise<void> {
  const only = o.item?.split(',').map((i) => parseId(i.trim(), 'campaign item'));
  const { campaign, drafted } = await services.changes.followUp(id, only ? { only } : {});
  for (const item of drafted) say(`${item.provider}: ${item.subject}`);
  const email = drafted.some((i) => i.channel === 'email');
  const other = drafted.some((i) => i.channel !== 'email');
  say(
    `Drafted ${drafted.length === 1 ? 'a follow-up' : `${drafted.length} follow-ups`} on campaign ${campaign.id}: review each (\`vrm change notice ITEM\`), then ` +
      [
        ...(email ? [`\`vrm change send ${campaign.id}\` for e-mail`] : []),
        ...(other ? ['send the letters and web forms yourself and `vrm change sent ITEM`'] : []),
      ].join('; '),
  );
}

export async function sent({ services }: Session, id: string, o: OnOption): Promise<void> {
  const item = await services.changes.markSent(id, { on: o.on });
  const day = item.followedUpOn ?? item.sentOn ?? '';
  say(
    `${item.followedUpOn ? 'Followed up' : 'Sent'} to ${item.provider} on ${day}; an answer is due by ${item.dueOn ?? ''}`,
  );
}

export async function acknowledged({ services }: Session, id: string, o: OnOption): Promise<void> {
  const item = await services.changes.acknowledge(id, { on: o.on });
  say(
    `${item.provider} acknowledged on ${item.acknowledgedOn ?? ''}: \`vrm change confirm ${item.id}\` once it holds the new version`,
  );
}

export async function failed({ services }: Session, id: string, o: { reason: string }): Promise<void> {
  const item = await services.changes.fail(id, { reason: o.reason });
  say(
    `The notice to ${item.provider} failed: ${item.failure ?? ''}. Edit it (\`vrm change edit ${item.id}\`) and send it again.`,
  );
}

export async function confirm({ services }: Session, id: string, o: OnOption): Promise<void> {
  const item = await services.changes.confirm(id, { on: o.on });
  const campaign = await services.changes.get(item.campaignId);
  say(`${item.provider} holds the new version since ${item.confirmedOn ?? ''}: ${progress(campaign)}`);
}
