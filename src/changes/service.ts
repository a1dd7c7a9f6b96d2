import type { AccountService } from '../providers/accounts.js';
import type { Clock } from '../platform/clock.js';
import { todayUtc } from '../platform/dates.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { VrmError } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/validation.js';
import type { ProviderService } from '../providers/service.js';
import type { ProviderTimelineService } from '../providers/timeline.js';
import type { OutboundService, OutboxItem, SendOutcome } from '../outbound/service.js';
import { verifySmtp } from '../outbound/smtp.js';
import type { DisclosureService } from '../disclosures/service.js';
import type { IdentityService } from '../identities/service.js';
import type { Letter, LetterService } from '../letters/service.js';
import { KIND_LABELS } from '../vault/kind-names.js';
import type { VaultService } from '../vault/service.js';
import { ChangeRepository } from './repository.js';
import { toCampaign, toItem, type Campaign, type CampaignDetail, type CampaignItem } from './views.js';

export type { Campaign, CampaignDetail, CampaignItem } from './views.js';
import { CampaignClaims } from './claims.js';
import { Drafter } from './drafting.js';
import { CampaignLetters } from './letters.js';
import {
  addProviderInput,
  editItemInput,
  failItemInput,
  letterDayInput,
  onDayInput,
  startCampaignInput,
  type EditItemInput,
  type ItemState,
  type StartCampaignInput,
} from './schemas.js';
import { isChangeable } from './templates.js';

/** How long to wait for an answer before a sent notice is overdue, unless the person says. */
export const DEFAULT_WAIT_DAYS = 21;

/**
 * Change campaigns: a new version of a fact (a new address, e-mail, phone, bank account or name),
 * told once to every provider that holds an older one, and followed until each confirms. A
 * confirmed provider is recorded as holding the new version, so Who knows what stops showing it
 * as outdated. Sending goes through the outbound correspondence; this service keeps the campaign.
 */
