import { createHash, randomUUID } from 'node:crypto';
import type { IdentityService } from '../identities/service.js';
import type { Clock } from '../platform/clock.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/validation.js';
import { TableRepository } from '../providers/repository/table.js';
import type { ProviderService } from '../providers/service.js';
import { addressing } from './addressing.js';
import { ReplyLinker, type MailReader, type ReplyScan } from './replies.js';
import { OutboundRepository, type OutboxRow, type OutboxSummaryRow } from './repository.js';
import { draftEdit, draftInput, type DraftEdit, type DraftInput, type OutboxState } from './schemas.js';
import { SendingSettings } from './settings.js';
import { composeMessage, sendRaw, SmtpError, type Attachment } from './smtp.js';

/** An outbox item as shown: its provider by name, never its bytes. */
export interface OutboxItem extends OutboxSummaryRow {
  readonly providerName: string;
}

/** What happened to one item of a send. */
export interface SendOutcome {
  readonly item: OutboxItem;
  /** The server's answer when it took the message, or why it did not. */
  readonly said: string;
}

/**
 * Who an e-mail goes out as when it is not the alias the provider knows: a persona's alias and
 * name (issue 18). Only services pass one; no adapter does.
 */
export interface Sender {
  readonly identityId: number;
  readonly address: string;
  readonly name: string;
}

/**
 * A check run on every e-mail just before it goes, on its exact bytes: a reason to refuse it, or
 * null. A refused item fails with the reason and nothing is sent (a persona's mail that would give
 * the person away, issue 18).
 */
export type SendGuard = (item: {
  readonly identityId: number | null;
  readonly purposeKind: string | null;
  readonly purposeId: number | null;
  readonly fromName: string | null;
  readonly subject: string;
  readonly body: string;
  readonly attachments: readonly Attachment[];
  readonly raw: Buffer;
}) => Promise<string | null>;

/** Why an interrupted send is shown to the person instead of being sent again. */
const INTERRUPTED =
  'the send was interrupted at a point vrm cannot know: the server may or may not have taken it. ' +
  'Look for it in your sent mail (or ask the provider), then choose "Mark as sent" or "Send again"';

/**
 * Outbound correspondence (issue 15): the person's SMTP server, and the outbox every area sends
 * through. A draft is read and edited before anything leaves; an e-mail goes from the alias the
 * provider knows; a send records its intent, sends, then records the result, so it never goes
 * twice by itself and is never lost silently (docs/decisions.md, "the outbox").
 */
export class OutboundService {
  readonly sending: SendingSettings;
  private readonly replies: ReplyLinker;
  private readonly guards: SendGuard[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
    private readonly identities: IdentityService,
    mail: MailReader,
  ) {
    this.sending = new SendingSettings(() => this.repo(), clock);
    this.replies = new ReplyLinker(db, clock, providers, mail);
  }

  /**
   * Links mail imported since the last look to what was sent: replies (`repliedAt`) and bounces
   * (the item failed, with the reported status). The composition root runs it after each write.
   */
  linkReplies(): Promise<ReplyScan> {
    return this.replies.scan();
  }

  /** Adds a check every e-mail passes before it is sent (the composition root adds them). */
  guard(check: SendGuard): void {
    this.guards.push(check);
  }

  private readonly repo = (db: Db = this.db) => new OutboundRepository(db);
  private readonly now = () => this.clock().toISOString();

  // ── drafts ───────────────────────────────────────────────────────────────────────────────────

  /**
   * A new draft to a provider. An e-mail is addressed from the provider's own alias to its
   * privacy (or support) e-mail; a web form and a letter to its form and postal address. A
   * `sender` (a persona) writes from its own alias and under its own name instead.
   *
   * @example
   * await outbound.draft({ providerId: 4, channel: 'email', subject: 'New address', body: '…',
   *   purpose: { kind: 'change', id: 12 } });
   */
  async draft(
    input: DraftInput,
    extras: { readonly sender?: Sender; readonly attachments?: readonly Attachment[] } = {},
  ): Promise<OutboxItem> {
    const { sender, attachments } = extras;
    const d = parseInput(draftInput, input, 'Draft');
    const provider = await this.providers.get(d.providerId);
    const to = await addressing(this.identities, provider, d.channel, d.purpose?.kind, sender);
    const inReplyTo = d.follows === undefined ? null : await this.threadOf(d.follows, provider.id, d.channel);
    const now = this.now();
    const id = await this.repo().insert({
      providerId: provider.id,
      channel: d.channel,
      state: 'draft',
      subject: d.subject,
      body: d.body,
      purposeKind: d.purpose?.kind ?? null,
      purposeId: d.purpose?.id ?? null,
      ...to,
      fromName: sender?.name ?? null,
      attachments: attachments && attachments.length > 0 ? JSON.stringify(attachments) : null,
      idempotencyKey: randomUUID(),
      inReplyTo,
      createdAt: now,
      updatedAt: now,
    });
    return this.get(id);
  }

