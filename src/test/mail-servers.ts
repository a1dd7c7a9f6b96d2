import { afterAll, beforeAll } from 'vitest';
import { vrm, type CliResult } from './cli.js';
import { startDovecot, type Dovecot } from './dovecot.js';
import { startExim, type Exim } from './exim.js';
import { freshStore, type TestStore } from './store.js';

/** A store that sends through a test Exim and fetches from a test Dovecot, driven by the real CLI. */
export interface MailServers {
  readonly exim: Exim;
  readonly dovecot: Dovecot;
  readonly t: TestStore;
  /** Runs `vrm` on the store, with its session and both servers' passwords in the environment. */
  readonly run: (...args: string[]) => CliResult;
  /** Like `run`, and fails the test with the command's error unless it succeeds; gives stdout. */
  readonly ok: (...args: string[]) => string;
  /** `vrm send setup`, as a person would: sending through the Exim, its certificate trusted. */
  readonly setUpSending: () => void;
  /** `vrm mail account add`: the Dovecot account the replies are fetched from. */
  readonly addImapAccount: () => void;
}

/**
 * Starts Debian's Exim and Dovecot and a fresh store before the file's tests, and stops them after:
 * the setting of the round trip of outbound mail (send a message, a reply comes back, fetch it).
 *
 * @example const mail = useMailServers(); … mail.setUpSending(); mail.ok('outbox', 'send', '1');
 */
export function useMailServers(): MailServers {
  let exim: Exim | undefined;
  let dovecot: Dovecot | undefined;
  let t: TestStore | undefined;
  beforeAll(async () => {
    [exim, dovecot] = await Promise.all([startExim(), startDovecot()]);
    t = await freshStore();
  });
  afterAll(async () => {
    await t?.dispose();
    await Promise.all([exim?.stop(), dovecot?.stop()]);
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the mail servers start in beforeAll: use them inside a test');
    return value;
  };
  const servers: MailServers = {
    get exim() {
      return started(exim);
    },
    get dovecot() {
      return started(dovecot);
    },
    get t() {
      return started(t);
    },
    run: (...args) =>
      vrm(['--store', servers.t.path, ...args], {
        VRM_SESSION: servers.t.store.sessionToken,
        VRM_SMTP_PASSWORD: servers.exim.password,
        VRM_IMAP_PASSWORD: servers.dovecot.password,
      }),
    ok: (...args) => {
      const result = servers.run(...args);
      if (result.code !== 0)
        throw new Error(`vrm ${args.join(' ')} failed (${String(result.code)}): ${result.stderr}`);
      return result.stdout;
    },
    setUpSending: () => {
      const { port, user } = servers.exim;
      servers.ok(
        'send',
        'setup',
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--user',
        user,
        '--allow-self-signed',
      );
    },
    addImapAccount: () => {
      const { port, user } = servers.dovecot;
      servers.ok(
        'mail',
        'account',
        'add',
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--security',
        'none',
        '--user',
        user,
      );
    },
  };
  return servers;
}
