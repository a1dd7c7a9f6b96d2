import type { Identity, IdentityService } from '../identities/service.js';
import { VrmError } from '../platform/errors.js';
import type { IdentityMailCount, IdentitySenderRepository } from './repository/identity-senders.js';
import type { RulesService } from './rules-service.js';

/** How many senders an identity's page shows before "more". */
export const SENDERS_SHOWN = 10;
/** The most senders one request lists. */
const SENDERS_MAX = 500;

/** One identity's mail: how much, from whom (top first), and whether more senders are not listed. */
export interface IdentityMail extends IdentityMailCount {
  readonly senderList: {
    readonly address: string | null;
    readonly label: string;
    readonly providerId: number | null;
    readonly messages: number;
    readonly lastAt: string | null;
    readonly leak: boolean;
  }[];
  /** Senders beyond the list; ask again with a larger limit to see them. */
  readonly moreSenders: number;
}

/**
 * The person's identities as an alias service shows them: how much mail reached each and from
 * whom, and switching one off, which sorts its mail away as unwanted.
 */
export class IdentityMailService {
  constructor(
    private readonly repo: IdentitySenderRepository,
    private readonly identities: IdentityService,
    private readonly rules: RulesService,
  ) {}

  /** Messages, senders and the newest date for each identity that has mail. */
  identityMailCounts(): Promise<IdentityMailCount[]> {
    return this.repo.counts();
  }

  /**
   * The senders of one identity, most messages first: `limit` of them (default 10), and how many
   * more there are.
   *
   * @example await mail.identityMail(7) // → { messages: 41, senders: 3, senderList: [{ address: 'news@acme.example', messages: 38, … }], moreSenders: 0 }
   */
  async identityMail(identityId: number, options: { limit?: number } = {}): Promise<IdentityMail> {
    await this.identities.get(identityId);
    const limit = options.limit ?? SENDERS_SHOWN;
    if (!Number.isInteger(limit) || limit < 1 || limit > SENDERS_MAX) {
      throw new VrmError('invalid_input', `limit must be a whole number from 1 to ${SENDERS_MAX}`);
    }
    const counts = (await this.repo.counts()).find((c) => c.identityId === identityId);
    const senderList = await this.repo.senders(identityId, limit);
    const senders = counts?.senders ?? 0;
    return {
      identityId,
      messages: counts?.messages ?? 0,
      senders,
      lastAt: counts?.lastAt ?? null,
      senderList,
      moreSenders: Math.max(0, senders - senderList.filter((s) => s.address !== null).length),
    };
  }

  /**
   * Switches an identity off (its mail goes to the folder "switched off" as unwanted, from now
   * on, or with `existing` the mail already there too) or on again (its mail is sorted as usual).
   * The rules run again at once; returns the identity and how many messages moved.
   *
   * @example await mail.switchIdentity(7, { off: true, existing: true }) // → { identity, moved: 41 }
   */
  async switchIdentity(
    identityId: number,
    input: { off: boolean; existing?: boolean },
  ): Promise<{ identity: Identity; moved: number }> {
    const identity = await this.identities.switchOff(identityId, input.off, { existing: input.existing });
    const { changed } = await this.rules.applyRules();
    return { identity, moved: changed };
  }
}
