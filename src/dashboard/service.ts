import type { Clock } from '../platform/clock.js';
import { isoDateSchema, todayUtc, type IsoDate } from '../platform/dates.js';
import { parseInput } from '../platform/validation.js';
import type { Case, CaseService } from '../providers/cases.js';
import type { Contract, ContractService, Renewal, YearlyCosts } from '../providers/contracts.js';
import type { FollowUp, Interaction, InteractionService } from '../providers/interactions.js';
import type { ProviderService } from '../providers/service.js';
import type { ChangeService } from '../changes/service.js';
import type { RequestService } from '../requests/service.js';

/** How many rows of each list the dashboard shows; the rest is counted. */
export const DASHBOARD_ROWS = 25;
/** Renewals, or last days to cancel, within this many days show. */
export const RENEWAL_WINDOW_DAYS = 60;
/** Follow-ups due within this many days show, and every overdue one. */
export const FOLLOW_UP_WINDOW_DAYS = 7;
/** Providers shown as bars of their own in each currency's chart; the rest are summed. */
const CHART_BARS = 15;

/** The first rows of a list, and how many it has in all. */
export interface FirstRows<T> {
  readonly total: number;
  readonly items: readonly T[];
}

/** A renewal with just the fields of its contract that the dashboard shows. */
export interface DashboardRenewal extends Omit<Renewal, 'contract'> {
  readonly contract: Pick<
    Contract,
    'id' | 'providerId' | 'name' | 'priceMinor' | 'currency' | 'billingCycle' | 'billingIntervalDays'
  >;
}

/** A follow-up with just the fields of its interaction that the dashboard shows. */
export interface DashboardFollowUp extends Omit<FollowUp, 'interaction'> {
  readonly interaction: Pick<Interaction, 'id' | 'providerId' | 'subject' | 'followUpOn'>;
}

/** An open case, with the name of its provider. */
export type DashboardCase = Pick<Case, 'id' | 'providerId' | 'kind' | 'status' | 'title' | 'openedOn'> & {
  readonly providerName: string;
};

/** One bar of the spend chart: a provider's yearly cost in one currency. */
export interface SpendBar {
  readonly providerId: number;
  readonly name: string;
  readonly minor: number;
}

/** The spend chart of one currency: its total, the providers that cost most, the rest summed up. */
export interface CurrencySpend {
  readonly currency: string;
  readonly totalMinor: number;
  readonly top: readonly SpendBar[];
  readonly others: { readonly count: number; readonly minor: number };
}

/** A change campaign still in progress, with the providers whose answer is late: a reminder. */
export interface DashboardCampaign {
  readonly id: number;
  readonly title: string;
  readonly total: number;
  readonly updated: number;
  readonly failed: number;
  /** Providers that did not answer in time, by name. */
  readonly late: readonly string[];
}

/** A data-subject request that needs the person: late, due within two weeks, or answered badly. */
export interface DashboardRequest {
  readonly id: number;
  readonly providerId: number;
  readonly provider: string;
  /** "Access (Art. 15)". */
  readonly title: string;
  readonly status: string;
  readonly dueOn: string | null;
  /** What to do next, in words. */
  readonly next: string;
}

/** Requests due within this many days show, and every late or incomplete one. */
export const REQUEST_WINDOW_DAYS = 14;

/** What to act on first, on one day: the same for the CLI, the API and the web app. */
export interface Dashboard {
  readonly asOf: IsoDate;
  /** Campaigns not yet confirmed by every provider (as of today), the ones with late answers first. */
  readonly campaigns: readonly DashboardCampaign[];
  /** Data-subject requests to act on: the late ones first, then by their deadline. */
  readonly requests: readonly DashboardRequest[];
  readonly renewals: FirstRows<DashboardRenewal>;
  readonly followUps: FirstRows<DashboardFollowUp>;
  readonly openCases: FirstRows<DashboardCase>;
  readonly spend: readonly CurrencySpend[];
}

const firstOf = <T>(items: readonly T[], n: number): FirstRows<T> => ({
  total: items.length,
  items: items.slice(0, n),
});

/** Per currency: the total, the providers that cost most, and the rest summed up. */
export function spendByCurrency(costs: YearlyCosts): CurrencySpend[] {
  return costs.totals.map(({ currency, yearlyMinor }) => {
    const bars = costs.providers
      .map((p) => ({
        providerId: p.providerId,
        name: p.name,
        minor: p.costs.find((c) => c.currency === currency)?.yearlyMinor ?? 0,
      }))
      .filter((b) => b.minor > 0)
      .sort((a, b) => b.minor - a.minor || a.name.localeCompare(b.name));
    const rest = bars.slice(CHART_BARS);
    return {
      currency,
      totalMinor: yearlyMinor,
      top: bars.slice(0, CHART_BARS),
      others: { count: rest.length, minor: rest.reduce((sum, b) => sum + b.minor, 0) },
    };
  });
}

