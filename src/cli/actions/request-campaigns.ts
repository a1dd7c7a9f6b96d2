/** `vrm request campaign …`: many requests in one step, followed in one view (issue 16). */
import type { RequestCampaign } from '../../requests/service.js';
import { parseId } from '../../platform/validation.js';
import type { KIND_CHOICES } from '../commands/requests.js';
import type { JsonOption } from '../options.js';
import { heading, printJson, printTable, say } from '../output.js';
import type { Session } from '../session.js';
import { kindOf } from './requests.js';
import { printProceedings } from './request-views.js';

/** "2 drafted, 1 waiting, 1 overdue", in the order a proceeding goes. */
const ORDER = [
  'drafted',
  'sent',
  'waiting',
  'extended',
  'overdue',
  'answered',
  'admonished',
  'complaint',
  'done',
  'withdrawn',
];
const progress = (c: RequestCampaign): string =>
  Object.entries(c.progress)
    .sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b))
    .map(([status, count]) => `${String(count)} ${status === 'complaint' ? 'complaint lodged' : status}`)
    .join(', ') || 'no request';

function printCampaign(c: RequestCampaign): void {
  heading(`Request campaign ${String(c.id)}: ${c.title}, to ${c.scope}`);
  say(`Started ${c.createdAt.slice(0, 10)}. ${String(c.proceedings.length)} requests: ${progress(c)}.`);
  printProceedings(c.proceedings, 'No request in this campaign.');
  for (const s of c.skipped) say(`Not asked: ${s.provider}: ${s.reason}`);
}

export async function start(
  { services }: Session,
  o: JsonOption & {
    fact?: string;
    category?: string;
    kind?: (typeof KIND_CHOICES)[number];
    language?: 'en' | 'de';
  },
): Promise<void> {
  const campaign = await services.requests.startCampaign({
    fact: o.fact,
    category: o.category,
    kind: kindOf(o.kind),
    language: o.language,
  });
  if (o.json) {
    printJson(campaign);
    return;
  }
  say(
    `Started request campaign ${String(campaign.id)}: drafted ${String(campaign.proceedings.length)} requests to ${campaign.scope}. Review them, then \`vrm request campaign send ${String(campaign.id)}\` sends the e-mails.`,
  );
  printCampaign(campaign);
}

export async function list({ services }: Session, o: JsonOption): Promise<void> {
  const campaigns = await services.requests.campaigns();
  if (o.json) {
    printJson(campaigns);
    return;
  }
  printTable(
    campaigns,
    [
      { header: 'id', value: (c) => c.id, align: 'right' },
      { header: 'kind', value: (c) => c.title },
      { header: 'to', value: (c) => c.scope },
      { header: 'started', value: (c) => c.createdAt.slice(0, 10) },
      { header: 'progress', value: progress, maxWidth: 60 },
    ],
    'No request campaign yet: `vrm request campaign start --category CATEGORY` asks every provider of a category.',
  );
}

export async function show({ services }: Session, id: string, o: JsonOption): Promise<void> {
  const campaign = await services.requests.campaign(parseId(id, 'request campaign'));
  if (o.json) printJson(campaign);
  else printCampaign(campaign);
}

export async function send({ services }: Session, id: string): Promise<void> {
  const { campaign } = await services.requests.sendCampaign(parseId(id, 'request campaign'), {
    onOutcome: ({ item, said }) => {
      say(`${item.providerName}: ${item.state === 'sent' ? 'sent' : item.state} (${said})`);
    },
  });
  say(`Request campaign ${String(campaign.id)}: ${progress(campaign)}.`);
  const byHand = campaign.proceedings.filter((p) => p.state === 'drafted' && p.channel !== 'email');
  if (byHand.length > 0) {
    say(
      `${String(byHand.length)} go by letter or web form: send each yourself (\`vrm request show ID\`), then \`vrm request sent ID\`.`,
    );
  }
}
