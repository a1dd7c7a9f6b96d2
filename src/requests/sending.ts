import { letterText } from '../changes/letters.js';
import type { Letter } from '../letters/service.js';
import type { SendOutcome } from '../outbound/service.js';
import { verifySmtp } from '../outbound/smtp.js';
import { isoDateSchema } from '../platform/dates.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { z } from 'zod';
import { markSentInput } from './schemas.js';
import type { Proceedings } from './proceedings.js';
import { deleteDraft, outboxItem, PURPOSE, strayDrafts } from './strays.js';
import { daysAfter, type Proceeding, type ProceedingMessage } from './views.js';

export { PURPOSE } from './strays.js';

const letterDay = z.object({ date: isoDateSchema.optional() }).strict().optional();

/**
 * How a proceeding's messages leave: e-mails through the outbox from the provider's alias (never
 * twice, as the outbox sends), letters as PDF that the person posts and records, web-form text
 * the person pastes and marks sent. What the outbox reports moves the proceeding (`follow`).
 */
export class RequestSending {
  constructor(private readonly core: Proceedings) {}

  /** The message that goes out next: the drafted request, admonition or complaint. */
  pendingOf(proceeding: Proceeding): ProceedingMessage {
    // A closed request sends nothing more, though its last draft is still on record.
    if (proceeding.state === 'withdrawn' || proceeding.state === 'done') {
      throw new VrmError(
        'conflict',
        `request ${String(proceeding.id)} is ${proceeding.state}: nothing more goes out for it; to ask again, draft a new request to ${proceeding.provider}`,
      );
    }
    const message = [...proceeding.messages]
      .reverse()
      .find((m) => m.direction === 'out' && m.state === 'drafted');
    if (!message) {
      throw new VrmError(
        'conflict',
        `request ${String(proceeding.id)} has nothing drafted to send: it is ${proceeding.status}. ${proceeding.next}`,
      );
    }
    return message;
  }

  /**
   * Sends a proceeding's drafted e-mail (the request or an admonition) through the outbox. The
   * outbox keeps the exact bytes before a byte goes out and never sends one twice; a send stopped
   * half-way is taken up where it stopped.
   */
  async send(
    proceeding: Proceeding,
    options: { onOutcome?: (outcome: SendOutcome) => void } = {},
  ): Promise<SendOutcome[]> {
    const { outbound } = this.core.areas;
    await outbound.recoverInterrupted();
    await this.follow();
    const message = this.pendingOf(proceeding);
    if (message.kind === 'complaint') {
      throw new VrmError(
        'conflict',
        `the complaint goes to the supervisory authority, not through your outbox: send it by its web form or post (its PDF: \`vrm request bundle ${String(proceeding.id)}\`), then mark it sent (\`vrm request sent ${String(proceeding.id)}\`)`,
      );
    }
    if (proceeding.problem !== null) throw new VrmError('conflict', proceeding.problem);
    if (message.channel !== 'email') {
      const id = String(proceeding.id);
      const how =
        message.channel === 'letter'
          ? `a letter: print it (\`vrm request letter ${id}\`)`
          : `its web form: paste the text (\`vrm request show ${id}\`)`;
      throw new VrmError(
        'conflict',
        `request ${id} goes by ${how}, then mark it sent (\`vrm request sent ${id}\`)`,
      );
    }
    // Without sending settings, or with a login the server refuses, nothing moves.
    await verifySmtp(await outbound.sending.forSending());
    const seen = await this.adoptStray(message.id);
    const held = seen === null ? undefined : await outboxItem(this.core.areas.outbound, seen);
    let toSend: number | undefined;
    if (held && (held.state === 'sending' || held.state === 'sent' || held.state === 'uncertain')) {
      toSend = undefined;
    } else if (held && (held.state === 'draft' || held.state === 'queued')) {
      if (held.subject !== message.subject || held.body !== message.body) {
        await outbound.edit(held.id, { subject: message.subject, body: message.body });
      }
      toSend = held.id;
    } else {
      const draft = await outbound.draft({
        providerId: proceeding.providerId,
        channel: 'email',
        subject: message.subject,
        body: message.body,
        purpose: { kind: PURPOSE, id: message.id },
        ...(await this.thread(proceeding, message)),
      });
      if (await this.core.repo().claimMessage(message.id, seen, draft.id, this.core.now())) toSend = draft.id;
      else await deleteDraft(outbound, draft.id);
    }
    // Held now by one outbox item: any other draft made for it is a stray of a stopped send.
    const holder = (await this.core.repo().message(message.id))?.outboxId ?? null;
    if (holder !== null) {
      for (const stray of await strayDrafts(outbound, message.id, holder)) await deleteDraft(outbound, stray);
    }
    if (toSend === undefined) return [];
    const outcomes = await outbound.send([toSend], options.onOutcome ? { onOutcome: options.onOutcome } : {});
    await this.follow();
    return outcomes;
  }

