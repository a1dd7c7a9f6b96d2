import type { ImportFolders } from '../../mail/import-folders.js';
import type { Clock } from '../../platform/clock.js';
import type { CsrfTokens } from '../security.js';
import type { ServerState, Session } from '../state.js';

export interface HttpConfig {
  readonly storePath: string;
  readonly host: string;
  readonly port: number;
  /** Minutes without a request after which the store locks itself (default 15). */
  readonly idleMinutes?: number;
  /** Hours after which a browser session ends however active it is (default 12). */
  readonly sessionHours?: number;
  /** Seconds one mail search may run before it is stopped and refused (default 5). */
  readonly searchSeconds?: number;
  /** Folder of the built web app; omitted, only the API is served. */
  readonly webRoot?: string;
  readonly clock?: Clock;
  /** One line per request: method, route pattern, status, time. Never values, queries or bodies. */
  readonly log?: (line: string) => void;
  /** Internal errors and warnings (the error's name only: never its message, which may hold data). */
  readonly warn?: (line: string) => void;
  /** Fills a new store for the first-run demo button. */
  readonly seedDemo?: (session: Session) => Promise<unknown>;
  /** The person's home folder, where imports by path may read (default `os.homedir()`). */
  readonly home?: string;
  /** Further folders imports by path may read (`vrm serve --import-folder`). */
  readonly importFolders?: readonly string[];
}

/** What a request may carry past the session check: its unlocked session and that session's id. */
export type Env = { Variables: { session: Session; sessionId: string } };

/** What the parts of the app share, built once per server by `createHttpApp`. */
export interface AppParts {
  readonly config: HttpConfig;
  readonly clock: Clock;
  readonly state: ServerState;
  readonly csrf: CsrfTokens;
  /** The Host values this server answers to. */
  readonly hosts: ReadonlySet<string>;
  readonly importFolders: ImportFolders;
}
