import { VrmError } from '../platform/errors.js';
import type { RequestAnswers } from './answers.js';
import type { Proceedings } from './proceedings.js';
import { PURPOSE } from './sending.js';
import type { Proceeding } from './views.js';

/** Words in a subject that say a message is about a data-subject request, in English and German. */
const ABOUT_A_REQUEST =
  /\b(gdpr|dsgvo|rgpd|avg|art(?:\.|ikel)\s*(?:7|1[5-9]|2[01])\b|subject access|data (?:subject )?(?:access )?request|your (?:data )?request|personal data|auskunft|ihre? (?:datenschutz)?anfrage|personenbezogen|datenkopie|data export|your data)/i;

/** Message-IDs named in a header block's In-Reply-To and References. */
const threadIds = (headers: string): string[] => {
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  const values = [...unfolded.matchAll(/^(?:In-Reply-To|References):[ \t]*(.*)$/gim)].map((m) => m[1] ?? '');
  return values.flatMap((v) => [...v.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? ''));
};

/**
 * The controller's answers among imported mail (issue 16, part 3): every message to the alias a
 * request went from, since it went, that answers it: in its thread (In-Reply-To or References
 * name one of its e-mails), or about it by its subject, or with an answer attached. Each becomes a
 * response of the proceeding, linked to the mail by its Message-ID, and an answer attached is
 * imported. An acknowledgement first and the data weeks later are both found: the outbox links
 * only the first reply to an e-mail.
 */
export class RequestResponses {
  constructor(
    private readonly core: Proceedings,
    private readonly answers: RequestAnswers,
  ) {}

  async follow(): Promise<number> {
    let found = 0;
    const open = (await this.core.list()).filter(
      (p) =>
        p.sentOn !== null && ['sent', 'extended', 'answered', 'admonished', 'complaint'].includes(p.state),
    );
    for (const proceeding of open) found += await this.followOne(proceeding);
    return found;
  }

  private async followOne(proceeding: Proceeding): Promise<number> {
    const row = await this.core.repo().proceeding(proceeding.id);
    if (!row || row.identityId === null || proceeding.sentOn === null) return 0;
    const { mail, outbound } = this.core.areas;
    const sent = new Set(
      (await outbound.list({ purpose: { kind: PURPOSE } }))
        .filter((o) => proceeding.messages.some((m) => m.outboxId === o.id))
        .flatMap((o) => (o.messageId === null ? [] : [o.messageId.replace(/^<|>$/g, '')])),
    );
    const subjects = proceeding.messages
      .filter((m) => m.direction === 'out')
      .map((m) => m.subject.toLowerCase());
    let found = 0;
    for (const summary of await mail.inbox({ identity: row.identityId, limit: 200 })) {
      if ((summary.sentAt ?? '').slice(0, 10) < proceeding.sentOn) continue;
      const subject = (summary.subject ?? '').toLowerCase();
      const about =
        ABOUT_A_REQUEST.test(subject) || subjects.some((s) => s !== '' && subject.includes(s.slice(0, 60)));
      // This runs after every write: a message is only opened (its headers read) when its
      // subject, a reply's prefix or an attachment makes it a candidate; a newsletter is not.
      const reply = /^\s*(re|aw|sv|antw)\s*:/i.test(subject);
      if (!about && !reply && summary.attachmentCount === 0) continue;
      const message = await mail.message(summary.id);
      const mailId = message.messageId ?? `stored-${String(summary.id)}`;
      if (await this.core.repo().messageByMail(proceeding.id, mailId)) continue;
      const inThread = threadIds(message.headers ?? '').some((id) => sent.has(id));
      if (!inThread && !about) {
        if (summary.attachmentCount === 0) continue;
        // Attachments alone: an answer sent without a word, when one is an answer file.
        const files = await mail.attachmentFiles(summary.id);
        if (!files.some((f) => /\.(zip|json|csv|pdf)$/i.test(f.filename))) continue;
      }
      await this.core.repo().insertMessage({
        ...this.core.incoming(
          proceeding.id,
          'response',
          (summary.sentAt ?? this.core.now()).slice(0, 10),
          summary.subject || `From ${proceeding.provider}`,
          message.body ?? '',
          this.core.now(),
        ),
        mailMessageId: mailId,
      });
      found++;
      if (summary.attachmentCount > 0) {
        try {
          await this.answers.fromMail(await this.core.get(proceeding.id), summary.id);
        } catch (error) {
          // An acknowledgement or a question with a logo attached is a response, not an answer.
          if (!(error instanceof VrmError)) throw error;
        }
      }
    }
    return found;
  }
}
