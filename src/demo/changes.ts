import type { Services } from '../app.js';
import { VrmError } from '../platform/errors.js';
import { MOVED_DAYS_AGO, type DemoCalendar } from './calendar.js';

/** What happens to each provider's notice in the demo's campaign, and how many days ago. */
type Fate =
  | {
      readonly state: 'confirmed';
      readonly sentDaysAgo: number;
      readonly repliedDaysAgo: number;
      readonly confirmedDaysAgo: number;
    }
  | { readonly state: 'acknowledged'; readonly sentDaysAgo: number; readonly repliedDaysAgo: number }
  | { readonly state: 'failed'; readonly sentDaysAgo: number; readonly reason: string }
  | { readonly state: 'sent'; readonly sentDaysAgo: number };

/** The campaign started two days after the move; e-mails went that day, the letter the next. */
const STARTED = MOVED_DAYS_AGO - 2;

/**
 * Alex's move as a campaign in progress: the eight providers that still held the Manchester address
 * were told, three confirmed, two acknowledged, one bounced, two are waiting (the letter to the
 * health insurer, overdue, and the broadband provider, written to late from a new alias).
 */
const FATES: Readonly<Record<string, Fate>> = {
  'Contour Mobile': { state: 'confirmed', sentDaysAgo: STARTED, repliedDaysAgo: 40, confirmedDaysAgo: 35 },
  'Northlight News': { state: 'confirmed', sentDaysAgo: STARTED, repliedDaysAgo: 41, confirmedDaysAgo: 30 },
  'Parcelpoint Marketplace': {
    state: 'confirmed',
    sentDaysAgo: STARTED,
    repliedDaysAgo: 33,
    confirmedDaysAgo: 20,
  },
  'Harbour Bank': { state: 'acknowledged', sentDaysAgo: STARTED, repliedDaysAgo: 38 },
  'Kestrel Card': { state: 'acknowledged', sentDaysAgo: STARTED, repliedDaysAgo: 36 },
  'Aegis Motor Insurance': {
    state: 'failed',
    sentDaysAgo: STARTED,
    reason: '550 5.1.1 <privacy@aegismotor.example>: Recipient address rejected: mailbox unavailable',
  },
  'Vitalis Health': { state: 'sent', sentDaysAgo: STARTED - 1 },
  'Lumen Fibre': { state: 'sent', sentDaysAgo: 10 },
};

export interface ChangesSummary {
  readonly campaigns: number;
  /** The new address recorded as held by each provider that confirmed. */
  readonly disclosures: number;
  /** Letters marked posted: each kept as a document and an outbound letter on the timeline. */
  readonly letters: number;
}

/** The move to Bristol, told to everyone who held the old address, each on the day it happened. */
export async function seedChanges(services: Services, cal: DemoCalendar): Promise<ChangesSummary> {
  const on = <T>(daysAgo: number, work: () => Promise<T>): Promise<T> =>
    services.asOf(cal.ago(daysAgo), work);
  // Lumen Fibre still had the personal address: it gets an alias of its own with the notice.
  const lumen = (await services.providers.list()).find((p) => p.name === 'Lumen Fibre');
  if (!lumen) throw new VrmError('internal', 'demo data: no provider "Lumen Fibre"');
  await on(10, () =>
    services.identities.addEmail({ provider: lumen.id, address: 'lumenfibre@alexmorgan.example' }),
  );

  const campaign = await on(STARTED, () => services.changes.start({ fact: 'home', waitDays: 21 }));
  const byName = new Map(campaign.items.map((i) => [i.provider, i]));
  let confirmed = 0;
  let letters = 0;
  for (const [provider, fate] of Object.entries(FATES)) {
    const item = byName.get(provider);
    if (!item) throw new VrmError('internal', `demo data: "${provider}" is not on the campaign`);
    if (provider === 'Lumen Fibre') await on(10, () => services.changes.edit(item.id, { channel: 'email' }));
    await on(fate.sentDaysAgo, () => services.changes.markSent(item.id, { on: cal.ago(fate.sentDaysAgo) }));
    if (item.channel === 'letter') letters++;
    if (fate.state === 'failed') {
      await on(fate.sentDaysAgo, () => services.changes.fail(item.id, { reason: fate.reason }));
      continue;
    }
    if (fate.state === 'sent') continue;
    await on(fate.repliedDaysAgo, () =>
      services.changes.acknowledge(item.id, { on: cal.ago(fate.repliedDaysAgo) }),
    );
    if (fate.state === 'confirmed') {
      await on(fate.confirmedDaysAgo, () =>
        services.changes.confirm(item.id, { on: cal.ago(fate.confirmedDaysAgo) }),
      );
      confirmed++;
    }
  }
  if (byName.size !== Object.keys(FATES).length) {
    throw new VrmError(
      'internal',
      `demo data: the campaign has ${byName.size} providers, the demo tells ${Object.keys(FATES).length}`,
    );
  }
  // Lumen Fibre's new alias is a disclosure of its own.
  return { campaigns: 1, disclosures: confirmed + 1, letters };
}
