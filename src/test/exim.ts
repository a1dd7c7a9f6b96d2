import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A real SMTP server for the outbound tests: Debian's Exim, run from a temporary folder with a
 * configuration of its own (the recipe "A real SMTP server for tests" of RECIPES.md), delivering
 * every message to a Maildir per recipient. AUTH (PLAIN, LOGIN) is offered only after STARTTLS,
 * with a throwaway self-signed certificate; `tlsPort` takes implicit TLS (as 465 does).
 */

const run = promisify(execFile);
const EXIM = '/usr/sbin/exim4';

export interface EximOptions {
  /** Without a certificate: no STARTTLS, so no AUTH either (a server to refuse). */
  readonly noTls?: boolean;
  /**
   * Milliseconds Exim waits after the message's data before it answers 250: a slow server, so a
   * test that kills a send lands in the middle of one more often. (Exim's own `delay` modifier
   * takes whole seconds only, so the data ACL runs `sleep` instead.)
   */
  readonly dataDelayMs?: number;
}

export interface Exim {
  readonly host: '127.0.0.1';
  /** Submission with STARTTLS (as 587). */
  readonly port: number;
  /** Implicit TLS (as 465); 0 without TLS. */
  readonly tlsPort: number;
  readonly user: string;
  readonly password: string;
  /** The delivered messages for an address, as their bytes (Exim adds one Received: line). */
  delivered(address: string): Buffer[];
  /** Every message delivered to anyone so far, with the address it went to: all that left. */
  deliveredAll(): { readonly address: string; readonly bytes: Buffer }[];
  /**
   * Changes the password the server accepts from now on, as when the person changes it at their
   * mail provider and vrm still holds the old one.
   */
  changePassword(password: string): void;
  /** Waits until `count` messages were delivered to the address (delivery follows the 250). */
  waitFor(address: string, count: number): Promise<Buffer[]>;
  stop(): Promise<void>;
}

export const EXIM_USER = 'testuser';
export const EXIM_PASSWORD = 'testpass';

function config(dir: string, port: number, tlsPort: number, tls: boolean, delayMs: number): string {
  const ports = tls ? `${String(port)} : ${String(tlsPort)}` : String(port);
  const tlsLines = tls
    ? `tls_certificate = ${dir}/cert.pem
tls_privatekey = ${dir}/key.pem
tls_on_connect_ports = ${String(tlsPort)}
tls_advertise_hosts = *`
    : 'tls_advertise_hosts =';
  return `keep_environment =
daemon_startup_retries = 0
primary_hostname = localhost
local_interfaces = 127.0.0.1
daemon_smtp_ports = ${ports}
spool_directory = ${dir}/spool
log_file_path = ${dir}/log/%slog
pid_file_path = ${dir}/exim.pid
smtp_accept_queue_per_connection = 0
${tlsLines}
auth_advertise_hosts = \${if def:tls_in_cipher {*}{}}
acl_smtp_rcpt = acl_rcpt
${delayMs > 0 ? 'acl_smtp_data = acl_data' : ''}
begin acl
acl_rcpt:
  accept authenticated = *
  deny   message = authentication required
acl_data:
  accept condition = \${run{/bin/sleep ${(delayMs / 1000).toFixed(3)}}{yes}{yes}}
begin routers
everyone:
  driver = accept
  transport = to_maildir
begin transports
to_maildir:
  driver = appendfile
  directory = ${dir}/mail/\${lc:$local_part@$domain}/Maildir
  create_file = ${dir}/mail
  maildir_format
  create_directory
  user = Debian-exim
  mode = 0640
begin authenticators
plain:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = \${if and {{eq{$auth2}{${EXIM_USER}}}{eq{$auth3}{\${readfile{${dir}/password}}}}}}
  server_set_id = $auth2
login:
  driver = plaintext
  public_name = LOGIN
  server_prompts = Username:: : Password::
  server_condition = \${if and {{eq{$auth1}{${EXIM_USER}}}{eq{$auth2}{\${readfile{${dir}/password}}}}}}
  server_set_id = $auth1
`;
}

