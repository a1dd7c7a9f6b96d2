import { inflateRawSync } from 'node:zlib';
import PostalMime from 'postal-mime';
import type { Clock } from '../platform/clock.js';
import { todayUtc } from '../platform/dates.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import type { ProviderService } from '../providers/service.js';
import { parseMessage } from './parse.js';
import type { MessageRepository, SearchFilter, SearchPage } from './repository.js';
import { ATTENTION } from './rules.js';
import {
  inboxFilter,
  placementInput,
  searchPaging,
  type InboxFilter,
  type PlacementInput,
  type SearchPaging,
} from './schemas.js';
import { parseSearch } from './search.js';
import { snippet } from './snippet.js';
import type { Envelope } from './types.js';

/** Reading mail: the inbox and its counts, one message and its original, placing by hand, search. */
export class InboxService {
  /** Where searches run: on this connection, unless `runSearchesWith` moved them elsewhere. */
  private runSearch: (filter: SearchFilter) => Promise<SearchPage> = (filter) =>
    Promise.resolve(this.messages.search(filter));

  constructor(
    private readonly messages: MessageRepository,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
  ) {}

  /** The inbox: messages by attention level, folder, provider, identity or leak, newest first. */
  async inbox(filter: InboxFilter = {}) {
    const f = parseInput(inboxFilter, filter, 'inbox');
    const providerId = f.provider === undefined ? undefined : await this.providers.resolve(f.provider);
    return this.messages.list({
      attention: f.attention,
      folder: f.folder,
      providerId,
      identityId: f.identity,
      leakEventId: f.leak,
      muted: f.muted ?? (f.folder === undefined && f.leak === undefined ? false : undefined),
      flagged: f.flagged,
      limit: f.limit,
      offset: f.offset,
    });
  }

  async counts() {
    const c = await this.messages.counts();
    return {
      total: c.totals.total,
      // SUM over no rows is NULL.
      muted: c.totals.muted ?? 0,
      flagged: c.totals.flagged ?? 0,
      leaks: c.totals.leaks ?? 0,
      attention: Object.fromEntries(
        ATTENTION.map((a) => [a, c.attention.find((x) => x.attention === a)?.n ?? 0]),
      ) as Record<(typeof ATTENTION)[number], number>,
      folders: c.folders.map((f) => ({ folder: f.folder, count: f.n })),
      providers: c.providers.map((p) => ({ id: p.id, name: p.name, count: p.n })),
    };
  }

  /** One message with everything vrm knows of it, and why it is where it is. */
  async message(id: number) {
    const row = await this.messages.message(id);
    if (!row) throw notFound('message', id);
    const { envelope, warnings, headers, ...rest } = row;
    const original = this.messages.raw(id);
    return {
      ...rest,
      headers: headers ?? (original ? parseMessage(inflateRawSync(original)).headers : ''),
      envelope: JSON.parse(envelope) as Envelope,
      warnings: warnings === null ? [] : (JSON.parse(warnings) as string[]),
      identityProviderName:
        rest.identityProviderId === null ? null : (await this.providers.get(rest.identityProviderId)).name,
      attachments: await this.messages.attachments(id),
      rawKept: original !== undefined,
    };
  }

  /** The stored message with this Message-ID, or undefined when none was imported. */
  async byMessageId(messageId: string): Promise<number | undefined> {
    return (await this.messages.byMessageId(messageId.replace(/^<|>$/g, '')))?.id;
  }

  /**
   * The attachments of a message, decoded: their names, types and bytes. Import keeps only their
   * metadata (parse.ts never decodes them); this decodes one message's, when a request's answer
   * came attached, with postal-mime.
   */
  async attachmentFiles(id: number): Promise<{ filename: string; mimeType: string; bytes: Buffer }[]> {
    const parsed = await PostalMime.parse(this.raw(id), { attachmentEncoding: 'arraybuffer' });
    return parsed.attachments
      .filter((a) => a.disposition !== 'inline' || a.filename)
      .map((a, n) => ({
        filename: a.filename ?? `attachment-${String(n + 1)}`,
        mimeType: a.mimeType,
        bytes: Buffer.from(a.content as ArrayBuffer),
      }));
  }

  /** The message as it arrived, when it was kept (see docs/mail.md). */
  raw(id: number): Buffer {
    const compressed = this.messages.raw(id);
    if (!compressed)
      throw new VrmError(
        'not_found',
        `message ${id}: its original was not kept (larger than 16 MB) or it does not exist`,
      );
    return inflateRawSync(compressed);
  }

  /** Moves a message by hand; rules then leave it there. */
  async place(id: number, input: PlacementInput) {
    const p = parseInput(placementInput, input, 'message');
    await this.message(id);
    await this.messages.placeByHand(id, {
      ...(p.attention === undefined ? {} : { attention: p.attention }),
      ...(p.folder === undefined ? {} : { folder: p.folder }),
      ...(p.muted === undefined ? {} : { muted: p.muted }),
      ...(p.flagged === undefined ? {} : { flagged: p.flagged }),
      ruleId: null,
      ruleReason: `placed by you on ${todayUtc(this.clock())}`,
    });
    return this.message(id);
  }

  /**
   * Searches subject, sender, recipients and text. Words must all appear; `"a phrase"`; operators
   * `from:` `to:` `provider:` `before:` `after:` `has:attachment` `is:leak`. Returns one page of
   * the results, best first, and how many match in all; `offset` pages on.
   *
   * @example await mail.search('invoice from:acme after:2025-01-01 has:attachment')
   * @example await mail.search('invoice', { limit: 50, offset: 50 }) // the second page
   */
  async search(text: string, page: SearchPaging = {}) {
    const q = parseSearch(text);
    const { limit, offset } = parseInput(searchPaging, page, 'search');
    const senderProviderId = q.provider === undefined ? undefined : await this.providers.resolve(q.provider);
    const { rows, total } = await this.runSearch({
      match: q.match,
      senderProviderId,
      before: q.before,
      after: q.after,
      hasAttachment: q.hasAttachment,
      leak: q.leak,
      limit,
      offset,
    });
    const texts = this.messages.bodies(q.highlight.length > 0 ? rows.map((r) => r.id) : []);
    const results = rows.map((row) => {
      const text = texts.get(row.id);
      return {
        ...row,
        // The first 64 KB of the text are enough for a snippet, however long the message.
        snippet: text
          ? (snippet(text.body.slice(0, 65_536), q.highlight) ?? snippet(text.subject, q.highlight))
          : null,
      };
    });
    return { total, offset, limit, results };
  }

  /**
   * Runs searches elsewhere: the web server hands them to a worker thread with a time limit
   * (src/mail/search-runner.ts), so that no search holds up its other requests.
   */
  runSearchesWith(run: (filter: SearchFilter) => Promise<SearchPage>): void {
    this.runSearch = run;
  }

  async count(): Promise<number> {
    return this.messages.count();
  }
}
