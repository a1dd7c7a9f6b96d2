import type { z } from 'zod';
import { intentInput, personaInput } from '../intents/schemas.js';
import { endpoint, type Endpoint } from './endpoint.js';
import type { RouteName } from './routes.js';

/** What each route of intents does: its schemas and its one service call. */
export const INTENT_ENDPOINTS = {
  listPersonas: endpoint({ run: ({ services }) => services.personas.list() }),
  addPersona: endpoint({
    body: personaInput,
    label: 'persona',
    run: ({ services, body }) => services.personas.create(body),
  }),
  getPersona: endpoint({ run: ({ services, id }) => services.personas.get(id) }),
  retirePersona: endpoint({ run: ({ services, id }) => services.personas.retire(id) }),
  listIntents: endpoint({ run: ({ services }) => services.intents.list() }),
  addIntent: endpoint({
    body: intentInput,
    label: 'intent',
    run: ({ services, body }) => services.intents.create(body),
  }),
  getIntent: endpoint({ run: ({ services, id }) => services.intents.get(id) }),
  intentDocument: endpoint({ run: ({ services, id }) => services.intents.document(id) }),
} satisfies Partial<Record<RouteName, Endpoint<z.ZodType, z.ZodType, unknown>>>;
