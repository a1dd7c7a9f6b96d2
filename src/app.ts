import { AuditService } from './audit/service.js';
import { changeCalendarSource } from './changes/calendar-source.js';
import { ChangeService } from './changes/service.js';
import { BackupService } from './backup/service.js';
import { CalendarService } from './calendar/service.js';
import { identityLedger } from './disclosures/identity-ledger.js';
import { DashboardService } from './dashboard/service.js';
import { DiscoveryService } from './discovery/service.js';
import { PackageService } from './disclosures/packages.js';
import { PolicyService } from './disclosures/policy.js';
import {
  CONSENT_RECEIPT_REFS,
  DISCLOSURE_REFS,
  PACKAGE_REFS,
  POLICY_REFS,
} from './disclosures/provider-refs.repository.js';
import { retentionCalendarSource } from './disclosures/calendar-source.repository.js';
import { DISCLOSURE_TIMELINE } from './disclosures/provider-timeline.repository.js';
import { DisclosureService } from './disclosures/service.js';
import { AliasImportService } from './identities/alias-import.js';
import { IDENTITY_REFS } from './identities/provider-refs.repository.js';
import { IdentityService } from './identities/service.js';
import { KeyService } from './keys/service.js';
import { IntentService } from './intents/intents.js';
import { IntentCastService } from './intents/casting.js';
import { OfferService } from './intents/offers.js';
import { PersonaService } from './intents/personas.js';
import { LetterService } from './letters/service.js';
import { MAIL_TIMELINE } from './mail/repository/provider-timeline.js';
import { MONEY_TIMELINE } from './money/repository/provider-timeline.js';
import { MailService } from './mail/service.js';
import { MoneyService } from './money/service.js';
import { replayClock, systemClock, type Clock } from './platform/clock.js';
import { OUTBOX_REFS } from './outbound/provider-refs.repository.js';
import { OutboundService } from './outbound/service.js';
import { todayUtc } from './platform/dates.js';
import type { Store } from './platform/db/store.js';
import { fromStoreError, VrmError } from './platform/errors.js';
import { AccountService } from './providers/accounts.js';
import { ledgerCalendarSources } from './providers/calendar-sources.js';
import { CaseService } from './providers/cases.js';
import { ContractService } from './providers/contracts.js';
import { DocumentService } from './providers/documents.js';
import { InteractionService } from './providers/interactions.js';
import { providerOverview } from './providers/overview.js';
import { LEDGER_REFS } from './providers/provider-refs.repository.js';
import { LEDGER_TIMELINE } from './providers/repository/timeline.js';
import { ProviderService } from './providers/service.js';
import { ProviderTimelineService } from './providers/timeline.js';
import { AgreementService } from './terms/agreements.js';
import { AGREEMENT_REFS } from './terms/provider-refs.repository.js';
import { AGREEMENT_TIMELINE } from './terms/provider-timeline.repository.js';
import { TermsService } from './terms/service.js';
import { VaultService } from './vault/service.js';
import { requestCalendarSource } from './requests/calendar-source.js';
import { REQUEST_REFS } from './requests/provider-refs.repository.js';
import { RequestService } from './requests/service.js';

/**
 * Everything that refers to a provider, in the order a cascading delete removes it: what refers to
 * another record goes before it (a disclosure may name an agreement and an identity; an agreement
 * may name an interaction as evidence).
 */
const PROVIDER_DEPENDANTS = [
  // Requests point at outbox items and documents: they go before both.
  REQUEST_REFS,
  // Outbox items point at interactions, documents and identities: they go first.
  OUTBOX_REFS,
  CONSENT_RECEIPT_REFS,
  PACKAGE_REFS,
  DISCLOSURE_REFS,
  AGREEMENT_REFS,
  POLICY_REFS,
  IDENTITY_REFS,
  ...LEDGER_REFS,
];

/**
 * What each area adds to a provider's timeline (issue 14): the ledger's own records, mail and
 * leaks, disclosures, agreements. A later area (letters, data requests, payments) appends its
 * sources here; at one instant, items list in this order.
 */
const PROVIDER_TIMELINE = [
  ...LEDGER_TIMELINE,
  ...MAIL_TIMELINE,
  ...DISCLOSURE_TIMELINE,
  ...AGREEMENT_TIMELINE,
  ...MONEY_TIMELINE,
];

/**
 * What each area adds to the calendar of deadlines (issue 15): the ledger's renewals, last days to
 * cancel, contract ends, follow-ups and case dates; the end of each retention the person's terms
 * set. A later area (change campaigns, data-subject requests) appends its sources here.
 */
const calendarSources = (
  db: Store['db'],
  ledger: Parameters<typeof ledgerCalendarSources>[0],
  terms: TermsService,
  changes: ChangeService,
  requests: RequestService,
) => [
  ...ledgerCalendarSources(ledger),
  retentionCalendarSource(db, terms),
  changeCalendarSource(changes),
  requestCalendarSource(requests),
];

