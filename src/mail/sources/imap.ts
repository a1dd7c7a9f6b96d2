import type { ImapFlow, ImapFlowOptions } from 'imapflow';
import { VrmError } from '../../platform/errors.js';
import type { RawMessage, SourceProblem } from '../types.js';

/**
 * Reads mail from an IMAP server with imapflow, incrementally: IMAP gives every message of a
 * folder a UID that only grows, valid as long as the folder's UIDVALIDITY stays the same. So an
 * import remembers, per folder, the UIDVALIDITY and the highest UID it got, and next time fetches
 * only the UIDs above it. When the server changed UIDVALIDITY (a rebuilt or re-created folder) the
 * old UIDs mean nothing and the whole folder is fetched again; the fingerprint keeps duplicates out.
 *
 * **Important**: the password never appears in an error or a log line: imapflow's logger is off,
 * and every message built here is scrubbed of it as well.
 */

export interface ImapSettings {
  readonly host: string;
  readonly port: number;
  /** Implicit TLS (usually port 993). */
  readonly secure: boolean;
  /** Without `secure`: true demands STARTTLS (port 143), false never tries it, unset uses it when offered. */
  readonly starttls?: boolean;
  readonly user: string;
  readonly password: string;
  /** Folders to read, in order; default `['INBOX']`. */
  readonly folders?: readonly string[];
  /** Accept a self-signed or otherwise untrusted certificate. Tests only. */
  readonly allowSelfSigned?: boolean;
}

export interface ImapFolderInfo {
  readonly path: string;
  /** `\Sent`, `\Junk`, `\Trash`, `\Inbox`, … or null. */
  readonly specialUse: string | null;
  readonly messages: number;
}

/** How far an earlier import got in one folder. */
export interface ImapFolderState {
  readonly uidValidity: string;
  readonly lastUid: number;
}

export type ImapMessage = RawMessage & {
  readonly folder: string;
  readonly uidValidity: string;
  readonly uid: number;
};

export interface FetchImapOptions {
  /** Called when a folder is opened, before its messages: how many it has and how many are new. */
  readonly onFolder?: (folder: string, info: { uidValidity: string; total: number; toFetch: number }) => void;
  /** Messages the server sent without content: reported, never fatal. */
  readonly onProblem?: (problem: SourceProblem) => void;
}

/**
 * The folders of the account that can hold mail, with their message counts, for a person to
 * choose from.
 *
 * @example await listImapFolders(settings) // → [{ path: 'INBOX', specialUse: '\\Inbox', messages: 42 }, …]
 */
export async function listImapFolders(settings: ImapSettings): Promise<ImapFolderInfo[]> {
  const client = await connect(settings);
  try {
    const folders = await client.list({ statusQuery: { messages: true } });
    return folders
      .filter((folder) => !folder.flags.has('\\Noselect') && !folder.flags.has('\\NonExistent'))
      .map((folder) => ({
        path: folder.path,
        specialUse: folder.specialUse ?? null,
        messages: folder.status?.messages ?? 0,
      }));
  } catch (error) {
    throw imapError(settings, error, 'cannot list the folders');
  } finally {
    await disconnect(client);
  }
}

/**
 * Yields the messages of each folder in `settings.folders` that `state` does not cover yet, in UID
 * order, one at a time (imapflow hands over a message only when the previous one was taken, so a
 * folder is never held in memory). `state` is only read: the caller records `uidValidity` and
 * `uid` of what it stored and passes them back next time.
 *
 * @example
 *   for await (const m of fetchImap(settings, state)) {
 *     store(m.raw);
 *     state.set(m.folder, { uidValidity: m.uidValidity, lastUid: m.uid });
 *   }
 */
export async function* fetchImap(
  settings: ImapSettings,
  state: ReadonlyMap<string, ImapFolderState>,
  options: FetchImapOptions = {},
): AsyncGenerator<ImapMessage> {
  const client = await connect(settings);
  try {
    for (const folder of settings.folders ?? ['INBOX']) {
      yield* fetchFolder(client, settings, folder, state.get(folder), options);
    }
  } finally {
    await disconnect(client);
  }
}

async function* fetchFolder(
  client: ImapFlow,
  settings: ImapSettings,
  folder: string,
  known: ImapFolderState | undefined,
  options: FetchImapOptions,
): AsyncGenerator<ImapMessage> {
  const { uidValidity, total, uids } = await openFolder(client, settings, folder, known);
  options.onFolder?.(folder, { uidValidity, total, toFetch: uids.length });
  const first = uids[0];
  const last = uids.at(-1);
  if (first === undefined || last === undefined) return;
  const after = first - 1;
  try {
    const messages = client.fetch(`${first}:${last}`, { uid: true, source: true }, { uid: true });
    for await (const message of messages) {
      if (message.uid <= after) continue;
      const location = `imap ${folder} uid ${message.uid}`;
      if (message.source === undefined || message.source.length === 0) {
        options.onProblem?.({ location, reason: 'the server sent the message without content' });
        continue;
      }
      yield { raw: message.source, location, folder, uidValidity, uid: message.uid };
    }
  } catch (error) {
    throw imapError(settings, error, `cannot fetch the messages of ${folder}`);
  }
}

