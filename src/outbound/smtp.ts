import { isIP } from 'node:net';
import { VrmError } from '../platform/errors.js';

/** How to reach the person's own SMTP server: what `smtp_settings` holds, password included. */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** `starttls` (submission, 587), `tls` (implicit TLS, 465), or `none` (127.0.0.1 only). */
  readonly security: 'starttls' | 'tls' | 'none';
  readonly username: string;
  readonly password: string;
  /** For a server with a certificate of its own making (a home or test server). */
  readonly allowSelfSigned: boolean;
}

/** One message as it goes out: the exact bytes, and the envelope the server delivers by. */
export interface Outgoing {
  readonly from: string;
  readonly to: string;
  readonly raw: Buffer;
}

/** What the server said when it took the message. */
export interface SmtpAccepted {
  readonly response: string;
}

/** A text file that goes with an e-mail (a signed intent, its JSON-LD). */
export interface Attachment {
  readonly filename: string;
  readonly contentType: string;
  readonly text: string;
}

/**
 * Builds the exact RFC 5322 bytes of a plain-text message (with text files, if any) with nodemailer's MailComposer, so the
 * bytes stored before the send are the bytes sent (docs/decisions.md, "the outbox").
 *
 * @example
 * const raw = await composeMessage({ from: '"Alex" <alex+acme@example.org>', to: 'help@acme.example',
 *   subject: 'New address', text: 'Hello', messageId: '<k@example.org>', date: new Date() });
 */
export async function composeMessage(message: {
  from: string | { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  messageId: string;
  date: Date;
  /** The Message-ID (with brackets) this message follows up: In-Reply-To and References. */
  inReplyTo?: string | undefined;
  /** Text files that go with it. */
  attachments?: readonly Attachment[] | undefined;
}): Promise<Buffer> {
  // CRLF throughout (RFC 5322 2.3): a 7bit body keeps its line ends as given, and bare LFs sent
  // raw would reach the server as they are.
  const text = message.text.replace(/\r?\n/g, '\r\n');
  const { inReplyTo, attachments, ...rest } = message;
  const thread = inReplyTo === undefined ? {} : { inReplyTo, references: [inReplyTo] };
  const files =
    attachments === undefined || attachments.length === 0
      ? {}
      : {
          attachments: attachments.map((a) => ({
            filename: a.filename,
            content: a.text,
            contentType: `${a.contentType}; charset=utf-8`,
          })),
        };
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer/index.js');
  const composer = new MailComposer({ ...rest, ...thread, ...files, text, textEncoding: 'quoted-printable' });
  return composer.compile().build();
}

/** nodemailer is loaded when mail is first sent: no other command carries it. */
async function transportOf(settings: SmtpSettings) {
  // The module's default: a CommonJS package's named exports do not survive the bundle's import().
  const { default: nodemailer } = await import('nodemailer');
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    // STARTTLS is required, never only tried: a server that does not offer it is refused rather
    // than given the password in the clear.
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth: { user: settings.username, pass: settings.password },
    // The greeting names no machine: the default, this computer's host name ("alex-laptop"), goes
    // into the Received header of every message, even one sent under a persona.
    name: 'localhost',
    // SNI takes a host name only (RFC 6066 3).
    tls: {
      rejectUnauthorized: !settings.allowSelfSigned,
      ...(isIP(settings.host) === 0 ? { servername: settings.host } : {}),
    },
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // Nothing of the SMTP exchange (AUTH included) goes to a log.
    logger: false,
    debug: false,
  });
}

/** Sends stored bytes as they are, with the envelope given: nothing is composed again. */
export async function sendRaw(settings: SmtpSettings, message: Outgoing): Promise<SmtpAccepted> {
  const transport = await transportOf(settings);
  try {
    const info = await transport.sendMail({
      envelope: { from: message.from, to: [message.to] },
      raw: message.raw,
    });
    if (info.rejected.length > 0) {
      throw smtpError(settings, `the server refused ${message.to}: ${info.response}`, true);
    }
    return { response: info.response };
  } catch (error) {
    throw asSmtpError(settings, error);
  } finally {
    transport.close();
  }
}

