import type { Account, AccountService } from './accounts.js';
import type { Case, CaseService } from './cases.js';
import type { Contract, ContractService, CurrencyTotal } from './contracts.js';
import type { DocumentInfo, DocumentService } from './documents.js';
import type { Interaction, InteractionService } from './interactions.js';
import type { Provider, ProviderService } from './service.js';

/** One entry of a provider's timeline: an interaction when it happened, or a case when it opened. */
export type TimelineEvent =
  | { readonly kind: 'interaction'; readonly at: string; readonly interaction: Interaction }
  | { readonly kind: 'case'; readonly at: string; readonly case: Case };

/** Everything the ledger holds about one provider, for its page in the CLI and the web app. */
export interface ProviderOverview {
  readonly provider: Provider;
  readonly accounts: readonly Account[];
  readonly contracts: readonly Contract[];
  readonly cases: readonly Case[];
  /** Interactions, newest first. */
  readonly timeline: readonly Interaction[];
  readonly documents: readonly DocumentInfo[];
  readonly yearlyCosts: readonly CurrencyTotal[];
  /** Interactions and the opening of cases in one list, newest first: the page's timeline. */
  readonly events: readonly TimelineEvent[];
}

/**
 * Interactions and cases in one list, newest first. A case counts from the start of the day it
 * was opened (UTC), so it is listed below that day's interactions; at the same instant,
 * interactions come first.
 *
 * @example mergeTimeline(interactions, cases)[0] // the latest interaction or case
 */
export function mergeTimeline(interactions: readonly Interaction[], cases: readonly Case[]): TimelineEvent[] {
  const events: TimelineEvent[] = [
    ...interactions.map((interaction) => ({
      kind: 'interaction' as const,
      at: interaction.occurredAt,
      interaction,
    })),
    ...cases.map((kase) => ({ kind: 'case' as const, at: `${kase.openedOn}T00:00:00.000Z`, case: kase })),
  ];
  // Array sort is stable: entries at the same instant keep the order above.
  return events.sort((a, b) => b.at.localeCompare(a.at));
}

export async function providerOverview(
  services: {
    providers: ProviderService;
    accounts: AccountService;
    contracts: ContractService;
    cases: CaseService;
    interactions: InteractionService;
    documents: DocumentService;
  },
  ref: number | string,
): Promise<ProviderOverview> {
  const provider = await services.providers.get(ref);
  const id = provider.id;
  const [accounts, contracts, cases, timeline, documents, costs] = await Promise.all([
    services.accounts.list({ provider: id }),
    services.contracts.list({ provider: id, includeEnded: true }),
    services.cases.list({ provider: id }),
    services.interactions.list({ provider: id }),
    services.documents.list({ provider: id }),
    services.contracts.yearlyCosts({ provider: id }),
  ]);
  return {
    provider,
    accounts,
    contracts,
    cases,
    timeline,
    documents,
    yearlyCosts: costs.totals,
    events: mergeTimeline(timeline, cases),
  };
}
