/**
 * Offers (issue 18, point 3): recognised in replies to a persona's alias when mail is imported,
 * entered by hand, or imported as a schema.org `Offer` in JSON-LD. They are compared side by side,
 * each as a yearly cost, against what the person pays today for the same thing, with its renewal
 * and last day to cancel. An offer in another currency is compared only at a rate the person
 * gives, and says so; an offer with no price is shown, never ranked.
 */
import { createHash } from 'node:crypto';
import { recipientOf } from '../outbound/addressing.js';
import type { OutboundService } from '../outbound/service.js';
import type { Clock } from '../platform/clock.js';
import { todayUtc, type IsoDate } from '../platform/dates.js';
import type { Db } from '../platform/db/handle.js';
import { notFound, VrmError } from '../platform/errors.js';
import { formatAmount, isCurrency, minorDigits, parseAmount, type Money } from '../platform/money.js';
import { parseId, parseInput } from '../platform/validation.js';
import type { Contract, ContractService } from '../providers/contracts.js';
import type { DocumentService } from '../providers/documents.js';
import type { ProviderService } from '../providers/service.js';
import type { PackageService } from '../disclosures/packages.js';
import type { SendOutcome } from '../outbound/service.js';
import { verifySmtp } from '../outbound/smtp.js';
import { summarise } from '../vault/kinds.js';
import type { VaultService } from '../vault/service.js';
import type { PersonaService } from './personas.js';
import { INTENT_PURPOSE, type IntentCastService, type IntentRecipient } from './casting.js';
import type { Intent, IntentService } from './intents.js';
import {
  readOfferJsonLd,
  readOfferText,
  TIMES_A_YEAR,
  type OfferFields,
  type OfferPeriod,
  type ReadOffer,
} from './offer-read.js';
import { IntentRepository, OfferRepository, RecipientRepository, type OfferRow } from './repository.js';
import { acceptInput, offerInput, type AcceptInput, type OfferInput } from './schemas.js';

/** What offers read of stored mail: a message by its Message-ID, its text and its files. */
export interface OfferMail {
  byMessageId(messageId: string): Promise<number | undefined>;
  message(id: number): Promise<{ readonly subject: string | null; readonly body?: string | null }>;
  attachmentFiles(id: number): Promise<{ filename: string; mimeType: string; bytes: Buffer }[]>;
}

export interface Offer {
  readonly id: number;
  readonly intentId: number;
  readonly providerId: number;
  readonly providerName: string;
  readonly source: OfferRow['source'];
  /** The Message-ID of the reply it came in, or the SHA-256 of the file it came in. */
  readonly messageKey: string | null;
  readonly documentId: number | null;
  readonly price: Money | null;
  readonly period: OfferPeriod | null;
  readonly termMonths: number | null;
  readonly validUntil: IsoDate | null;
  readonly included: readonly string[];
  readonly excluded: readonly string[];
  readonly conditions: string | null;
  /** The person's rate for an offer in another currency: one unit is worth `rate` of `to`. */
  readonly rate: { readonly rate: string; readonly to: string } | null;
  readonly status: OfferRow['status'];
  readonly decidedAt: string | null;
  readonly disclosureId: number | null;
  readonly contractId: number | null;
  readonly createdAt: string;
}

/** An offer as compared: its yearly cost in the comparison's currency, and what to know about it. */
export interface ComparedOffer extends Offer {
  /** Its yearly cost in its own currency; null without a price or a period. */
  readonly yearlyOwn: Money | null;
  /** Its yearly cost in the comparison's currency; null when it cannot be compared (see `notes`). */
  readonly yearly: Money | null;
  /** Against the current contract, in the comparison's currency: below 0 is cheaper. */
  readonly difference: Money | null;
  readonly expired: boolean;
  /** What to know before comparing it: converted at a rate, no price, expired… */
  readonly notes: readonly string[];
}

/** What the person pays today for the same thing. */
export interface CurrentContract {
  readonly contractId: number;
  readonly providerId: number;
  readonly providerName: string;
  readonly name: string;
  readonly yearly: Money;
  readonly renewsOn: IsoDate | null;
  readonly cancelBy: IsoDate | null;
}

