import type { Clock } from '../platform/clock.js';
import { todayUtc } from '../platform/dates.js';
import type { Db } from '../platform/db/handle.js';
import { parseInput } from '../platform/validation.js';
import type { Case } from '../providers/cases.js';
import type { Contract } from '../providers/contracts.js';
import {
  alertViews,
  dismissAlert,
  findAlert,
  openCaseFromAlert,
  restoreAlert,
  type AlertView,
} from './alert-decisions.js';
import type { MoneyAreas } from './context.js';
import { AlertStateRepository } from './repository.js';
import {
  confirmSubscriptionInput,
  subscriptionsQuery,
  type ConfirmSubscriptionInput,
  type SubscriptionsQuery,
} from './schemas.js';
import {
  confirmSubscription,
  findSubscription,
  recurringOverview,
  seriesDetail,
  type Subscription,
  type SubscriptionDetail,
} from './subscriptions.js';

/** The recurring payments and the alerts on them, each with the person's decision. */
export interface SubscriptionsOverview {
  /** Running ones first, then by what they cost a period, most first. */
  readonly subscriptions: readonly Subscription[];
  /** Most important first; the dismissed ones only when asked for (`all`). */
  readonly alerts: readonly AlertView[];
  /** How many alerts the person dismissed. */
  readonly dismissed: number;
}

/**
 * The recurring payments found in the bookings and the alerts on them (issue 17, point 3), with
 * what the person decides: an alert dismissed or restored, a case opened, a recurring payment made
 * a contract. `MoneyService` delegates to it; the CLI and the HTTP API call `MoneyService`.
 */
export class RecurringPayments {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly areas: MoneyAreas,
  ) {}

  /** The overview, the dismissed alerts only when asked for (`all`). */
  async subscriptions(query: SubscriptionsQuery = {}): Promise<SubscriptionsOverview> {
    const { all } = parseInput(subscriptionsQuery, query, 'subscriptions');
    const { subscriptions, alerts } = await this.overviewWithDecisions();
    const shown = all ? alerts : alerts.filter((a) => a.state !== 'dismissed');
    const dismissed = alerts.filter((a) => a.state === 'dismissed').length;
    return { subscriptions, alerts: shown, dismissed };
  }

  /** The overview with every alert numbered and the person's decisions on it. */
  private async overviewWithDecisions() {
    const [overview, states, providers] = await Promise.all([
      recurringOverview(this.db, this.areas, todayUtc(this.clock())),
      new AlertStateRepository(this.db).all(),
      this.areas.providers.list(),
    ]);
    const titles = new Map(overview.subscriptions.map((s) => [s.key, s.providerName ?? s.label]));
    const names = { providers: new Map(providers.map((p) => [p.id, p.name])), titles };
    return { ...overview, alerts: alertViews(overview.alerts, states, names, overview.contracts) };
  }

  /** One recurring payment (by a payment's booking number, or its key) with its payments and alerts. */
  async subscription(ref: number | string): Promise<SubscriptionDetail> {
    return seriesDetail(await this.overviewWithDecisions(), ref);
  }

  /** Dismisses an alert (by its number in the overview, or its key), across imports. */
  async dismissAlert(ref: number | string): Promise<AlertView> {
    const { alerts } = await this.overviewWithDecisions();
    const alert = findAlert(alerts, ref);
    await dismissAlert(this.db, alert, this.clock().toISOString());
    return { ...alert, state: 'dismissed' };
  }

  /** Shows a dismissed alert again (by its number or key). */
  async restoreAlert(ref: number | string): Promise<AlertView | { readonly key: string }> {
    const { alerts } = await this.overviewWithDecisions();
    const text = String(ref).trim();
    // A key is restored even when its alert has gone meanwhile, so nothing stays hidden for good.
    const alert = /^\d+$/u.test(text) ? findAlert(alerts, text) : alerts.find((a) => a.key === text);
    await restoreAlert(this.db, alert?.key ?? text, this.clock().toISOString());
    if (alert === undefined) return { key: text };
    return { ...alert, state: alert.caseId === null ? 'open' : 'case' };
  }

  /** Opens a case for a charge after a contract's end (a `still-charging` alert), once per alert. */
  async openCaseFromAlert(ref: number | string): Promise<{ case: Case; created: boolean; alert: AlertView }> {
    const overview = await this.overviewWithDecisions();
    const alert = findAlert(overview.alerts, ref);
    const opened = await openCaseFromAlert(this.areas, alert, overview, this.clock().toISOString());
    return { ...opened, alert: { ...alert, state: 'case', caseId: opened.case.id } };
  }

  /** Makes a recurring payment a contract in one step (see `confirmSubscription`). */
  async confirmSubscription(ref: number | string, input: ConfirmSubscriptionInput = {}): Promise<Contract> {
    const choice = parseInput(confirmSubscriptionInput, input, 'subscription');
    const { subscriptions } = await recurringOverview(this.db, this.areas, todayUtc(this.clock()));
    return confirmSubscription(this.areas, findSubscription(subscriptions, ref), choice);
  }
}
