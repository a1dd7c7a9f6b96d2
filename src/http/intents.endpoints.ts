import { z } from 'zod';
import { intentInput, personaInput, vendorChange } from '../intents/schemas.js';
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
  intentDocument: endpoint({
    run: async ({ services, id }) => {
      const document = await services.intents.document(id);
      const qr = await services.intents.qr(id);
      const fits = !('tooLarge' in qr);
      return {
        ...document,
        qrSvg: fits ? qr.svg : null,
        qrPng: fits ? `data:image/png;base64,${qr.png.toString('base64')}` : null,
        /** Why there is no QR code, in words; null when there is one. */
        qrNote: fits ? null : qr.tooLarge,
      };
    },
  }),
  intentVendors: endpoint({
    query: z.object({
      category: z.string().max(60).optional(),
      country: z.string().max(2).optional(),
    }),
    run: async ({ services, id, query }) => ({
      chosen: await services.casting.recipients(id),
      candidates: (await services.casting.vendors(id, query)).filter((c) => !c.chosen),
    }),
  }),
  changeIntentVendors: endpoint({
    body: vendorChange,
    label: 'vendors',
    run: async ({ services, id, body }) => {
      if (body.add && body.add.length > 0) await services.casting.addRecipients(id, body.add);
      for (const ref of body.remove ?? []) await services.casting.removeRecipient(id, ref);
      return services.casting.recipients(id);
    },
  }),
  sendIntent: endpoint({ run: ({ services, id }) => services.casting.send(id) }),
} satisfies Partial<Record<RouteName, Endpoint<z.ZodType, z.ZodType, unknown>>>;