export interface Comparison {
  readonly intent: Intent;
  /** The currency offers are compared in: the current contract's, else the budget's, else the first offer's. */
  readonly currency: string | null;
  readonly current: CurrentContract | null;
  /** Cheapest first by yearly cost; those that cannot be compared last. */
  readonly offers: readonly ComparedOffer[];
  /** Vendors sent the intent that have not answered: still in time, or past the answer-by day. */
  readonly waiting: readonly IntentRecipient[];
  readonly noAnswer: readonly IntentRecipient[];
}

/** What one look at the replies found. */
export interface ReplyRead {
  readonly offers: number;
  readonly notOffers: number;
}

/** Files of a reply that may hold a schema.org Offer. */
const isJsonLd = (file: { filename: string; mimeType: string }): boolean =>
  /\.(jsonld|json)$/iu.test(file.filename) || /ld\+json|application\/json/iu.test(file.mimeType);

/** `0,86` or `0.86` → `0.86`: a rate as the person writes it, up to six decimals. */
function rateOf(text: string): string {
  const trimmed = text.trim();
  if (!/^\d{1,9}(?:[.,]\d{1,6})?$/u.test(trimmed) || /^0+(?:[.,]0+)?$/u.test(trimmed))
    throw new VrmError(
      'invalid_input',
      `rate "${text}": give what one unit of the offer's currency is worth, such as 0,86`,
    );
  return trimmed.replace(',', '.');
}

/** `minor` of `from` in `to` at `rate` (one `from` is `rate` `to`), in whole minor units, without floats drifting. */
function convert(minor: number, from: string, to: string, rate: string): number {
  const [whole = '0', decimals = ''] = rate.split('.');
  const scale = 10 ** decimals.length;
  const rateScaled = Number(whole) * scale + Number(decimals || '0');
  const shift = minorDigits(to) - minorDigits(from);
  const numerator = minor * rateScaled * 10 ** Math.max(shift, 0);
  const denominator = scale * 10 ** Math.max(-shift, 0);
  return Math.round(numerator / denominator);
}

const yearlyOf = (offer: Offer): Money | null => {
  if (offer.price === null || offer.period === null) return null;
  const times = TIMES_A_YEAR[offer.period];
  if (times !== null) return { minor: offer.price.minor * times, currency: offer.price.currency };
  // Paid once for a term: spread over it; paid once with no term: not a yearly cost.
  if (offer.termMonths === null) return null;
  return { minor: Math.round((offer.price.minor * 12) / offer.termMonths), currency: offer.price.currency };
};

const words = (money: Money): string => formatAmount(money);

