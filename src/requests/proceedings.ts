import type { DisclosureService } from '../disclosures/service.js';
import type { IdentityService } from '../identities/service.js';
import type { LetterService } from '../letters/service.js';
import type { OutboundService } from '../outbound/service.js';
import type { Clock } from '../platform/clock.js';
import { todayUtc } from '../platform/dates.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { VrmError } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/validation.js';
import type { AccountService } from '../providers/accounts.js';
import type { ProviderService } from '../providers/service.js';
import { valueLines } from '../vault/kinds.js';
import type { VaultService } from '../vault/service.js';
import { checkExtensionNotice } from './deadlines.js';
import { identificationFor, requestLanguage, requestPlace, residenceOf, routeFor } from './drafting.js';
import { RequestRepository, type ProceedingView } from './repository.js';
import {
  answeredInput,
  draftRequestInput,
  editRequestInput,
  extensionInput,
  receivedInput,
  onDayInput,
  type AnsweredInput,
  type DraftRequestInput,
  type EditRequestInput,
  type ExtensionInput,
  type ProceedingState,
  type ReceivedInput,
  type RequestDetails,
} from './schemas.js';
import { deleteDraft, outboxItem, strayDrafts } from './strays.js';
import { requestText, type Identification } from './templates.js';
import {
  deadlinesOf,
  OPEN_STATES,
  toAnswer,
  toProceeding,
  type Proceeding,
  type ProceedingStatus,
} from './views.js';

export type { Proceeding, ProceedingStatus, ProceedingMessage, Deadline } from './views.js';

/** What the request area reads of stored mail: a message by its Message-ID, and its attachments. */
export interface MailLookup {
  byMessageId(messageId: string): Promise<number | undefined>;
  message(id: number): Promise<{
    subject: string | null;
    messageId: string | null;
    body?: string | null;
    headers?: string | null;
  }>;
  /** Messages that came to one identity, the newest first. */
  inbox(filter: {
    identity: number;
    limit: number;
  }): Promise<
    readonly { id: number; sentAt: string | null; subject: string | null; attachmentCount: number }[]
  >;
  attachmentFiles(id: number): Promise<{ filename: string; mimeType: string; bytes: Buffer }[]>;
}

/** The areas the requests use: the ledger, the vault, the outbox and letters, and stored mail. */
export interface RequestAreas {
  readonly providers: ProviderService;
  readonly vault: VaultService;
  readonly identities: IdentityService;
  readonly accounts: AccountService;
  readonly disclosures: DisclosureService;
  readonly outbound: OutboundService;
  readonly letters: LetterService;
  readonly mail: MailLookup;
}

/**
 * The proceedings of data-subject requests (issue 16): each request to a controller, from its
 * draft to its end, with the Art. 12(3) deadline counted as the law counts it. This class keeps
 * the proceeding and its dates; sending (`sending.ts`), answers (`answers.ts`) and escalation
 * (`escalation.ts`) are their own parts, reached through `RequestService`.
 */
export class Proceedings {
  constructor(
    readonly db: Db,
    readonly clock: Clock,
    readonly areas: RequestAreas,
  ) {}

  readonly repo = (db: Db = this.db): RequestRepository => new RequestRepository(db);
  readonly today = (): string => todayUtc(this.clock());
  readonly now = (): string => this.clock().toISOString();