  /**
   * The outbox item a message is held by. A message held by none, with a draft made for it by a
   * send that stopped before it claimed it, is claimed for that draft (which then goes, as any
   * held draft does): taken up rather than deleted, so a send running beside this one that made
   * it and is about to claim it finds it claimed and sends nothing twice.
   */
  private async adoptStray(messageId: number): Promise<number | null> {
    const seen = (await this.core.repo().message(messageId))?.outboxId ?? null;
    if (seen !== null) return seen;
    const [stray] = await strayDrafts(this.core.areas.outbound, messageId, null);
    if (stray === undefined) return null;
    await this.core.repo().claimMessage(messageId, null, stray, this.core.now());
    return (await this.core.repo().message(messageId))?.outboxId ?? null;
  }

  /** An admonition goes in the thread of the request's e-mail, as a reply to it. */
  private async thread(proceeding: Proceeding, message: ProceedingMessage): Promise<{ follows?: number }> {
    if (message.kind === 'request') return {};
    const first = proceeding.messages.find((m) => m.kind === 'request' && m.outboxId !== null);
    const outbox =
      first?.outboxId == null ? undefined : await outboxItem(this.core.areas.outbound, first.outboxId);
    return outbox && outbox.messageId !== null && (outbox.state === 'sent' || outbox.state === 'uncertain')
      ? { follows: outbox.id }
      : {};
  }

  /**
   * Marks the drafted message sent by the person: a letter posted (kept as a document with its
   * PDF, and with the days the post takes, from which receipt counts), text pasted into a web
   * form, or a complaint sent to the authority.
   */
  async markSent(
    proceeding: Proceeding,
    input?: { on?: string | undefined; deliveryDays?: number | string | undefined },
  ) {
    const parsed = parseInput(markSentInput, input, 'request') ?? {};
    const message = this.pendingOf(proceeding);
    const on = parsed.on ?? this.core.today();
    if (on > this.core.today()) {
      throw new VrmError('invalid_input', `request: On: ${on} is in the future: give the day it went`, {
        details: [{ path: 'on', message: 'is in the future' }],
      });
    }
    if (proceeding.sentOn !== null && on < proceeding.sentOn) {
      throw new VrmError(
        'invalid_input',
        `request: On: ${on} is before the request was sent (${proceeding.sentOn})`,
        {
          details: [{ path: 'on', message: `is before the request was sent (${proceeding.sentOn})` }],
        },
      );
    }
    if (message.channel === 'email' && message.kind !== 'complaint' && message.outboxId !== null) {
      throw new VrmError(
        'conflict',
        `this e-mail is in the outbox (item ${String(message.outboxId)}): the outbox marks it sent; settle it there if its send was cut off`,
      );
    }
    if (proceeding.problem !== null && message.kind === 'request' && message.channel === null) {
      throw new VrmError('conflict', proceeding.problem);
    }
    const now = this.core.now();
    const write = async (trx: Db) => {
      await this.core.repo(trx).updateMessage(message.id, {
        state: 'sent',
        onDay: on,
        updatedAt: now,
      });
      await this.core.repo(trx).updateProceeding(proceeding.id, {
        ...this.afterSent(proceeding, message, on),
        ...(message.kind === 'request' && message.channel === 'letter' && parsed.deliveryDays !== undefined
          ? { deliveryDays: parsed.deliveryDays }
          : {}),
        updatedAt: now,
      });
    };
    if (message.channel === 'letter' && message.kind !== 'complaint') {
      const { input: letter, options } = await this.letterInput(proceeding, message, on);
      const { documentId } = await this.core.areas.letters.posted(
        {
          ...letter,
          postedOn: on,
          notes: `Data-subject request ${String(proceeding.id)}: ${proceeding.title}.`,
        },
        { ...options, within: (trx) => write(trx) },
      );
      // The letter's PDF is kept with the provider; the message points at it once it is known.
      await this.core.repo().updateMessage(message.id, { documentId });
    } else {
      await inTransaction(this.core.db, (trx) => write(trx));
    }
    return this.core.get(proceeding.id);
  }

  /** What a message's being sent on `on` does to its proceeding. */
  afterSent(proceeding: Proceeding, message: ProceedingMessage, on: string) {
    switch (message.kind) {
      case 'request':
        return proceeding.state === 'drafted' ? { state: 'sent', sentOn: on } : {};
      case 'admonition':
        return {
          state: 'admonished',
          admonishedOn: on,
          admonitionDueOn: daysAfter(on, proceeding.admonitionDays),
        };
      case 'complaint':
        return { state: 'complaint', complainedOn: on };
      case 'response':
      case 'extension':
      case 'note':
        return {};
    }
  }