export class OfferService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly areas: {
      readonly intents: IntentService;
      readonly casting: IntentCastService;
      readonly providers: ProviderService;
      readonly contracts: ContractService;
      readonly documents: DocumentService;
      readonly outbound: OutboundService;
      readonly mail: OfferMail;
      readonly personas: PersonaService;
      readonly packages: PackageService;
      readonly vault: VaultService;
    },
  ) {}

  private readonly repo = () => new OfferRepository(this.db);
  private readonly now = () => this.clock().toISOString();

  /**
   * Records an offer by hand: one made by phone, in a shop or on a vendor's site. The vendor
   * becomes one of the intent's vendors if it was not.
   *
   * @example await offers.add({ intent: 1, vendor: 'Kestrel Direct', price: '498,00', currency: 'GBP', period: 'year' })
   */
  async add(input: OfferInput): Promise<Offer> {
    const parsed = parseInput(offerInput, input, 'offer');
    const intent = await this.areas.intents.get(parsed.intent);
    const provider = await this.areas.providers.get(parsed.vendor);
    let priceMinor: number | null = null;
    if (parsed.price !== undefined) {
      if (parsed.currency === undefined)
        throw new VrmError('invalid_input', 'offer: a price needs its currency, such as GBP');
      const minor = parseAmount(parsed.price, parsed.currency);
      if (typeof minor === 'string') throw new VrmError('invalid_input', `offer: price: ${minor}`);
      priceMinor = minor;
    }
    if (priceMinor !== null && parsed.period === undefined)
      throw new VrmError(
        'invalid_input',
        'offer: how often is the price paid? Give the period: once, week, month, quarter, half-year or year',
      );
    await this.areas.casting.include(intent.id, provider.id);
    return this.insert(intent, provider.id, 'hand', null, null, {
      priceMinor,
      currency: parsed.currency ?? null,
      period: parsed.period ?? null,
      termMonths: parsed.termMonths ?? null,
      validUntil: parsed.validUntil ?? null,
      included: parsed.included ?? [],
      excluded: parsed.excluded ?? [],
      conditions: parsed.conditions ?? null,
    });
  }

  /**
   * Imports a schema.org `Offer` in JSON-LD (a file a vendor sent, or its site gave): read, kept
   * as the vendor's document, and recorded once (the same file twice is one offer). The vendor is
   * the one named, else the document's `seller`, found among the intent's vendors.
   */
  async importJsonLd(
    intentId: number,
    file: { readonly filename: string; readonly content: Buffer },
    options: { readonly vendor?: string | number | undefined } = {},
  ): Promise<Offer> {
    const intent = await this.areas.intents.get(intentId);
    const text = file.content.toString('utf8');
    const read = readOfferJsonLd(text);
    if (!read.isOffer) throw new VrmError('invalid_input', `${file.filename}: ${read.problems.join('; ')}`);
    const providerId =
      options.vendor !== undefined
        ? (await this.areas.providers.get(options.vendor)).id
        : await this.sellerOf(intent, read, file.filename);
    const key = `sha256:${createHash('sha256').update(file.content).digest('hex')}`;
    const known = (await this.repo().of(intent.id)).find((o) => o.messageKey === key);
    if (known) return this.get(known.id);
    await this.areas.casting.include(intent.id, providerId);
    const document = await this.areas.documents.add({
      providerId,
      filename: file.filename.replace(/^.*[/\\]/u, '') || 'offer.jsonld',
      mediaType: 'application/ld+json',
      title: `Offer for intent ${String(intent.id)} (${intent.category})`,
      content: file.content,
    });
    return this.insert(intent, providerId, 'json_ld', key, document.id, read.fields);
  }

  /** The vendor a JSON-LD offer names as its seller, among the intent's vendors by e-mail domain or name. */
  private async sellerOf(intent: Intent, read: ReadOffer, filename: string): Promise<number> {
    const recipients = await this.areas.casting.recipients(intent.id);
    const seller = read.seller;
    const domain = seller?.email?.split('@')[1]?.toLowerCase();
    const name = seller?.name?.toLowerCase();
    for (const r of recipients) {
      const provider = await this.areas.providers.get(r.providerId);
      const domains = [...provider.domains, r.address?.split('@')[1] ?? ''].map((d) => d.toLowerCase());
      if (domain !== undefined && domains.some((d) => d !== '' && (domain === d || domain.endsWith(`.${d}`))))
        return provider.id;
      if (name !== undefined && provider.name.toLowerCase() === name) return provider.id;
    }
    throw new VrmError(
      'invalid_input',
      `${filename}: its seller${seller?.name ? ` (${seller.name})` : ''} is none of intent ${String(intent.id)}'s vendors: name the vendor it came from`,
    );
  }

  /**
   * Sets the rate an offer in another currency is compared at: what one unit of its currency is
   * worth in `to`, as the person reads it from their bank. Until then it is shown, not compared.
   */
  async setRate(id: number, rate: string, to: string): Promise<Offer> {
    const offer = await this.get(id);
    const currency = to.trim().toUpperCase();
    if (offer.price === null)
      throw new VrmError('conflict', `offer ${String(offer.id)} has no price: there is nothing to convert`);
    if (offer.price.currency === currency)
      throw new VrmError('invalid_input', `offer ${String(offer.id)} is in ${currency} already`);
    if (!isCurrency(currency))
      throw new VrmError('invalid_input', `"${to}" is not a currency code such as GBP`);
    await this.repo().update(offer.id, { rate: rateOf(rate), rateTo: currency, updatedAt: this.now() });
    return this.get(offer.id);
  }

  async list(intentId: number): Promise<Offer[]> {
    const intent = await this.areas.intents.get(intentId);
    return Promise.all((await this.repo().of(intent.id)).map((row) => this.view(row)));
  }

  async get(id: number): Promise<Offer> {
    const row = await this.repo().get(parseId(id, 'offer'));
    if (!row) throw notFound('offer', id);
    return this.view(row);
  }

  /**
   * The offers side by side, each as a yearly cost, against the current contract for the same
   * thing (the one the intent names, or a running contract called by the intent's category), and
   * the vendors still to answer.
   */
  async compare(intentId: number): Promise<Comparison> {
    const intent = await this.areas.intents.get(intentId);
    const offers = await this.list(intent.id);
    const current = await this.currentFor(intent);
    const currency =
      current?.yearly.currency ??
      intent.budget?.currency ??
      offers.find((o) => o.price !== null)?.price?.currency ??
      null;
    const today = todayUtc(this.clock());
    const compared = offers.map((offer): ComparedOffer => {
      const notes: string[] = [];
      const yearlyOwn = yearlyOf(offer);
      let yearly: Money | null = null;
      if (offer.price === null) notes.push('no price: ask the vendor, or enter it by hand');
      else if (offer.period === null) notes.push('the price names no period: enter it by hand');
      else if (yearlyOwn === null) notes.push('paid once, with no term: not a yearly cost');
      else if (currency === null || yearlyOwn.currency === currency) yearly = yearlyOwn;
      else if (offer.rate !== null && offer.rate.to === currency) {
        yearly = {
          minor: convert(yearlyOwn.minor, yearlyOwn.currency, currency, offer.rate.rate),
          currency,
        };
        notes.push(
          `converted from ${words(yearlyOwn)} at your rate of ${offer.rate.rate} ${currency} to 1 ${yearlyOwn.currency}`,
        );
      } else
        notes.push(
          `in ${yearlyOwn.currency}: not compared until you give a rate (vrm offer rate ${String(offer.id)} 0,86 ${currency})`,
        );
      const expired = offer.validUntil !== null && offer.validUntil < today;
      if (offer.validUntil !== null && offer.validUntil < today)
        notes.push(`valid until ${offer.validUntil}: it has expired`);
      return {
        ...offer,
        yearlyOwn,
        yearly,
        difference:
          yearly !== null && current !== null
            ? { minor: yearly.minor - current.yearly.minor, currency: yearly.currency }
            : null,
        expired,
        notes,
      };
    });
    compared.sort(
      (a, b) =>
        (a.yearly === null ? 1 : 0) - (b.yearly === null ? 1 : 0) ||
        (a.yearly?.minor ?? 0) - (b.yearly?.minor ?? 0) ||
        a.id - b.id,
    );
    const recipients = await this.areas.casting.recipients(intent.id);
    const offered = new Set(offers.map((o) => o.providerId));
    const pending = recipients.filter(
      (r) => !offered.has(r.providerId) && (r.state === 'sent' || r.state === 'no_answer'),
    );
    return {
      intent,
      currency,
      current,
      offers: compared,
      waiting: pending.filter((r) => r.state === 'sent'),
      noAnswer: pending.filter((r) => r.state === 'no_answer'),
    };
  }

  /**
   * Accepts an offer (issue 18, point 4): reveals to that vendor only the facts the person chooses,
   * as a signed disclosure (an SD-JWT, RFC 9901) under the person's terms, sent from the persona's
   * alias in the offer's thread. It records the disclosure, makes the vendor an active provider
   * with a contract proposed from the offer, and closes the intent. With `declineOthers`, every
   * other vendor the intent went to gets a polite decline from the persona.
   *
   * @example await offers.accept(3, { facts: [1, 4], declineOthers: true })
   */
  async accept(id: number, input: AcceptInput): Promise<Acceptance> {
    const parsed = parseInput(acceptInput, input, 'acceptance');
    const offer = await this.get(id);
    const intent = await this.areas.intents.get(offer.intentId);
    if (offer.status !== 'open')
      throw new VrmError('conflict', `offer ${String(offer.id)} was ${offer.status} already`);
    if (intent.status === 'closed')
      throw new VrmError('conflict', `intent ${String(intent.id)} is closed: an offer was accepted already`);
    if (offer.price === null || offer.period === null)
      throw new VrmError(
        'conflict',
        `offer ${String(offer.id)} names no price or period: enter the offer by hand with what the vendor told you, then accept that one`,
      );
    const persona = await this.areas.personas.get(intent.personaId);
    // Nothing is revealed or recorded unless it can be sent now, and to an address of the vendor.
    const vendor = await this.areas.providers.get(offer.providerId);
    if (recipientOf(vendor, ACCEPT_PURPOSE) === null)
      throw new VrmError(
        'invalid_input',
        `${vendor.name} has no e-mail address to send the acceptance to: add one with \`vrm provider update "${vendor.name}" --support-email ADDRESS\`, then accept again`,
      );
    await verifySmtp(await this.areas.outbound.sending.forSending());
    const facts = await Promise.all(parsed.facts.map((fact) => this.areas.vault.get(fact)));
    const pkg = await this.areas.packages.issue({
      provider: offer.providerId,
      facts: facts.map((f) => f.id),
      terms: parsed.terms,
      purposes: ['service', 'legal'],
      validDays: 90,
      // Accepting is the person's word for these facts to this vendor: the ledger records it as the
      // reason, where a policy of theirs would otherwise hold them back.
      override:
        parsed.override ??
        `you accepted offer ${String(offer.id)} (${intent.category}) and chose these facts to make the contract`,
    });
    const recipient = (await this.areas.casting.recipients(intent.id)).find(
      (r) => r.providerId === offer.providerId,
    );
    const draft = await this.areas.outbound.draft(
      {
        providerId: offer.providerId,
        channel: 'email',
        subject: `Accepted: your offer for ${intent.category}`,
        body: acceptanceText(
          intent,
          offer,
          persona.displayName,
          facts.map((f) => `${f.label}: ${summarise(f.kind, f.current.value)}`),
          pkg.termsCode,
        ),
        purpose: { kind: ACCEPT_PURPOSE, id: offer.id },
        ...(recipient?.outboxId != null && recipient.sentAt !== null ? { follows: recipient.outboxId } : {}),
      },
      {
        sender: { identityId: persona.identityId, address: persona.alias, name: persona.displayName },
        attachments: [{ filename: 'disclosure.sd-jwt', contentType: 'application/sd-jwt', text: pkg.sdJwt }],
      },
    );
    if (vendor.status !== 'active') await this.areas.providers.update(vendor.id, { status: 'active' });
    const contract = await this.areas.contracts.add({
      providerId: offer.providerId,
      name: intent.category.charAt(0).toUpperCase() + intent.category.slice(1),
      priceMinor: offer.price.minor,
      currency: offer.price.currency,
      billingCycle: CYCLES[offer.period],
      startDate: intent.from ?? todayUtc(this.clock()),
      ...(offer.termMonths === null ? {} : { term: `${String(offer.termMonths)} months` }),
      notes: `Proposed from offer ${String(offer.id)} (intent ${String(intent.id)}): not yet signed.`,
    });
    const now = this.now();
    await this.repo().update(offer.id, {
      status: 'accepted',
      decidedAt: now,
      disclosureId: pkg.recorded.disclosures[0]?.id ?? null,
      contractId: contract.id,
      updatedAt: now,
    });
    await new IntentRepository(this.db).update(intent.id, { status: 'closed', closedAt: now });
    const declines = parsed.declineOthers ? await this.draftDeclines(intent, offer, persona) : [];
    const outcomes = await this.areas.outbound.send([draft.id, ...declines]);
    return { offer: await this.get(offer.id), contractId: contract.id, packageId: pkg.id, outcomes };
  }

  /** Drafts a polite decline, from the persona, to each other vendor the intent went to. */
  private async draftDeclines(
    intent: Intent,
    accepted: Offer,
    persona: { identityId: number; alias: string; displayName: string },
  ): Promise<number[]> {
    const ids: number[] = [];
    const recipients = new RecipientRepository(this.db);
    const offers = await this.list(intent.id);
    for (const r of await this.areas.casting.recipients(intent.id)) {
      if (r.providerId === accepted.providerId || r.outboxId === null || r.sentAt === null) continue;
      const row = await recipients.get(r.id);
      if (!row || row.declineOutboxId !== null) continue;
      const offered = offers.some((o) => o.providerId === r.providerId);
      const draft = await this.areas.outbound.draft(
        {
          providerId: r.providerId,
          channel: 'email',
          subject: `Re: Request for offers: ${intent.category}`,
          body: declineText(intent, offered, persona.displayName),
          purpose: { kind: DECLINE_PURPOSE, id: r.id },
          follows: r.outboxId,
        },
        { sender: { identityId: persona.identityId, address: persona.alias, name: persona.displayName } },
      );
      await recipients.setDecline(r.id, draft.id);
      ids.push(draft.id);
    }
    for (const o of offers)
      if (o.id !== accepted.id && o.status === 'open')
        await this.repo().update(o.id, { status: 'declined', decidedAt: this.now(), updatedAt: this.now() });
    return ids;
  }

  /**
   * What an e-mail about to go from a persona's alias may carry of the person: for an acceptance,
   * the facts its disclosure reveals. Nothing for anything else.
   */
  async revealedBy(item: {
    readonly purposeKind: string | null;
    readonly purposeId: number | null;
  }): Promise<readonly number[]> {
    if (item.purposeKind !== ACCEPT_PURPOSE || item.purposeId === null) return [];
    const row = await this.repo().get(item.purposeId);
    if (!row || row.status !== 'accepted' || row.disclosureId === null) return [];
    return this.repo().revealedFacts(row.disclosureId);
  }

  /**
   * Reads the replies to intents that came since the last look: a reply with an offer (in its
   * words, or a schema.org Offer attached) becomes one; one without is noted on its vendor, for
   * the person to read. Runs after every write, after replies are linked, so `vrm mail fetch`
   * recognises offers; each reply is read once.
   */
  async readReplies(): Promise<ReplyRead> {
    const items = (await this.areas.outbound.list({ purpose: { kind: INTENT_PURPOSE } })).filter(
      (i) => i.replyMessageId !== null && i.purposeId !== null,
    );
    let offers = 0;
    let notOffers = 0;
    const recipients = new RecipientRepository(this.db);
    for (const item of items) {
      const row = await recipients.get(item.purposeId ?? 0);
      const key = item.replyMessageId ?? '';
      if (!row || row.replyKey === key) continue;
      const stored = /^stored-(\d+)$/u.exec(key);
      const mailId = stored ? Number(stored[1]) : await this.areas.mail.byMessageId(key);
      if (mailId === undefined) continue;
      const read = await this.readReply(mailId);
      const intent = await this.areas.intents.get(row.intentId);
      if (read.isOffer) {
        const known = (await this.repo().of(intent.id)).some((o) => o.messageKey === key);
        if (!known) await this.insert(intent, row.providerId, 'mail', key, null, read.fields);
        offers++;
      } else notOffers++;
      await recipients.setReply(row.id, key, replyNote(read));
    }
    return { offers, notOffers };
  }

  /** A reply's offer: a schema.org Offer attached, else the words of its text. */
  private async readReply(mailId: number): Promise<ReadOffer> {
    let files: { filename: string; mimeType: string; bytes: Buffer }[] = [];
    try {
      files = (await this.areas.mail.attachmentFiles(mailId)).filter(isJsonLd);
    } catch {
      // The original was not kept (over 16 MB): its text is all there is to read.
    }
    for (const file of files) {
      const read = readOfferJsonLd(file.bytes.toString('utf8'));
      if (read.isOffer) return read;
    }
    const message = await this.areas.mail.message(mailId);
    return readOfferText(message.body ?? '');
  }

  /** The current contract for the intent: the one it names, else a running one called by its category. */
  private async currentFor(intent: Intent): Promise<CurrentContract | null> {
    const today = todayUtc(this.clock());
    const running = await this.areas.contracts.runningOn(today);
    const category = intent.category.trim().toLowerCase();
    const found =
      (intent.contractId !== null ? running.find((r) => r.contract.id === intent.contractId) : undefined) ??
      running.find(({ contract }) => {
        const name = contract.name.trim().toLowerCase();
        return name === category || name.includes(category) || category.includes(name);
      });
    if (!found) return null;
    const { contract, providerName } = found;
    const chance = contract.derived.nextChance;
    return {
      contractId: contract.id,
      providerId: contract.providerId,
      providerName,
      name: contract.name,
      yearly: { minor: contract.derived.yearlyCostMinor, currency: contract.currency },
      renewsOn: chance?.renewsOn ?? contract.derived.nextRenewal,
      cancelBy: chance?.cancelBy ?? contract.derived.cancelBy,
    };
  }

  private async insert(
    intent: Intent,
    providerId: number,
    source: OfferRow['source'],
    messageKey: string | null,
    documentId: number | null,
    fields: OfferFields,
  ): Promise<Offer> {
    if (intent.status === 'closed')
      throw new VrmError('conflict', `intent ${String(intent.id)} is closed: it takes no more offers`);
    const now = this.now();
    const id = await this.repo().insert({
      intentId: intent.id,
      providerId,
      source,
      messageKey,
      documentId,
      priceMinor: fields.priceMinor,
      currency: fields.currency,
      period: fields.period,
      termMonths: fields.termMonths,
      conditions: fields.conditions,
      included: JSON.stringify(fields.included),
      excluded: JSON.stringify(fields.excluded),
      validUntil: fields.validUntil,
      rate: null,
      rateTo: null,
      status: 'open',
      decidedAt: null,
      disclosureId: null,
      contractId: null,
      createdAt: now,
      updatedAt: now,
    });
    return this.get(id);
  }

  private async view(row: OfferRow): Promise<Offer> {
    const provider = await this.areas.providers.get(row.providerId);
    return {
      id: row.id,
      intentId: row.intentId,
      providerId: row.providerId,
      providerName: provider.name,
      source: row.source,
      messageKey: row.messageKey,
      documentId: row.documentId,
      price:
        row.priceMinor !== null && row.currency !== null
          ? { minor: row.priceMinor, currency: row.currency }
          : null,
      period: row.period,
      termMonths: row.termMonths,
      validUntil: row.validUntil,
      included: JSON.parse(row.included) as string[],
      excluded: JSON.parse(row.excluded) as string[],
      conditions: row.conditions,
      rate: row.rate !== null && row.rateTo !== null ? { rate: row.rate, to: row.rateTo } : null,
      status: row.status,
      decidedAt: row.decidedAt,
      disclosureId: row.disclosureId,
      contractId: row.contractId,
      createdAt: row.createdAt,
    };
  }
}

