import { existsSync } from 'node:fs';
import type { Clock } from '../platform/clock.js';
import { VrmError } from '../platform/errors.js';
import { createServices, type Services } from '../app.js';
import { restoreBackupFile } from '../backup/service.js';
import { SearchRunner } from '../mail/search-runner.js';
import { buildStore, changePassphrase, openStore, type Store } from '../platform/db/store.js';
import { ReadCache } from './cache.js';
import { newSessionId } from './security.js';

export interface Session {
  readonly store: Store;
  readonly services: Services;
  readonly reads: ReadCache;
  /** Mail searches, off the server's thread and time-limited. */
  readonly searches: SearchRunner;
}

/** How long one mail search may run before it is stopped and refused. */
export const SEARCH_SECONDS = 5;

/**
 * What the server holds between requests: the open store (only while unlocked), the browser
 * sessions allowed to use it, and when it was last used. Locking, by hand or after the idle
 * time, closes the store, so the key leaves memory with it.
 */
export class ServerState {
  private open: Session | undefined;
  /** Each browser session id, with when it started. */
  private readonly sessions = new Map<string, number>();
  private lastActivity = 0;
  idleMinutes: number;
  /** Hours after which a session ends, however active: a stolen or forgotten one does not last. */
  sessionHours = 12;
  /** Seconds one mail search may take. */
  searchSeconds = SEARCH_SECONDS;

  constructor(
    readonly storePath: string,
    private readonly clock: Clock,
    idleMinutes: number,
  ) {
    this.idleMinutes = idleMinutes;
  }

  get storeExists(): boolean {
    return existsSync(this.storePath);
  }

  /** The open session for a browser session id, or undefined when locked or unknown. */
  sessionFor(id: string | undefined): Session | undefined {
    const started = id === undefined ? undefined : this.sessions.get(id);
    if (id === undefined || started === undefined || !this.open) return undefined;
    if (this.clock().getTime() - started >= this.sessionHours * 3_600_000) {
      this.sessions.delete(id);
      return undefined;
    }
    return this.open;
  }

  /**
   * The open store whatever the browser session, for the one route that needs no session: the
   * calendar feed, which a calendar app fetches by its secret address. Undefined while locked.
   */
  get unlocked(): Session | undefined {
    return this.open;
  }

  touch(): void {
    this.lastActivity = this.clock().getTime();
  }

  /** Locks when idle for longer than the person allows; called by a timer and on each request. */
  async lockIfIdle(): Promise<boolean> {
    if (!this.open || this.clock().getTime() - this.lastActivity < this.idleMinutes * 60_000) return false;
    await this.lock();
    return true;
  }

  async unlock(passphrase: string): Promise<string> {
    if (!this.open) {
      const session = this.adopt(await openStore(this.storePath, { passphrase }));
      // An e-mail a stopped vrm left `sending` may have gone: shown as uncertain, never re-sent.
      await session.services.outbound.recoverInterrupted();
    } else {
      // Already open for another tab: the passphrase must still be right for this one to join.
      await (await openStore(this.storePath, { passphrase })).close();
    }
    return this.newSession();
  }

  /**
   * Creates the store, filled by `fill` (a restore, the demo), and unlocks it. The store is built
   * under a temporary name and named only once filled and checked, so a fill that fails leaves
   * no store behind, and the browser may simply try again.
   */
  async create(
    passphrase: string,
    fill?: (session: Session) => Promise<unknown>,
    schemaVersion?: number,
  ): Promise<string> {
    if (this.storeExists) throw new VrmError('conflict', 'a store already exists: unlock it instead');
    const { store } = await buildStore(
      this.storePath,
      passphrase,
      async (building) => {
        const session = this.sessionOn(building);
        // A new store gets its signing key pair at once; a restored one brings its own keys.
        if (schemaVersion === undefined) await session.services.keys.ensure();
        if (fill) await fill(session);
      },
      schemaVersion === undefined ? {} : { schemaVersion },
    );
    this.adopt(store);
    return this.newSession();
  }

  /**
   * Restores an encrypted backup as the store (first run), then opens it with the backup's own
   * passphrase, which the store keeps.
   */
  async restoreBackup(file: string, passphrase: string): Promise<string> {
    if (this.storeExists) throw new VrmError('conflict', 'a store already exists: unlock it instead');
    await restoreBackupFile(file, this.storePath, { passphrase });
    this.adopt(await openStore(this.storePath, { passphrase }));
    return this.newSession();
  }

  /**
   * Ends every browser session and opens one new one, for the browser that changed the
   * passphrase: a tab that knew the old passphrase, or was left unlocked, must unlock again.
   */
  restartSessions(): string {
    this.sessions.clear();
    return this.newSession();
  }

  /**
   * Re-keys the open store after checking the current passphrase (a session alone is not enough:
   * an unattended unlocked browser must not let someone else take the store over). `verified` is
   * called once the current passphrase is known right, before the re-key, which may still fail.
   */
  async changePassphrase(
    current: string,
    next: string,
    verified: () => void = () => undefined,
  ): Promise<void> {
    if (!this.open) throw new VrmError('unauthorized', 'the store is locked: unlock it first');
    await (await openStore(this.storePath, { passphrase: current })).close();
    verified();
    // The re-key replaces the file: the old connection is closed, one on the new file takes over.
    const open = this.open;
    this.open = undefined;
    open.reads.clear();
    // The search worker's connection would hold the store open against the re-key.
    await open.searches.close();
    try {
      this.adopt(await changePassphrase(open.store, next));
    } catch (error) {
      // A re-key that fails before its rename leaves the old store open and untouched; after
      // the rename the old connection is closed, and the person unlocks with the new passphrase.
      if (open.store.isOpen()) this.adopt(open.store);
      throw error;
    }
  }

  /** A session on a store; its search worker starts with the first search. */
  private sessionOn(store: Store): Session {
    const services = createServices(store, this.clock);
    const searches = new SearchRunner(
      { path: store.path, sessionToken: store.sessionToken },
      this.searchSeconds * 1000,
    );
    services.mail.runSearchesWith(searches.search);
    return { store, services, reads: new ReadCache(), searches };
  }

  private adopt(store: Store): Session {
    this.open = this.sessionOn(store);
    return this.open;
  }

  async lock(): Promise<void> {
    this.sessions.clear();
    const open = this.open;
    this.open = undefined;
    open?.reads.clear();
    await open?.searches.close();
    if (open) await open.store.close();
  }

  private newSession(): string {
    const id = newSessionId();
    this.sessions.set(id, this.clock().getTime());
    this.touch();
    return id;
  }
}