/** Logs in and says goodbye, to check the settings before they are kept. */
export async function verifySmtp(settings: SmtpSettings): Promise<void> {
  const transport = await transportOf(settings);
  try {
    await transport.verify();
  } catch (error) {
    throw asSmtpError(settings, error);
  } finally {
    transport.close();
  }
}

/**
 * An SMTP failure whose message reached the server or not: `delivered: false` means the server
 * refused before taking the message (a refusal a person can act on), which the outbox records as
 * failed. Anything after DATA whose answer never came is not this: it is uncertain.
 */
export class SmtpError extends VrmError {
  constructor(
    message: string,
    /** The server answered and refused: the message certainly did not go. */
    readonly refused: boolean,
  ) {
    super('invalid_input', message);
  }
}

interface NodemailerFields {
  readonly code?: string;
  readonly responseCode?: number;
  readonly response?: string;
  readonly command?: string;
  readonly message?: string;
  readonly cause?: { code?: string; message?: string };
}

const CONNECT_REASONS = new Map<string, string>([
  ['ECONNREFUSED', 'connection refused'],
  ['ENOTFOUND', 'no such host'],
  ['EAI_AGAIN', 'no such host'],
  ['ETIMEDOUT', 'the server did not answer in time'],
  ['ECONNRESET', 'the server closed the connection'],
]);

const TLS_TRUST = /self[- ]signed|unable to verify|certificate has expired|altnames/i;

function asSmtpError(settings: SmtpSettings, error: unknown): SmtpError {
  if (error instanceof SmtpError) return error;
  const f = (error ?? {}) as NodemailerFields;
  const where = `the SMTP server ${settings.host}:${String(settings.port)}`;
  const said = (f.response ?? f.message ?? 'unknown error').trim();
  if (f.code === 'EAUTH') {
    return smtpError(
      settings,
      `${where} refused the login for ${settings.username}: ${said}. Check the user name and password (\`vrm send setup\`, or on the Settings page under "Sending")`,
      true,
    );
  }
  if (f.code === 'ETLS' || /STARTTLS/i.test(said)) {
    return smtpError(
      settings,
      `${where} does not offer STARTTLS, so vrm will not send the password to it. Use security "tls" on port 465 if the server has implicit TLS`,
      true,
    );
  }
  const nodeCode = /\b(E[A-Z]+)\b/.exec(said)?.[1];
  const connect = nodeCode ? CONNECT_REASONS.get(nodeCode) : undefined;
  if (f.code === 'ECONNECTION' || f.code === 'ESOCKET' || f.code === 'ETIMEDOUT' || f.code === 'EDNS') {
    if (TLS_TRUST.test(said)) {
      return smtpError(settings, `${where}: its TLS certificate is not trusted (${said})`, true);
    }
    if (/wrong version number|ssl|tls|handshake/i.test(said)) {
      return smtpError(
        settings,
        `${where}: the TLS handshake failed (does this port use implicit TLS? Port 465 does, 587 uses STARTTLS)`,
        true,
      );
    }
    return smtpError(settings, `cannot connect to ${where}: ${connect ?? said}`, true);
  }
  if (typeof f.responseCode === 'number') {
    // The server answered a command with a refusal: it did not take the message.
    return smtpError(settings, `${where} refused the message: ${said}`, f.responseCode >= 400);
  }
  // Anything else (the connection broke after DATA, a timeout waiting for the answer): it may
  // have been delivered.
  return smtpError(settings, `${where}: ${said}`, false);
}

/** Builds the error, making sure the password cannot leak through a server's echo. */
function smtpError(settings: SmtpSettings, message: string, refused: boolean): SmtpError {
  const text = settings.password === '' ? message : message.replaceAll(settings.password, '***');
  return new SmtpError(text.replace(/\s+/g, ' ').trim(), refused);
}
