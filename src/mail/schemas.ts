import { basename } from 'node:path';
import { z } from 'zod';
import { nameText } from '../platform/validation.js';
import { ATTENTION, ruleActions, ruleConditions } from './rules.js';

/**
 * The input schemas of the mail area, each defined once: the services validate with them, and
 * the HTTP API builds its request schemas (and so its OpenAPI document) from the same fields.
 */

/** What a file or folder to import can be. */
export const FILE_KINDS = ['mbox', 'maildir', 'eml'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** How an IMAP account's connection is secured. */
export const SECURITY = ['tls', 'starttls', 'none'] as const;

/** Without control characters, which a file's name shown in a page or a terminal must not carry. */
const printable = (text: string): string => text.replace(/\p{Cc}/gu, '');

export const accountInput = z.object({
  label: nameText('label', 100).optional(),
  host: z.string({ error: 'host is required' }).trim().min(1, { error: 'host is required' }),
  port: z.number().int().min(1).max(65535).optional(),
  security: z.enum(SECURITY, { error: 'security must be tls, starttls or none' }).default('tls'),
  username: z.string({ error: 'username is required' }).trim().min(1, { error: 'username is required' }),
  password: z.string({ error: 'password is required' }).min(1, { error: 'password is required' }),
  folders: z.array(z.string().trim().min(1)).min(1).optional(),
  /** For a server with a self-signed certificate (a test server, a home server). */
  allowSelfSigned: z.boolean().optional(),
});
export type AccountInput = z.input<typeof accountInput>;

export const ruleInput = z.object({
  name: nameText('name', 100),
  conditions: ruleConditions,
  actions: ruleActions,
  enabled: z.boolean().optional(),
  position: z.number().int().positive().optional(),
});
export type RuleInput = z.input<typeof ruleInput>;

export const startInput = z
  .object({
    path: z.string().trim().min(1, { error: 'path must not be empty' }).optional(),
    kind: z.enum(FILE_KINDS).optional(),
    full: z.boolean().optional(),
    sourceId: z.number().int().positive().optional(),
  })
  .refine((i) => (i.path === undefined) !== (i.sourceId === undefined), {
    error: 'give either the path of a file or folder, or the sourceId of an IMAP account',
  });
export type StartInput = z.input<typeof startInput>;

export const uploadInput = z.object({
  // Only the file's own name is kept, without any folder a browser might put before it.
  name: z
    .string({ error: 'name is required: the name of the file' })
    .transform((n) => printable(basename(n.replace(/\\/g, '/'))).trim())
    .pipe(z.string().min(1, { error: 'name must be the name of the file' }).max(255)),
  kind: z
    .enum(['mbox', 'eml'], { error: 'kind must be mbox or eml: a Maildir folder is imported by path' })
    .optional(),
  folder: z.string().min(1),
});
export type UploadInput = z.input<typeof uploadInput>;

export const placementInput = z
  .object({
    attention: z.enum(ATTENTION).optional(),
    folder: z.string().trim().min(1).max(60).optional(),
    muted: z.boolean().optional(),
    flagged: z.boolean().optional(),
  })
  .strict();
export type PlacementInput = z.input<typeof placementInput>;

/** A provider as a person names it: its id or its name. */
export const providerRef = z.union([z.number().int().positive(), z.string().trim().min(1)]);

export const inboxFilter = z.object({
  attention: z.enum(ATTENTION).optional(),
  folder: z.string().trim().min(1).optional(),
  provider: providerRef.optional(),
  identity: z.number().int().positive().optional(),
  leak: z.number().int().positive().optional(),
  muted: z.boolean().optional(),
  flagged: z.boolean().optional(),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});
export type InboxFilter = z.input<typeof inboxFilter>;

/** Which page of a search's results: `limit` results after the first `offset`. */
export const searchPaging = z.object({
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});
export type SearchPaging = z.input<typeof searchPaging>;

/** Why a leak event is not a leak. */
export const notLeakReason = z
  .string()
  .trim()
  .min(1, { error: 'reason is required: say why it is not a leak' })
  .max(500);

/** Why a sender may write to a provider's identity. */
export const allowedReason = z.string().trim().min(1, { error: 'reason is required' }).max(500);
