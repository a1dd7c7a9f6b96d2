import { z } from 'zod';
import { longText, nameText } from '../platform/validation.js';

/**
 * The input schemas of outbound correspondence, each defined once: the service validates with
 * them, and the HTTP API builds its request schemas from the same fields.
 */

/** How the connection to the SMTP server is secured. */
export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/** The channels an outbox item goes by. */
export const CHANNELS = ['email', 'letter', 'web_form'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Where an item is on its way out (docs/decisions.md, "the outbox"). */
export const OUTBOX_STATES = ['draft', 'queued', 'sending', 'sent', 'failed', 'uncertain'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

const hostName = z
  .string({ error: 'Server is required: the host name of your SMTP server, such as smtp.example.org' })
  .trim()
  .min(1, { error: 'Server is required: the host name of your SMTP server, such as smtp.example.org' })
  .max(253, { error: 'Server is longer than 253 characters' })
  .regex(/^[A-Za-z0-9.:[\]-]+$/, {
    error: 'Server must be a host name or an IP address, such as smtp.example.org',
  });

/** The person's SMTP server. The password is optional on a change: absent keeps the one stored. */
export const smtpSettingsInput = z
  .object({
    host: hostName,
    port: z.coerce
      .number({ error: 'Port must be a number, such as 587' })
      .int({ error: 'Port must be a whole number, such as 587' })
      .min(1, { error: 'Port must be between 1 and 65535' })
      .max(65535, { error: 'Port must be between 1 and 65535' })
      .optional(),
    security: z
      .enum(SMTP_SECURITY, { error: 'Security must be starttls (port 587), tls (port 465) or none' })
      .default('starttls'),
    username: z
      .string({ error: 'User name is required' })
      .trim()
      .min(1, { error: 'User name is required' })
      .max(320, { error: 'User name is longer than 320 characters' }),
    password: z.string().min(1, { error: 'Password must not be empty' }).max(1000).optional(),
    displayName: z
      .string()
      .transform((s) => s.trim())
      .pipe(z.string().max(100, { error: 'Display name is longer than 100 characters' }))
      .transform((s) => (s === '' ? null : s))
      .nullable()
      .optional(),
    allowSelfSigned: z.boolean().optional(),
  })
  .refine((s) => s.security !== 'none' || s.host === '127.0.0.1' || s.host === 'localhost', {
    path: ['security'],
    error: 'Security "none" sends the password in the clear: it is only allowed for a server on 127.0.0.1',
  });
export type SmtpSettingsInput = z.input<typeof smtpSettingsInput>;

/** A new outbox item: what a change campaign, a data request or the person writes. */
export const draftInput = z.object({
  providerId: z.number({ error: 'Provider is required' }).int().positive({ error: 'Provider is required' }),
  channel: z.enum(CHANNELS, { error: 'Channel must be email, letter or web_form' }),
  subject: nameText('Subject', 300),
  body: longText('Text', 100_000),
  purpose: z.object({ kind: nameText('purpose', 50), id: z.number().int().positive() }).optional(),
  /** The outbox item (a sent e-mail) this one follows up: it goes as a reply in the same thread. */
  follows: z.number().int().positive().optional(),
});
export type DraftInput = z.input<typeof draftInput>;

/** A draft's text, changed before it is sent. */
export const draftEdit = z
  .object({ subject: nameText('Subject', 300).optional(), body: longText('Text', 100_000).optional() })
  .refine((e) => e.subject !== undefined || e.body !== undefined, {
    error: 'give a new Subject or Text',
  });
export type DraftEdit = z.input<typeof draftEdit>;

/** A test message to see that sending works. */
export const testInput = z.object({
  to: z
    .string({ error: 'To is required: the address to send the test message to' })
    .trim()
    .pipe(z.email({ error: 'To is not an e-mail address' })),
});
export type TestInput = z.input<typeof testInput>;
