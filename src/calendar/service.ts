import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import { addPeriod, LAST_DATE, todayUtc, type IsoDate } from '../platform/dates.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { feedText, type FeedEvent } from './ics.js';
import { CalendarRepository, type StoredEvent } from './repository.js';
import { agendaQuery, FEED_TOKEN, type AgendaQuery } from './schemas.js';
import type { CalendarEvent, CalendarSource } from './source.js';

/** The agenda: events by day in a window, grouped by month, and the follow-ups already late. */
export interface Agenda {
  readonly from: IsoDate;
  readonly until: IsoDate;
  /** Follow-ups due before `from` and not done: late, so they come first. */
  readonly overdue: readonly CalendarEvent[];
  /** Each month of the window that has events (`2026-12`), in order, with its events by day. */
  readonly months: readonly { readonly month: string; readonly events: readonly CalendarEvent[] }[];
  readonly total: number;
}

/** Whether the feed has a secret address, and since when; the address itself is never kept. */
export interface FeedStatus {
  readonly active: boolean;
  readonly createdAt: string | null;
}

/** A new secret address, shown once: vrm keeps only its SHA-256. */
export interface NewFeed {
  readonly token: string;
  /** The address's path on the server: `/calendar/<token>.ics`. */
  readonly path: string;
  readonly createdAt: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The content that makes an event changed: not its link, which differs between the served feed and an export. */
const contentHash = (e: CalendarEvent): string =>
  sha256(JSON.stringify([e.kind, e.date, e.summary, e.description, e.remindDaysBefore]));

const byDay = (a: CalendarEvent, b: CalendarEvent): number =>
  a.date.localeCompare(b.date) || a.summary.localeCompare(b.summary) || a.key.localeCompare(b.key);

/**
 * A calendar of every deadline (issue 15): the events of every registered source, as an agenda
 * for the web app and the CLI and as an iCalendar feed for calendar apps.
 *
 * The feed's events keep their UIDs across fetches (the store's random namespace and the event's
 * key, never the date), and their SEQUENCE goes up when their content changes: each fetch
 * compares each event's content hash with the one stored (`calendar_events`) and writes only when
 * one differs, so an unchanged calendar costs a read.
 */
export class CalendarService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly sources: readonly CalendarSource[],
  ) {}

  private today = (): IsoDate => todayUtc(this.clock());

  /** Every event of every source as of `asOf` (default today), by day. */
  async events(asOf: IsoDate = this.today()): Promise<CalendarEvent[]> {
    const lists = await Promise.all(this.sources.map((s) => s.events(asOf)));
    const events = lists.flat().sort(byDay);
    const keys = new Set<string>();
    for (const e of events) {
      // **Important**: a key given twice would give two events one UID; a source's bug, not data.
      if (keys.has(e.key)) throw new Error(`two calendar events have the key ${e.key}`);
      keys.add(e.key);
    }
    return events;
  }

  /**
   * The agenda from `from` (default today) until `until` (default twelve months on), grouped by
   * month, with late follow-ups first.
   *
   * @example await services.calendar.agenda({ from: '2026-03-01', until: '2026-05-31' })
   */
  async agenda(query: AgendaQuery = {}): Promise<Agenda> {
    const parsed = parseInput(agendaQuery, query, 'agenda');
    const from = parsed.from ?? this.today();
    const until = parsed.until ?? addPeriod(from, { count: 12, unit: 'M' }) ?? LAST_DATE;
    if (until < from) {
      throw new VrmError(
        'invalid_input',
        `until: ${until} is before from (${from}); give a day on or after it, or leave it out for twelve months`,
        { details: [{ path: 'until', message: 'must be on or after from' }] },
      );
    }
    const events = await this.events(from);
    const overdue = events.filter((e) => e.kind === 'follow-up' && e.date < from);
    const months = new Map<string, CalendarEvent[]>();
    for (const e of events) {
      if (e.date < from || e.date > until) continue;
      const month = e.date.slice(0, 7);
      months.set(month, [...(months.get(month) ?? []), e]);
    }
    const grouped = [...months].map(([month, list]) => ({ month, events: list }));
    return {
      from,
      until,
      overdue,
      months: grouped,
      total: overdue.length + grouped.reduce((sum, m) => sum + m.events.length, 0),
    };
  }

  /**
   * The iCalendar feed (RFC 5545) of every event, with stable UIDs and a SEQUENCE that goes up
   * when an event changes. `appUrl` (the server's address) links each event to its page.
   */
  async feed(appUrl?: string): Promise<string> {
    const events = await this.events();
    const namespace = await this.namespace();
    const withUid = events.map((event) => ({
      event,
      uid: `${event.key}@${namespace}.vrm.local`,
      hash: contentHash(event),
    }));
    const stored = await this.remember(withUid);
    const feed: FeedEvent[] = withUid.map(({ event, uid }) => {
      const row = stored.get(uid);
      if (!row) throw new Error(`calendar event ${uid} was not recorded`);
      return { event, uid, sequence: row.sequence, changedAt: row.changedAt };
    });
    return feedText(feed, appUrl);
  }

  /** Whether the feed has a secret address, and since when. */
  async feedStatus(): Promise<FeedStatus> {
    const row = await new CalendarRepository(this.db).feed();
    return { active: row?.tokenHash != null, createdAt: row?.tokenCreatedAt ?? null };
  }

  /**
   * Makes a new secret address for the feed, replacing any before it (which stops working at
   * once), and returns it: this is the one time it is shown, as only its SHA-256 is kept.
   */
  async renewFeed(): Promise<NewFeed> {
    await this.namespace();
    const token = randomBytes(32).toString('base64url');
    const createdAt = this.clock().toISOString();
    await new CalendarRepository(this.db).setToken(sha256(token), createdAt);
    return { token, path: feedPath(token), createdAt };
  }

  /** Ends the feed's secret address: a calendar app that asks for it finds nothing. */
  async revokeFeed(): Promise<FeedStatus> {
    await new CalendarRepository(this.db).setToken(null, null);
    return { active: false, createdAt: null };
  }

  /**
   * Whether `token` is the feed's secret: its SHA-256 compared with the stored one in constant
   * time, so the time taken tells nothing of how close a guess came.
   */
  async isFeedToken(token: string): Promise<boolean> {
    if (!FEED_TOKEN.test(token)) return false;
    const stored = (await new CalendarRepository(this.db).feed())?.tokenHash;
    if (stored === null || stored === undefined) return false;
    const given = Buffer.from(sha256(token), 'hex');
    const known = Buffer.from(stored, 'hex');
    return given.length === known.length && timingSafeEqual(given, known);
  }

  /** The store's own UID namespace, made (random) the first time it is needed. */
  private async namespace(): Promise<string> {
    const repository = new CalendarRepository(this.db);
    const row = (await repository.feed()) ?? (await repository.ensureFeed(randomBytes(12).toString('hex')));
    return row.namespace;
  }

  /**
   * Brings the stored hashes and sequences up to date with `events`, writing only when something
   * changed, and returns the stored rows by UID.
   */
  private async remember(
    events: readonly { uid: string; hash: string }[],
  ): Promise<Map<string, StoredEvent>> {
    const read = async (db: Db) =>
      new Map((await new CalendarRepository(db).events()).map((r) => [r.uid, r]));
    const before = await read(this.db);
    const current = new Set(events.map((e) => e.uid));
    const isNew = events.filter((e) => !before.has(e.uid));
    const changed = events.filter((e) => {
      const row = before.get(e.uid);
      return row !== undefined && (row.hash !== e.hash || row.removedAt !== null);
    });
    const gone = [...before.values()]
      .filter((r) => r.removedAt === null && !current.has(r.uid))
      .map((r) => r.uid);
    if (isNew.length === 0 && changed.length === 0 && gone.length === 0) return before;
    const now = this.clock().toISOString();
    return inTransaction(this.db, async (trx) => {
      const repository = new CalendarRepository(trx);
      for (const e of isNew)
        await repository.insertEvent({
          uid: e.uid,
          hash: e.hash,
          sequence: 0,
          changedAt: now,
          removedAt: null,
        });
      for (const e of changed) await repository.changeEvent(e.uid, e.hash, now);
      // A removed event leaves the feed; its row stays, so that should it come back, its
      // SEQUENCE carries on above the one a calendar app may still hold.
      await repository.markRemoved(gone, now);
      return read(trx);
    });
  }
}

/** The feed's path on the server for a token. */
export const feedPath = (token: string): string => `/calendar/${token}.ics`;
