import { z } from 'zod';
import { providerFieldsFrom, searchDirectory } from '../directory/directory.js';
import { isoDateSchema } from '../platform/dates.js';
import {
  accountCreate,
  accountUpdate,
  caseCreate,
  caseUpdate,
  contractAdd,
  contractUpdate,
  documentCreate,
  documentUpdate,
  interactionCreate,
  interactionUpdate,
  priceRecord,
  providerCreate,
  providerUpdate,
} from '../providers/schemas.js';
import { addFactInput, updateFactInput } from '../vault/schemas.js';
import { endpoint, type Endpoint } from './endpoint.js';
import { days, flag, idParam, limitParam, providerParam } from './query.js';
export type { Endpoint } from './endpoint.js';
import type { RouteName } from './routes.js';
import { CHANGE_ENDPOINTS } from './changes.endpoints.js';
import { CALENDAR_ENDPOINTS } from './calendar.endpoints.js';
import { DISCLOSURE_ENDPOINTS } from './disclosures.endpoints.js';
import { DISCOVERY_ENDPOINTS } from './discovery.endpoints.js';
import { IDENTITY_ENDPOINTS } from './identities.endpoints.js';
import { LETTER_ENDPOINTS } from './letters.endpoints.js';
import { OUTBOUND_ENDPOINTS } from './outbound.endpoints.js';
import { MAIL_ENDPOINTS } from './mail.endpoints.js';
import { REQUEST_ENDPOINTS } from './requests.endpoints.js';
import { MONEY_ENDPOINTS } from './money.endpoints.js';
import { INTENT_ENDPOINTS } from './intents.endpoints.js';

const optionalDate = isoDateSchema.optional();

/** Document uploads carry their bytes as base64 in JSON, so every route speaks one format. */
const documentUpload = z.object({
  ...documentCreate.omit({ content: true }).shape,
  contentBase64: z.base64({ error: 'must be the file content in base64' }),
});