  /**
   * The Message-ID a follow-up answers: that of an e-mail sent to the same provider. A follow-up
   * to anything else would thread into a conversation the provider never saw.
   */
  private async threadOf(follows: number, providerId: number, channel: string): Promise<string | null> {
    if (channel !== 'email') return null;
    const first = await this.repo().find(follows);
    if (!first || first.providerId !== providerId || first.messageId === null) {
      throw new VrmError(
        'invalid_input',
        `Draft: follows: outbox item ${String(follows)} is no e-mail sent to this provider; a follow-up answers one that was`,
        { details: [{ path: 'follows', message: 'is no e-mail sent to this provider' }] },
      );
    }
    return first.messageId;
  }

  async list(
    filter: {
      provider?: number | string | undefined;
      state?: string | undefined;
      purpose?: { kind: string; id?: number };
    } = {},
  ): Promise<OutboxItem[]> {
    const providerId =
      filter.provider === undefined ? undefined : await this.providers.resolve(filter.provider);
    const states = filter.state === undefined ? undefined : [stateOf(filter.state)];
    const rows = await this.repo().list({ providerId, states, purpose: filter.purpose });
    return this.named(rows);
  }

  async get(id: number): Promise<OutboxItem> {
    const row = await this.repo().find(parseId(id, 'outbox item'));
    if (!row) throw notFound('outbox item', id);
    return (await this.named([withoutBytes(row)]))[0] as OutboxItem;
  }

  /** The exact bytes stored for an e-mail: what was (or is about to be) sent. */
  async raw(id: number): Promise<Buffer> {
    const row = await this.repo().find(parseId(id, 'outbox item'));
    if (!row) throw notFound('outbox item', id);
    if (row.raw === null) {
      throw new VrmError(
        'not_found',
        `outbox item ${String(id)} has no message yet: it is built when it is sent`,
      );
    }
    return Buffer.from(row.raw);
  }

  /** Changes a draft's subject or text; only a draft or a queued item can change. */
  async edit(id: number, input: DraftEdit): Promise<OutboxItem> {
    const item = await this.get(id);
    const e = parseInput(draftEdit, input, 'Draft');
    const changed = await this.repo().update(item.id, { ...e, state: 'draft', updatedAt: this.now() }, [
      'draft',
      'queued',
      'failed',
    ]);
    if (!changed) throw notEditable(item);
    return this.get(item.id);
  }

  /** Deletes an item that has not gone out (a draft, a queued or a failed one). */
  async delete(id: number): Promise<void> {
    const item = await this.get(id);
    if (!['draft', 'queued', 'failed'].includes(item.state)) {
      throw new VrmError(
        'conflict',
        `outbox item ${String(item.id)} is ${item.state}: only a draft, queued or failed item can be deleted, as what was sent stays on record`,
      );
    }
    await this.repo().delete(item.id);
  }

  // ── sending ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Items a previous run left `sending` stopped at an unknown point: the server may have taken
   * them. They are never sent again by themselves; they become `uncertain`, for the person to
   * check. Runs before every send, and when vrm starts.
   */
  async recoverInterrupted(): Promise<number[]> {
    return this.repo().markInterrupted(this.now(), INTERRUPTED);
  }

  /**
   * Sends e-mail items now: the ones named, or every draft and queued e-mail. Each is queued
   * first (in one transaction), so one stopped half-way goes on where it was.
   */
  async send(
    ids?: readonly number[],
    options: { onOutcome?: (outcome: SendOutcome) => void } = {},
  ): Promise<SendOutcome[]> {
    await this.recoverInterrupted();
    const chosen =
      ids === undefined
        ? await this.repo().list({ states: ['draft', 'queued'] })
        : await Promise.all(ids.map(async (id) => this.get(id)));
    const emails = chosen.filter((i) => i.channel === 'email');
    for (const item of chosen) {
      if (ids === undefined) break;
      if (item.channel !== 'email') {
        throw new VrmError(
          'invalid_input',
          `outbox item ${String(item.id)} is a ${item.channel === 'letter' ? 'letter' : 'web form'}: ` +
            `it is not sent from here: ${item.channel === 'letter' ? 'post it' : 'paste its text into the form'}, then mark it sent (\`vrm outbox done ${String(item.id)}\`)`,
        );
      }
      if (!['draft', 'queued', 'failed'].includes(item.state)) throw notSendable(item);
    }
    // Checked before anything is queued: without settings nothing moves.
    await this.sending.forSending();
    await inTransaction(this.db, async (trx) => {
      for (const item of emails) {
        await this.repo(trx).update(item.id, { state: 'queued', updatedAt: this.now() }, ['draft', 'failed']);
      }
    });
    return this.processQueue(ids === undefined ? undefined : new Set(ids), options.onOutcome);
  }

