import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';

/**
 * A real Dovecot IMAP server for the mail tests, run from a temporary folder (the recipe in
 * RECIPES.md): Dovecot refuses to run its login process as root, so it logs in as `dovenull`, and
 * the mail belongs to `dovecot`. Start it once per test file; it takes well under a second.
 */

const run = promisify(execFile);
const DOVECOT = '/usr/sbin/dovecot';
const USER = 'testuser';

export interface DovecotOptions {
  /**
   * `ssl = required` with a self-signed certificate for 127.0.0.1: `port` is then implicit TLS
   * (imaps) and `starttlsPort` the plain port where a client must STARTTLS before it logs in.
   */
  readonly tls?: boolean;
  /** Fills the user's Maildir before Dovecot starts: far faster than APPENDing thousands of messages. */
  readonly seed?: (maildir: string) => void;
}

export interface Dovecot {
  readonly host: '127.0.0.1';
  /** Plain IMAP, or implicit TLS when started with `tls`. */
  readonly port: number;
  /** With `tls` only: the port that offers STARTTLS. */
  readonly starttlsPort: number | null;
  readonly user: string;
  readonly password: string;
  /** The user's Maildir root (Maildir++: folder `Work` is `.Work/`). */
  readonly maildir: string;
  /** Appends a message to a folder over IMAP (creating the folder), visible to the next fetch. */
  deliver(folder: string, raw: Buffer | string): Promise<void>;
  /** Deletes a folder over IMAP; recreating it gives it a new UIDVALIDITY. */
  deleteFolder(folder: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts Dovecot on free ports of 127.0.0.1 and waits until it accepts connections. */
export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  if (!existsSync(DOVECOT)) {
    throw new Error("dovecot is not installed: the test command installs Debian's dovecot-imapd");
  }
  const dir = mkdtempSync(join(tmpdir(), 'vrm-dovecot-'));
  chmodSync(dir, 0o755);
  const maildir = join(dir, 'mail', USER, 'Maildir');
  const password = `pw-${randomBytes(6).toString('hex')}`;
  try {
    mkdirSync(join(dir, 'run'), { recursive: true });
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
    options.seed?.(maildir);
    await run('chown', ['-R', 'dovecot:dovecot', join(dir, 'mail')]);
    const tls = options.tls === true;
    if (tls) await makeCertificate(dir);
    const plainPort = await freePort();
    const tlsPort = tls ? await freePort() : 0;
    writeFileSync(join(dir, 'dovecot.conf'), config(dir, password, plainPort, tlsPort));
    await launch(dir);
    const port = tls ? tlsPort : plainPort;
    await waitForPort(port, dir);
    const server: Dovecot = {
      host: '127.0.0.1',
      port,
      starttlsPort: tls ? plainPort : null,
      user: USER,
      password,
      maildir,
      deliver: (folder, raw) =>
        withClient(server, async (client) => {
          if (folder !== 'INBOX') await client.mailboxCreate(folder);
          await client.append(folder, raw);
        }),
      deleteFolder: (folder) =>
        withClient(server, async (client) => {
          await client.mailboxDelete(folder);
        }),
      stop: () => stopDovecot(dir),
    };
    return server;
  } catch (error) {
    await stopDovecot(dir);
    throw error;
  }
}

/** The recipe's configuration, with `ssl = required` and an imaps listener for TLS. */
function config(dir: string, password: string, plainPort: number, tlsPort: number): string {
  const ssl =
    tlsPort === 0 ? 'ssl = no' : `ssl = required\nssl_cert = <${dir}/cert.pem\nssl_key = <${dir}/key.pem`;
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/run
log_path = ${dir}/dovecot.log
${ssl}
disable_plaintext_auth = no
auth_mechanisms = plain
# No 2 s pause after a failed login: the tests try a wrong password on purpose.
auth_failure_delay = 0
default_internal_user = dovecot
default_internal_group = dovecot
default_login_user = dovenull
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u/Maildir
passdb {
  driver = static
  args = password=${password}
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${plainPort}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${tlsPort}
    ssl = yes
  }
}
`;
}

/**
 * Runs `dovecot -c dovecot.conf`, which forks its master into the background and exits. Its output
 * goes to a file: the daemon keeps the descriptors it inherited, so a pipe would never close.
 */
async function launch(dir: string): Promise<void> {
  const out = openSync(join(dir, 'start.log'), 'w');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(DOVECOT, ['-c', join(dir, 'dovecot.conf')], {
        stdio: ['ignore', out, out],
      });
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) {
      const output = readFileSync(join(dir, 'start.log'), 'utf8');
      throw new Error(`dovecot did not start (exit code ${String(code)}):\n${output}`);
    }
  } finally {
    closeSync(out);
  }
}

async function makeCertificate(dir: string): Promise<void> {
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-days',
    '1',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
  ]);
}

/** A port nobody listens on: bind port 0, read what the kernel chose, let it go. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

async function waitForPort(port: number, dir: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await canConnect(port)) return;
    await sleep(50);
  }
  throw new Error(`dovecot did not listen on port ${port} within 10 s:\n${readLog(dir)}`);
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'dovecot.log'), 'utf8');
  } catch {
    return '(no log)';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `kill $(cat run/master.pid)`, wait until the master is gone, remove the folder. */
async function stopDovecot(dir: string): Promise<void> {
  const pidFile = join(dir, 'run', 'master.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (pid > 0 && isRunning(pid)) {
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + 10_000;
      while (isRunning(pid) && Date.now() < deadline) await sleep(20);
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

async function withClient(server: Dovecot, action: (client: ImapFlow) => Promise<void>): Promise<void> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: server.starttlsPort !== null,
    auth: { user: server.user, pass: server.password },
    tls: { rejectUnauthorized: false },
    logger: false,
  });
  await client.connect();
  try {
    await action(client);
  } finally {
    await client.logout();
  }
}
