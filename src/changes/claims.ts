import { VrmError } from '../platform/errors.js';
import type { OutboundService, OutboxItem } from '../outbound/service.js';
import type { ChangeRepository } from './repository.js';
import type { CampaignItem } from './views.js';

/**
 * Which outbox item sends each notice of a campaign. A send makes an outbox draft per notice,
 * then claims the notice for it with a conditional update; a send stopped half-way (killed, the
 * machine off) leaves its outbox items where they were. These rules make the next send go on
 * from there, so no notice is sent twice and none is stuck:
 * - a notice held by a draft or a queued item of a stopped send is sent with that item;
 * - a notice held by an item that is sending, sent or uncertain is not sent again;
 * - a draft made for a notice that its notice does not hold (the send stopped before it claimed
 *   or took it back) is deleted, so no later "send all" in the outbox sends the notice twice.
 */
export class CampaignClaims {
  constructor(
    private readonly repo: () => ChangeRepository,
    private readonly outbound: OutboundService,
    private readonly now: () => string,
  ) {}

  /** Deletes the outbox drafts made for these notices that the notices do not hold. */
  async dropStrays(items: readonly CampaignItem[]): Promise<void> {
    for (const item of items) {
      const held = (await this.repo().item(item.id))?.outboxId ?? null;
      const drafts = await this.outbound.list({ state: 'draft', purpose: { kind: 'change', id: item.id } });
      for (const draft of drafts) if (draft.id !== held) await this.outbound.delete(draft.id);
    }
  }

  /**
   * Claims each ready notice for its new draft (`drafts[i]` for `ready[i]`), or for the draft or
   * queued item a stopped send left it; returns the outbox items to send. New drafts not needed
   * are deleted.
   */
  async claim(ready: readonly CampaignItem[], drafts: readonly number[]): Promise<number[]> {
    const toSend: number[] = [];
    for (const [i, item] of ready.entries()) {
      const draft = drafts[i] ?? 0;
      const seen = (await this.repo().item(item.id))?.outboxId ?? null;
      const held = seen === null ? undefined : await this.find(seen);
      if (held === undefined || held.state === 'failed') {
        if (await this.repo().claimItem(item.id, seen, draft, this.now())) {
          toSend.push(draft);
          continue;
        }
      } else if (held.state === 'draft' || held.state === 'queued') {
        // Left by a send that stopped before it sent it (or held by one running now: the outbox
        // sends an item once, whichever send gets to it first). It goes with the text as it is now.
        if (held.subject !== item.subject || held.body !== item.body) {
          await this.outbound.edit(held.id, { subject: item.subject, body: item.body });
        }
        toSend.push(held.id);
      }
      await this.outbound.delete(draft);
    }
    return toSend;
  }

  /** The outbox item, or undefined when it was deleted (a notice then holds nothing). */
  private async find(id: number): Promise<OutboxItem | undefined> {
    try {
      return await this.outbound.get(id);
    } catch (error) {
      if (error instanceof VrmError && error.code === 'not_found') return undefined;
      throw error;
    }
  }
}