/** Opens a folder read-only and finds the UIDs above what `known` covers, in ascending order. */
async function openFolder(
  client: ImapFlow,
  settings: ImapSettings,
  folder: string,
  known: ImapFolderState | undefined,
): Promise<{ uidValidity: string; total: number; uids: number[] }> {
  try {
    const mailbox = await client.mailboxOpen(folder, { readOnly: true });
    const uidValidity = mailbox.uidValidity.toString();
    const after = known?.uidValidity === uidValidity ? known.lastUid : 0;
    if (mailbox.exists === 0) return { uidValidity, total: 0, uids: [] };
    // `n:*` always matches the highest UID, even when it is below n: hence the filter.
    const found = await client.search({ uid: `${after + 1}:*` }, { uid: true });
    const uids = (found || []).filter((uid) => uid > after).sort((a, b) => a - b);
    return { uidValidity, total: mailbox.exists, uids };
  } catch (error) {
    if ((error as { mailboxMissing?: boolean }).mailboxMissing === true) {
      throw new VrmError('not_found', `the IMAP server has no folder "${folder}"`, {
        cause: error,
      });
    }
    throw imapError(settings, error, `cannot open the folder ${folder}`);
  }
}

function clientOptions(settings: ImapSettings): ImapFlowOptions {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.secure || settings.starttls === undefined ? {} : { doSTARTTLS: settings.starttls }),
    auth: { user: settings.user, pass: settings.password },
    ...(settings.allowSelfSigned === true ? { tls: { rejectUnauthorized: false } } : {}),
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
  };
}

/** Connects and logs in, turning every failure into one line a person can act on. */
async function connect(settings: ImapSettings): Promise<ImapFlow> {
  // Loaded when first needed: imapflow alone is some 28 MB that no other command should carry.
  // The module's default: a CommonJS package's named exports do not survive the bundle's import().
  const { default: imapflow } = await import('imapflow');
  const client = new imapflow.ImapFlow(clientOptions(settings));
  // imapflow also emits connection errors as events; unheard, they would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.close();
    throw connectError(settings, error);
  }
}

async function disconnect(client: ImapFlow): Promise<void> {
  try {
    await client.logout();
  } catch {
    client.close();
  }
}

interface ErrorFields {
  readonly code?: string;
  readonly message?: string;
  readonly authenticationFailed?: boolean;
  readonly responseText?: string;
  readonly _err?: ErrorFields;
  readonly cause?: ErrorFields;
}

/** The Node or imapflow code of an error, looking through imapflow's wrapping. */
function errorCode(error: ErrorFields): string | undefined {
  return error.code ?? error._err?.code ?? error.cause?.code;
}

const TLS_TRUST_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Why `connect()` failed, as `cannot connect to host:port: reason` or a refused login. */
function connectError(settings: ImapSettings, error: unknown): VrmError {
  const fields = (error ?? {}) as ErrorFields;
  if (fields.authenticationFailed === true) {
    const said = fields.responseText ?? fields.message ?? 'authentication failed';
    // No cause: nothing of the login exchange should travel further than this line.
    return scrubbed(settings, `the IMAP server refused the login for ${settings.user}: ${said}`);
  }
  const where = `cannot connect to ${settings.host}:${settings.port}`;
  return scrubbed(settings, `${where}: ${connectReason(settings, fields)}`, error);
}

/** Node's and imapflow's codes for a failed connection, in words. */
const CONNECT_REASONS = new Map<string, string>([
  ['ECONNREFUSED', 'connection refused'],
  ['ENOTFOUND', 'no such host'],
  ['EAI_AGAIN', 'no such host'],
  ['ETIMEDOUT', 'the server did not answer in time'],
  ['CONNECT_TIMEOUT', 'the server did not answer in time'],
  ['GREETING_TIMEOUT', 'the server did not answer in time'],
  ['ETIMEOUT', 'the server did not answer in time'],
  ['ECONNRESET', 'the server closed the connection'],
  ['EConnectionClosed', 'the server closed the connection'],
  ['ClosedAfterConnectText', 'the server closed the connection'],
  ['ClosedAfterConnectTLS', 'the server closed the connection'],
  ['EPROTO', 'the TLS handshake failed'],
  ['ERR_SSL_WRONG_VERSION_NUMBER', 'the TLS handshake failed'],
]);

function connectReason(settings: ImapSettings, fields: ErrorFields): string {
  const code = errorCode(fields) ?? '';
  const message = fields._err?.message ?? fields.message ?? 'unknown error';
  if (TLS_TRUST_CODES.has(code)) return `its TLS certificate is not trusted (${message})`;
  if (code === 'GREETING_TIMEOUT' && !settings.secure) {
    // A TLS port waits for a handshake while the client waits for a greeting.
    return 'the server sent no greeting (does this port use implicit TLS?)';
  }
  const reason = CONNECT_REASONS.get(code);
  if (reason === undefined) {
    return /does not support STARTTLS/i.test(message) ? 'the server does not offer STARTTLS' : message;
  }
  // Implicit TLS against a plain port ends in one of these.
  const tlsHint =
    settings.secure && !reason.startsWith('no such') ? ' (does this port use implicit TLS?)' : '';
  return reason + tlsHint;
}

/** A failure after login: the connection broke, or the server said NO to a command. */
function imapError(settings: ImapSettings, error: unknown, doing: string): VrmError {
  if (error instanceof VrmError) return error;
  const fields = (error ?? {}) as ErrorFields;
  const said = fields.responseText ?? connectReason(settings, fields);
  return scrubbed(settings, `${settings.host}:${settings.port}: ${doing}: ${said}`, error);
}

/** Builds the error, making sure the password cannot leak through a server's echo. */
function scrubbed(settings: ImapSettings, message: string, cause?: unknown): VrmError {
  const text = settings.password === '' ? message : message.replaceAll(settings.password, '***');
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return new VrmError('invalid_input', oneLine, cause === undefined ? {} : { cause });
}
