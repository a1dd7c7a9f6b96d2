import { z } from 'zod';
import { identityCreate, strategyInput } from '../identities/schemas.js';
import { providerReference } from '../providers/schemas.js';
import { endpoint, type Endpoint } from './endpoint.js';
import { providerParam } from './query.js';
import type { RouteName } from './routes.js';

/** What each route of the identities area does: its schemas and its one service call. */
export const IDENTITY_ENDPOINTS = {
  // Before getIdentity: `/api/identities/recognise` must not be read as an identity id.
  recogniseAddress: endpoint({
    query: z.object({ address: z.string({ error: 'address is required' }) }),
    run: ({ services, query }) => services.identities.recognise(query.address),
  }),
  identityReview: endpoint({ run: ({ services }) => services.aliasImport.queue() }),
  importIdentities: endpoint({
    body: z.object({
      csv: z.string({ error: 'csv is required: the text of the export' }),
      filename: z.string().trim().min(1).optional(),
      format: z.enum(['simplelogin', 'addy', 'auto']).optional(),
    }),
    run: ({ services, body }) =>
      services.aliasImport.importCsv(body.csv, {
        file: body.filename ?? 'aliases.csv',
        format: body.format ?? 'auto',
      }),
  }),
  confirmIdentity: endpoint({
    body: z.object({ provider: providerReference.nullable().optional() }),
    run: ({ services, id, body }) => services.aliasImport.confirm(id, { provider: body.provider ?? null }),
  }),
  rejectIdentity: endpoint({ run: ({ services, id }) => services.aliasImport.reject(id) }),
  listAliasStrategies: endpoint({ run: ({ services }) => services.identities.listStrategies() }),
  addAliasStrategy: endpoint({
    body: strategyInput,
    label: 'alias strategy',
    run: ({ services, body }) => services.identities.addStrategy(body),
  }),
  deleteAliasStrategy: endpoint({
    run: async ({ services, id }) => services.identities.removeStrategy(id).then(() => ({ deleted: id })),
  }),
  makeDefaultAliasStrategy: endpoint({
    run: ({ services, id }) => services.identities.makeDefaultStrategy(id),
  }),
  identityMailCounts: endpoint({ run: ({ services }) => services.mail.identityMailCounts() }),
  identityMail: endpoint({
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }),
    run: ({ services, id, query }) => services.mail.identityMail(id, query),
  }),
  switchIdentity: endpoint({
    body: z.object({
      off: z.boolean({ error: 'off is required: true to switch the identity off, false to switch it on' }),
      existing: z.boolean().optional(),
    }),
    run: ({ services, id, body }) => services.mail.switchIdentity(id, body),
  }),
  listIdentities: endpoint({
    query: z.object({ provider: providerParam.optional(), kind: z.string().optional() }),
    run: ({ services, query }) => services.identities.list(query),
  }),
  getIdentity: endpoint({ run: ({ services, id }) => services.identities.get(id) }),
  addIdentity: endpoint({
    body: identityCreate,
    label: 'identity',
    run: ({ services, body }) => {
      switch (body.mode) {
        case 'alias':
          return services.identities.generate(body);
        case 'email':
          return services.identities.addEmail(body);
        case 'postal':
          return services.identities.addPostal(body);
        case 'phone':
          return services.identities.addPhone(body);
      }
    },
  }),
  retireIdentity: endpoint({ run: ({ services, id }) => services.identities.retire(id) }),
  replaceIdentity: endpoint({ run: ({ services, id }) => services.identities.replace(id) }),
  deleteIdentity: endpoint({
    run: async ({ services, id }) => services.identities.delete(id).then(() => ({ deleted: id })),
  }),
} satisfies Partial<Record<RouteName, Endpoint<z.ZodType, z.ZodType, unknown>>>;
