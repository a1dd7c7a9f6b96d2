import type { Holding } from '../disclosures/service.js';
import type { Identity, IdentityService } from '../identities/service.js';
import { VrmError } from '../platform/errors.js';
import type { AccountService } from '../providers/accounts.js';
import type { Provider, ProviderService } from '../providers/service.js';
import { valueLines } from '../vault/kinds.js';
import type { FactWithHistory, VaultService } from '../vault/service.js';
import type { CampaignChannel } from './schemas.js';
import { notice, type ChangeableKind, type Language } from './templates.js';

/** Providers in these countries are written to in German, whatever the campaign's language. */
const GERMAN_SPEAKING = new Set(['DE', 'AT', 'CH', 'LI']);

/** The language a provider's notice is written in: German in a German-speaking country, else the campaign's. */
export const noticeLanguage = (provider: Provider, campaignLanguage: Language): Language =>
  GERMAN_SPEAKING.has(provider.country ?? '') ? 'de' : campaignLanguage;

/**
 * What a campaign proposes for each provider: the channel to write by, the identity to write
 * from, and the notice in the provider's language, with its customer numbers.
 */
export class Drafter {
  constructor(
    private readonly areas: {
      providers: ProviderService;
      vault: VaultService;
      identities: IdentityService;
      accounts: AccountService;
    },
  ) {}

  /** The item a provider gets: its channel, the identity to write from, and the notice's text. */
  async draftFor(
    fact: FactWithHistory,
    providerId: number,
    campaignLanguage: Language,
    holding: Holding | undefined,
  ) {
    const provider = await this.areas.providers.get(providerId);
    const text = await this.noticeFor(fact, provider, campaignLanguage, {
      heldVersion: holding?.version ?? null,
      toVersion: fact.current.version,
    });
    return {
      providerId: provider.id,
      heldVersion: holding?.version ?? null,
      ...(await this.channelFor(provider)),
      subject: text.subject,
      body: text.body,
      state: 'drafted' as const,
    };
  }

  /**
   * The notice to a provider, in its language, with its customer numbers: the first one, or a
   * follow-up that says when the first went unanswered.
   */
  async noticeFor(
    fact: FactWithHistory,
    provider: Provider,
    campaignLanguage: Language,
    versions: {
      heldVersion: number | null;
      toVersion: number;
      followUp?: { firstSentOn: string; count: number } | undefined;
    },
  ): Promise<{ subject: string; body: string }> {
    const kind = fact.kind as ChangeableKind;
    const held = fact.history.find((v) => v.version === versions.heldVersion);
    const to = fact.history.find((v) => v.version === versions.toVersion) ?? fact.current;
    const language = noticeLanguage(provider, campaignLanguage);
    const customerNumbers = (await this.areas.accounts.list({ provider: provider.id }))
      .filter((a) => a.closedOn === null)
      .map((a) => a.customerNumber);
    const name = (await this.areas.vault.list({ kind: 'name' }))[0]?.current.summary ?? null;
    return notice({
      kind,
      language,
      old: held ? valueLines(kind, held.value) : null,
      new: valueLines(kind, to.value),
      from: to.validFrom,
      customerNumbers,
      signature: name,
      followUp: versions.followUp,
    });
  }

  /**
   * The channel to write to a provider by, and from which identity: e-mail from the alias it
   * knows, else a letter to its postal address, else its web form. Asked for one channel, that
   * one, with what stands in its way.
   */
  async channelFor(provider: Provider, wanted?: CampaignChannel) {
    const email = provider.privacyEmail ?? provider.supportEmail;
    const identity = await this.identityOf(provider.id);
    const noIdentity = `${provider.name} has no e-mail identity of yours to write from: give it one (\`vrm identity new ${provider.id}\`) or write a letter`;
    const options = {
      email: email
        ? {
            channel: 'email' as const,
            recipient: email,
            identityId: identity?.id ?? null,
            problem: identity ? null : noIdentity,
          }
        : undefined,
      letter: provider.postalAddress
        ? { channel: 'letter' as const, recipient: provider.postalAddress, identityId: null, problem: null }
        : undefined,
      web_form: provider.webForm
        ? { channel: 'web_form' as const, recipient: provider.webForm, identityId: null, problem: null }
        : undefined,
    };
    if (wanted) {
      const chosen = options[wanted];
      if (!chosen) {
        const what = { email: 'an e-mail address', letter: 'a postal address', web_form: 'a web form' }[
          wanted
        ];
        throw new VrmError(
          'invalid_input',
          `campaign item: channel: ${provider.name} has no ${what.replace(/^an? /, '')} in the ledger: add ${what} on its page first`,
          { details: [{ path: 'channel', message: `${provider.name} has no ${what.replace(/^an? /, '')}` }] },
        );
      }
      return chosen;
    }
    const usable =
      options.email?.problem === null ? options.email : (options.letter ?? options.web_form ?? options.email);
    return (
      usable ?? {
        channel: null,
        recipient: null,
        identityId: null,
        problem: `${provider.name} has no e-mail address, postal address or web form in the ledger: add one on its page (\`vrm provider update ${provider.id} --privacy-email …\`)`,
      }
    );
  }

  private async identityOf(providerId: number): Promise<Identity | undefined> {
    const identities = await this.areas.identities.list({ provider: providerId, kind: 'email' });
    return identities.find((i) => i.retiredAt === null && i.switchedOffAt === null);
  }
}
