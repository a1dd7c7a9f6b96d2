import type { Letter, LetterService, RenderOptions } from '../letters/service.js';
import type { LetterInput } from '../letters/schemas.js';
import type { Db } from '../platform/db/handle.js';
import { VrmError } from '../platform/errors.js';
import type { ProviderService } from '../providers/service.js';
import type { VaultService } from '../vault/service.js';
import { noticeLanguage } from './drafting.js';
import { LANGUAGES, TEMPLATE_WORDS, type Language } from './templates.js';
import type { Campaign, CampaignItem } from './views.js';

/** What a letter item's PDF is made from: the letters area's input and how its body stands. */
export interface NoticeLetter {
  readonly input: LetterInput;
  readonly options: RenderOptions;
}

/** The text of a notice as a letter prints it: without the e-mail's greeting and closing. */
export interface LetterText {
  readonly body: string;
  /** The language whose template words it carried, if it carried any. */
  readonly language: Language | null;
  /** It opens with a salutation of the person's own, kept: the letter adds none. */
  readonly ownSalutation: boolean;
  /** It ends with a closing of the person's own, kept: the letter adds none, nor the name. */
  readonly ownClosing: boolean;
}

/** Closings people write, in English and German, besides the templates' own. */
const CLOSINGS = [
  'yours faithfully',
  'yours sincerely',
  'best regards',
  'kind regards',
  'best wishes',
  'regards',
  'many thanks',
  'thank you',
  'mit freundlichen grüßen',
  'mit freundlichem gruß',
  'freundliche grüße',
  'viele grüße',
  'beste grüße',
  'herzliche grüße',
];

/** Salutations people write, in English and German, besides the templates' own. */
const SALUTATIONS = ['dear ', 'hello', 'sehr geehrte', 'liebe ', 'lieber ', 'hallo', 'guten tag'];

const paragraphsOf = (body: string): string[] =>
  body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s+$/, ''))
    .filter((p) => p.trim() !== '');

const lower = (line: string | undefined): string => (line ?? '').trim().toLowerCase();
const bare = (line: string | undefined): string => lower(line).replace(/[,.!]+$/, '');

/**
 * A notice's text as a letter prints it. The greeting line and the closing with the signature
 * are taken off when they are the template's own words (English or German): the letter writes
 * its own salutation and closing in its language. A greeting or closing the person wrote
 * instead is kept as written, and the letter then leaves out its own, so nothing is said twice.
 *
 * @example letterText('Dear Sir or Madam,\n\nPlease update…\n\nKind regards,\nAlex Morgan\n', 'Alex Morgan').body
 *   // → 'Please update…'
 */
export function letterText(body: string, signature: string | null): LetterText {
  const paragraphs = paragraphsOf(body);
  let language: Language | null = null;
  let ownSalutation = false;
  let ownClosing = false;

  const [firstLine, ...rest] = (paragraphs[0] ?? '').split('\n');
  const greeting = LANGUAGES.find((l) => lower(firstLine) === lower(TEMPLATE_WORDS[l].greeting));
  if (greeting) {
    language = greeting;
    if (rest.join('\n').trim() === '') paragraphs.shift();
    else paragraphs[0] = rest.join('\n');
  } else if (SALUTATIONS.some((s) => lower(firstLine).startsWith(s)) && lower(firstLine).length <= 80) {
    ownSalutation = true;
  }

  // The last paragraph, unless it is the person's own salutation and nothing else.
  const onlySalutation = ownSalutation && paragraphs.length === 1;
  const last = onlySalutation ? undefined : paragraphs[paragraphs.length - 1];
  if (last !== undefined) {
    const [closingLine, ...signed] = last.split('\n');
    const closing = LANGUAGES.find((l) => lower(closingLine) === lower(TEMPLATE_WORDS[l].closing));
    const signedWith = signed.map((s) => s.trim()).filter(Boolean);
    const templateSignature =
      signedWith.length === 0 || (signedWith.length === 1 && signedWith[0] === signature?.trim());
    if (closing && templateSignature) {
      language ??= closing;
      paragraphs.pop();
    } else if (CLOSINGS.includes(bare(closingLine)) && signed.length <= 3) {
      ownClosing = true;
    }
  }
  return { body: paragraphs.join('\n\n'), language, ownSalutation, ownClosing };
}

