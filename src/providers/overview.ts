import type { Account, AccountService } from './accounts.js';
import type { Case, CaseService } from './cases.js';
import type { Contract, ContractService, CurrencyTotal } from './contracts.js';
import type { DocumentInfo, DocumentService } from './documents.js';
import type { Interaction, InteractionService } from './interactions.js';
import type { Provider, ProviderService } from './service.js';

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
  return { provider, accounts, contracts, cases, timeline, documents, yearlyCosts: costs.totals };
}
