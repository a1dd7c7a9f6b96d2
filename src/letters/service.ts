import { createHash } from 'node:crypto';
import { directoryEntry } from '../directory/directory.js';
import type { IdentityService } from '../identities/service.js';
import type { Clock } from '../platform/clock.js';
import { todayUtc } from '../platform/dates.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { fromDbBoolean } from '../platform/db/queries.js';
import { VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import type { AccountService } from '../providers/accounts.js';
import type { Interaction } from '../providers/interactions.js';
import { TableRepository } from '../providers/repository/table.js';
import { documentCreate, interactionCreate } from '../providers/schemas.js';
import type { Provider, ProviderService } from '../providers/service.js';
import { KIND_LABELS } from '../vault/kind-names.js';
import type { FactWithHistory, VaultService } from '../vault/service.js';
import { isPostalValue, postalLines, recipientLines, type PostalValue } from './address.js';
import { GEOMETRY, languageFor, layoutFor, type LetterLanguage, type LetterLayout } from './layout.js';
import { layoutLetter, type LetterModel } from './render.js';
import { letterInput, letterPostedBody, type LetterInput } from './schemas.js';
import { charName, printableText } from './words.js';

/** A letter made: the PDF and what it says where, for a preview or a record. */
export interface Letter {
  readonly pdf: Buffer;
  readonly pages: number;
  readonly recipient: readonly string[];
  /** The sender's name and address, one line each. */
  readonly sender: readonly string[];
  readonly customerNumber?: string | undefined;
  readonly layout: LetterLayout;
  readonly language: LetterLanguage;
  readonly date: string;
  /** Characters replaced with a plain stand-in the font has ("→" became "->"). */
  readonly warnings: readonly string[];
  /** A file name for it: `2026-12-07-letter-acme-energy.pdf`. */
  readonly filename: string;
}

/** How a letter treats a body that carries its own salutation or closing (see `LetterModel`). */
export interface RenderOptions {
  readonly ownSalutation?: boolean;
  readonly ownClosing?: boolean;
}

/** One of the person's postal addresses, as the form's "Send from" list offers it. */
export interface SenderChoice {
  readonly factId: number;
  readonly label: string;
  readonly summary: string;
  /** The tag line this provider was given with this address, if any. */
  readonly tag: string | null;
}

/** What the "Write a letter" form needs before anything is typed. */
export interface LetterOptions {
  readonly provider: { readonly id: number; readonly name: string };
  /** The window's lines, or why there are none and where to add an address. */
  readonly recipient: readonly string[];
  readonly recipientProblem: string | null;
  readonly senders: readonly SenderChoice[];
  /** The address given to this provider (a tagged one first), else the only one. */
  readonly suggestedFactId: number | null;
  readonly senderName: string | null;
  readonly customerNumber: string | null;
  readonly layout: LetterLayout;
  readonly language: LetterLanguage;
  readonly date: string;
}

const invalid = (path: string, message: string): VrmError =>
  new VrmError('invalid_input', `letter: ${path}: ${message}`, { details: [{ path, message }] });

/**
 * A problem with the provider's address, which is not a field of the letter: the message says
 * where to fix it, and the form shows it at the window's lines ("To").
 */
const recipientProblem = (message: string): VrmError =>
  new VrmError('invalid_input', `letter: ${message}`, { details: [{ path: 'to', message }] });

const slug = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'provider';

/**
 * Letters to providers, as PDF for a window envelope (issue 15). It gathers the parts from the
 * store (the provider's postal address from the ledger or the directory, the sender's address
 * fact, tagged for that provider where it was given so, the name fact, the customer number of its
 * open account), checks them, and hands them to the pure renderer (`render.ts`). The outbox makes
 * a letter item's PDF through `render`, and a letter is recorded on the provider's timeline when
 * the person says it was posted (`posted`).
 */
export class LetterService {
  constructor(
    private readonly clock: Clock,
    private readonly providers: ProviderService,
    private readonly accounts: AccountService,
    private readonly vault: VaultService,
    private readonly identities: IdentityService,
    /** The store, for recording a posted letter in one transaction. */
    private readonly db: Db,
  ) {}

  /**
   * The PDF of a letter to a provider. Refuses, naming the field, when a part is missing or cannot
   * be printed: no postal address for the provider, no sender address or one that is not a postal
   * address, an empty text, an address with more lines than the window holds, a character the
   * font lacks.
   *
   * @example await letters.render({ providerId: 3, from: { factId: 'home' }, subject: 'New address', body: '…' })
   */
  async render(input: LetterInput, options: RenderOptions = {}): Promise<Letter> {
    const parsed = parseInput(letterInput, input, 'letter');
    const provider = await this.providers.get(parsed.providerId);
    const senderFact = await this.senderFact(parsed.from.factId ?? '');
    const address = await this.senderAddress(provider, senderFact);
    const layout = parsed.layout ?? layoutFor(this.countryOf(provider));
    const language = parsed.language ?? languageFor(this.countryOf(provider));
    const senderName = parsed.senderName ?? (await this.nameFromVault());
    const date = parsed.date ?? todayUtc(this.clock());
    const destination = this.countryOf(provider) ?? address.country;
    const sender = postalLines(address, destination, language);
    const recipient = this.recipient(provider, address.country);
    const maxLines = GEOMETRY[layout].addressLines;
    if (recipient.length > maxLines) {
      throw recipientProblem(
        `${provider.name}'s postal address takes ${String(recipient.length)} lines with its name, and the envelope's window holds ${String(maxLines)}: shorten it on the provider page (Edit → Postal address)`,
      );
    }
    const warnings: string[] = [];
    const text = (path: string, value: string): string => {
      const result = printableText(value);
      if (result.unprintable !== undefined) {
        throw invalid(
          path,
          `${charName(result.unprintable)} cannot be printed in the letter's font (Helvetica, Western European characters): replace it`,
        );
      }
      for (const c of result.replaced)
        warnings.push(`${path}: ${charName(c)} was printed as a plain stand-in`);
      return result.text;
    };
    const model: LetterModel = {
      layout,
      language,
      senderName: text('senderName', senderName),
      sender: sender.map((line) => text('from', line)),
      recipient: recipient.map((line) => text('to', line)),
      date,
      subject: text('subject', parsed.subject),
      body: text('body', parsed.body),
      customerNumber: await this.customerNumber(provider.id),
      ownSalutation: options.ownSalutation,
      ownClosing: options.ownClosing,
    };
    const { pdf, pages } = layoutLetter(model);
    return {
      pdf,
      pages,
      recipient: model.recipient,
      sender: [model.senderName, ...model.sender],
      customerNumber: model.customerNumber,
      layout,
      language,
      date,
      warnings,
      filename: `${date}-letter-${slug(provider.name)}.pdf`,
    };
  }

  /** What the "Write a letter" form offers for a provider: its window lines, the sender choices, defaults. */
  async options(ref: number | string): Promise<LetterOptions> {
    const provider = await this.providers.get(ref);
    const facts = await this.vault.list({ kind: 'postal_address' });
    const tags = await this.tagsFor(provider.id);
    const senders = facts
      .filter((f) => isPostalValue(f.current.value))
      .map((f) => ({
        factId: f.id,
        label: f.label,
        summary: f.current.summary,
        tag: tags.get(f.id) ?? null,
      }));
    const home = senders[0]?.factId;
    const country = this.countryOf(provider);
    let recipient: string[] = [];
    let recipientProblem: string | null = null;
    try {
      const own = facts.find((f) => f.id === home)?.current.value;
      recipient = this.recipient(provider, isPostalValue(own) ? own.country : (country ?? ''));
    } catch (error) {
      if (!(error instanceof VrmError)) throw error;
      recipientProblem = error.details[0]?.message ?? error.message;
    }
    return {
      provider: { id: provider.id, name: provider.name },
      recipient,
      recipientProblem,
      senders,
      suggestedFactId:
        senders.find((s) => s.tag !== null)?.factId ?? (senders.length === 1 ? (home ?? null) : null),
      senderName: await this.nameFromVault().catch(() => null),
      customerNumber: (await this.customerNumber(provider.id)) ?? null,
      layout: layoutFor(country),
      language: languageFor(country),
      date: todayUtc(this.clock()),
    };
  }

  /**
   * Records that a letter was posted: the same letter is made again from the same input and kept
   * as a document of the provider, and an outbound letter with its subject goes on the provider's
   * timeline on the day it was posted. Both are written in one transaction, with what `within`
   * writes (a campaign item marked sent): all of it is recorded, or none.
   */
  async posted(
    input: LetterInput & { postedOn: string; notes?: string },
    options: RenderOptions & { within?: (trx: Db) => Promise<void> } = {},
  ): Promise<{ interaction: Interaction; documentId: number }> {
    const { postedOn, notes, ...letter } = input;
    const when = parseInput(letterPostedBody, { subject: letter.subject, postedOn, notes }, 'letter');
    const made = await this.render(letter, options);
    const provider = await this.providers.get(letter.providerId);
    const document = parseInput(
      documentCreate,
      {
        providerId: provider.id,
        title: `Letter: ${when.subject}`,
        filename: made.filename,
        mediaType: 'application/pdf',
        content: made.pdf,
      },
      'document',
    );
    const now = this.clock().toISOString();
    // Every write goes through the transaction's own handle: a read on the store's handle while
    // the transaction holds it would wait for ever.
    return inTransaction(this.db, async (trx) => {
      const documentId = await new TableRepository(trx, 'documents').insert({
        providerId: document.providerId,
        contractId: null,
        caseId: null,
        title: document.title ?? made.filename,
        filename: document.filename,
        mediaType: 'application/pdf',
        size: made.pdf.byteLength,
        sha256: createHash('sha256').update(made.pdf).digest('hex'),
        content: made.pdf,
        notes: null,
        addedAt: now,
      });
      const entry = parseInput(
        interactionCreate,
        {
          providerId: provider.id,
          occurredAt: `${when.postedOn}T12:00:00.000Z`,
          channel: 'letter',
          direction: 'outbound',
          subject: when.subject,
          notes: [when.notes, `Posted on ${when.postedOn}; the letter is document ${String(documentId)}.`]
            .filter(Boolean)
            .join('\n\n'),
        },
        'interaction',
      );
      const interactions = new TableRepository(trx, 'interactions');
      const interactionId = await interactions.insert({
        caseId: null,
        outcome: null,
        followUpOn: null,
        followUpDoneOn: null,
        notes: null,
        ...entry,
        occurredAt: entry.occurredAt ?? now,
        createdAt: now,
        updatedAt: now,
      });
      await options.within?.(trx);
      const interaction = await interactions.find(interactionId);
      if (!interaction) throw new VrmError('not_found', `no interaction ${String(interactionId)}`);
      return { interaction, documentId };
    });
  }

  private countryOf(provider: Provider): string | null {
    if (provider.country) return provider.country;
    if (!provider.directorySlug) return null;
    // The directory lists where an organisation is relevant, its home country first (1blu: de, at, ch).
    const countries = (directoryEntry(provider.directorySlug).countries ?? []).filter((c) => c !== 'all');
    return countries[0]?.toUpperCase() ?? null;
  }

  /** The window's lines: the ledger's address, else the directory entry's; none is a refusal. */
  private recipient(provider: Provider, senderCountry: string): string[] {
    const address =
      provider.postalAddress ??
      (provider.directorySlug ? (directoryEntry(provider.directorySlug).address ?? null) : null);
    if (!address?.trim()) {
      throw recipientProblem(
        `${provider.name} has no postal address: add one on the provider page (Edit → Postal address), or with vrm provider update "${provider.name}" --address "…"`,
      );
    }
    return recipientLines(provider.name, address, senderCountry);
  }

  private async senderFact(ref: number | string): Promise<FactWithHistory> {
    const fact = await this.vault.resolve(ref, 'from').catch((error: unknown) => {
      if (error instanceof VrmError && error.code === 'not_found') {
        throw new VrmError(
          'not_found',
          `letter: from: ${error.message.replace(/^from: /, '')}; your postal addresses are in the vault (vrm fact list --kind postal-address)`,
          { details: [{ path: 'from', message: 'is not one of your postal addresses' }] },
        );
      }
      throw error;
    });
    if (fact.kind !== 'postal_address' || !isPostalValue(fact.current.value)) {
      throw invalid(
        'from',
        `"${fact.label}" is ${/^[aeiou]/.test(KIND_LABELS[fact.kind]) ? 'an' : 'a'} ${KIND_LABELS[fact.kind]}, not a postal address: choose one of your postal addresses`,
      );
    }
    return fact;
  }

  /** The sender's address, with the tag line this provider was given (`Dept AC7K`) where there is one. */
  private async senderAddress(provider: Provider, fact: FactWithHistory): Promise<PostalValue> {
    const value = fact.current.value as unknown as PostalValue;
    const tag = (await this.tagsFor(provider.id)).get(fact.id);
    return tag ? { ...value, lines: [...value.lines.slice(0, 1), tag, ...value.lines.slice(1)] } : value;
  }

  private async tagsFor(providerId: number): Promise<Map<number, string>> {
    const postal = await this.identities.list({ provider: providerId, kind: 'postal' });
    return new Map(
      postal
        .filter((i) => i.factId !== null && i.tag !== null && fromDbBoolean(i.enabled))
        .map((i) => [i.factId ?? 0, i.tag ?? '']),
    );
  }

  private async nameFromVault(): Promise<string> {
    const [name] = await this.vault.list({ kind: 'name' });
    const full = (name?.current.value as { full?: unknown } | undefined)?.full;
    if (typeof full !== 'string' || full.trim() === '') {
      throw invalid(
        'senderName',
        'there is no name in your vault to sign with: give your name, or add a name fact (vrm fact add name …)',
      );
    }
    return full;
  }

  private async customerNumber(providerId: number): Promise<string | undefined> {
    const accounts = await this.accounts.list({ provider: providerId });
    return (accounts.find((a) => a.closedOn === null) ?? accounts[0])?.customerNumber;
  }
}
