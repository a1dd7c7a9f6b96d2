/**
 * Casting an intent (issue 18, point 2): the vendors it goes to, chosen from the ledger or from the
 * directory by category, and the e-mail each gets from the persona's alias, under the persona's
 * name, through the outbox. The e-mail carries the intent as text, its signed Demand and the
 * persona's public key. Each vendor that was sent it is recorded as having seen the persona.
 */
import {
  directoryCategories,
  directoryEntriesIn,
  directoryEntry,
  providerFieldsFrom,
  type DirectoryEntry,
} from '../directory/directory.js';
import { recipientOf } from '../outbound/addressing.js';
import type { OutboundService, OutboxItem, SendOutcome } from '../outbound/service.js';
import type { Clock } from '../platform/clock.js';
import { todayUtc } from '../platform/dates.js';
import type { Db } from '../platform/db/handle.js';
import { VrmError } from '../platform/errors.js';
import { verifySmtp } from '../outbound/smtp.js';
import type { Provider, ProviderService } from '../providers/service.js';
import type { Intent, IntentDocument, IntentService } from './intents.js';
import type { PersonaService } from './personas.js';
import { IntentRepository, OfferRepository, RecipientRepository, type RecipientRow } from './repository.js';

/** What an outbox item made for an intent is marked with: `purpose.id` is the recipient's id. */
export const INTENT_PURPOSE = 'intent';

/** Where the intent is with one vendor. */
export type RecipientState =
  /** Chosen, not sent yet. */
  | 'chosen'
  /** In the outbox, about to go. */
  | 'queued'
  | 'sent'
  /** The server refused it, or vrm did (it would have given the person away). */
  | 'failed'
  /** The send stopped at a point where it may or may not have gone: the person checks. */
  | 'uncertain'
  /** A reply came to the persona's alias from the vendor. */
  | 'answered'
  /** An offer came from the vendor (by mail, by hand or as JSON-LD). */
  | 'offered'
  /** Sent, and no answer by the answer-by day. */
  | 'no_answer';

export interface IntentRecipient {
  readonly id: number;
  readonly providerId: number;
  readonly providerName: string;
  /** Where its e-mail goes (or went); null when the vendor has no e-mail address. */
  readonly address: string | null;
  readonly state: RecipientState;
  readonly outboxId: number | null;
  readonly sentAt: string | null;
  readonly answeredAt: string | null;
  /** Why its e-mail failed or is uncertain. */
  readonly problem: string | null;
  /** What its reply was read as: an offer, or none (`replied without an offer: …`). */
  readonly replyNote: string | null;
}

/** A vendor that could be sent the intent. */
export interface VendorCandidate {
  /** In the ledger: its provider id; from the directory: null. */
  readonly providerId: number | null;
  /** The directory entry's slug, which `addRecipients` takes. */
  readonly slug: string | null;
  readonly name: string;
  readonly email: string | null;
  readonly category: string | null;
  /** Already one of the intent's vendors. */
  readonly chosen: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}/;

