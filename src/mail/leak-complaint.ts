/** What a complaint about a leak says, drafted from the leak event; the person edits it before it opens. */
export interface ComplaintDraft {
  readonly providerId: number;
  readonly title: string;
  readonly description: string;
}

/**
 * The complaint case a leak leads to: to the provider the address was given to, naming the
 * address, who used it and when, so the case holds the evidence without opening the mail.
 *
 * @example complaintAboutLeak(event).title // "Leak: alex.acme@alexmorgan.example used by Spammy Broker"
 */
export function complaintAboutLeak(event: {
  readonly ownerProviderId: number;
  readonly ownerName: string;
  readonly identity: string;
  readonly senderLabel: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly messageCount: number;
}): ComplaintDraft {
  const first = event.firstSeen.slice(0, 10);
  const last = event.lastSeen.slice(0, 10);
  const when =
    event.messageCount === 1 ? `on ${first}` : `${event.messageCount} times between ${first} and ${last}`;
  return {
    providerId: event.ownerProviderId,
    title: `Leak: ${event.identity} used by ${event.senderLabel}`,
    description:
      `I gave the e-mail address ${event.identity} only to ${event.ownerName}. ` +
      `${event.senderLabel} wrote to it ${when}. ` +
      `Please tell me to whom you passed it on, when and why, and stop any further sharing.`,
  };
}
