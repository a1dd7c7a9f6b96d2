import type { Clock } from '../platform/clock.js';
import { notFound } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import type { ProviderService } from '../providers/service.js';
import type { ClassificationService } from './classification.js';
import { classify } from './classify.js';
import type { MailContext } from './context.js';
import { leakReport, leakStatus } from './leak-graph.js';
import { complaintAboutLeak } from './leak-complaint.js';
import type { LeakRepository, MessageRepository } from './repository.js';
import { allowedReason, notLeakReason } from './schemas.js';
import type { Envelope } from './types.js';

/** A message from `from` and nothing else: what classification makes of a sender alone. */
const emptyEnvelope = (from: string): Envelope => ({
  to: [],
  cc: [],
  deliveredTo: [],
  xOriginalTo: [],
  envelopeTo: [],
  receivedFor: [],
  from,
  sender: null,
  replyTo: [],
  returnPath: null,
  dkim: [],
  listId: null,
  listUnsubscribe: [],
  bulk: false,
});

/**
 * Leaks: third parties writing to an identity given to one provider only, and the senders the
 * person allowed (a provider's processor), whose mail is then "not a leak".
 */
export class LeakService {
  constructor(
    private readonly repo: LeakRepository,
    private readonly messages: MessageRepository,
    private readonly context: MailContext,
    private readonly classification: ClassificationService,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
  ) {}

  /**
   * The leak report: per provider, the third parties that wrote to the identity given only to it,
   * with the first day seen and the count; and the graph of it (provider → third party).
   */
  async leaks(filter: { provider?: number | string; includeAllowed?: boolean } = {}) {
    const ownerProviderId =
      filter.provider === undefined ? undefined : await this.providers.resolve(filter.provider);
    const events = await this.repo.leakEvents({ ownerProviderId });
    return leakReport(events, { includeAllowed: filter.includeAllowed });
  }

  /** One leak event, with the messages that prove it. */
  async leak(id: number) {
    const event = (await this.repo.leakEvents({})).find((e) => e.id === id);
    if (!event) throw notFound('leak event', id);
    const messages = await this.messages.list({ leakEventId: id, limit: 500, offset: 0 });
    return { ...event, status: leakStatus(event), messages, complaint: complaintAboutLeak(event) };
  }

  /**
   * "Not a leak": the sender becomes an allowed sender of the provider (say, its new mailing
   * service). The decision is kept apart from the messages, so it holds through re-imports.
   */
  async markNotLeak(id: number, reason: string) {
    const event = await this.repo.leakEvent(id);
    if (!event) throw notFound('leak event', id);
    const text = parseInput(notLeakReason, reason, 'not a leak');
    await this.repo.insertAllowed({
      providerId: event.ownerProviderId,
      senderKey: event.senderKey,
      senderLabel: event.senderLabel,
      reason: text,
      createdAt: this.clock().toISOString(),
    });
    await this.classification.ensureClassified();
    return this.leak(id);
  }

  /** Allows a sender for a provider before any mail from it: its processor, accepted by the person. */
  async allowSender(input: { provider: number | string; sender: string; reason: string }) {
    const provider = await this.providers.get(input.provider);
    const reason = parseInput(allowedReason, input.reason, 'allowed sender');
    const key = await this.senderKeyOf(input.sender);
    await this.repo.insertAllowed({
      providerId: provider.id,
      senderKey: key.senderKey,
      senderLabel: key.senderLabel,
      reason,
      createdAt: this.clock().toISOString(),
    });
    await this.classification.ensureClassified();
    return (await this.repo.allowedSenders(provider.id)).find((a) => a.senderKey === key.senderKey);
  }

  allowedSenders(provider?: number) {
    return this.repo.allowedSenders(provider);
  }

  async removeAllowed(id: number): Promise<void> {
    if ((await this.repo.deleteAllowed(id)) === 0) throw notFound('allowed sender', id);
    await this.classification.ensureClassified();
  }

  /** The sender key of a domain or a provider, as classification would name it. */
  private async senderKeyOf(text: string): Promise<{ senderKey: string; senderLabel: string }> {
    const domain = text.trim().toLowerCase().replace(/^.*@/, '');
    if (/^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain)) {
      const c = classify(emptyEnvelope(`postmaster@${domain}`), await this.context.classifier());
      return { senderKey: c.senderKey, senderLabel: c.senderLabel };
    }
    const provider = await this.providers.get(text);
    return { senderKey: `provider:${provider.id}`, senderLabel: provider.name };
  }
}
