import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/handle.js';
import { VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import type { SendOutcome } from '../outbound/service.js';
import { RequestAnswers, type AnswerImport } from './answers.js';
import { authorities, type Authority } from '../directory/directory.js';
import { complaintBundle } from './bundle.js';
import { AnswerComparison } from './compare/service.js';
import type { Comparison } from './compare.js';
import { authorityCandidatesFor, RequestEscalation } from './escalation.js';
import { parsePlace } from './holidays.js';
import { Proceedings, type RequestAreas } from './proceedings.js';
import {
  bulkRequestInput,
  type AdmonishInput,
  type AnsweredInput,
  type BulkRequestInput,
  type ComplainInput,
  type DraftRequestInput,
  type EditRequestInput,
  type ExtensionInput,
  type ListRequestsInput,
  type ReceivedInput,
  listRequestsInput,
} from './schemas.js';
import { RequestResponses } from './responses.js';
import { RequestSending } from './sending.js';
import { KIND_LABELS } from './templates.js';
import type { Proceeding } from './views.js';

export type { MailLookup, RequestAreas } from './proceedings.js';
export type { Proceeding, ProceedingStatus, ProceedingMessage, Deadline } from './views.js';
export { PROCEEDING_STATUSES } from './schemas.js';
export type { AnswerImport } from './answers.js';

/** Many requests made in one step, with one view of how far they got. */
export interface RequestCampaign {
  readonly id: number;
  readonly kind: string;
  readonly title: string;
  readonly scope: string;
  readonly createdAt: string;
  readonly proceedings: readonly Proceeding[];
  /** How many are at each status ("3 waiting, 1 overdue"). */
  readonly progress: Readonly<Record<string, number>>;
  /** Providers it did not ask, and why (a request of that kind open already). */
  readonly skipped: readonly { readonly provider: string; readonly reason: string }[];
}

/**
 * Data-subject requests (issue 16): access, rectification, erasure, restriction, portability,
 * objection, withdrawal of consent and the recipients, each a proceeding tracked to the day,
 * escalated when ignored, and answered with data that is read and compared with the ledger.
 * The one entry point of the area: the CLI and the HTTP API call this, nothing deeper.
 */
export class RequestService {
  private readonly core: Proceedings;
  private readonly sending: RequestSending;
  private readonly answers: RequestAnswers;
  private readonly escalation: RequestEscalation;

  constructor(db: Db, clock: Clock, areas: RequestAreas) {
    this.core = new Proceedings(db, clock, areas);
    this.sending = new RequestSending(this.core);
    this.answers = new RequestAnswers(this.core);
    this.escalation = new RequestEscalation(this.core);
    this.comparer = new AnswerComparison(areas);
    this.responses = new RequestResponses(this.core, this.answers);
  }

  private readonly responses: RequestResponses;

  private readonly comparer: AnswerComparison;

  /** Drafts a request to one provider (see `Proceedings.draft`). */
  draft(input: DraftRequestInput): Promise<Proceeding> {
    return this.core.draft(input);
  }

  /** The proceedings: one provider's, one campaign's, those at one status. */
  async list(filter: ListRequestsInput & { campaign?: number } = {}): Promise<Proceeding[]> {
    const { campaign, ...rest } = filter;
    const parsed = parseInput(listRequestsInput, rest, 'requests') ?? {};
    return this.core.list({
      ...(parsed.provider === undefined ? {} : { provider: parsed.provider }),
      ...(campaign === undefined ? {} : { campaign }),
      ...(parsed.status === undefined ? {} : { status: parsed.status }),
    });
  }

  get(ref: number | string): Promise<Proceeding> {
    return this.core.get(ref);
  }

  edit(ref: number | string, input: EditRequestInput): Promise<Proceeding> {
    return this.core.edit(ref, input);
  }

  /** Sends the drafted e-mail (request or admonition) through the outbox, once. */
  async send(
    ref: number | string,
    options: { onOutcome?: (outcome: SendOutcome) => void } = {},
  ): Promise<{ proceeding: Proceeding; outcomes: SendOutcome[] }> {
    const outcomes = await this.sending.send(await this.core.get(ref), options);
    return { proceeding: await this.core.get(ref), outcomes };
  }

  /** The drafted letter, web-form text or complaint went out by the person's hand on `on`. */
  async markSent(
    ref: number | string,
    input?: { on?: string | undefined; deliveryDays?: number | string | undefined },
  ): Promise<Proceeding> {
    return this.sending.markSent(await this.core.get(ref), input);
  }

  async letter(ref: number | string, input?: { date?: string | undefined }) {
    return this.sending.letter(await this.core.get(ref), input);
  }

  extension(ref: number | string, input: ExtensionInput): Promise<Proceeding> {
    return this.core.extension(ref, input);
  }

  received(ref: number | string, input: ReceivedInput): Promise<Proceeding> {
    return this.core.received(ref, input);
  }

  answered(ref: number | string, input?: AnsweredInput): Promise<Proceeding> {
    return this.core.answered(ref, input);
  }

  /** Imports an answer file (a ZIP or one file) into a proceeding. */
  async importAnswer(ref: number | string, input: { name: string; bytes: Buffer }): Promise<AnswerImport> {
    return this.answers.import(await this.core.get(ref), input);
  }

  /** Imports the answer attached to a stored mail message. */
  async importAnswerFromMail(ref: number | string, mailId: number): Promise<AnswerImport[]> {
    return this.answers.fromMail(await this.core.get(ref), mailId);
  }

  async admonish(ref: number | string, input?: AdmonishInput): Promise<Proceeding> {
    const proceeding = await this.core.get(ref);
    return this.escalation.admonish(proceeding, input, await this.leftOut(proceeding));
  }

  async complain(ref: number | string, input?: ComplainInput): Promise<Proceeding> {
    const proceeding = await this.core.get(ref);
    return this.escalation.complain(proceeding, input, await this.leftOut(proceeding));
  }

  done(ref: number | string, input?: { on?: string | undefined }): Promise<Proceeding> {
    return this.core.done(ref, input);
  }

  withdraw(ref: number | string, input?: { on?: string | undefined }): Promise<Proceeding> {
    return this.core.withdraw(ref, input);
  }

  /**
   * Follows the outbox: messages sent move their proceedings, replies become responses, and an
   * answer attached to a reply is imported. Runs after every write.
   */
  async followOutbox(): Promise<number> {
    const { moved, replies } = await this.sending.follow();
    for (const reply of replies) {
      try {
        await this.answers.fromMail(await this.core.get(reply.proceedingId), reply.mailId);
      } catch (error) {
        // A reply without an answer attached (an acknowledgement, a question) is only a response.
        if (!(error instanceof VrmError)) throw error;
      }
    }
    return moved + (await this.responses.follow());
  }

  /**
   * What a proceeding's answers hold, set against what the ledger says the person gave that
   * provider: never given (ask where it came from), outdated (rectify), left out (incomplete),
   * passed on, unknown. Null before any answer was imported.
   */
  async comparison(ref: number | string): Promise<Comparison | null> {
    const proceeding = await this.core.get(ref);
    if (proceeding.answers.length === 0) return null;
    return this.comparer.compare(proceeding.providerId, await this.answers.findings(proceeding.id), {
      language: proceeding.language,
    });
  }

  /** The names of the facts given to the provider that its answers leave out. */
  private async leftOut(proceeding: Proceeding): Promise<string[]> {
    if (proceeding.answers.length === 0) return [];
    const comparison = await this.comparison(proceeding.id);
    return comparison?.leftOut.map((l) => l.fact.label) ?? [];
  }

  /**
   * The complaint's PDF: the complaint first, then the proceeding's whole history, message by
   * message, and its deadlines with how each was counted, for the supervisory authority.
   */
  async bundle(ref: number | string): Promise<{ pdf: Buffer; filename: string }> {
    const proceeding = await this.core.get(ref);
    const complaint = [...proceeding.messages].reverse().find((m) => m.kind === 'complaint');
    if (!complaint) {
      throw new VrmError(
        'conflict',
        `request ${String(proceeding.id)} has no complaint yet: draft one first (\`vrm request complain ${String(proceeding.id)}\`)`,
      );
    }
    const authority = authorities().find((a) => a.slug === proceeding.authority);
    const language = authority?.language === 'de' ? 'de' : 'en';
    const pdf = await complaintBundle({
      language,
      title: `${language === 'de' ? 'Beschwerde an' : 'Complaint to'} ${authority?.name ?? 'the supervisory authority'}`,
      complaint: {
        subject: complaint.subject,
        body: complaint.body,
        authority: authority?.name ?? '',
        sentOn: complaint.on ?? this.core.today(),
      },
      proceeding: {
        provider: proceeding.provider,
        kind: proceeding.kind,
        state: proceeding.status,
        deadlines: proceeding.deadlines.map((d) => ({
          label: d.label,
          day: d.day,
          explanation: d.explanation,
        })),
      },
      messages: proceeding.messages
        .filter((m) => m.id !== complaint.id && m.state !== 'drafted')
        .map((m) => ({
          on: m.on ?? '',
          direction: m.direction,
          kind: m.kind,
          channel:
            m.channel === 'email'
              ? 'e-mail'
              : m.channel === 'letter'
                ? 'letter'
                : m.channel === 'web_form'
                  ? 'web form'
                  : null,
          subject: m.subject,
          body: m.body,
        })),
    });
    const slug =
      proceeding.provider
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'provider';
    return { pdf, filename: `${this.core.today()}-complaint-${slug}.pdf` };
  }

  /** The supervisory authorities of the directory, of one country when asked. */
  authorities(country?: string): readonly Authority[] {
    if (country === undefined || country.trim() === '') return authorities();
    const place = parsePlace(country, 'Country', 'country');
    return authorityCandidatesFor(place.region ? `${place.country}-${place.region}` : place.country, true);
  }

  /**
   * Asks many providers in one step: every provider that holds a fact, or every provider of a
   * category. Each gets its own proceeding, drafted to review; a provider with a request of that
   * kind open already is skipped, and said so.
   */
  async startCampaign(input: BulkRequestInput): Promise<RequestCampaign> {
    const parsed = parseInput(bulkRequestInput, input, 'request campaign');
    let providers: { id: number; name: string }[];
    let scope: string;
    if (parsed.fact !== undefined) {
      const fact = await this.core.areas.vault.resolve(parsed.fact);
      const { holders } = await this.core.areas.disclosures.forFact(fact.id);
      providers = holders.map((h) => ({ id: h.providerId, name: h.provider }));
      scope = `everyone who holds ${fact.label}`;
    } else {
      const category = parsed.category ?? '';
      providers = (await this.core.areas.providers.list({ category })).map((p) => ({
        id: p.id,
        name: p.name,
      }));
      scope = `every provider in ${category}`;
    }
    if (providers.length === 0) {
      throw new VrmError(
        'conflict',
        parsed.fact !== undefined
          ? 'request campaign: the ledger shows nobody holds that fact, so there is no one to ask'
          : `request campaign: no provider is in the category "${parsed.category ?? ''}": \`vrm provider list\` shows the categories`,
      );
    }
    const id = await this.core.repo().insertCampaign({
      kind: parsed.kind,
      language: parsed.language ?? 'en',
      scope,
      createdAt: this.core.now(),
    });
    const skipped: { provider: string; reason: string }[] = [];
    for (const provider of providers) {
      try {
        await this.core.draft(
          {
            provider: provider.id,
            kind: parsed.kind,
            ...(parsed.language ? { language: parsed.language } : {}),
            ...(parsed.details ? { details: parsed.details } : {}),
          },
          id,
        );
      } catch (error) {
        if (!(error instanceof VrmError)) throw error;
        skipped.push({ provider: provider.name, reason: error.message });
      }
    }
    return this.campaign(id, skipped);
  }

  async campaign(id: number, skipped: { provider: string; reason: string }[] = []): Promise<RequestCampaign> {
    const row = await this.core.repo().campaign(id);
    if (!row)
      throw new VrmError(
        'not_found',
        `no request campaign ${String(id)}: \`vrm request campaign list\` lists them`,
      );
    const proceedings = await this.core.list({ campaign: id });
    const progress: Record<string, number> = {};
    for (const p of proceedings) progress[p.status] = (progress[p.status] ?? 0) + 1;
    const kind = row.kind as keyof typeof KIND_LABELS;
    return {
      id: row.id,
      kind: row.kind,
      title: `${KIND_LABELS[kind].en} (${KIND_LABELS[kind].article})`,
      scope: row.scope,
      createdAt: row.createdAt,
      proceedings,
      progress,
      skipped,
    };
  }

  async campaigns(): Promise<RequestCampaign[]> {
    const rows = await this.core.repo().campaigns();
    return Promise.all(rows.map((r) => this.campaign(r.id)));
  }

  /** Sends every drafted e-mail of a campaign; letters and web forms are sent by hand, then marked. */
  async sendCampaign(id: number, options: { onOutcome?: (outcome: SendOutcome) => void } = {}) {
    const campaign = await this.campaign(id);
    const ready = campaign.proceedings.filter(
      (p) => p.state === 'drafted' && p.channel === 'email' && p.problem === null,
    );
    if (ready.length === 0) {
      throw new VrmError(
        'conflict',
        `request campaign ${String(id)} has no e-mail request ready to send: letters and web forms are sent by you, then marked sent`,
      );
    }
    const outcomes: SendOutcome[] = [];
    for (const proceeding of ready) outcomes.push(...(await this.sending.send(proceeding, options)));
    return { campaign: await this.campaign(id), outcomes };
  }
}