/** What an outbox item is marked with for an acceptance (`purpose.id` is the offer's) and a decline (the recipient's). */
export const ACCEPT_PURPOSE = 'offer_accept';
export const DECLINE_PURPOSE = 'intent_decline';

/** An offer accepted: the offer, the contract proposed from it, the signed package, and how the e-mails went. */
export interface Acceptance {
  readonly offer: Offer;
  readonly contractId: number;
  readonly packageId: number;
  readonly outcomes: readonly SendOutcome[];
}

const CYCLES = {
  once: 'yearly',
  week: 'weekly',
  month: 'monthly',
  quarter: 'quarterly',
  'half-year': 'half-yearly',
  year: 'yearly',
} as const;

function acceptanceText(
  intent: Intent,
  offer: Offer,
  name: string,
  facts: readonly string[],
  terms: string,
): string {
  return [
    'Hello,',
    '',
    `I accept your offer for ${intent.category}: ${offer.price ? words(offer.price) : ''}${offer.period ? ` (${offer.period})` : ''}${offer.termMonths === null ? '' : `, for ${String(offer.termMonths)} months`}.`,
    '',
    'These are the details you need to make the contract, and only these:',
    ...facts.map((f) => `- ${f}`),
    '',
    `The attached disclosure.sd-jwt holds them, signed (SD-JWT, RFC 9901), under my terms ${terms}.`,
    'Please send the contract to this address.',
    '',
    name,
    '',
  ].join('\n');
}

function declineText(intent: Intent, offered: boolean, name: string): string {
  return [
    'Hello,',
    '',
    offered
      ? `Thank you for your offer for ${intent.category}. I have chosen another one this time, so I decline yours.`
      : `Thank you. I have chosen an offer for ${intent.category}, so this request is closed.`,
    'As my terms ask, please delete what I sent you.',
    '',
    name,
    '',
  ].join('\n');
}

/** What a read reply tells the person on its vendor's line. */
function replyNote(read: ReadOffer): string {
  if (!read.isOffer)
    return 'replied without an offer: read the reply, and enter an offer by hand if it makes one';
  return read.problems.length === 0
    ? 'offer read from the reply'
    : `offer read from the reply, but ${read.problems.join('; ')}`;
}

export type { Contract };
