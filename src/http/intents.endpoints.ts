import { z } from 'zod';
import { acceptInput, intentInput, offerInput, personaInput, vendorChange } from '../intents/schemas.js';
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
  personaLeaks: endpoint({ run: ({ services, id }) => services.personas.leaks(id) }),
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
  compareOffers: endpoint({ run: ({ services, id }) => services.offers.compare(id) }),
  addOffer: endpoint({
    body: offerInput,
    label: 'offer',
    run: ({ services, body }) => services.offers.add(body),
  }),
  importOffer: endpoint({
    body: z.object({
      filename: z.string().trim().min(1).max(255).default('offer.jsonld'),
      /** The file's text: the JSON-LD as it came. */
      content: z.string({ error: 'content is required: the JSON-LD of the offer' }).max(1_000_000),
      vendor: z.union([z.number().int().positive(), z.string().trim().min(1).max(200)]).optional(),
    }),
    label: 'offer',
    run: ({ services, id, body }) =>
      services.offers.importJsonLd(
        id,
        { filename: body.filename, content: Buffer.from(body.content, 'utf8') },
        { vendor: body.vendor },
      ),
  }),
  acceptOffer: endpoint({
    body: acceptInput,
    label: 'acceptance',
    run: ({ services, id, body }) => services.offers.accept(id, body),
  }),
  getOffer: endpoint({ run: ({ services, id }) => services.offers.get(id) }),
  rateOffer: endpoint({
    body: z.object({
      rate: z.union([z.string().trim(), z.number().transform((n) => String(n))], {
        error: 'rate is required: what one unit of the offer’s currency is worth, such as 0,86',
      }),
      to: z.string({ error: 'to is required: the currency it converts to, such as GBP' }).trim().max(3),
    }),
    label: 'rate',
    run: ({ services, id, body }) => services.offers.setRate(id, body.rate, body.to),
  }),
} satisfies Partial<Record<RouteName, Endpoint<z.ZodType, z.ZodType, unknown>>>;