export class IntentCastService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly areas: {
      readonly intents: IntentService;
      readonly personas: PersonaService;
      readonly providers: ProviderService;
      readonly outbound: OutboundService;
    },
  ) {}

  private readonly recipientRepo = () => new RecipientRepository(this.db);

  /**
   * Vendors the intent could go to: the ledger's providers of its category, then the directory's
   * organisations of that category (in `country`, if given) that have an e-mail address. The
   * category is the intent's (`car insurance` finds the directory's `insurance`) or the one given.
   *
   * @example await casting.vendors(1, { country: 'gb' })
   */
  async vendors(
    intentId: number,
    options: { readonly category?: string | undefined; readonly country?: string | undefined } = {},
  ): Promise<VendorCandidate[]> {
    const intent = await this.areas.intents.get(intentId);
    const categories = categoriesFor(options.category ?? intent.category);
    if (categories.length === 0)
      throw new VrmError(
        'invalid_input',
        `the directory has no category in "${options.category ?? intent.category}": name one of ${directoryCategories().join(', ')}`,
      );
    const chosen = new Set((await this.recipientRepo().of(intent.id)).map((r) => r.providerId));
    const ledger = (
      await Promise.all(categories.map((category) => this.areas.providers.list({ category })))
    ).flat();
    const inLedger = new Set(ledger.flatMap((p) => (p.directorySlug ? [p.directorySlug] : [])));
    const country = options.country?.trim().toLowerCase();
    const fromDirectory = categories
      .flatMap((category) => directoryEntriesIn(category).map((entry) => ({ entry, category })))
      .filter(
        ({ entry }) =>
          entry.email !== undefined &&
          !inLedger.has(entry.slug) &&
          (country === undefined ||
            country === '' ||
            (entry.countries ?? []).some((c) => c === country || c === 'all')),
      );
    const seen = new Set<string>();
    return [
      ...ledger.map((p) => ({
        providerId: p.id,
        slug: p.directorySlug,
        name: p.name,
        email: recipientOf(p, INTENT_PURPOSE),
        category: p.category,
        chosen: chosen.has(p.id),
      })),
      ...fromDirectory.map(({ entry, category }) => ({
        providerId: null,
        slug: entry.slug,
        name: entry.name,
        email: entry.email ?? null,
        category,
        chosen: false,
      })),
    ].filter((c) => {
      const key = c.providerId === null ? `d:${c.slug}` : `p:${String(c.providerId)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /**
   * Adds vendors to an intent: each a provider of the ledger (by name or id) or an organisation of
   * the directory (by its slug), which is added to the ledger as a prospect. Refused, naming it,
   * for one that is neither or has no e-mail address; then none is added.
   *
   * @example await casting.addRecipients(1, ['Aegis Insurance', 'directory:axa'])
   */
  async addRecipients(intentId: number, refs: readonly string[]): Promise<IntentRecipient[]> {
    const intent = await this.open(intentId);
    if (refs.length === 0)
      throw new VrmError('invalid_input', 'name at least one vendor: a provider, or a directory slug');
    const providers: Provider[] = [];
    for (const ref of refs) providers.push(await this.vendorOf(ref));
    for (const provider of providers) {
      if (recipientOf(provider, INTENT_PURPOSE) === null)
        throw new VrmError(
          'invalid_input',
          `${provider.name} has no e-mail address to send the intent to: add one with \`vrm provider update "${provider.name}" --support-email ADDRESS\`, or choose another vendor`,
        );
    }
    for (const provider of providers) {
      await this.recipientRepo().add({
        intentId: intent.id,
        providerId: provider.id,
        outboxId: null,
        declineOutboxId: null,
        replyKey: null,
        replyNote: null,
        addedAt: this.clock().toISOString(),
      });
    }
    return this.recipients(intent.id);
  }

  /** Makes a provider one of the intent's vendors, if it is not (an offer came from it by hand). */
  async include(intentId: number, providerId: number): Promise<void> {
    await this.recipientRepo().add({
      intentId,
      providerId,
      outboxId: null,
      declineOutboxId: null,
      replyKey: null,
      replyNote: null,
      addedAt: this.clock().toISOString(),
    });
  }

  /** Takes a vendor off an intent; refused once the intent went to it (that stays on record). */
  async removeRecipient(intentId: number, ref: string): Promise<IntentRecipient[]> {
    const intent = await this.open(intentId);
    const providerId = await this.areas.providers.resolve(ref);
    const row = (await this.recipientRepo().of(intent.id)).find((r) => r.providerId === providerId);
    if (!row) throw new VrmError('not_found', `intent ${intent.id} does not go to ${ref}`);
    if (row.outboxId !== null) {
      const item = await this.areas.outbound.get(row.outboxId);
      if (item.state !== 'draft' && item.state !== 'failed')
        throw new VrmError(
          'conflict',
          `intent ${intent.id} was sent to ${row.providerName} already (${item.state}): that stays on record`,
        );
      await this.areas.outbound.delete(item.id);
    }
    await this.recipientRepo().remove(row.id);
    return this.recipients(intent.id);
  }

  /** The intent's vendors, each with where the intent is with it. */
  async recipients(intentId: number): Promise<IntentRecipient[]> {
    const intent = await this.areas.intents.get(intentId);
    const rows = await this.recipientRepo().of(intent.id);
    const today = todayUtc(this.clock());
    const offered = new Set((await new OfferRepository(this.db).of(intent.id)).map((o) => o.providerId));
    const views: IntentRecipient[] = [];
    for (const row of rows) {
      const item = row.outboxId === null ? undefined : await this.areas.outbound.get(row.outboxId);
      const provider = await this.areas.providers.get(row.providerId);
      views.push(recipientView(row, item, provider, intent, today, offered.has(row.providerId)));
    }
    return views;
  }

  /**
   * Sends the intent to each of its vendors it has not gone to yet (or whose e-mail failed): from
   * the persona's alias, under the persona's name, through the outbox, which keeps the exact bytes
   * and sends none twice. Each e-mail is checked, bytes and all, before it goes: one that would
   * give the person away fails with the reason and nothing of it leaves.
   */
  async send(
    intentId: number,
    options: { onOutcome?: (outcome: SendOutcome) => void } = {},
  ): Promise<{ intent: Intent; recipients: IntentRecipient[]; outcomes: SendOutcome[] }> {
    await this.areas.outbound.recoverInterrupted();
    const intent = await this.open(intentId);
    const today = todayUtc(this.clock());
    if (intent.answerBy <= today)
      throw new VrmError(
        'conflict',
        `intent ${intent.id} asks for answers by ${intent.answerBy}, which is not after today: vendors would have no time to answer. Make a new intent with a later day`,
      );
    const rows = await this.recipientRepo().of(intent.id);
    if (rows.length === 0)
      throw new VrmError(
        'conflict',
        `intent ${intent.id} goes to no vendor yet: add some with \`vrm intent vendors ${intent.id} --add NAME\``,
      );
    // Made and checked before any send: a retired persona or a document that would give the
    // person away stops everything here.
    const document = await this.areas.intents.document(intent.id);
    const persona = await this.areas.personas.get(intent.personaId);
    await verifySmtp(await this.areas.outbound.sending.forSending());
    const ids: number[] = [];
    for (const row of rows) {
      if (row.outboxId !== null) {
        const item = await this.areas.outbound.get(row.outboxId);
        if (item.state === 'draft' || item.state === 'queued' || item.state === 'failed') ids.push(item.id);
        continue;
      }
      const item = await this.areas.outbound.draft(
        {
          providerId: row.providerId,
          channel: 'email',
          subject: subjectOf(intent),
          body: bodyOf(intent, document, persona.displayName),
          purpose: { kind: INTENT_PURPOSE, id: row.id },
        },
        {
          sender: { identityId: persona.identityId, address: persona.alias, name: persona.displayName },
          attachments: attachmentsOf(document),
        },
      );
      // Another send drafted this vendor's e-mail first: this one is taken back, so it goes once.
      if (await this.recipientRepo().claimOutbox(row.id, item.id)) ids.push(item.id);
      else await this.areas.outbound.delete(item.id);
    }
    if (intent.status === 'draft')
      await new IntentRepository(this.db).update(intent.id, {
        status: 'cast',
        castAt: this.clock().toISOString(),
      });
    const outcomes =
      ids.length === 0
        ? []
        : await this.areas.outbound.send(ids, options.onOutcome ? { onOutcome: options.onOutcome } : {});
    await this.followOutbox();
    return {
      intent: await this.areas.intents.get(intent.id),
      recipients: await this.recipients(intent.id),
      outcomes,
    };
  }

  /**
   * Records each vendor an intent's e-mail went to as having seen its persona (not the person).
   * Runs after every write, so a send from the outbox page counts as well. Writes only what is new.
   */
  async followOutbox(): Promise<number> {
    const sent = await this.areas.outbound.list({ state: 'sent', purpose: { kind: INTENT_PURPOSE } });
    let recorded = 0;
    const shown = new Map<number, Set<number>>();
    for (const item of sent) {
      if (item.purposeId === null) continue;
      const row = await this.recipientRepo().get(item.purposeId);
      if (!row) continue;
      const intent = await this.areas.intents.get(row.intentId);
      let known = shown.get(intent.personaId);
      if (!known) {
        const persona = await this.areas.personas.get(intent.personaId);
        known = new Set(persona.shownTo.map((s) => s.providerId));
        shown.set(intent.personaId, known);
      }
      if (known.has(row.providerId)) continue;
      const on = DAY.exec(item.sentAt ?? '')?.[0] ?? todayUtc(this.clock());
      await this.areas.personas.recordShown(
        intent.personaId,
        row.providerId,
        on,
        `intent ${String(intent.id)} (${intent.category}) by e-mail`,
      );
      known.add(row.providerId);
      recorded++;
    }
    return recorded;
  }

  /** The intent, if it can still take vendors and be sent: not closed, its persona not retired. */
  private async open(intentId: number): Promise<Intent> {
    const intent = await this.areas.intents.get(intentId);
    if (intent.status === 'closed')
      throw new VrmError('conflict', `intent ${intent.id} is closed: make a new intent`);
    return intent;
  }

  /** A provider of the ledger by name or id, or one of the directory by slug, added as a prospect. */
  private async vendorOf(ref: string): Promise<Provider> {
    const text = ref.trim();
    const slug = text.startsWith('directory:') ? text.slice('directory:'.length) : undefined;
    if (slug === undefined) {
      try {
        return await this.areas.providers.get(text);
      } catch (error) {
        if (!(error instanceof VrmError) || error.code !== 'not_found') throw error;
      }
    }
    let entry: DirectoryEntry;
    try {
      entry = directoryEntry(slug ?? text);
    } catch {
      throw new VrmError(
        'not_found',
        `no provider or directory organisation "${text}": name a provider of your ledger, or a directory slug from \`vrm intent vendors\``,
      );
    }
    if (entry.email === undefined)
      throw new VrmError(
        'invalid_input',
        `${entry.name} has no e-mail address in the directory to send the intent to: choose another vendor`,
      );
    const linked = (await this.areas.providers.list({ search: entry.name })).find(
      (p) => p.directorySlug === entry.slug || p.name === entry.name,
    );
    if (linked) return linked;
    return this.areas.providers.add({ ...providerFieldsFrom(entry), status: 'prospect' });
  }
}

