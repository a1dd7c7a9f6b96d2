import { z } from 'zod';
import { ATTENTION, ruleConditions } from '../mail/rules.js';
import { FILE_KINDS, providerRef, ruleInput, SECURITY } from '../mail/schemas.js';
import { endpoint, type Endpoint } from './endpoint.js';
import type { RouteName } from './routes.js';

/*
 * The request schemas are built from the mail area's own (src/mail/schemas.ts). Where a field
 * is only typed here (a rule's name, an account's host), the service checks it and names the
 * record in its message ("rule: name: …"), which a check here would name "body: …" instead.
 */
const attention = z.enum(ATTENTION);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const count = z.coerce.number().int();
const ruleBody = ruleInput.extend({ name: z.string() });

/**
 * The query of `uploadMailImport`, whose body is the file's bytes, not JSON: the server streams it
 * to a temporary file (see app.ts) and the mail service imports it.
 */
export const MAIL_UPLOAD_QUERY = z.object({
  name: z.string({
    error: 'name is required: the name of the file, so the import can say where it came from',
  }),
  kind: z.enum(['mbox', 'eml']).optional(),
});

/** What each route of the mail area does: its schemas and its one service call. */
export const MAIL_ENDPOINTS = {
  mailCounts: endpoint({ run: ({ services }) => services.mail.counts() }),
  listMessages: endpoint({
    query: z.object({
      attention: attention.optional(),
      folder: z.string().trim().min(1).optional(),
      provider: z.string().trim().min(1).optional(),
      identity: count.positive().optional(),
      leak: count.positive().optional(),
      muted: flag.optional(),
      flagged: flag.optional(),
      limit: count.min(1).max(500).optional(),
      offset: count.min(0).optional(),
    }),
    run: ({ services, query }) => services.mail.inbox(query),
  }),
  getMessage: endpoint({ run: ({ services, id }) => services.mail.message(id) }),
  placeMessage: endpoint({
    body: z.object({
      attention: attention.optional(),
      folder: z.string().optional(),
      muted: z.boolean().optional(),
      flagged: z.boolean().optional(),
    }),
    run: ({ services, id, body }) => services.mail.place(id, body),
  }),
  searchMail: endpoint({
    query: z.object({
      q: z.string({ error: 'q is required: what to search for' }),
      limit: count.min(1).max(500).optional(),
      offset: count.min(0).max(1_000_000).optional(),
    }),
    run: ({ services, query }) => services.mail.search(query.q, { limit: query.limit, offset: query.offset }),
  }),
  listMailSources: endpoint({ run: ({ services }) => services.mail.sources() }),
  addMailAccount: endpoint({
    body: z.object({
      label: z.string().optional(),
      host: z.string(),
      port: z.number().int().optional(),
      security: z.enum(SECURITY).optional(),
      username: z.string(),
      password: z.string(),
      folders: z.array(z.string()).optional(),
      allowSelfSigned: z.boolean().optional(),
    }),
    run: ({ services, body }) => services.mail.addAccount(body),
  }),
  mailAccountFolders: endpoint({ run: ({ services, id }) => services.mail.folders(id) }),
  setMailAccountFolders: endpoint({
    body: z.object({ folders: z.array(z.string()) }),
    run: ({ services, id, body }) => services.mail.setFolders(id, body.folders),
  }),
  deleteMailSource: endpoint({
    run: ({ services, id }) => services.mail.removeSource(id).then(() => ({ deleted: id })),
  }),
  listMailImports: endpoint({ run: ({ services }) => services.mail.imports(20) }),
  startMailImport: endpoint({
    body: z.object({
      path: z.string().optional(),
      kind: z.enum(FILE_KINDS).optional(),
      full: z.boolean().optional(),
      sourceId: z.number().int().positive().optional(),
    }),
    run: ({ services, body, importFolders }) => services.mail.start(body, importFolders),
  }),
  getMailImport: endpoint({ run: ({ services, id }) => services.mail.importStatus(id) }),
  mailLeaks: endpoint({
    query: z.object({ provider: z.string().trim().min(1).optional(), all: flag.optional() }),
    run: ({ services, query }) =>
      services.mail.leaks({ provider: query.provider, includeAllowed: query.all }),
  }),
  getMailLeak: endpoint({ run: ({ services, id }) => services.mail.leak(id) }),
  markNotLeak: endpoint({
    body: z.object({ reason: z.string({ error: 'reason is required: say why it is not a leak' }) }),
    run: ({ services, id, body }) => services.mail.markNotLeak(id, body.reason),
  }),
  listAllowedSenders: endpoint({
    query: z.object({ provider: count.positive().optional() }),
    run: ({ services, query }) => services.mail.allowedSenders(query.provider),
  }),
  addAllowedSender: endpoint({
    body: z.object({
      provider: providerRef,
      sender: z.string({ error: 'sender is required: a domain or a provider' }),
      reason: z.string({ error: 'reason is required' }),
    }),
    run: ({ services, body }) => services.mail.allowSender(body),
  }),
  deleteAllowedSender: endpoint({
    run: ({ services, id }) => services.mail.removeAllowed(id).then(() => ({ deleted: id })),
  }),
  listMailRules: endpoint({ run: ({ services }) => services.mail.rules() }),
  addMailRule: endpoint({ body: ruleBody, run: ({ services, body }) => services.mail.addRule(body) }),
  updateMailRule: endpoint({
    body: ruleBody,
    run: ({ services, id, body }) => services.mail.updateRule(id, body),
  }),
  deleteMailRule: endpoint({ run: ({ services, id }) => services.mail.deleteRule(id) }),
  moveMailRule: endpoint({
    body: z.object({ direction: z.enum(['up', 'down'], { error: 'direction must be up or down' }) }),
    run: ({ services, id, body }) => services.mail.moveRule(id, body.direction),
  }),
  defaultMailRules: endpoint({ run: ({ services }) => services.mail.defaultRules() }),
  previewMailRule: endpoint({
    body: z.object({ conditions: ruleConditions }),
    run: ({ services, body }) => services.mail.previewRule(body),
  }),
  runMailRules: endpoint({ run: ({ services }) => services.mail.applyRules() }),
} satisfies Partial<Record<RouteName, Endpoint<z.ZodType, z.ZodType, unknown>>>;
