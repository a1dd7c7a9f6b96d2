import type { Db } from '../platform/db/handle.js';
import type { TimelineBound } from '../platform/db/timeline.js';
import { VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import type { Case } from './cases.js';
import type { Interaction } from './interactions.js';
import { timelineQuery, type TimelineQuery } from './schemas.js';
import type { ProviderService } from './service.js';

/**
 * One entry of a provider's timeline, whatever area it comes from: a call, a case opened or
 * closed, a message, a leak, a disclosure, an agreement, a document, and what later areas add.
 */
export interface TimelineItem {
  /** The kind a person filters by (`message`); several sources may share one (a case opened, closed). */
  readonly kind: string;
  /** The record's id in its own area (the message, the leak event, …). */
  readonly id: number;
  /** When it happened, as an ISO instant; a day counts from its start (UTC). */
  readonly at: string;
  readonly title: string;
  readonly detail: string | null;
  /** Where the web app shows the record, as its route (`mail/message/12`); null when nowhere else. */
  readonly route: string | null;
  /** The interaction itself, for an interaction: the page edits it and marks its follow-up done. */
  readonly interaction?: Interaction;
  /** The case itself, for a case: the page changes its status in place. */
  readonly case?: Case;
}

/** How much one source gives: at most `limit` items, all after `before` (newest first). */
export interface TimelineWindow {
  readonly limit: number;
  readonly before?: TimelineBound;
}

/**
 * What one area adds to a provider's timeline: the extension point of the provider page. Each
 * area that keeps records about a provider implements one in a repository of its own (mail in
 * `src/mail/repository/provider-timeline.ts`, …) and the composition root (`src/app.ts`) hands the
 * list to {@link ProviderTimelineService}, so the providers area never names another area's
 * tables. A later area (letters, data requests, payments) adds a source there and nothing else.
 *
 * `list` returns the source's newest items after `window.before`, newest first (by `at`, then
 * `id`, both descending), at most `window.limit`, with one bounded query: a provider with ten
 * thousand messages still costs one page of them.
 *
 * @example
 * const MESSAGE_TIMELINE: TimelineSource = {
 *   kind: 'message',
 *   noun: { one: 'message', many: 'messages' },
 *   count: (db, providerId) => countMessagesFrom(db, providerId),
 *   list: (db, providerId, window) => messagesFrom(db, providerId, window),
 * };
 */
export interface TimelineSource {
  readonly kind: string;
  /** What one such item, and several, are called: the filter's label. */
  readonly noun: { readonly one: string; readonly many: string };
  count(db: Db, providerId: number): Promise<number>;
  list(db: Db, providerId: number, window: TimelineWindow): Promise<TimelineItem[]>;
}

/** One kind of item a provider's timeline may show, with how many it holds. */
export interface TimelineKind {
  readonly kind: string;
  readonly noun: { readonly one: string; readonly many: string };
  readonly count: number;
}

/** One page of a provider's timeline. */
export interface TimelinePage {
  readonly providerId: number;
  /** Every kind there is, with its count, whichever are shown: the filter. */
  readonly kinds: readonly TimelineKind[];
  /** The kinds shown on this page. */
  readonly shown: readonly string[];
  /** How many items the shown kinds hold in all. */
  readonly total: number;
  readonly items: readonly (TimelineItem & { readonly key: string })[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly next: string | null;
}

/** Where a page ended: the last item's instant, source and id. */
interface Cursor {
  readonly at: string;
  readonly source: number;
  readonly id: number;
}

const CURSOR = /^([^~]+)~(\d+)~(\d+)$/;

function parseCursor(text: string, sources: number): Cursor {
  const match = CURSOR.exec(text);
  const source = Number(match?.[2]);
  if (!match?.[1] || source >= sources) {
    throw new VrmError(
      'invalid_input',
      'after: not a place in this timeline; pass the "next" value of the page before, or leave it out to start from the newest',
    );
  }
  return { at: match[1], source, id: Number(match[3]) };
}

/**
 * How the cursor looks from one source, in the timeline's order (newest first; at one instant,
 * the sources in their order; within a source, the higher id first): a source before the
 * cursor's has shown all of that instant, the cursor's own has shown the higher ids, a later one
 * none of it.
 */
function boundFor(cursor: Cursor | undefined, source: number): TimelineBound | undefined {
  if (cursor === undefined) return undefined;
  if (source === cursor.source) return { at: cursor.at, id: cursor.id, inclusive: false };
  return { at: cursor.at, inclusive: source > cursor.source };
}

/**
 * A provider's timeline across every area, newest first, by kind and in pages. Each page reads
 * at most one page from each source it shows, so a provider with thousands of messages costs no
 * more than one with ten.
 */
export class ProviderTimelineService {
  constructor(
    private readonly db: Db,
    private readonly providers: ProviderService,
    private readonly sources: readonly TimelineSource[],
  ) {}

  /** The kinds there are, in the order the page lists them. */
  get kinds(): readonly string[] {
    return [...new Set(this.sources.map((s) => s.kind))];
  }

  /**
   * One page of the timeline of the provider `ref` (id or name).
   *
   * @example
   * const first = await timeline.page('acme', { kinds: ['message', 'leak'], limit: 20 });
   * const second = await timeline.page('acme', { kinds: ['message', 'leak'], limit: 20, after: first.next! });
   */
  async page(ref: number | string, query: TimelineQuery = {}): Promise<TimelinePage> {
    const { kinds: wanted = [], limit, after } = parseInput(timelineQuery, query, 'timeline');
    const known = this.kinds;
    const unknown = wanted.filter((k) => !known.includes(k));
    if (unknown.length > 0) {
      throw new VrmError(
        'invalid_input',
        `kind: there is no kind "${unknown.join('", "')}" in a timeline; choose from ${known.join(', ')}`,
      );
    }
    const providerId = await this.providers.resolve(ref);
    const shown = wanted.length === 0 ? known : known.filter((k) => wanted.includes(k));
    const cursor = after === undefined ? undefined : parseCursor(after, this.sources.length);
    const counts = await Promise.all(this.sources.map((s) => s.count(this.db, providerId)));
    const active = this.sources
      .map((source, index) => ({ source, index }))
      .filter((s) => shown.includes(s.source.kind));
    // One more than a page from each source tells whether another page follows.
    const lists = await Promise.all(
      active.map(async ({ source, index }) => {
        const items = await source.list(this.db, providerId, {
          limit: limit + 1,
          before: boundFor(cursor, index),
        });
        return items.map((item) => ({ ...item, key: `${item.at}~${index}~${item.id}`, index }));
      }),
    );
    const merged = lists.flat().sort((a, b) => b.at.localeCompare(a.at) || a.index - b.index || b.id - a.id);
    const page = merged.slice(0, limit);
    const last = page.at(-1);
    return {
      providerId,
      kinds: known.map((kind) => {
        const of = this.sources.map((s, i) => ({ s, i })).filter(({ s }) => s.kind === kind);
        return {
          kind,
          noun: of[0]?.s.noun ?? { one: kind, many: kind },
          count: of.reduce((sum, { i }) => sum + (counts[i] ?? 0), 0),
        };
      }),
      shown,
      total: active.reduce((sum, { index }) => sum + (counts[index] ?? 0), 0),
      items: page.map(({ index: _index, ...item }) => item),
      next: merged.length > limit && last !== undefined ? last.key : null,
    };
  }
}