/** The directory's categories named in a category's words: `car insurance` → `insurance`. */
function categoriesFor(text: string): string[] {
  const words = text.toLowerCase();
  return directoryCategories().filter((c) => words === c || new RegExp(`\\b${c}\\b`).test(words));
}

function recipientView(
  row: RecipientRow,
  item: OutboxItem | undefined,
  provider: Provider,
  intent: Intent,
  today: string,
  offered: boolean,
): IntentRecipient {
  const state: RecipientState = (() => {
    if (offered) return 'offered';
    if (!item) return 'chosen';
    switch (item.state) {
      case 'draft':
      case 'queued':
        return 'queued';
      case 'sending':
      case 'uncertain':
        return 'uncertain';
      case 'failed':
        return 'failed';
      case 'sent':
        if (item.repliedAt !== null) return 'answered';
        return intent.answerBy < today ? 'no_answer' : 'sent';
    }
  })();
  return {
    id: row.id,
    providerId: row.providerId,
    providerName: row.providerName,
    address: item?.toAddress ?? recipientOf(provider, INTENT_PURPOSE),
    state,
    outboxId: row.outboxId,
    sentAt: item?.sentAt ?? null,
    answeredAt: item?.repliedAt ?? null,
    problem: item && (item.state === 'failed' || item.state === 'uncertain') ? item.failure : null,
    replyNote: row.replyNote,
  };
}