export class ChangeService {
  private readonly providers: ProviderService;
  private readonly vault: VaultService;
  private readonly identities: IdentityService;
  private readonly accounts: AccountService;
  private readonly disclosures: DisclosureService;
  private readonly timeline: ProviderTimelineService;
  private readonly outbound: OutboundService;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    areas: {
      providers: ProviderService;
      vault: VaultService;
      identities: IdentityService;
      accounts: AccountService;
      disclosures: DisclosureService;
      /** Where later mail and documents from a provider show: a hint that it confirmed. */
      timeline: ProviderTimelineService;
      /** Every e-mail of a campaign goes through the outbox: from the alias, never twice. */
      outbound: OutboundService;
      /** A letter item's PDF, and its record once posted. */
      letters: LetterService;
    },
  ) {
    this.providers = areas.providers;
    this.vault = areas.vault;
    this.identities = areas.identities;
    this.accounts = areas.accounts;
    this.disclosures = areas.disclosures;
    this.timeline = areas.timeline;
    this.outbound = areas.outbound;
    this.drafter = new Drafter(areas);
    this.letters = new CampaignLetters(areas);
  }

  private readonly drafter: Drafter;
  private readonly letters: CampaignLetters;

  private readonly repo = (db: Db = this.db) => new ChangeRepository(db);
  private readonly today = () => todayUtc(this.clock());

  /**
   * Starts a campaign for the current version of a fact: every provider that holds an older one
   * gets an item with a proposed channel, the identity to write from, and a drafted notice.
   *
   * @example await changes.start({ fact: 'home' }) // the move, to everyone who has the old address
   */
  async start(input: StartCampaignInput): Promise<CampaignDetail> {
    const parsed = parseInput(startCampaignInput, input, 'campaign');
    const fact = await this.vault.resolve(parsed.fact);
    const kind = fact.kind;
    if (!isChangeable(kind)) {
      throw new VrmError(
        'invalid_input',
        `campaign: "${fact.label}" is a ${KIND_LABELS[kind]}; a change campaign tells providers about a new postal address, e-mail address, phone number, bank account or name`,
        { details: [{ path: 'fact', message: `is a ${KIND_LABELS[kind]}` }] },
      );
    }
    if (fact.retiredAt !== null) {
      throw new VrmError(
        'conflict',
        `campaign: "${fact.label}" is retired; start a campaign from the fact that replaced it`,
      );
    }
    if (fact.current.version < 2) {
      throw new VrmError(
        'conflict',
        `campaign: "${fact.label}" has no older version to replace: record the new value first (\`vrm fact update ${fact.id} …\`, or "New version" in the vault), then start the campaign`,
      );
    }
    const existing = await this.repo().campaignFor(fact.id, fact.current.version);
    if (existing) {
      throw new VrmError(
        'conflict',
        `campaign: campaign ${existing.id} already tells providers about this version of "${fact.label}": see it with \`vrm change show ${existing.id}\``,
      );
    }
    const holders = (await this.disclosures.forFact(fact.id)).holders.filter(
      (h) => h.version < fact.current.version,
    );
    const language = parsed.language ?? 'en';
    const drafts = await Promise.all(
      holders.map((h) => this.drafter.draftFor(fact, h.providerId, language, h)),
    );
    const now = this.clock().toISOString();
    const id = await inTransaction(this.db, async (trx) => {
      const campaignId = await this.repo(trx).insertCampaign({
        factId: fact.id,
        toVersion: fact.current.version,
        language,
        waitDays: parsed.waitDays ?? DEFAULT_WAIT_DAYS,
        createdAt: now,
        closedAt: null,
      });
      for (const draft of drafts) await this.repo(trx).insertItem({ ...draft, campaignId, updatedAt: now });
      return campaignId;
    });
    return this.get(id);
  }

  async list(): Promise<Campaign[]> {
    const rows = await this.repo().campaigns();
    const items = await this.repo().items(rows.map((r) => r.id));
    return Promise.all(
      rows.map(async (row) => {
        const fact = await this.vault.get(row.factId);
        const mine = items
          .filter((i) => i.campaignId === row.id)
          .map((i) => toItem(i, row, fact, this.today()));
        return toCampaign(row, fact, mine);
      }),
    );
  }

  async get(ref: number | string): Promise<CampaignDetail> {
    const id = parseId(ref, 'campaign');
    const row = await this.repo().campaign(id);
    if (!row) throw new VrmError('not_found', `no campaign ${id}: \`vrm change list\` shows them`);
    const fact = await this.vault.get(row.factId);
    const uncertain = new Set(
      (await this.outbound.list({ state: 'uncertain', purpose: { kind: 'change' } })).map((o) => o.id),
    );
    const items = await Promise.all(
      (await this.repo().items([id])).map(async (i) => {
        const item = await this.withHint(toItem(i, row, fact, this.today()));
        return i.outboxId !== null && uncertain.has(i.outboxId)
          ? { ...item, uncertainOutboxId: i.outboxId }
          : item;
      }),
    );
    return { ...toCampaign(row, fact, items), items };
  }

  /** Adds a provider the ledger did not name (it was told by phone, say), with a drafted notice. */
  async addProvider(
    campaignRef: number | string,
    input: { provider: number | string },
  ): Promise<CampaignItem> {
    const campaign = await this.get(campaignRef);
    const { provider: ref } = parseInput(addProviderInput, input, 'campaign');
    const provider = await this.providers.get(ref);
    const already = campaign.items.find((i) => i.providerId === provider.id);
    if (already && already.state !== 'dropped') {
      throw new VrmError('conflict', `${provider.name} is on campaign ${campaign.id} already`);
    }
    const fact = await this.vault.get(campaign.factId);
    const draft = await this.drafter.draftFor(fact, provider.id, campaign.language, undefined);
    const now = this.clock().toISOString();
    if (already) {
      await this.repo().updateItem(already.id, { ...draft, state: 'drafted', updatedAt: now });
      return this.item(already.id);
    }
    return this.item(await this.repo().insertItem({ ...draft, campaignId: campaign.id, updatedAt: now }));
  }

  async item(ref: number | string): Promise<CampaignItem> {
    const id = parseId(ref, 'campaign item');
    const row = await this.repo().item(id);
    if (!row)
      throw new VrmError('not_found', `no campaign item ${id}: \`vrm change show CAMPAIGN\` lists them`);
    const campaign = await this.repo().campaign(row.campaignId);
    if (!campaign) throw new VrmError('not_found', `no campaign ${row.campaignId}`);
    return toItem(row, campaign, await this.vault.get(campaign.factId), this.today());
  }

  /** Takes a provider off the campaign: it is not written to. It can be added back. */
  async drop(ref: number | string): Promise<CampaignItem> {
    const item = await this.item(ref);
    if (item.state === 'confirmed') {
      throw new VrmError(
        'conflict',
        `${item.provider} confirmed the change already; it stays on the campaign`,
      );
    }
    return this.move(item, 'dropped', {});
  }

  /** Changes a draft before it is sent: its subject, its text, or the channel it goes by. */
  async edit(ref: number | string, input: EditItemInput): Promise<CampaignItem> {
    const item = await this.item(ref);
    const parsed = parseInput(editItemInput, input, 'campaign item');
    if (item.state !== 'drafted' && item.state !== 'failed') {
      throw new VrmError(
        'conflict',
        `the notice to ${item.provider} was ${item.state} already; only a draft is edited`,
      );
    }
    const channel =
      parsed.channel === undefined || parsed.channel === item.channel
        ? {}
        : await this.drafter.channelFor(await this.providers.get(item.providerId), parsed.channel);
    await this.repo().updateItem(item.id, {
      ...(parsed.subject === undefined ? {} : { subject: parsed.subject }),
      ...(parsed.body === undefined ? {} : { body: parsed.body }),
      ...channel,
      updatedAt: this.clock().toISOString(),
    });
    return this.item(item.id);
  }

  /**
   * Marks a notice sent: a letter posted, a web form filled in, or an e-mail the person sent
   * themselves. The outbox marks its own e-mails sent.
   */
  async markSent(ref: number | string, input?: { on?: string | undefined }): Promise<CampaignItem> {
    const item = await this.item(ref);
    const on = parseInput(onDayInput, input, 'campaign item')?.on ?? this.today();
    if (item.state !== 'drafted' && item.state !== 'failed') {
      throw new VrmError('conflict', `the notice to ${item.provider} is ${item.state} already`);
    }
    if (item.channel === null) {
      throw new VrmError('conflict', item.problem ?? `${item.provider} has no channel to write to`);
    }
    const day = item.sentOn !== null && item.followUps > 0 ? { followedUpOn: on } : { sentOn: on };
    if (item.channel === 'letter') {
      // The letter posted is kept with the provider, in the transaction that marks the item sent.
      const campaign = await this.get(item.campaignId);
      const now = this.clock().toISOString();
      await this.letters.posted(item, campaign, on, (trx) =>
        this.repo(trx).updateItem(item.id, { state: 'sent', ...day, failure: null, updatedAt: now }),
      );
      return this.item(item.id);
    }
    return this.move(item, 'sent', { ...day, failure: null });
  }

  /**
   * The PDF of a letter item's notice, for a window envelope, dated `date` (default today): from
   * the new address for a move, to the provider's postal address, in the notice's language.
   */
  async letter(ref: number | string, input?: { date?: string | undefined }): Promise<Letter> {
    const item = await this.item(ref);
    const date = parseInput(letterDayInput, input, 'letter')?.date ?? this.today();
    return this.letters.letter(item, await this.get(item.campaignId), date);
  }

  /**
   * Sends a campaign's e-mail notices through the outbox: every drafted or failed item that goes
   * by e-mail and has what it needs (`only`: just these items). Each becomes an outbox item with
   * the notice as it stands (the outbox keeps the exact bytes and never sends one twice), and the
   * items move as the outbox reports. Letters and web forms are sent by the person, then marked.
   */
  async send(
    campaignRef: number | string,
    options: { only?: readonly number[]; onOutcome?: (outcome: SendOutcome) => void } = {},
  ): Promise<{ campaign: CampaignDetail; outcomes: SendOutcome[] }> {
    // A send stopped half-way left an item `sending`: it is uncertain now, and its notice sent.
    await this.outbound.recoverInterrupted();
    await this.followOutbox();
    const campaign = await this.get(campaignRef);
    const claims = new CampaignClaims(this.repo, this.outbound, () => this.clock().toISOString());
    await claims.dropStrays(campaign.items);
    const wanted = campaign.items.filter(
      (i) =>
        (options.only === undefined || options.only.includes(i.id)) &&
        (i.state === 'drafted' || i.state === 'failed') &&
        i.channel === 'email',
    );
    const blocked = wanted.filter((i) => i.problem !== null);
    if (options.only !== undefined && blocked.length > 0) {
      throw new VrmError('conflict', blocked.map((i) => i.problem).join('; '));
    }
    const ready = wanted.filter((i) => i.problem === null);
    if (ready.length === 0) {
      throw new VrmError(
        'conflict',
        `campaign ${campaign.id} has no e-mail notice ready to send: letters and web forms are sent by you, then marked sent`,
      );
    }
    // Checked before any outbox item is made: without sending settings, or with a login the
    // server refuses, nothing moves and every notice stays a draft.
    await verifySmtp(await this.outbound.sending.forSending());
    // Every outbox draft is made before any is sent; if one is refused, those made are taken back,
    // so no draft is left in the outbox for a later "send all" to send a second time.
    const ids: number[] = [];
    try {
      for (const item of ready) {
        const follows = item.followUps > 0 ? await this.firstSent(item.id) : undefined;
        const outbox = await this.outbound.draft({
          providerId: item.providerId,
          channel: 'email',
          subject: item.subject,
          body: item.body,
          purpose: { kind: 'change', id: item.id },
          ...(follows === undefined ? {} : { follows }),
        });
        ids.push(outbox.id);
      }
    } catch (error) {
      for (const id of ids) await this.outbound.delete(id);
      throw error;
    }
    // Each item is claimed for its draft, unless another send holds it: two sends at once send
    // each notice once, and one stopped half-way is taken up where it stopped (claims.ts).
    const claimed = await claims.claim(ready, ids);
    if (claimed.length === 0) return { campaign: await this.get(campaign.id), outcomes: [] };
    const outcomes = await this.outbound.send(
      claimed,
      options.onOutcome ? { onOutcome: options.onOutcome } : {},
    );
    await this.followOutbox();
    return { campaign: await this.get(campaign.id), outcomes };
  }

  /**
   * Moves each campaign item its outbox item has moved: sent, failed (with the server's reason),
   * or answered (a reply linked to it). Runs after every write (`afterWrite`), so a reply fetched
   * by IMAP shows on the campaign without anyone asking. Writes only what changed.
   */
  async followOutbox(): Promise<number> {
    const sent = await this.outbound.list({ purpose: { kind: 'change' } });
    const byItem = new Map<number, OutboxItem[]>();
    for (const outbox of sent) {
      if (outbox.purposeId === null) continue;
      byItem.set(outbox.purposeId, [...(byItem.get(outbox.purposeId) ?? []), outbox]);
    }
    let moved = 0;
    for (const [itemId, outboxes] of byItem) {
      const row = await this.repo().item(itemId);
      if (!row) continue;
      const day = (iso: string | null) => (iso ?? this.clock().toISOString()).slice(0, 10);
      // A reply to any notice of the item, the first or a follow-up, is its acknowledgement; what
      // the outbox did with a send counts only for the item's current one.
      const reply = outboxes
        .filter((o) => o.repliedAt !== null)
        .sort((a, b) => (a.repliedAt ?? '').localeCompare(b.repliedAt ?? ''))[0];
      const current = outboxes.find((o) => o.id === row.outboxId);
      const sentOn = (at: string | null) =>
        row.sentOn !== null && row.followUps > 0 ? { followedUpOn: day(at) } : { sentOn: day(at) };
      const patch =
        reply && ['drafted', 'sent', 'failed'].includes(row.state)
          ? {
              state: 'acknowledged',
              sentOn: row.sentOn ?? day(reply.sentAt),
              acknowledgedOn: day(reply.repliedAt),
              failure: null,
            }
          : current?.state === 'failed' && ['drafted', 'sent'].includes(row.state)
            ? { state: 'failed', failure: current.failure ?? 'the outbox could not send it' }
            : current &&
                (current.state === 'sent' || current.state === 'uncertain') &&
                row.state === 'drafted'
              ? { state: 'sent', ...sentOn(current.sentAt ?? current.sendingAt), failure: null }
              : undefined;
      if (!patch) continue;
      await this.repo().updateItem(row.id, { ...patch, updatedAt: this.clock().toISOString() });
      moved++;
    }
    return moved;
  }

  /**
   * Drafts a follow-up for each sent notice whose answer is late (`only`: these sent items, late
   * or not). The follow-up says when the first notice went and that no answer came; it is a
   * draft like any other, to review and send, and an e-mail goes in the same thread as the first.
   * The answer is then due from the day the follow-up goes.
   */
  async followUp(
    campaignRef: number | string,
    options: { only?: readonly number[] } = {},
  ): Promise<{ campaign: CampaignDetail; drafted: CampaignItem[] }> {
    const campaign = await this.get(campaignRef);
    const chosen =
      options.only === undefined
        ? campaign.items.filter((i) => i.overdue)
        : options.only.map((id) => {
            const item = campaign.items.find((i) => i.id === id);
            if (!item) {
              throw new VrmError(
                'not_found',
                `campaign ${campaign.id} has no item ${id}: \`vrm change show ${campaign.id}\` lists them`,
              );
            }
            if (item.state !== 'sent') {
              throw new VrmError(
                'conflict',
                `the notice to ${item.provider} is ${item.state}: only a sent notice that has no answer is followed up`,
              );
            }
            return item;
          });
    if (chosen.length === 0) {
      throw new VrmError(
        'conflict',
        `campaign ${campaign.id} has no late answer to follow up: a notice is late ${campaign.waitDays} days after it was sent`,
      );
    }
    const fact = await this.vault.get(campaign.factId);
    const now = this.clock().toISOString();
    const texts = await Promise.all(
      chosen.map(async (item) =>
        this.drafter.noticeFor(fact, await this.providers.get(item.providerId), campaign.language, {
          heldVersion: item.heldVersion,
          toVersion: campaign.toVersion,
          followUp: { firstSentOn: item.sentOn ?? this.today(), count: item.followUps + 1 },
        }),
      ),
    );
    await inTransaction(this.db, async (trx) => {
      for (const [n, item] of chosen.entries()) {
        const text = texts[n] ?? { subject: item.subject, body: item.body };
        // The item lets go of its sent outbox item (kept, with its bytes, on the timeline), so the
        // next send claims a new one for the follow-up.
        await this.repo(trx).updateItem(item.id, {
          ...text,
          state: 'drafted',
          followUps: item.followUps + 1,
          outboxId: null,
          updatedAt: now,
        });
      }
    });
    const after = await this.get(campaign.id);
    return { campaign: after, drafted: after.items.filter((i) => chosen.some((c) => c.id === i.id)) };
  }

  /** A reply arrived: the provider has the notice. */
  async acknowledge(ref: number | string, input?: { on?: string | undefined }): Promise<CampaignItem> {
    const item = await this.item(ref);
    const on = parseInput(onDayInput, input, 'campaign item')?.on ?? this.today();
    if (item.state !== 'sent') {
      throw new VrmError(
        'conflict',
        `the notice to ${item.provider} is ${item.state}; only a sent notice is acknowledged`,
      );
    }
    return this.move(item, 'acknowledged', { acknowledgedOn: on });
  }

  /** The notice could not be delivered, or the provider refused it; it can be edited and sent again. */
  async fail(ref: number | string, input: { reason: string }): Promise<CampaignItem> {
    const item = await this.item(ref);
    const { reason } = parseInput(failItemInput, input, 'campaign item');
    if (item.state === 'confirmed' || item.state === 'dropped') {
      throw new VrmError('conflict', `the notice to ${item.provider} is ${item.state}`);
    }
    return this.move(item, 'failed', { failure: reason });
  }

  /**
   * The provider holds the new version now: the item is confirmed, and the disclosure ledger
   * records the new version as given to it, in one transaction, so Who knows what no longer
   * shows it as outdated.
   */
  async confirm(ref: number | string, input?: { on?: string | undefined }): Promise<CampaignItem> {
    const item = await this.item(ref);
    const on = parseInput(onDayInput, input, 'campaign item')?.on ?? this.today();
    if (item.state === 'confirmed') return item;
    if (item.state === 'dropped') {
      throw new VrmError('conflict', `${item.provider} was dropped from the campaign: add it back first`);
    }
    const campaign = await this.get(item.campaignId);
    const holding = (await this.disclosures.forFact(campaign.factId)).holders.find(
      (h) => h.providerId === item.providerId,
    );
    const now = this.clock().toISOString();
    await this.disclosures.record(
      {
        provider: item.providerId,
        facts: [campaign.factId],
        on,
        purposes: holding && holding.purposes.length > 0 ? [...holding.purposes] : ['service'],
        channel: item.channel === 'email' ? 'email' : item.channel === 'letter' ? 'letter' : 'web',
        note: `confirmed the change of campaign ${campaign.id}`,
      },
      {
        within: (trx) =>
          this.repo(trx).updateItem(item.id, { state: 'confirmed', confirmedOn: on, updatedAt: now }),
      },
    );
    return this.item(item.id);
  }

  /** The first e-mail of an item that went out, which its follow-ups answer in the same thread. */
  private async firstSent(itemId: number): Promise<number | undefined> {
    const outboxes = await this.outbound.list({ purpose: { kind: 'change', id: itemId } });
    return outboxes
      .filter((o) => o.messageId !== null && (o.state === 'sent' || o.state === 'uncertain'))
      .sort((a, b) => a.id - b.id)[0]?.id;
  }

  private async move(
    item: CampaignItem,
    state: ItemState,
    dates: { sentOn?: string; followedUpOn?: string; acknowledgedOn?: string; failure?: string | null },
  ): Promise<CampaignItem> {
    await this.repo().updateItem(item.id, { state, ...dates, updatedAt: this.clock().toISOString() });
    return this.item(item.id);
  }

  /**
   * An acknowledged item whose provider sent a message or added a document after the reply: that
   * may be the confirmation (a letter saying the address was changed, a bill to the new one).
   */
  private async withHint(item: CampaignItem): Promise<CampaignItem> {
    if (item.state !== 'acknowledged' || item.acknowledgedOn === null) return item;
    const { items } = await this.timeline.page(item.providerId, { kinds: ['message', 'document'], limit: 1 });
    const latest = items[0];
    if (!latest || latest.at.slice(0, 10) <= item.acknowledgedOn) return item;
    const what = latest.kind === 'message' ? 'a message' : 'a document';
    return {
      ...item,
      mayHaveConfirmed: `${what} from ${item.provider} came on ${latest.at.slice(0, 10)}, after its reply: “${latest.title}”. If it confirms the change, mark it confirmed.`,
    };
  }
}