  /** The PDF of the drafted message as a letter to the provider, dated `date` (default today). */
  async letter(proceeding: Proceeding, input?: { date?: string | undefined }): Promise<Letter> {
    const date = parseInput(letterDay, input, 'letter')?.date ?? this.core.today();
    const message = this.pendingOf(proceeding);
    if (message.kind === 'complaint') {
      throw new VrmError(
        'conflict',
        `the complaint goes to the authority with its bundle: \`vrm request bundle ${String(proceeding.id)}\` makes its PDF`,
      );
    }
    const { input: letter, options } = await this.letterInput(proceeding, message, date);
    return this.core.areas.letters.render(letter, options);
  }

  private async letterInput(proceeding: Proceeding, message: ProceedingMessage, date: string) {
    if (message.channel !== 'letter') {
      throw new VrmError(
        'conflict',
        `request ${String(proceeding.id)} goes by ${message.channel === 'email' ? 'e-mail' : 'its web form'}; a letter is made for a letter only: change its channel first (\`vrm request edit ${String(proceeding.id)} --channel letter\`)`,
      );
    }
    const { suggestedFactId, senders } = await this.core.areas.letters.options(proceeding.providerId);
    if (suggestedFactId === null) {
      throw new VrmError(
        'conflict',
        senders.length === 0
          ? `a letter to ${proceeding.provider} needs your postal address to send from, and the vault has none: add it (\`vrm fact add postal-address … --label home\`, or Vault → Add a fact)`
          : `you have ${String(senders.length)} postal addresses and none is given to ${proceeding.provider}: give it the one it knows (its page → Identities), then make the letter`,
      );
    }
    const name = (await this.core.areas.vault.list({ kind: 'name' }))[0]?.current.summary ?? null;
    const text = letterText(message.body, name);
    return {
      input: {
        providerId: proceeding.providerId,
        from: { factId: suggestedFactId },
        subject: message.subject,
        body: text.body,
        date,
        language: text.language ?? proceeding.language,
      },
      options: { ownSalutation: text.ownSalutation, ownClosing: text.ownClosing },
    };
  }

  /**
   * Moves each message its outbox item has moved, and its proceeding: a request sent starts the
   * deadline, an admonition sent sets the new one; a reply linked to it becomes a response of
   * the proceeding, with the mail it came in. Runs after every write (`afterWrite`).
   */
  async follow(): Promise<{ moved: number; replies: { proceedingId: number; mailId: number }[] }> {
    const repo = this.core.repo();
    const outboxes = new Map(
      (await this.core.areas.outbound.list({ purpose: { kind: PURPOSE } })).map((o) => [o.id, o]),
    );
    let moved = 0;
    const replies: { proceedingId: number; mailId: number }[] = [];
    for (const row of await repo.messagesWithOutbox()) {
      const outbox = row.outboxId === null ? undefined : outboxes.get(row.outboxId);
      if (!outbox) continue;
      const proceeding = await this.core.get(row.proceedingId);
      const message = proceeding.messages.find((m) => m.id === row.id);
      if (!message) continue;
      const now = this.core.now();
      if (row.state === 'drafted' && (outbox.state === 'sent' || outbox.state === 'uncertain')) {
        const on = (outbox.sentAt ?? outbox.sendingAt ?? now).slice(0, 10);
        await inTransaction(this.core.db, async (trx) => {
          await this.core.repo(trx).updateMessage(row.id, { state: 'sent', onDay: on, updatedAt: now });
          await this.core.repo(trx).updateProceeding(proceeding.id, {
            ...this.afterSent(proceeding, message, on),
            updatedAt: now,
          });
        });
        moved++;
      }
      if (outbox.replyMessageId !== null && outbox.repliedAt !== null) {
        const known = await repo.messageByMail(proceeding.id, outbox.replyMessageId);
        if (known) continue;
        const mailId = await this.core.areas.mail.byMessageId(outbox.replyMessageId);
        const mail = mailId === undefined ? undefined : await this.core.areas.mail.message(mailId);
        await repo.insertMessage({
          ...this.core.incoming(
            proceeding.id,
            'response',
            outbox.repliedAt.slice(0, 10),
            mail?.subject ?? `Reply from ${proceeding.provider}`,
            mail?.body ?? '',
            now,
          ),
          mailMessageId: outbox.replyMessageId,
        });
        if (mailId !== undefined) replies.push({ proceedingId: proceeding.id, mailId });
        moved++;
      }
    }
    return { moved, replies };
  }
}
