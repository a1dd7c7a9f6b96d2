import type { DisclosureService } from '../../disclosures/service.js';
import type { IdentityService } from '../../identities/service.js';
import type { ProviderService } from '../../providers/service.js';
import type { VaultService } from '../../vault/service.js';
import type { Finding } from '../answer/findings.js';
import { compareAnswer } from '../compare.js';
import { ledgerFactsFor } from './ledger.js';
import { emailKeys, PERSONAL_MAIL_DOMAINS } from './match.js';
import type { Comparison, CompareOptions, LedgerFact } from './types.js';

/** What the ledger says one provider was given: what `compareAnswer` sets an answer against. */
export interface ProviderLedger {
  readonly providerId: number;
  readonly provider: string;
  /** Every vault fact (retired ones too), with the versions this provider was given. */
  readonly facts: LedgerFact[];
  /** The e-mail aliases and phone identities given to it. */
  readonly identities: string[];
  /** Those given to other providers, with the provider's name. */
  readonly otherIdentities: { value: string; provider: string }[];
  /** Its own mail domains (its web domains and those of its contact addresses): not the person's. */
  readonly providerDomains: string[];
  /** Its own phone and postal address as recorded, and its country: not the person's either. */
  readonly providerPhones: string[];
  readonly providerAddresses: string[];
  readonly providerCountry?: string;
}

/**
 * The comparison of an answer with the ledger, for one provider: loads what the vault, the
 * disclosures and the identities say, and hands them to the pure `compareAnswer`. The request
 * proceedings call it when an answer is imported; it holds no state and writes nothing.
 */
export class AnswerComparison {
  constructor(
    private readonly services: {
      readonly providers: ProviderService;
      readonly vault: VaultService;
      readonly identities: IdentityService;
      readonly disclosures: DisclosureService;
    },
  ) {}

  /** What one provider (by id or name) was given, as the comparison needs it. */
  async ledger(provider: number | string): Promise<ProviderLedger> {
    const { providers, vault, identities, disclosures } = this.services;
    const found = await providers.get(provider);
    const facts = await vault.list({ includeRetired: true });
    const given = await disclosures.list({ provider: found.id, includeWithdrawn: true });
    // E-mail aliases and phones; a tagged postal address is matched through its fact.
    const all = (await identities.list()).filter((i) => i.kind === 'email' || i.kind === 'phone');
    // A small firm writing from a Gmail address does not make every Gmail address its own.
    const contactDomains = [found.privacyEmail, found.supportEmail]
      .map((address) => (address ? emailKeys(address)?.domain : undefined))
      .filter((domain): domain is string => domain !== undefined && !PERSONAL_MAIL_DOMAINS.has(domain));
    const names = new Map((await providers.list()).map((p) => [p.id, p.name]));
    return {
      providerId: found.id,
      provider: found.name,
      facts: ledgerFactsFor(facts, given),
      identities: all.filter((i) => i.providerId === found.id).map((i) => i.value),
      otherIdentities: all.flatMap((i) => {
        const provider = i.providerId === null ? undefined : names.get(i.providerId);
        return provider !== undefined && i.providerId !== found.id ? [{ value: i.value, provider }] : [];
      }),
      providerDomains: [...new Set([...found.domains, ...contactDomains])],
      providerPhones: found.phone ? [found.phone] : [],
      providerAddresses: found.postalAddress ? [found.postalAddress] : [],
      ...(found.country ? { providerCountry: found.country } : {}),
    };
  }

  /**
   * An answer's findings set against what this provider was given.
   *
   * @example
   *   const findings = extractFindings((await readAnswer(upload)).files, { defaultCountry: 'DE' });
   *   const { neverGiven, outdated, leftOut } = await comparison.compare('Parcelpoint', findings);
   */
  async compare(
    provider: number | string,
    findings: readonly Finding[],
    options: Pick<CompareOptions, 'ignore' | 'language'> = {},
  ): Promise<Comparison> {
    const ledger = await this.ledger(provider);
    return compareAnswer(findings, ledger.facts, {
      ...options,
      identities: ledger.identities,
      otherIdentities: ledger.otherIdentities,
      providerDomains: ledger.providerDomains,
      providerPhones: ledger.providerPhones,
      providerAddresses: ledger.providerAddresses,
      ...(ledger.providerCountry ? { providerCountry: ledger.providerCountry } : {}),
    });
  }
}
