import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/handle.js';
import type { ProviderService } from '../providers/service.js';
import { OutboundRepository, type ImportedMessage, type OutboxSummaryRow } from './repository.js';

/** What reply linking reads of a stored message: its header block and its bytes. */
export interface MailReader {
  message(id: number): Promise<{ readonly headers: string }>;
  raw(id: number): Buffer;
}

/** What one look through new mail found. */
export interface ReplyScan {
  readonly replies: number;
  readonly bounces: number;
}

const BATCH = 500;

/** Message-IDs in a header's value, without their angle brackets. */
const idsIn = (value: string | undefined): string[] =>
  [...(value ?? '').matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? '').filter(Boolean);

/** A header's unfolded value from a header block, or undefined. */
function header(block: string, name: string): string | undefined {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const line = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return line?.[1]?.trim();
}

const domainOf = (address: string | null | undefined): string =>
  (address ?? '').split('@')[1]?.toLowerCase() ?? '';

/** Whether `domain` is `base` or a subdomain of it (mail.acme.example for acme.example). */
const within = (domain: string, base: string): boolean =>
  domain !== '' && base !== '' && (domain === base || domain.endsWith(`.${base}`));

/**
 * Links imported mail to what was sent (issue 15, part 6): a message whose In-Reply-To or
 * References names a sent Message-ID, or that comes to the item's alias from the provider's
 * domain after the send, is its reply; a delivery status notification (RFC 3464) naming a sent
 * Message-ID marks the item failed with the reported status. Runs after every write (the
 * composition root's `afterWrite`), so any import (IMAP, mbox, Maildir, upload) is covered, and
 * looks at each message once.
 */
export class ReplyLinker {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
    private readonly mail: MailReader,
  ) {}

  async scan(): Promise<ReplyScan> {
    const repo = new OutboundRepository(this.db);
    let after = await repo.lastScanned();
    // Nothing sent yet: nothing to answer, so the mail so far needs no look (a first import of
    // years of mail costs one query here, not a pass over every message).
    if ((await this.aliasesWithMail(repo)).size === 0) {
      const latest = await repo.latestMessage();
      if (latest > after) await repo.setLastScanned(latest);
      return { replies: 0, bounces: 0 };
    }
    let replies = 0;
    let bounces = 0;
    for (;;) {
      const batch = await repo.messagesAfter(after, BATCH);
      if (batch.length === 0) break;
      const aliases = await this.aliasesWithMail(repo);
      for (const message of batch) {
        const found = await this.link(repo, message, aliases);
        if (found === 'reply') replies++;
        if (found === 'bounce') bounces++;
      }
      after = batch.at(-1)?.id ?? after;
      await repo.setLastScanned(after);
    }
    return { replies, bounces };
  }

  /** The aliases sent e-mail went from: only mail to them can answer it. */
  private async aliasesWithMail(repo: OutboundRepository): Promise<Set<string>> {
    const sent = await repo.list({ states: ['sent', 'uncertain'] });
    return new Set(sent.flatMap((i) => (i.fromAddress ? [i.fromAddress.toLowerCase()] : [])));
  }

  private async link(
    repo: OutboundRepository,
    message: ImportedMessage,
    aliases: ReadonlySet<string>,
  ): Promise<'reply' | 'bounce' | 'none'> {
    const envelope = JSON.parse(message.envelope) as {
      to?: string[];
      cc?: string[];
      deliveredTo?: string[];
      xOriginalTo?: string[];
      envelopeTo?: string[];
    };
    const to = [
      message.identityAddress,
      ...(envelope.to ?? []),
      ...(envelope.cc ?? []),
      ...(envelope.deliveredTo ?? []),
      ...(envelope.xOriginalTo ?? []),
      ...(envelope.envelopeTo ?? []),
    ]
      .filter((a): a is string => typeof a === 'string')
      .map((a) => a.toLowerCase());
    const alias = to.find((a) => aliases.has(a));
    if (alias === undefined) return 'none';
    const headers = (await this.mail.message(message.id)).headers;
    const now = this.clock().toISOString();

    if (
      /multipart\/report/i.test(header(headers, 'Content-Type') ?? '') &&
      /report-type\s*=\s*"?delivery-status/i.test(header(headers, 'Content-Type') ?? '')
    ) {
      return (await this.bounce(repo, message, headers, now)) ? 'bounce' : 'none';
    }

    const named = [...idsIn(header(headers, 'In-Reply-To')), ...idsIn(header(headers, 'References'))];
    let item: OutboxSummaryRow | undefined = (await repo.byMessageIds(named)).find(
      (i) => i.state !== 'failed',
    );
    if (!item) item = await this.fromProviderDomain(repo, message, alias);
    if (!item) return 'none';
    if (item.replyMessageId !== null) return 'none';
    await repo.update(item.id, {
      repliedAt: message.sentAt ?? message.importedAt,
      replyMessageId: message.messageId ?? `stored-${String(message.id)}`,
      updatedAt: now,
    });
    return 'reply';
  }

  /** The latest item sent from `alias` before the message, to a provider whose domain it came from. */
  private async fromProviderDomain(
    repo: OutboundRepository,
    message: ImportedMessage,
    alias: string,
  ): Promise<OutboxSummaryRow | undefined> {
    const from = domainOf(message.fromAddress);
    const when = message.sentAt ?? message.importedAt;
    for (const item of await repo.sentFrom([alias])) {
      if (item.sentAt === null || item.sentAt > when) continue;
      const provider = await this.providers.get(item.providerId);
      const domains = [...provider.domains, domainOf(item.toAddress)];
      if (domains.some((d) => within(from, d.toLowerCase()))) return item;
    }
    return undefined;
  }

  /**
   * A delivery status notification: the returned message's headers (its text/rfc822-headers or
   * message/rfc822 part) or its In-Reply-To name the sent Message-ID; the item becomes failed
   * with the reported Status and Diagnostic-Code.
   */
  private async bounce(
    repo: OutboundRepository,
    message: ImportedMessage,
    headers: string,
    now: string,
  ): Promise<boolean> {
    let text: string;
    try {
      text = this.mail.raw(message.id).toString('latin1');
    } catch {
      text = headers;
    }
    const ids = [
      ...idsIn(header(headers, 'In-Reply-To')),
      ...idsIn(header(headers, 'References')),
      ...[...text.matchAll(/^(?:Message-ID|Original-Message-ID):[ \t]*(<[^>\r\n]+>)/gim)].map(
        (m) => m[1] ?? '',
      ),
    ].flatMap((v) => (v.startsWith('<') ? idsIn(v) : [v]));
    const item = (await repo.byMessageIds(ids)).find((i) => i.state === 'sent' || i.state === 'uncertain');
    if (!item) return false;
    const unfolded = text.replace(/\r?\n[ \t]+/g, ' ');
    const status = /^Status:[ \t]*([245]\.\d{1,3}\.\d{1,3})/im.exec(unfolded)?.[1];
    const diagnostic = /^Diagnostic-Code:[ \t]*(.+)$/im.exec(unfolded)?.[1]?.trim();
    const recipient = /^Final-Recipient:[ \t]*(?:rfc822;)?[ \t]*(.+)$/im.exec(unfolded)?.[1]?.trim();
    const reason = [
      `returned undelivered${recipient ? ` by the server for ${recipient}` : ''}`,
      status ? `status ${status}` : null,
      diagnostic ?? null,
    ]
      .filter(Boolean)
      .join(': ');
    await repo.update(item.id, { state: 'failed', failure: reason, updatedAt: now });
    return true;
  }
}