  /**
   * Drafts a request to a provider: its kind, the route (e-mail from its alias to its privacy
   * contact, a letter, its web form), the identification by what it holds, and the text in its
   * language. Nothing leaves until it is sent. One open request of a kind per provider.
   *
   * @example await requests.draft({ provider: 'Acme Energy', kind: 'access' })
   */
  async draft(input: DraftRequestInput, campaignId: number | null = null): Promise<Proceeding> {
    const parsed = parseInput(draftRequestInput, input, 'request');
    const provider = await this.areas.providers.get(parsed.provider);
    const open = (await this.repo().proceedings({ providerId: provider.id })).find(
      (p) => p.kind === parsed.kind && OPEN_STATES.includes(p.state as ProceedingState),
    );
    if (open) {
      throw new VrmError(
        'conflict',
        `request ${String(open.id)} already asks ${provider.name} for this and is still open: see it with \`vrm request show ${String(open.id)}\``,
      );
    }
    const route = await routeFor(this.areas.identities, provider, parsed.channel);
    const language = requestLanguage(provider, parsed.language);
    const place = requestPlace(provider, await residenceOf(this.areas.vault), parsed.place);
    const alias =
      route.identityId === null ? null : (await this.areas.identities.get(route.identityId)).value;
    const { identification, notes } = await identificationFor(this.areas, provider, alias);
    const details = await this.detailsFor(parsed.kind, parsed.details ?? {}, provider.id);
    const text = requestText({
      kind: parsed.kind,
      language,
      provider: provider.name,
      identification,
      sentOn: this.today(),
      channel: route.channel ?? 'letter',
      ...details.text,
    });
    const now = this.now();
    const id = await inTransaction(this.db, async (trx) => {
      const proceedingId = await this.repo(trx).insertProceeding({
        providerId: provider.id,
        campaignId,
        kind: parsed.kind,
        language,
        details: JSON.stringify({ ...details.stored, identification, notes }),
        channel: route.channel,
        identityId: route.identityId,
        recipient: route.recipient,
        problem: route.problem,
        place,
        deliveryDays: route.channel === 'letter' ? (parsed.deliveryDays ?? 3) : null,
        state: 'drafted',
        sentOn: null,
        extensionOn: null,
        extensionReasons: null,
        answeredOn: null,
        answer: null,
        missingItems: null,
        admonishedOn: null,
        admonitionDueOn: null,
        authority: null,
        complainedOn: null,
        closedOn: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.repo(trx).insertMessage({
        proceedingId,
        kind: 'request',
        direction: 'out',
        state: 'drafted',
        onDay: null,
        channel: route.channel,
        recipient: route.recipient,
        subject: text.subject,
        body: text.body,
        outboxId: null,
        mailMessageId: null,
        documentId: null,
        createdAt: now,
        updatedAt: now,
      });
      return proceedingId;
    });
    return this.get(id);
  }

  /** What a kind needs in its text and keeps: the facts to rectify with both versions, and so on. */
  private async detailsFor(kind: string, details: RequestDetails, providerId: number) {
    const stored: Record<string, unknown> = {};
    const text: {
      rectify?: { label: string; held: string[] | null; correct: string[] }[];
      erase?: string[];
      objectTo?: string;
      consentTo?: string;
    } = {};
    if (kind === 'rectification') {
      const { facts: holdings } = await this.areas.disclosures.forProvider(providerId);
      const refs = details.facts ?? holdings.filter((h) => h.outdated).map((h) => h.factId);
      if (refs.length === 0) {
        throw new VrmError(
          'invalid_input',
          'request: Facts: name the facts they hold wrongly (`--fact home`); the ledger shows nothing outdated for this provider',
          { details: [{ path: 'details.facts', message: 'name the facts to rectify' }] },
        );
      }
      text.rectify = [];
      const ids: number[] = [];
      for (const ref of refs) {
        const fact = await this.areas.vault.resolve(ref);
        const holding = holdings.find((h) => h.factId === fact.id);
        const held = holding ? fact.history.find((v) => v.version === holding.version) : undefined;
        text.rectify.push({
          label: fact.label,
          held: held ? valueLines(fact.kind, held.value) : null,
          correct: valueLines(fact.kind, fact.current.value),
        });
        ids.push(fact.id);
      }
      stored.facts = ids;
    }
    if (kind === 'erasure' && details.erase) text.erase = stored.erase = details.erase;
    if ((kind === 'objection' || kind === 'marketing_objection') && details.objectTo) {
      text.objectTo = details.objectTo;
      stored.objectTo = details.objectTo;
    }
    if (kind === 'withdraw_consent' && details.consentTo) {
      text.consentTo = details.consentTo;
      stored.consentTo = details.consentTo;
    }
    return { stored, text };
  }

  /** Every proceeding, the newest first: of one provider or one campaign when asked. */
  async list(
    filter: { provider?: number | string; campaign?: number; status?: ProceedingStatus } = {},
  ): Promise<Proceeding[]> {
    const providerId =
      filter.provider === undefined ? undefined : (await this.areas.providers.get(filter.provider)).id;
    const rows = await this.repo().proceedings({
      ...(providerId === undefined ? {} : { providerId }),
      ...(filter.campaign === undefined ? {} : { campaignId: filter.campaign }),
    });
    const views = await this.views(rows);
    return filter.status === undefined ? views : views.filter((p) => p.status === filter.status);
  }

  async get(ref: number | string): Promise<Proceeding> {
    const id = parseId(ref, 'request');
    const row = await this.repo().proceeding(id);
    if (!row) throw new VrmError('not_found', `no request ${String(id)}: \`vrm request list\` shows them`);
    const [view] = await this.views([row]);
    if (!view) throw new VrmError('not_found', `no request ${String(id)}`);
    return view;
  }

  async views(rows: readonly ProceedingView[]): Promise<Proceeding[]> {
    const ids = rows.map((r) => r.id);
    const messages = await this.repo().messages(ids);
    const answers = await this.repo().answers(ids);
    const files = await this.repo().answerFiles(answers.map((a) => a.id));
    const today = this.today();
    const uncertain = new Set(
      (await this.areas.outbound.list({ state: 'uncertain', purpose: { kind: 'request' } })).map((o) => o.id),
    );
    return rows.map((row) =>
      toProceeding(
        row,
        messages.filter((m) => m.proceedingId === row.id),
        answers.filter((a) => a.proceedingId === row.id).map((a) => toAnswer(a, files)),
        today,
        uncertain,
      ),
    );
  }

  /** Changes a drafted request: its text, the channel it goes by, the holidays' country, the post's days. */
  async edit(ref: number | string, input: EditRequestInput): Promise<Proceeding> {
    const proceeding = await this.get(ref);
    const parsed = parseInput(editRequestInput, input, 'request');
    if (proceeding.state !== 'drafted') {
      throw new VrmError(
        'conflict',
        `request ${String(proceeding.id)} was sent already; only a draft is edited`,
      );
    }
    const provider = await this.areas.providers.get(proceeding.providerId);
    const route =
      parsed.channel === undefined || parsed.channel === proceeding.channel
        ? undefined
        : await routeFor(this.areas.identities, provider, parsed.channel);
    const place = parsed.place === undefined ? undefined : requestPlace(provider, null, parsed.place);
    const request = proceeding.messages.find((m) => m.kind === 'request');
    const now = this.now();
    await inTransaction(this.db, async (trx) => {
      await this.repo(trx).updateProceeding(proceeding.id, {
        ...(route ? { ...route } : {}),
        ...(place === undefined ? {} : { place }),
        ...(parsed.deliveryDays === undefined ? {} : { deliveryDays: parsed.deliveryDays }),
        ...(route?.channel === 'letter' &&
        proceeding.deliveryDays === null &&
        parsed.deliveryDays === undefined
          ? { deliveryDays: 3 }
          : {}),
        updatedAt: now,
      });
      if (request) {
        await this.repo(trx).updateMessage(request.id, {
          ...(parsed.subject === undefined ? {} : { subject: parsed.subject }),
          ...(parsed.body === undefined ? {} : { body: parsed.body }),
          ...(route ? { channel: route.channel, recipient: route.recipient } : {}),
          updatedAt: now,
        });
      }
    });
    return this.get(proceeding.id);
  }

  /**
   * The controller said it needs longer: recorded with its day and reasons as a message of the
   * proceeding. It extends the deadline by two months only if it came within the first month and
   * gave reasons (Art. 12(3)); otherwise it is kept, and the explanation says why it does not count.
   */
  async extension(ref: number | string, input: ExtensionInput): Promise<Proceeding> {
    const proceeding = await this.get(ref);
    const parsed = parseInput(extensionInput, input, 'extension');
    if (!['sent', 'extended'].includes(proceeding.state)) {
      throw new VrmError(
        'conflict',
        `request ${String(proceeding.id)} is ${proceeding.state}: an extension is recorded for a request sent and not yet answered`,
      );
    }
    const row = await this.repo().proceeding(proceeding.id);
    const deadlines = row ? deadlinesOf(row) : null;
    if (!deadlines || proceeding.sentOn === null)
      throw new VrmError('conflict', 'the request has not been sent');
    if (parsed.on < proceeding.sentOn) {
      throw new VrmError(
        'invalid_input',
        `extension: On: ${parsed.on} is before the request was sent (${proceeding.sentOn}): give the day the notice came`,
        { details: [{ path: 'on', message: `is before the request was sent (${proceeding.sentOn})` }] },
      );
    }
    if (parsed.on > this.today()) {
      throw new VrmError(
        'invalid_input',
        `extension: On: ${parsed.on} is in the future: give the day the notice came`,
        {
          details: [{ path: 'on', message: 'is in the future' }],
        },
      );
    }
    const check = checkExtensionNotice(deadlines, {
      noticeOn: parsed.on,
      reasonsGiven: (parsed.reasons ?? '') !== '',
    });
    const now = this.now();
    await inTransaction(this.db, async (trx) => {
      await this.repo(trx).updateProceeding(proceeding.id, {
        state: check.counts ? 'extended' : proceeding.state,
        extensionOn: parsed.on,
        extensionReasons: parsed.reasons ?? null,
        updatedAt: now,
      });
      await this.repo(trx).insertMessage(
        this.incoming(
          proceeding.id,
          'extension',
          parsed.on,
          'Notice of extension',
          parsed.reasons ?? '(no reasons given)',
          now,
        ),
      );
    });
    return this.get(proceeding.id);
  }

  /** A message from the controller that came otherwise than by imported mail: a letter, a call. */
  async received(ref: number | string, input: ReceivedInput): Promise<Proceeding> {
    const proceeding = await this.get(ref);
    const parsed = parseInput(receivedInput, input, 'message');
    if (proceeding.sentOn === null) {
      throw new VrmError(
        'conflict',
        `request ${String(proceeding.id)} has not been sent: nothing can have come back yet`,
      );
    }
    if (parsed.on < proceeding.sentOn) {
      throw new VrmError(
        'invalid_input',
        `message: On: ${parsed.on} is before the request was sent (${proceeding.sentOn})`,
        { details: [{ path: 'on', message: `is before the request was sent (${proceeding.sentOn})` }] },
      );
    }
    await this.repo().insertMessage(
      this.incoming(proceeding.id, 'response', parsed.on, parsed.subject, parsed.body ?? '', this.now()),
    );
    return this.get(proceeding.id);
  }

  incoming(
    proceedingId: number,
    kind: 'response' | 'extension',
    on: string,
    subject: string,
    body: string,
    now: string,
  ) {
    return {
      proceedingId,
      kind,
      direction: 'in',
      state: 'received',
      onDay: on,
      channel: null,
      recipient: null,
      subject,
      body,
      outboxId: null,
      mailMessageId: null,
      documentId: null,
      createdAt: now,
      updatedAt: now,
    } as const;
  }

  /**
   * The answer came: complete, or incomplete with the Art. 15 items it left out. An imported
   * answer does this by itself; this records one read on paper, or corrects the verdict.
   */
  async answered(ref: number | string, input?: AnsweredInput): Promise<Proceeding> {
    const proceeding = await this.get(ref);
    const parsed = parseInput(answeredInput, input, 'answer') ?? {};
    if (proceeding.sentOn === null || ['done', 'withdrawn'].includes(proceeding.state)) {
      throw new VrmError(
        'conflict',
        `request ${String(proceeding.id)} is ${proceeding.state}: an answer is recorded for a request that was sent and is still open`,
      );
    }
    const on = parsed.on ?? this.today();
    if (on < proceeding.sentOn) {
      throw new VrmError(
        'invalid_input',
        `answer: On: ${on} is before the request was sent (${proceeding.sentOn})`,
        {
          details: [{ path: 'on', message: `is before the request was sent (${proceeding.sentOn})` }],
        },
      );
    }
    const missing = parsed.missing ?? [];
    const complete = parsed.complete ?? missing.length === 0;
    await this.repo().updateProceeding(proceeding.id, {
      state: proceeding.state === 'complaint' ? 'complaint' : 'answered',
      answeredOn: on,
      answer: complete ? 'complete' : 'incomplete',
      missingItems: JSON.stringify(complete ? [] : missing),
      updatedAt: this.now(),
    });
    return this.get(proceeding.id);
  }

  /** The request has reached its end: answered well enough, or the authority has dealt with it. */
  async done(ref: number | string, input?: { on?: string | undefined }): Promise<Proceeding> {
    return this.close(ref, 'done', input);
  }

  /** The person no longer wants it: it stays on record, withdrawn, and leaves the calendar. */
  async withdraw(ref: number | string, input?: { on?: string | undefined }): Promise<Proceeding> {
    return this.close(ref, 'withdrawn', input);
  }

  private async close(
    ref: number | string,
    state: 'done' | 'withdrawn',
    input?: { on?: string | undefined },
  ) {
    const proceeding = await this.get(ref);
    const on = parseInput(onDayInput, input, 'request')?.on ?? this.today();
    if (proceeding.state === 'done' || proceeding.state === 'withdrawn') {
      throw new VrmError('conflict', `request ${String(proceeding.id)} is ${proceeding.state} already`);
    }
    if (state === 'done' && proceeding.state === 'drafted') {
      throw new VrmError(
        'conflict',
        `request ${String(proceeding.id)} was never sent: send it, or withdraw it (\`vrm request withdraw ${String(proceeding.id)}\`)`,
      );
    }
    // A drafted message's outbox draft never left, and goes with it; one queued or on its way
    // may have, so the send is let finish first.
    const { outbound } = this.areas;
    const drafts: number[] = [];
    for (const message of proceeding.messages.filter((m) => m.state === 'drafted')) {
      const held = message.outboxId === null ? undefined : await outboxItem(outbound, message.outboxId);
      if (held && held.state !== 'draft' && held.state !== 'failed') {
        throw new VrmError(
          'conflict',
          `request ${String(proceeding.id)} has a message in the outbox: let its send finish (or settle it in the outbox) first`,
        );
      }
      if (held?.state === 'draft') drafts.push(held.id);
      drafts.push(...(await strayDrafts(outbound, message.id, held?.id ?? null)));
    }
    for (const draft of drafts) await deleteDraft(outbound, draft);
    await this.repo().updateProceeding(proceeding.id, { state, closedOn: on, updatedAt: this.now() });
    return this.get(proceeding.id);
  }

  /** The identification a request was sent with: what the admonition and complaint repeat. */
  identificationOf(row: ProceedingView): Identification {
    return (JSON.parse(row.details) as { identification?: Identification }).identification ?? {};
  }
}