/**
 * The composition root: every service, built once from an open store. The CLI and the HTTP API
 * both call these, so each behaviour is written once.
 */
export function createServices(store: Store, baseClock: Clock = systemClock) {
  const db = store.db;
  // Every service reads this clock; `asOf` sets it back while the demo fills a new store.
  const { clock, asOf } = replayClock(baseClock);
  const providers = new ProviderService(db, clock, PROVIDER_DEPENDANTS);
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
  const identities = new IdentityService(db, clock, providers, vault, identityLedger);
  const terms = new TermsService(db, clock);
  const policies = new PolicyService(db, clock, providers, vault, terms);
  const disclosures = new DisclosureService(db, clock, providers, vault, identities, terms, policies, keys);
  const mail = new MailService(store, clock, providers, identities);
  const providerTimeline = new ProviderTimelineService(db, providers, PROVIDER_TIMELINE);
  const outbound = new OutboundService(db, clock, providers, identities, mail);
  const letters = new LetterService(clock, providers, ledger.accounts, vault, identities, db);
  const changes = new ChangeService(db, clock, {
    providers,
    vault,
    identities,
    accounts: ledger.accounts,
    disclosures,
    timeline: providerTimeline,
    outbound,
    letters,
  });
  const personas = new PersonaService(db, clock, vault, identities, keys);
  const packages = new PackageService(db, clock, providers, vault, identities, terms, disclosures, keys);
  const intents = new IntentService(db, clock, personas, terms, ledger.contracts);
  const casting = new IntentCastService(db, clock, { intents, personas, providers, outbound });
  const offers = new OfferService(db, clock, {
    intents,
    casting,
    providers,
    contracts: ledger.contracts,
    documents: ledger.documents,
    outbound,
    mail,
    personas,
    packages,
    vault,
  });
  // Every e-mail from a persona's alias is checked, bytes and all, before it goes (issue 18): it
  // may carry only what an accepted offer's disclosure reveals.
  outbound.guard(async (item) => personas.refusalFor(item, await offers.revealedBy(item)));
  const requests = new RequestService(db, clock, {
    providers,
    vault,
    identities,
    accounts: ledger.accounts,
    disclosures,
    outbound,
    letters,
    mail,
  });
  return {
    ...ledger,
    vault,
    audit: new AuditService(db),
    backup: new BackupService(store, clock),
    keys,
    identities,
    aliasImport: new AliasImportService(db, clock, providers, identityLedger),
    terms,
    policies,
    agreements: new AgreementService(db, clock, providers, terms, keys),
    disclosures,
    packages,
    mail,
    changes,
    requests,
    money: new MoneyService(store, clock, {
      providers,
      accounts: ledger.accounts,
      contracts: ledger.contracts,
      cases: ledger.cases,
      vault,
    }),
    letters,
    outbound,
    discovery: new DiscoveryService(db, clock, { providers, identities, vault, mail }),
    personas,
    intents,
    casting,
    offers,
    providerOverview: (ref: number | string) => providerOverview(ledger, ref),
    providerTimeline,
    dashboard: new DashboardService(ledger, clock, changes, requests),
    calendar: new CalendarService(db, clock, calendarSources(db, ledger, terms, changes, requests)),
    /**
     * Brings what is derived from the data up to date after a command or request that wrote:
     * the classification of stored mail, when what it reads changed (an alias, a provider's
     * domains, an allowed sender), whichever service changed it. Each surface calls it once after
     * a write, so no read ever writes. False when the store stayed busy: the next write or import
     * catches up, as each compares what classification reads with what it last ran on.
     */
    afterWrite: async (): Promise<boolean> => {
      try {
        await mail.ensureClassified();
        // After classification, which tells which alias a message came to: replies and bounces.
        await outbound.linkReplies();
        // Then the campaigns follow their notices in the outbox: sent, failed, answered.
        await changes.followOutbox();
        // And the data-subject requests: sent, answered, and an answer attached imported.
        await requests.followOutbox();
        // And the intents: each vendor sent one has seen its persona.
        await casting.followOutbox();
        // And the replies to intents: the offers in them.
        await offers.readReplies();
        return true;
      } catch (error) {
        const busy = fromStoreError(error);
        if (busy instanceof VrmError && busy.code === 'store_busy') return false;
        throw error;
      }
    },
    /** The day that derived figures are computed for. */
    today: () => todayUtc(clock()),
    /**
     * Runs `work` as on a past day: every service dates what it records from that day. For
     * filling a new store with a history (the demo), before anyone else holds its session;
     * nothing else calls it.
     */
    asOf,
  };
}

export type Services = ReturnType<typeof createServices>;
