import { AuditService } from './audit/service.js';
import { PackageService } from './disclosures/packages.js';
import { PolicyService } from './disclosures/policy.js';
import { DisclosureService } from './disclosures/service.js';
import { AliasImportService } from './identities/alias-import.js';
import { IdentityService } from './identities/service.js';
import { KeyService } from './keys/service.js';
import { MailService } from './mail/service.js';
import { systemClock, type Clock } from './platform/clock.js';
import { todayUtc } from './platform/dates.js';
import type { Store } from './platform/db/store.js';
import { AccountService } from './providers/accounts.js';
import { CaseService } from './providers/cases.js';
import { ContractService } from './providers/contracts.js';
import { DocumentService } from './providers/documents.js';
import { InteractionService } from './providers/interactions.js';
import { providerOverview } from './providers/overview.js';
import { ProviderService } from './providers/service.js';
import { AgreementService } from './terms/agreements.js';
import { TermsService } from './terms/service.js';
import { VaultService } from './vault/service.js';

/**
 * The composition root: every service, built once from an open store. The CLI and the HTTP API
 * both call these, so each behaviour is written once.
 */
export function createServices(store: Store, clock: Clock = systemClock) {
  const db = store.db;
  const providers = new ProviderService(db, clock);
  const ledger = {
    providers,
    accounts: new AccountService(db, clock, providers),
    contracts: new ContractService(db, clock, providers),
    cases: new CaseService(db, clock, providers),
    interactions: new InteractionService(db, clock, providers),
    documents: new DocumentService(db, clock, providers),
  };
  const vault = new VaultService(db, clock);
  const keys = new KeyService(db, clock);
  const identities = new IdentityService(db, clock, providers, vault);
  const terms = new TermsService(db, clock);
  const policies = new PolicyService(db, clock, providers, vault, terms);
  const disclosures = new DisclosureService(db, clock, providers, vault, identities, terms, policies, keys);
  return {
    ...ledger,
    vault,
    audit: new AuditService(db),
    keys,
    identities,
    aliasImport: new AliasImportService(db, clock, providers),
    terms,
    policies,
    agreements: new AgreementService(db, clock, providers, terms, keys),
    disclosures,
    packages: new PackageService(db, clock, providers, vault, identities, terms, disclosures, keys),
    mail: new MailService(store, clock, providers, identities),
    providerOverview: (ref: number | string) => providerOverview(ledger, ref),
    /** The day that derived figures are computed for. */
    today: () => todayUtc(clock()),
  };
}

export type Services = ReturnType<typeof createServices>;