/**
 * The dashboard: renewals in the next 60 days, follow-ups due in the next 7, open cases (the
 * first 25 of each) and the yearly spend per currency. Built from the ledger's services alone.
 */
export class DashboardService {
  constructor(
    private readonly ledger: {
      readonly providers: ProviderService;
      readonly contracts: ContractService;
      readonly cases: CaseService;
      readonly interactions: InteractionService;
    },
    private readonly clock: Clock,
    /** Campaigns in progress: late answers are a reminder to follow them up. */
    private readonly changes?: ChangeService,
    /** Requests whose deadline is near or past: a reminder to admonish or complain. */
    private readonly requests?: RequestService,
  ) {}

  /**
   * The dashboard as of a day (default today).
   *
   * @example await services.dashboard.build({ asOf: '2026-03-15' })
   */
  async build(options: { asOf?: IsoDate } = {}): Promise<Dashboard> {
    const { providers, contracts, cases, interactions } = this.ledger;
    const asOf =
      options.asOf === undefined
        ? todayUtc(this.clock())
        : parseInput(isoDateSchema, options.asOf, 'as-of date');
    const [renewals, followUps, openCases, costs] = await Promise.all([
      contracts.renewals({ withinDays: RENEWAL_WINDOW_DAYS, asOf }),
      interactions.followUps({ withinDays: FOLLOW_UP_WINDOW_DAYS, asOf }),
      cases.list({ status: 'unresolved' }),
      contracts.yearlyCosts({ asOf }),
    ]);
    const campaigns = await this.campaigns();
    const requests = await this.requestsDue(asOf);
    const names = new Map(costs.providers.map((p) => [p.providerId, p.name]));
    for (const c of openCases)
      if (!names.has(c.providerId)) names.set(c.providerId, (await providers.get(c.providerId)).name);
    return {
      asOf,
      campaigns,
      requests,
      // A dashboard shows what to act on first, with just the fields it shows; the full records
      // are one click away.
      renewals: firstOf(
        renewals.map(({ contract: c, ...r }) => ({
          ...r,
          contract: {
            id: c.id,
            providerId: c.providerId,
            name: c.name,
            priceMinor: c.priceMinor,
            currency: c.currency,
            billingCycle: c.billingCycle,
            billingIntervalDays: c.billingIntervalDays,
          },
        })),
        DASHBOARD_ROWS,
      ),
      followUps: firstOf(
        followUps.map(({ interaction: i, ...f }) => ({
          ...f,
          interaction: { id: i.id, providerId: i.providerId, subject: i.subject, followUpOn: i.followUpOn },
        })),
        DASHBOARD_ROWS,
      ),
      openCases: firstOf(
        openCases.map((c) => ({
          id: c.id,
          providerId: c.providerId,
          providerName: names.get(c.providerId) ?? '',
          kind: c.kind,
          status: c.status,
          title: c.title,
          openedOn: c.openedOn,
        })),
        DASHBOARD_ROWS,
      ),
      spend: spendByCurrency(costs),
    };
  }

  private async campaigns(): Promise<DashboardCampaign[]> {
    if (!this.changes) return [];
    const open = (await this.changes.list()).filter(
      (c) => c.closedAt === null && c.progress.updated < c.progress.total,
    );
    const shown = await Promise.all(
      open.map(async (c) => ({
        id: c.id,
        title: c.title,
        total: c.progress.total,
        updated: c.progress.updated,
        failed: c.progress.failed,
        late:
          c.progress.overdue === 0
            ? []
            : ((await this.changes?.get(c.id))?.items.filter((i) => i.overdue).map((i) => i.provider) ?? []),
      })),
    );
    return shown.sort((a, b) => b.late.length - a.late.length || b.id - a.id);
  }

  private async requestsDue(asOf: IsoDate): Promise<DashboardRequest[]> {
    if (!this.requests) return [];
    const soon = new Date(`${asOf}T00:00:00Z`);
    soon.setUTCDate(soon.getUTCDate() + REQUEST_WINDOW_DAYS);
    const until = soon.toISOString().slice(0, 10);
    return (await this.requests.list())
      .filter(
        (p) =>
          p.overdue ||
          (p.status === 'answered' && p.answer === 'incomplete') ||
          (p.dueOn !== null && p.dueOn <= until && ['sent', 'extended', 'admonished'].includes(p.state)),
      )
      .map((p) => ({
        id: p.id,
        providerId: p.providerId,
        provider: p.provider,
        title: p.title,
        status: p.status,
        dueOn: p.dueOn,
        next: p.next,
      }))
      .sort(
        (a, b) =>
          Number(b.status === 'overdue') - Number(a.status === 'overdue') ||
          (a.dueOn ?? '').localeCompare(b.dueOn ?? ''),
      );
  }
}