/**
 * The letters of a change campaign (issue 15): a letter item's notice as a PDF for a window
 * envelope, made by the letters area, and the record of it posted. The sender is the new
 * address for a move (where the person lives now); otherwise the address the letters area
 * suggests for the provider.
 */
export class CampaignLetters {
  constructor(
    private readonly areas: {
      letters: LetterService;
      providers: ProviderService;
      vault: VaultService;
    },
  ) {}

  /** The PDF of a letter item's notice, dated `date`. */
  async letter(item: CampaignItem, campaign: Campaign, date: string): Promise<Letter> {
    const { input, options } = await this.prepare(item, campaign, date);
    return this.areas.letters.render(input, options);
  }

  /**
   * Records a letter item posted on `on`: the same PDF kept as a document of the provider and an
   * outbound letter on its timeline, with `within` (the item marked sent) in one transaction.
   */
  async posted(
    item: CampaignItem,
    campaign: Campaign,
    on: string,
    within: (trx: Db) => Promise<void>,
  ): Promise<void> {
    const { input, options } = await this.prepare(item, campaign, on);
    await this.areas.letters.posted(
      { ...input, postedOn: on, notes: `The change notice of campaign ${String(campaign.id)}.` },
      { ...options, within },
    );
  }

  private async prepare(item: CampaignItem, campaign: Campaign, date: string): Promise<NoticeLetter> {
    if (item.state === 'dropped') {
      throw new VrmError(
        'conflict',
        `${item.provider} was dropped from campaign ${String(campaign.id)}: add it back first (\`vrm change add ${String(campaign.id)} ${String(item.providerId)}\`)`,
      );
    }
    if (item.channel !== 'letter') {
      const how =
        item.channel === 'email'
          ? 'goes by e-mail'
          : item.channel === 'web_form'
            ? 'goes by its web form'
            : 'has no channel';
      throw new VrmError(
        'conflict',
        `the notice to ${item.provider} ${how}; a letter is made for a letter item only: change its channel to letter first (\`vrm change edit ${String(item.id)} --channel letter\`, or "Review notice" → Send by)`,
      );
    }
    const provider = await this.areas.providers.get(item.providerId);
    const name = (await this.areas.vault.list({ kind: 'name' }))[0]?.current.summary ?? null;
    const text = letterText(item.body, name);
    if (text.body.trim() === '') {
      throw new VrmError(
        'invalid_input',
        `the notice to ${item.provider} has no text besides its greeting and closing: write it first (\`vrm change edit ${String(item.id)} --body-file FILE\`, or "Review notice")`,
        { details: [{ path: 'body', message: 'has no text besides its greeting and closing' }] },
      );
    }
    return {
      input: {
        providerId: provider.id,
        from: { factId: await this.senderFact(item, campaign) },
        subject: item.subject,
        body: text.body,
        date,
        // The letter speaks the notice's language: a German provider's notice is German.
        language: text.language ?? noticeLanguage(provider, campaign.language),
      },
      options: { ownSalutation: text.ownSalutation, ownClosing: text.ownClosing },
    };
  }

  /** A move is written from the new address; other changes from the address given to the provider. */
  private async senderFact(item: CampaignItem, campaign: Campaign): Promise<number> {
    if (campaign.kind === 'postal_address') return campaign.factId;
    const { suggestedFactId, senders } = await this.areas.letters.options(item.providerId);
    if (suggestedFactId !== null) return suggestedFactId;
    throw new VrmError(
      'conflict',
      senders.length === 0
        ? `a letter to ${item.provider} needs your postal address to send from, and the vault has none: add it (\`vrm fact add postal-address … --label home\`, or Vault → Add a fact)`
        : `you have ${String(senders.length)} postal addresses and none is given to ${item.provider}: give it the one it knows (\`vrm identity postal --provider ${String(item.providerId)} --fact ID --tag …\`, or its page → Identities), then make the letter`,
    );
  }
}