  /** Sends whatever is queued, one at a time, telling each outcome as it comes; `only` limits it to these items. */
  async processQueue(
    only?: ReadonlySet<number>,
    onOutcome?: (outcome: SendOutcome) => void,
  ): Promise<SendOutcome[]> {
    const outcomes: SendOutcome[] = [];
    const queued = await this.repo().list({ states: ['queued'] });
    for (const item of queued) {
      if (only && !only.has(item.id)) continue;
      const outcome = await this.sendOne(item.id);
      // Another send (a second window, the CLI beside the web app) took it first: it goes once.
      if (outcome === undefined) continue;
      onOutcome?.(outcome);
      outcomes.push(outcome);
    }
    return outcomes;
  }

  /**
   * Sends an `uncertain` item again: the same bytes with the same Message-ID, so a receiving
   * server or mail program that saw the first can tell them apart as one.
   */
  async sendAgain(id: number): Promise<SendOutcome> {
    const item = await this.get(id);
    if (item.state !== 'uncertain' && item.state !== 'failed') {
      throw new VrmError(
        'conflict',
        `outbox item ${String(item.id)} is ${item.state}: only an uncertain or failed item is sent again`,
      );
    }
    await this.sending.forSending();
    await this.repo().update(item.id, { state: 'queued', updatedAt: this.now() }, ['uncertain', 'failed']);
    const outcome = await this.sendOne(item.id);
    if (outcome === undefined) {
      throw new VrmError('conflict', `outbox item ${String(item.id)} is being sent by another send already`);
    }
    return outcome;
  }

  /**
   * Marks an item sent without vrm sending it: a posted letter, a filled-in web form, or an
   * uncertain e-mail the person found in their sent mail. It goes on the provider's timeline.
   */
  async markSent(id: number, options: { on?: string } = {}): Promise<OutboxItem> {
    const item = await this.get(id);
    const allowed: OutboxState[] = item.channel === 'email' ? ['uncertain'] : ['draft', 'queued'];
    if (!allowed.includes(item.state)) {
      throw new VrmError(
        'conflict',
        item.channel === 'email'
          ? `outbox item ${String(item.id)} is ${item.state}: an e-mail is marked sent only when its send was uncertain; send it with \`vrm outbox send ${String(item.id)}\``
          : `outbox item ${String(item.id)} is ${item.state} already`,
      );
    }
    const at = options.on === undefined ? this.now() : dayAsInstant(options.on);
    const row = await this.repo().find(item.id);
    if (!row) throw notFound('outbox item', id);
    await this.recordSent(row, at, allowed);
    return this.get(item.id);
  }

  /** Sends one queued item; undefined when it is no longer queued (another send took it). */
  private async sendOne(id: number): Promise<SendOutcome | undefined> {
    const settings = await this.sending.forSending();
    const item = await this.repo().find(id);
    if (!item || item.state !== 'queued') return undefined;
    const from = item.fromAddress ?? '';
    const to = item.toAddress ?? '';
    const messageId = `${item.idempotencyKey}@${from.split('@')[1] ?? 'localhost'}`;
    // The bytes are built once: an item sent again goes with the same ones.
    const raw =
      item.raw === null
        ? await composeMessage({
            // A persona's mail goes under its name, never the person's display name.
            from:
              item.fromName !== null
                ? { name: item.fromName, address: from }
                : settings.displayName
                  ? { name: settings.displayName, address: from }
                  : from,
            to,
            subject: item.subject,
            text: item.body,
            messageId: `<${messageId}>`,
            date: this.clock(),
            inReplyTo: item.inReplyTo === null ? undefined : `<${item.inReplyTo}>`,
            attachments: item.attachments === null ? undefined : attachmentsOf(item.attachments),
          })
        : Buffer.from(item.raw);
    for (const check of this.guards) {
      const refusal = await check({
        ...item,
        raw,
        attachments: item.attachments === null ? [] : attachmentsOf(item.attachments),
      });
      if (refusal === null) continue;
      await this.repo().update(item.id, { state: 'failed', failure: refusal, updatedAt: this.now() }, [
        'queued',
      ]);
      return { item: await this.get(item.id), said: refusal };
    }
    // The intent: stored bytes and `sending` in one write, before a byte goes to the server.
    const claimed = await this.repo().update(
      item.id,
      { state: 'sending', raw, messageId, sendingAt: this.now(), failure: null, updatedAt: this.now() },
      ['queued'],
    );
    if (!claimed) return undefined;
    let said: string;
    try {
      said = (await sendRaw(settings, { from, to, raw })).response;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // A refusal means it did not go; anything else (a broken connection after DATA) may have.
      const state = error instanceof SmtpError && error.refused ? 'failed' : 'uncertain';
      await this.repo().update(item.id, { state, failure: reason, updatedAt: this.now() }, ['sending']);
      return { item: await this.get(item.id), said: reason };
    }
    const sending = await this.repo().find(item.id);
    if (sending) await this.recordSent(sending, this.now(), ['sending']);
    return { item: await this.get(item.id), said };
  }

