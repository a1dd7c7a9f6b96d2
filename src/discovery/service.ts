import type { Clock } from '../platform/clock.js';
import { domainOf, directoryEntry, providerFieldsFrom } from '../directory/directory.js';
import type { IdentityService } from '../identities/service.js';
import { parseAddress } from '../identities/matching.js';
import { organisationalDomain } from '../mail/bulk-senders.js';
import type { MailService } from '../mail/service.js';
import type { Db } from '../platform/db/handle.js';
import { VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import type { Provider, ProviderService } from '../providers/service.js';
import type { VaultService } from '../vault/service.js';
import { discoverOrganisations, senderDomain, type DiscoveredOrganisation, type Known } from './grouping.js';
import { DiscoveryRepository } from './repository.js';
import { discoveryOptions, domainInput, type DiscoveryOptions } from './schemas.js';

export type { DiscoveredOrganisation, WroteTo } from './grouping.js';
export type { DiscoveryOptions } from './schemas.js';

/** What adding a discovered organisation made: the provider, and how much of the mail is now its. */
export interface AddedOrganisation {
  readonly provider: Provider;
  /** Messages classification now gives to the provider (its past mail, assigned). */
  readonly messages: number;
  /** Whether the provider was filled in from the directory's entry (privacy contact included). */
  readonly fromDirectory: boolean;
}

/**
 * Finding who holds the person's data (issue 16, part 5): the organisations that wrote to the
 * person's addresses but are not in the ledger, read from the stored classification of imported
 * mail, and adding one to the ledger so that it can be asked what it holds (GDPR Art. 15).
 */
export class DiscoveryService {
  private readonly repository: DiscoveryRepository;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly services: {
      readonly providers: ProviderService;
      readonly identities: IdentityService;
      readonly vault: VaultService;
      readonly mail: MailService;
    },
  ) {
    this.repository = new DiscoveryRepository(db);
  }

  /**
   * The organisations that wrote to the person and are not providers, most messages first.
   *
   * @example (await discovery.organisations())[0] // → { domain: 'shop.example', messages: 4, … }
   */
  async organisations(options: DiscoveryOptions = {}): Promise<DiscoveredOrganisation[]> {
    const { includeDismissed = false } = parseInput(discoveryOptions, options, 'discovery');
    const [messages, known] = await Promise.all([this.repository.unassigned(), this.known()]);
    const found = discoverOrganisations(messages, known);
    return includeDismissed ? found : found.filter((o) => !o.dismissed);
  }

  /**
   * Adds a listed organisation to the ledger: from the directory's entry when one matches (its
   * privacy contact included, as `vrm provider add --from-directory` does), else with its name
   * and domain. Its past mail is classified again, so it is the provider's from now on. Returns
   * the provider, whose id an access request starts from.
   */
  async add(domainText: string): Promise<AddedOrganisation> {
    const organisation = await this.find(domainText);
    const { providers, mail } = this.services;
    const entry = organisation.directory ? directoryEntry(organisation.directory.slug) : undefined;
    const fields = entry ? providerFieldsFrom(entry) : { name: organisation.name, domains: [] };
    const domains = [...new Set([...fields.domains, organisation.domain])];
    const name = await this.freeName(fields.name, organisation.domain);
    const provider = await providers.add({ ...fields, name, domains });
    await mail.ensureClassified();
    return {
      provider,
      messages: await this.repository.messagesOf(provider.id),
      fromDirectory: entry !== undefined,
    };
  }

  /** Hides a listed organisation from the list; `undismiss` shows it again. */
  async dismiss(domainText: string): Promise<DiscoveredOrganisation> {
    const organisation = await this.find(domainText);
    await this.repository.dismiss(organisation.domain, this.clock().toISOString());
    return { ...organisation, dismissed: true };
  }

  /** Shows a dismissed organisation in the list again. */
  async undismiss(domainText: string): Promise<DiscoveredOrganisation> {
    const organisation = await this.find(domainText);
    await this.repository.undismiss(organisation.domain);
    return { ...organisation, dismissed: false };
  }

  /** The listed organisation of a domain (a subdomain finds its organisation), or a clear error. */
  private async find(domainText: string): Promise<DiscoveredOrganisation> {
    const typed = parseInput(domainInput, domainText, 'discovery');
    const domain = organisationalDomain(typed);
    const found = (await this.organisations({ includeDismissed: true })).find((o) => o.domain === domain);
    if (found) return found;
    const provider = await this.services.providers.findByDomain(domain);
    if (provider) {
      throw new VrmError(
        'conflict',
        `${domain} is already in your providers as ${provider.name} (provider ${provider.id})`,
      );
    }
    throw new VrmError(
      'not_found',
      `no organisation at ${domain} wrote to your addresses in the imported mail: \`vrm discover\` lists those that did`,
    );
  }

  /** The name, or the name with its domain when a provider already has that name. */
  private async freeName(name: string, domain: string): Promise<string> {
    const same = await this.services.providers.list({ search: name });
    const taken = same.some((p) => p.name.toLowerCase() === name.toLowerCase());
    return taken ? `${name} (${domain})` : name;
  }

  /** What the ledger, the identities and the vault say, read once per list. */
  private async known(): Promise<Known> {
    const { providers, identities, vault } = this.services;
    const [providerList, identityList, strategies, emails, recogniser, assigned, dismissed, allowed] =
      await Promise.all([
        providers.list(),
        identities.list({ kind: 'email' }),
        identities.listStrategies(),
        vault.list({ kind: 'email', includeRetired: true }),
        identities.recogniser(),
        this.repository.assignedSenders(),
        this.repository.dismissed(),
        this.services.mail.allowedSenders(),
      ]);
    // Every address of the person's, in every version: mail to an old address reached them too.
    const ownAddresses = new Set<string>();
    const factLabels = new Map<string, string>();
    for (const fact of emails) {
      for (const version of fact.history) {
        const value = version.value.address;
        const address = typeof value === 'string' ? parseAddress(value) : null;
        if (!address) continue;
        ownAddresses.add(address.key).add(address.mailbox);
        factLabels.set(address.key, fact.label);
      }
    }
    for (const identity of identityList) ownAddresses.add(identity.matchKey);
    const ownDomains = new Set<string>();
    for (const address of ownAddresses) ownDomains.add(organisationalDomain(address.split('@')[1] ?? ''));
    for (const s of strategies) ownDomains.add(organisationalDomain(s.base.split('@').at(-1) ?? ''));
    const providerDomains = new Set<string>();
    for (const p of providerList) {
      for (const d of p.domains) providerDomains.add(d);
      const web = domainOf(p.website);
      if (web.includes('.')) providerDomains.add(web);
    }
    // A sender the person allowed for a provider is that provider's processor: they said who it is.
    const providerSlugs = new Set(providerList.flatMap((p) => (p.directorySlug ? [p.directorySlug] : [])));
    for (const { senderKey } of allowed) {
      if (senderKey.startsWith('domain:')) providerDomains.add(senderKey.slice('domain:'.length));
      if (senderKey.startsWith('directory:')) providerSlugs.add(senderKey.slice('directory:'.length));
    }
    const known: Known = {
      ownDomains,
      isOwnAddress: (text) => {
        const address = parseAddress(text);
        return address !== null && (ownAddresses.has(address.key) || recogniser.isOwn(address));
      },
      factLabels,
      providerDomains,
      providerSlugs,
      identities: new Map(identityList.map((i) => [i.id, { address: i.value, providerId: i.providerId }])),
      providerNames: new Map(providerList.map((p) => [p.id, p.name])),
      dismissed: new Set(dismissed),
    };
    // A domain whose mail classification gave to a provider is that provider's (its mail service).
    for (const from of assigned) {
      const domain = senderDomain(from, { ...known, providerDomains: new Set() });
      if (domain) providerDomains.add(domain);
    }
    return known;
  }
}