/** Starts Exim on free ports of 127.0.0.1 and waits for its 220 greeting. */
export async function startExim(options: EximOptions = {}): Promise<Exim> {
  if (!existsSync(EXIM)) {
    throw new Error("exim4 is not installed: the test command installs Debian's exim4-daemon-light");
  }
  const dir = mkdtempSync(join(tmpdir(), 'vrm-smtp-'));
  chmodSync(dir, 0o755);
  let child: ChildProcess | undefined;
  try {
    for (const sub of ['mail', 'log', 'spool']) mkdirSync(join(dir, sub));
    const tls = options.noTls !== true;
    if (tls) {
      await run('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]);
    }
    const port = await freePort();
    const tlsPort = tls ? await freePort() : 0;
    // The password is read at each login, so a test can change it while Exim runs.
    writeFileSync(join(dir, 'password'), EXIM_PASSWORD, { mode: 0o644 });
    writeFileSync(join(dir, 'exim.conf'), config(dir, port, tlsPort, tls, options.dataDelayMs ?? 0), {
      mode: 0o644,
    });
    // Exim drops root and runs as Debian-exim: all but its configuration belongs to that user.
    await run('chown', ['-R', 'Debian-exim:', dir]);
    await run('chown', ['root:', join(dir, 'exim.conf')]);
    const started = spawn(EXIM, ['-C', join(dir, 'exim.conf'), '-bdf'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = started;
    const stderr: Buffer[] = [];
    started.stderr.on('data', (c: Buffer) => stderr.push(c));
    await waitForGreeting(port, started, () => Buffer.concat(stderr).toString() + logOf(dir));
    const maildirOf = (address: string) => join(dir, 'mail', address.toLowerCase(), 'Maildir', 'new');
    const delivered = (address: string): Buffer[] => {
      const folder = maildirOf(address);
      if (!existsSync(folder)) return [];
      return readdirSync(folder)
        .sort()
        .map((f) => readFileSync(join(folder, f)));
    };
    const deliveredAll = () => {
      const root = join(dir, 'mail');
      if (!existsSync(root)) return [];
      return readdirSync(root)
        .sort()
        .flatMap((address) => delivered(address).map((bytes) => ({ address, bytes })));
    };
    return {
      host: '127.0.0.1',
      port,
      tlsPort,
      user: EXIM_USER,
      password: EXIM_PASSWORD,
      delivered,
      deliveredAll,
      changePassword: (password) => {
        writeFileSync(join(dir, 'password'), password);
      },
      waitFor: async (address, count) => {
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline) {
          const found = delivered(address);
          if (found.length >= count) return found;
          await sleep(20);
        }
        throw new Error(`${String(count)} message(s) for ${address} did not arrive:\n${logOf(dir)}`);
      },
      stop: () => stop(started, dir),
    };
  } catch (error) {
    if (child) await stop(child, dir);
    else rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function logOf(dir: string): string {
  try {
    return readdirSync(join(dir, 'log'))
      .map((f) => readFileSync(join(dir, 'log', f), 'utf8'))
      .join('\n');
  } catch {
    return '(no log)';
  }
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
}

/** A port nobody listens on: bind port 0, read what the kernel chose, let it go. */
export function freePort(): Promise<number> {
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

function greeting(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('data', (chunk: Buffer) => {
      socket.destroy();
      resolve(chunk.toString());
    });
    socket.once('error', () => {
      resolve('');
    });
  });
}

async function waitForGreeting(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`exim stopped (exit code ${String(child.exitCode)}):\n${log()}`);
    if ((await greeting(port)).startsWith('220')) return;
    await sleep(50);
  }
  throw new Error(`exim did not greet on port ${String(port)} within 10 s:\n${log()}`);
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