const subjectOf = (intent: Intent): string =>
  `Request for offers: ${intent.category} (answers by ${intent.answerBy})`;

/** The e-mail's text: the intent, how it is signed, and how to answer. */
function bodyOf(intent: Intent, document: IntentDocument, name: string): string {
  return [
    'Hello,',
    '',
    document.text.trimEnd(),
    '',
    `Attached, intent.jws is this request signed by ${name}'s key (ES256, key id ${document.kid}); ` +
      'its content is intent.jsonld, a schema.org Demand. persona-key.jwk is the public key it verifies with.',
    '',
    'To answer, reply to this e-mail with your offer: the price and how often it is paid, the term, ' +
      'what is included and what is not, and until when the offer stands. A schema.org Offer in ' +
      'JSON-LD, attached to the reply, is read as well.',
    '',
    `Nothing here is consent to marketing; the terms above apply to what you do with this request.`,
    '',
    name,
    '',
  ].join('\n');
}

function attachmentsOf(document: IntentDocument) {
  return [
    { filename: 'intent.jws', contentType: 'application/jose', text: document.jws },
    {
      filename: 'intent.jsonld',
      contentType: 'application/ld+json',
      text: `${JSON.stringify(document.demand, null, 2)}\n`,
    },
    {
      filename: 'persona-key.jwk',
      contentType: 'application/jwk+json',
      text: `${JSON.stringify(document.publicJwk, null, 2)}\n`,
    },
  ];
}
