import { addPeriod } from '../platform/dates.js';
import { KIND_LABELS } from '../vault/kind-names.js';
import type { FactWithHistory } from '../vault/service.js';
import type { CampaignRow, ItemView } from './repository.js';
import type { CampaignChannel, ItemState } from './schemas.js';
import type { ChangeableKind, Language } from './templates.js';

/** One provider in a campaign, as the campaign page shows it. */
export interface CampaignItem {
  readonly id: number;
  readonly campaignId: number;
  readonly providerId: number;
  readonly provider: string;
  /** The version it held when the campaign started, and what that said; null when added by hand. */
  readonly heldVersion: number | null;
  readonly held: string | null;
  readonly channel: CampaignChannel | null;
  /** The identity it knows, to write from (an e-mail item). */
  readonly identityId: number | null;
  readonly from: string | null;
  /** Its e-mail address, postal address or web form. */
  readonly recipient: string | null;
  /** Why it cannot be sent as it is, and what to do. */
  readonly problem: string | null;
  readonly subject: string;
  readonly body: string;
  readonly state: ItemState;
  /** Sent and unanswered past the campaign's wait: time for a reminder. */
  readonly overdue: boolean;
  /** The day an answer is due, once sent (from the latest follow-up, if any). */
  readonly dueOn: string | null;
  readonly sentOn: string | null;
  /** Follow-ups drafted after the answer was late, and the day the latest went out. */
  readonly followUps: number;
  readonly followedUpOn: string | null;
  readonly acknowledgedOn: string | null;
  readonly confirmedOn: string | null;
  readonly failure: string | null;
  /**
   * After a reply, a later message or document from the provider may be its confirmation: said
   * in words, for the person to check and confirm. Null when there is none.
   */
  readonly mayHaveConfirmed: string | null;
  /**
   * The outbox item whose send stopped at an unknown point (`uncertain`): the notice may or may
   * not have reached the server, and the person checks before anything is sent again. Null
   * otherwise.
   */
  readonly uncertainOutboxId: number | null;
}

export interface CampaignProgress {
  /** Providers on the campaign (dropped ones are not counted). */
  readonly total: number;
  /** Confirmed: they hold the new version. */
  readonly updated: number;
  readonly drafted: number;
  readonly sent: number;
  readonly acknowledged: number;
  readonly failed: number;
  readonly overdue: number;
}

export interface Campaign {
  readonly id: number;
  readonly factId: number;
  readonly fact: string;
  readonly kind: ChangeableKind;
  readonly toVersion: number;
  /** The new value in one line, and the day it holds from. */
  readonly to: string;
  readonly validFrom: string;
  readonly language: Language;
  readonly waitDays: number;
  readonly createdAt: string;
  readonly closedAt: string | null;
  /** "home (postal address): 12 Cotham Hill, BS6 6LA Bristol, GB". */
  readonly title: string;
  readonly progress: CampaignProgress;
}

export interface CampaignDetail extends Campaign {
  readonly items: readonly CampaignItem[];
}

/** An item as the campaign page shows it; `today` decides whether it is overdue. */
export function toItem(
  row: ItemView,
  campaign: CampaignRow,
  fact: FactWithHistory,
  today: string,
): CampaignItem {
  const state = row.state as ItemState;
  const dueOn =
    row.sentOn === null
      ? null
      : (addPeriod(row.followedUpOn ?? row.sentOn, { count: 1, unit: 'D' }, campaign.waitDays) ?? null);
  const held = row.heldVersion === null ? undefined : fact.history.find((v) => v.version === row.heldVersion);
  return {
    id: row.id,
    campaignId: row.campaignId,
    providerId: row.providerId,
    provider: row.provider,
    heldVersion: row.heldVersion,
    held: held?.summary ?? null,
    channel: row.channel as CampaignChannel | null,
    identityId: row.identityId,
    from: row.fromAddress,
    recipient: row.recipient,
    problem: row.problem,
    subject: row.subject,
    body: row.body,
    state,
    overdue: state === 'sent' && dueOn !== null && dueOn < today,
    dueOn,
    sentOn: row.sentOn,
    followUps: row.followUps,
    followedUpOn: row.followedUpOn,
    acknowledgedOn: row.acknowledgedOn,
    confirmedOn: row.confirmedOn,
    failure: row.failure,
    mayHaveConfirmed: null,
    uncertainOutboxId: null,
  };
}

/** A campaign with its progress counted from its items (dropped ones are not counted). */
export function toCampaign(
  row: CampaignRow,
  fact: FactWithHistory,
  items: readonly CampaignItem[],
): Campaign {
  const on = items.filter((i) => i.state !== 'dropped');
  const count = (state: ItemState) => on.filter((i) => i.state === state).length;
  const version = fact.history.find((v) => v.version === row.toVersion) ?? fact.current;
  return {
    id: row.id,
    factId: fact.id,
    fact: fact.label,
    kind: fact.kind as ChangeableKind,
    toVersion: row.toVersion,
    to: version.summary,
    validFrom: version.validFrom,
    language: row.language as Language,
    waitDays: row.waitDays,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    title: `${fact.label} (${KIND_LABELS[fact.kind]}): ${version.summary}`,
    progress: {
      total: on.length,
      updated: count('confirmed'),
      drafted: count('drafted'),
      sent: count('sent'),
      acknowledged: count('acknowledged'),
      failed: count('failed'),
      overdue: on.filter((i) => i.overdue).length,
    },
  };
}
