import type { CurrencySpend, FirstRows } from '../../dashboard/service.js';
import { FOLLOW_UP_WINDOW_DAYS, RENEWAL_WINDOW_DAYS } from '../../dashboard/service.js';
import { cancelByText, cycle, money } from '../format.js';
import type { JsonOption } from '../options.js';
import { heading, printJson, printTable, say } from '../output.js';
import type { Session } from '../session.js';

/** Says how much of a list a table left out. */
function more(list: FirstRows<unknown>): void {
  if (list.total > list.items.length) say(`Showing the first ${list.items.length} of ${list.total}.`);
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** One currency's spend: the providers that cost most, the rest in one row, then the total. */
function printSpend(spend: CurrencySpend): void {
  const rows = [
    ...spend.top.map((bar) => ({ name: bar.name, minor: bar.minor })),
    ...(spend.others.count > 0
      ? [{ name: plural(spend.others.count, 'other provider', 'other providers'), minor: spend.others.minor }]
      : []),
  ];
  printTable(rows, [
    { header: 'provider', value: (r) => r.name },
    { header: 'per year', value: (r) => money(r.minor, spend.currency), align: 'right' },
  ]);
  say(`Total per year: ${money(spend.totalMinor, spend.currency)}`);
}

/** `vrm dashboard`: renewals, follow-ups due, open cases and the yearly spend, as the web app shows them. */
export async function dashboard({ services }: Session, o: JsonOption & { asOf?: string }): Promise<void> {
  const view = await services.dashboard.build({ asOf: o.asOf });
  if (o.json) {
    printJson(view);
    return;
  }
  say(
    `Dashboard for ${view.asOf}: ${plural(view.renewals.total, 'renewal', 'renewals')} in the next ` +
      `${RENEWAL_WINDOW_DAYS} days · ${plural(view.followUps.total, 'follow-up', 'follow-ups')} due · ` +
      plural(view.openCases.total, 'open case', 'open cases'),
  );

  if (view.campaigns.length > 0) {
    heading('Change campaigns in progress');
    printTable(
      view.campaigns,
      [
        { header: 'campaign', value: (c) => c.id, align: 'right' },
        { header: 'what changed', value: (c) => c.title },
        { header: 'updated', value: (c) => `${c.updated} of ${c.total}` },
        {
          header: 'late',
          value: (c) => (c.late.length === 0 ? '' : `${c.late.join(', ')}: \`vrm change follow-up ${c.id}\``),
        },
      ],
      '',
    );
  }

  heading('Upcoming renewals');
  printTable(
    view.renewals.items,
    [
      { header: 'cancel by', value: (r) => cancelByText(r) },
      { header: 'days left', value: (r) => (r.daysToCancel < 0 ? 'passed' : r.daysToCancel), align: 'right' },
      { header: 'renews', value: (r) => r.renewsOn },
      { header: 'provider', value: (r) => r.providerName },
      { header: 'contract', value: (r) => `${r.contract.name} (${r.contract.id})` },
      {
        header: 'price',
        value: (r) => `${money(r.contract.priceMinor, r.contract.currency)} ${cycle(r.contract)}`,
      },
    ],
    `Nothing renews in the next ${RENEWAL_WINDOW_DAYS} days.`,
  );
  more(view.renewals);

  heading('Follow-ups due');
  printTable(
    view.followUps.items,
    [
      { header: 'due', value: (f) => f.interaction.followUpOn },
      { header: '', value: (f) => (f.overdue ? 'OVERDUE' : '') },
      { header: 'provider', value: (f) => f.providerName },
      { header: 'subject', value: (f) => f.interaction.subject },
      { header: 'interaction', value: (f) => f.interaction.id, align: 'right' },
    ],
    `No follow-ups due in the next ${FOLLOW_UP_WINDOW_DAYS} days.`,
  );
  more(view.followUps);

  heading('Open cases');
  printTable(
    view.openCases.items,
    [
      { header: 'id', value: (c) => c.id, align: 'right' },
      { header: 'opened', value: (c) => c.openedOn },
      { header: 'status', value: (c) => c.status },
      { header: 'kind', value: (c) => c.kind },
      { header: 'provider', value: (c) => c.providerName },
      { header: 'title', value: (c) => c.title },
    ],
    'No open complaints or disputes.',
  );
  more(view.openCases);

  if (view.spend.length === 0) {
    heading('Yearly spend');
    say('No running contracts, so nothing to add up.');
  }
  // Amounts in different currencies are never added up: one table each.
  for (const spend of view.spend) {
    heading(`Yearly spend in ${spend.currency}`);
    printSpend(spend);
  }
}