export const ENDPOINTS = {
  dashboard: endpoint({
    query: z.object({ asOf: optionalDate }),
    run: ({ services, query }) => services.dashboard.build({ asOf: query.asOf }),
  }),

  listFacts: endpoint({
    query: z.object({ kind: z.string().optional(), all: flag.optional() }),
    run: ({ services, query }) =>
      services.vault.list({ kind: query.kind, includeRetired: query.all ?? false }),
  }),
  getFact: endpoint({ run: ({ services, id }) => services.vault.get(id) }),
  addFact: endpoint({ body: addFactInput, run: ({ services, body }) => services.vault.add(body) }),
  updateFact: endpoint({
    body: updateFactInput,
    run: ({ services, id, body }) => services.vault.update(id, body),
  }),
  retireFact: endpoint({
    body: z.object({ on: optionalDate }).optional(),
    run: ({ services, id, body }) => services.vault.retire(id, body?.on),
  }),
  deleteFact: endpoint({
    run: async ({ services, id }) => services.vault.delete(id).then(() => ({ deleted: id })),
  }),

  listProviders: endpoint({
    query: z.object({
      status: z.string().optional(),
      category: z.string().optional(),
      search: z.string().optional(),
      limit: limitParam(5000).default(200),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    run: ({ services, query }) => {
      const { limit, offset, ...filter } = query;
      return services.providers.page(filter, { limit, offset });
    },
  }),
  getProvider: endpoint({ run: ({ services, id }) => services.providerOverview(id) }),
  providerTimeline: endpoint({
    query: z.object({
      /** Kinds to show, comma-separated (`message,leak`); every kind when left out. */
      kind: z.string().optional(),
      limit: limitParam(200).optional(),
      after: z.string().optional(),
    }),
    run: ({ services, id, query }) =>
      services.providerTimeline.page(id, {
        kinds: query.kind
          ?.split(',')
          .map((k) => k.trim())
          .filter((k) => k !== ''),
        limit: query.limit,
        after: query.after,
      }),
  }),
  addProvider: endpoint({ body: providerCreate, run: ({ services, body }) => services.providers.add(body) }),
  updateProvider: endpoint({
    body: providerUpdate,
    run: ({ services, id, body }) => services.providers.update(id, body),
  }),
  retireProvider: endpoint({ run: ({ services, id }) => services.providers.retire(id) }),
  deleteProvider: endpoint({
    query: z.object({ cascade: flag.optional() }),
    run: async ({ services, id, query }) =>
      services.providers.delete(id, { cascade: query.cascade ?? false }).then(() => ({ deleted: id })),
  }),

  listAccounts: endpoint({
    query: z.object({ provider: providerParam.optional() }),
    run: ({ services, query }) => services.accounts.list(query),
  }),
  getAccount: endpoint({ run: ({ services, id }) => services.accounts.get(id) }),
  addAccount: endpoint({ body: accountCreate, run: ({ services, body }) => services.accounts.add(body) }),
  updateAccount: endpoint({
    body: accountUpdate,
    run: ({ services, id, body }) => services.accounts.update(id, body),
  }),
  deleteAccount: endpoint({
    run: async ({ services, id }) => services.accounts.delete(id).then(() => ({ deleted: id })),
  }),

  listContracts: endpoint({
    query: z.object({ provider: providerParam.optional(), all: flag.optional() }),
    run: ({ services, query }) =>
      services.contracts.list({ provider: query.provider, includeEnded: query.all ?? false }),
  }),
  getContract: endpoint({ run: ({ services, id }) => services.contracts.get(id) }),
  addContract: endpoint({ body: contractAdd, run: ({ services, body }) => services.contracts.add(body) }),
  updateContract: endpoint({
    body: contractUpdate,
    run: ({ services, id, body }) => services.contracts.update(id, body),
  }),
  recordContractPrice: endpoint({
    body: priceRecord,
    run: ({ services, id, body }) => services.contracts.recordPrice(id, body),
  }),
  endContract: endpoint({
    body: z.object({ on: optionalDate }).optional(),
    run: ({ services, id, body }) => services.contracts.end(id, body?.on),
  }),
  deleteContract: endpoint({
    run: async ({ services, id }) => services.contracts.delete(id).then(() => ({ deleted: id })),
  }),
  renewals: endpoint({
    query: z.object({ within: days.optional(), asOf: optionalDate }),
    run: ({ services, query }) => services.contracts.renewals({ withinDays: query.within, asOf: query.asOf }),
  }),
  costs: endpoint({
    query: z.object({ asOf: optionalDate }),
    run: ({ services, query }) => services.contracts.yearlyCosts({ asOf: query.asOf }),
  }),

  listCases: endpoint({
    query: z.object({ provider: providerParam.optional(), status: z.string().optional() }),
    run: ({ services, query }) => services.cases.list(query),
  }),
  getCase: endpoint({ run: ({ services, id }) => services.cases.detail(id) }),
  addCase: endpoint({ body: caseCreate, run: ({ services, body }) => services.cases.add(body) }),
  updateCase: endpoint({
    body: caseUpdate,
    run: ({ services, id, body }) => services.cases.update(id, body),
  }),
  deleteCase: endpoint({
    run: async ({ services, id }) => services.cases.delete(id).then(() => ({ deleted: id })),
  }),

  listInteractions: endpoint({
    query: z.object({
      provider: providerParam.optional(),
      caseId: idParam.optional(),
      since: z.string().optional(),
      until: z.string().optional(),
      limit: limitParam(10_000).optional(),
    }),
    run: ({ services, query }) => services.interactions.list(query),
  }),
  getInteraction: endpoint({ run: ({ services, id }) => services.interactions.get(id) }),
  addInteraction: endpoint({
    body: interactionCreate,
    run: ({ services, body }) => services.interactions.add(body),
  }),
  updateInteraction: endpoint({
    body: interactionUpdate,
    run: ({ services, id, body }) => services.interactions.update(id, body),
  }),
  completeFollowUp: endpoint({
    body: z.object({ on: optionalDate }).optional(),
    run: ({ services, id, body }) => services.interactions.completeFollowUp(id, body?.on),
  }),
  deleteInteraction: endpoint({
    run: async ({ services, id }) => services.interactions.delete(id).then(() => ({ deleted: id })),
  }),
  followUps: endpoint({
    query: z.object({ within: days.optional(), asOf: optionalDate }),
    run: ({ services, query }) =>
      services.interactions.followUps({ withinDays: query.within, asOf: query.asOf }),
  }),

  listDocuments: endpoint({
    query: z.object({ provider: providerParam.optional() }),
    run: ({ services, query }) => services.documents.list(query),
  }),
  getDocument: endpoint({ run: ({ services, id }) => services.documents.get(id) }),
  addDocument: endpoint({
    body: documentUpload,
    run: ({ services, body }) => {
      const { contentBase64, ...fields } = body;
      return services.documents.add({ ...fields, content: Buffer.from(contentBase64, 'base64') });
    },
  }),
  updateDocument: endpoint({
    body: documentUpdate,
    run: ({ services, id, body }) => services.documents.update(id, body),
  }),
  deleteDocument: endpoint({
    run: async ({ services, id }) => services.documents.delete(id).then(() => ({ deleted: id })),
  }),

  audit: endpoint({
    query: z.object({
      entity: z.string().optional(),
      entityId: idParam.optional(),
      limit: limitParam(1000).optional(),
    }),
    run: ({ services, query }) => services.audit.list(query),
  }),

  searchDirectory: endpoint({
    query: z.object({
      q: z.string({ error: 'q is required' }),
      country: z.string().optional(),
      limit: limitParam(100).optional(),
    }),
    // Not a store operation, but the directory is shown only to an unlocked session all the same.
    // Each entry comes with the provider fields it fills in, so no client maps them again.
    run: ({ query }) =>
      Promise.resolve(
        searchDirectory(query.q, { country: query.country, limit: query.limit }).map((entry) => ({
          ...entry,
          provider: providerFieldsFrom(entry),
        })),
      ),
  }),
  ...IDENTITY_ENDPOINTS,
  ...CHANGE_ENDPOINTS,
  ...DISCLOSURE_ENDPOINTS,
  ...MAIL_ENDPOINTS,
  ...LETTER_ENDPOINTS,
  ...CALENDAR_ENDPOINTS,
  ...OUTBOUND_ENDPOINTS,
  ...DISCOVERY_ENDPOINTS,
  ...REQUEST_ENDPOINTS,
  ...MONEY_ENDPOINTS,
  ...INTENT_ENDPOINTS,
} satisfies Partial<Record<RouteName, Endpoint<z.ZodType, z.ZodType, unknown>>>;

export type DataRoute = keyof typeof ENDPOINTS;
type EndpointOf<K extends DataRoute> = (typeof ENDPOINTS)[K];

/** What a data route returns, for the web app's typed client. */
export type ApiOutput<K extends DataRoute> = Awaited<ReturnType<EndpointOf<K>['run']>>;
/** What a data route's body accepts (`undefined` for routes without a body). */
export type ApiBody<K extends DataRoute> = z.input<NonNullable<EndpointOf<K>['body']>>;
/** What a data route's query accepts (`undefined` for routes without a query). */
export type ApiQuery<K extends DataRoute> = z.input<NonNullable<EndpointOf<K>['query']>>;
