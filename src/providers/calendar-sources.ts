import type { CalendarEvent, CalendarSource } from '../calendar/source.js';
import { describePeriod, parsePeriod, type IsoDate } from '../platform/dates.js';
import { formatAmount } from '../platform/money.js';
import type { CaseService } from './cases.js';
import type { Contract, ContractService } from './contracts.js';
import type { InteractionService } from './interactions.js';
import type { ProviderService } from './service.js';

/** Reminders before a last day to cancel: a week before, and the day before. */
export const CANCEL_REMINDERS = [7, 1] as const;

const CYCLE_WORDS: Record<Contract['billingCycle'], string> = {
  weekly: 'a week',
  monthly: 'a month',
  quarterly: 'a quarter',
  'half-yearly': 'every six months',
  yearly: 'a year',
  days: 'days',
};

function priceText(c: Contract): string {
  const price = formatAmount({ minor: c.priceMinor, currency: c.currency });
  return c.billingCycle === 'days'
    ? `${price} every ${c.billingIntervalDays ?? 1} days`
    : `${price} ${CYCLE_WORDS[c.billingCycle]}`;
}

const noticeText = (c: Contract): string => {
  const notice = c.noticePeriod === null ? null : parsePeriod(c.noticePeriod);
  return notice === null ? 'no notice period' : `${describePeriod(notice)}’ notice`;
};

/** "Brightside Energy – Strom": the provider, then the contract's own name. */
const label = (providerName: string, c: Contract): string => `${providerName} – ${c.name}`;

/**
 * A contract's days: its next renewal; the last day to cancel before the next renewal that notice
 * can still stop, the same figure the dashboard shows as "cancel by" (or, once that day has
 * passed, its `nextChance`), with reminders; and the day it ends, when it ends without renewing.
 * All three come from `toContract`'s derived figures, never computed again here.
 */
export function contractEvents(c: Contract, providerName: string): CalendarEvent[] {
  const provider = { id: c.providerId, name: providerName };
  const route = `providers/${c.providerId}`;
  const what = label(providerName, c);
  const events: CalendarEvent[] = [];
  const { nextRenewal, cancelBy, nextChance } = c.derived;
  if (nextRenewal !== null) {
    events.push({
      key: `renewal-${c.id}`,
      kind: 'renewal',
      date: nextRenewal,
      summary: `Renewal: ${what}`,
      description: `${c.name} with ${providerName} renews on this day, at ${priceText(c)}; ${noticeText(c)}.`,
      provider,
      route,
      remindDaysBefore: [],
    });
  }
  const chance =
    nextChance ?? (nextRenewal !== null && cancelBy !== null ? { renewsOn: nextRenewal, cancelBy } : null);
  if (chance !== null) {
    events.push({
      key: `cancel-by-${c.id}`,
      kind: 'cancel-by',
      date: chance.cancelBy,
      summary: `Last day to cancel: ${what}`,
      description:
        `Give notice to ${providerName} by this day, or ${c.name} renews on ${chance.renewsOn} ` +
        `at ${priceText(c)} (${noticeText(c)}).`,
      provider,
      route,
      remindDaysBefore: CANCEL_REMINDERS,
    });
  }
  if (c.endDate !== null && nextRenewal === null) {
    events.push({
      key: `contract-end-${c.id}`,
      kind: 'contract-end',
      date: c.endDate,
      summary: `Ends: ${what}`,
      description: `${c.name} with ${providerName} ends on this day.`,
      provider,
      route,
      remindDaysBefore: [],
    });
  }
  return events;
}

/**
 * The calendar's sources from the provider ledger: contracts (renewals, last days to cancel,
 * ends), open follow-ups, and the dates of cases still open. Registered in `src/app.ts`.
 */
export function ledgerCalendarSources(ledger: {
  readonly providers: ProviderService;
  readonly contracts: ContractService;
  readonly interactions: InteractionService;
  readonly cases: CaseService;
}): CalendarSource[] {
  const contracts: CalendarSource = {
    kind: 'contract',
    events: async (asOf: IsoDate) =>
      (await ledger.contracts.runningOn(asOf)).flatMap(({ contract, providerName }) =>
        contractEvents(contract, providerName),
      ),
  };
  const followUps: CalendarSource = {
    kind: 'follow-up',
    events: async () =>
      (await ledger.interactions.pending()).flatMap((i) =>
        i.followUpOn === null
          ? []
          : [
              {
                key: `follow-up-${i.id}`,
                kind: 'follow-up',
                date: i.followUpOn,
                summary: `Follow up: ${i.providerName} – ${i.subject}`,
                description: [
                  `Follow up with ${i.providerName} on “${i.subject}” (${i.channel}, ${i.occurredAt.slice(0, 10)}).`,
                  i.outcome === null ? null : `Outcome so far: ${i.outcome}`,
                  i.notes,
                ]
                  .filter((part) => part !== null && part !== '')
                  .join('\n'),
                provider: { id: i.providerId, name: i.providerName },
                route: `providers/${i.providerId}`,
                remindDaysBefore: [],
              },
            ],
      ),
  };
  const cases: CalendarSource = {
    kind: 'case',
    events: async () => {
      const open = await ledger.cases.list({ status: 'unresolved' });
      const names = new Map<number, string>();
      for (const c of open)
        if (!names.has(c.providerId))
          names.set(c.providerId, (await ledger.providers.get(c.providerId)).name);
      return open.flatMap((c) => {
        const providerName = names.get(c.providerId) ?? '';
        const noun = c.kind === 'dispute' ? 'Dispute' : 'Complaint';
        const base = {
          provider: { id: c.providerId, name: providerName },
          route: `providers/${c.providerId}`,
          remindDaysBefore: [],
        };
        const reference = c.reference === null ? '' : ` (their reference ${c.reference})`;
        const days: CalendarEvent[] = [
          {
            ...base,
            key: `case-opened-${c.id}`,
            kind: 'case',
            date: c.openedOn,
            summary: `${noun} opened: ${providerName} – ${c.title}`,
            description: `${noun} “${c.title}” with ${providerName}${reference}, still ${c.status}.`,
          },
        ];
        if (c.escalatedOn !== null) {
          days.push({
            ...base,
            key: `case-escalated-${c.id}`,
            kind: 'case',
            date: c.escalatedOn,
            summary: `${noun} escalated: ${providerName} – ${c.title}`,
            description: `${noun} “${c.title}” with ${providerName}${reference} was escalated on this day.`,
          });
        }
        return days;
      });
    },
  };
  return [contracts, followUps, cases];
}
