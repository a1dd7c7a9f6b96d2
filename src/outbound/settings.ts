import type { Clock } from '../platform/clock.js';
import { VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import type { OutboundRepository, SmtpRow } from './repository.js';
import { smtpSettingsInput, testInput, type SmtpSettingsInput, type TestInput } from './schemas.js';
import { composeMessage, sendRaw, verifySmtp, type SmtpSettings } from './smtp.js';
import { randomUUID } from 'node:crypto';

/** The sending settings as shown anywhere: never the password, only whether one is kept. */
export interface SmtpView {
  readonly host: string;
  readonly port: number;
  readonly security: SmtpRow['security'];
  readonly username: string;
  readonly displayName: string | null;
  readonly allowSelfSigned: boolean;
  readonly passwordSet: boolean;
  readonly updatedAt: string;
}

const view = ({ password, ...row }: SmtpRow): SmtpView => ({
  host: row.host,
  port: row.port,
  security: row.security,
  username: row.username,
  displayName: row.displayName,
  allowSelfSigned: row.allowSelfSigned,
  passwordSet: password !== null,
  updatedAt: row.updatedAt,
});

const DEFAULT_PORT = { starttls: 587, tls: 465, none: 25 } as const;

/** The person's own SMTP server: set up once, checked by logging in, used by every send. */
export class SendingSettings {
  constructor(
    private readonly repo: () => OutboundRepository,
    private readonly clock: Clock,
  ) {}

  /** The settings, or null when sending is not set up. */
  async get(): Promise<SmtpView | null> {
    const row = await this.repo().smtp();
    return row ? view(row) : null;
  }

  /**
   * Keeps the SMTP server's settings after a login with them succeeds; the password is kept only
   * in the encrypted store. Without a password, the one kept already stays.
   */
  async setup(input: SmtpSettingsInput): Promise<SmtpView> {
    const s = parseInput(smtpSettingsInput, input, 'Sending');
    const existing = await this.repo().smtp();
    const password = s.password ?? existing?.password ?? null;
    if (password === null) {
      throw new VrmError('invalid_input', 'Password is required: the password of your SMTP account', {
        details: [{ path: 'password', message: 'Password is required: the password of your SMTP account' }],
      });
    }
    const settings: SmtpSettings = {
      host: s.host,
      port: s.port ?? DEFAULT_PORT[s.security],
      security: s.security,
      username: s.username,
      password,
      allowSelfSigned: s.allowSelfSigned ?? false,
    };
    await verifySmtp(settings);
    const now = this.clock().toISOString();
    await this.repo().saveSmtp({
      ...settings,
      displayName: s.displayName ?? null,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    const saved = await this.get();
    if (!saved) throw new VrmError('internal', 'the sending settings were not kept');
    return saved;
  }

  /** Forgets the SMTP server and its password. */
  async remove(): Promise<void> {
    await this.repo().deleteSmtp();
  }

  /** What a send needs: the settings with the password, or why sending cannot start. */
  async forSending(): Promise<SmtpSettings & { displayName: string | null }> {
    const row = await this.repo().smtp();
    if (!row) {
      throw new VrmError(
        'invalid_input',
        'sending is not set up: give your SMTP server with `vrm send setup`, or on the Settings page under "Sending"',
      );
    }
    if (row.password === null) {
      throw new VrmError(
        'invalid_input',
        `the SMTP account ${row.username} at ${row.host} has no password (it came from an export without secrets): ` +
          'give it again with `vrm send setup`, or on the Settings page under "Sending"',
      );
    }
    return { ...row, password: row.password };
  }

  /** Sends a short test message to `to` and gives the server's answer. Nothing is recorded. */
  async test(input: TestInput): Promise<{ to: string; response: string }> {
    const { to } = parseInput(testInput, input, 'Test message');
    const settings = await this.forSending();
    const from = settings.username.includes('@') ? settings.username : to;
    const domain = from.split('@')[1] ?? 'localhost';
    const raw = await composeMessage({
      from: settings.displayName ? `"${settings.displayName}" <${from}>` : from,
      to,
      subject: 'vrm: test message',
      text: 'This is a test message from vrm: sending through your SMTP server works.',
      messageId: `<test-${randomUUID()}@${domain}>`,
      date: this.clock(),
    });
    const { response } = await sendRaw(settings, { from, to, raw });
    return { to, response };
  }
}