  /**
   * The result, in one transaction: the item is sent, an outbound interaction is on the
   * provider's timeline, and an e-mail's exact bytes are the provider's document.
   */
  private async recordSent(item: OutboxRow, at: string, from: readonly OutboxState[]): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const now = this.now();
      const interactionId = await new TableRepository(trx, 'interactions').insert({
        providerId: item.providerId,
        caseId: null,
        occurredAt: at,
        channel: item.channel === 'web_form' ? 'web' : item.channel,
        direction: 'outbound',
        subject: item.subject,
        notes: notesOf(item),
        outcome: null,
        followUpOn: null,
        followUpDoneOn: null,
        createdAt: now,
        updatedAt: now,
      });
      let documentId: number | null = null;
      if (item.raw !== null) {
        const content = Buffer.from(item.raw);
        documentId = await new TableRepository(trx, 'documents').insert({
          providerId: item.providerId,
          contractId: null,
          caseId: null,
          title: `E-mail: ${item.subject}`,
          filename: `outbox-${String(item.id)}.eml`,
          mediaType: 'message/rfc822',
          size: content.byteLength,
          sha256: createHash('sha256').update(content).digest('hex'),
          content,
          notes: item.messageId === null ? null : `Message-ID <${item.messageId}>`,
          addedAt: now,
        });
      }
      const done = await this.repo(trx).update(
        item.id,
        { state: 'sent', sentAt: at, failure: null, interactionId, documentId, updatedAt: now },
        from,
      );
      if (!done)
        throw new VrmError(
          'conflict',
          `outbox item ${String(item.id)} changed while it was recorded: try again`,
        );
    });
  }

  private async named(rows: readonly OutboxSummaryRow[]): Promise<OutboxItem[]> {
    const names = new Map<number, string>();
    for (const id of new Set(rows.map((r) => r.providerId)))
      names.set(id, (await this.providers.get(id)).name);
    return rows.map((r) => ({ ...r, providerName: names.get(r.providerId) ?? '' }));
  }
}

const attachmentsOf = (json: string): Attachment[] => JSON.parse(json) as Attachment[];

/** The item without its bytes: what every answer shows. */
function withoutBytes(row: OutboxRow): OutboxSummaryRow {
  const summary: Partial<OutboxRow> = { ...row };
  delete summary.raw;
  delete summary.attachments;
  return summary as OutboxSummaryRow;
}

function notesOf(item: OutboxRow): string {
  switch (item.channel) {
    case 'email':
      return `From ${item.fromAddress ?? ''} to ${item.toAddress ?? ''}; Message-ID <${item.messageId ?? ''}>`;
    case 'web_form':
      return `Sent through the web form ${item.webForm ?? ''}`;
    case 'letter':
      return `Posted to ${(item.toAddress ?? '').replace(/\n/g, ', ')}`;
  }
}

function stateOf(text: string): OutboxState {
  const states: readonly string[] = ['draft', 'queued', 'sending', 'sent', 'failed', 'uncertain'];
  if (!states.includes(text)) {
    throw new VrmError('invalid_input', `state must be one of ${states.join(', ')}, got "${text}"`);
  }
  return text as OutboxState;
}

function dayAsInstant(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T12:00:00Z`))) {
    throw new VrmError('invalid_input', `Sent on must be a date such as 2026-03-15, got "${day}"`, {
      details: [{ path: 'on', message: 'Sent on must be a date such as 2026-03-15' }],
    });
  }
  return `${day}T12:00:00.000Z`;
}

const notEditable = (item: OutboxItem) =>
  new VrmError(
    'conflict',
    `outbox item ${String(item.id)} is ${item.state}: only a draft, queued or failed item can be edited`,
  );

const notSendable = (item: OutboxSummaryRow) =>
  new VrmError(
    'conflict',
    item.state === 'uncertain'
      ? `outbox item ${String(item.id)} may have gone already: check your sent mail, then \`vrm outbox send-again ${String(item.id)}\` or \`vrm outbox done ${String(item.id)}\``
      : `outbox item ${String(item.id)} is ${item.state}: only a draft, queued or failed item is sent`,
  );
