import { z } from 'zod';
import { addProviderInput, editItemInput, failItemInput, startCampaignInput } from '../changes/schemas.js';
import { isoDateSchema } from '../platform/dates.js';
import { endpoint, type Endpoint } from './endpoint.js';
import type { RouteName } from './routes.js';

const onDay = z.object({ on: isoDateSchema.optional() }).optional();

/** What each route of change campaigns does: its schemas and its one service call. */
export const CHANGE_ENDPOINTS = {
  listCampaigns: endpoint({ run: ({ services }) => services.changes.list() }),
  startCampaign: endpoint({
    body: startCampaignInput,
    label: 'campaign',
    run: ({ services, body }) => services.changes.start(body),
  }),
  getCampaign: endpoint({ run: ({ services, id }) => services.changes.get(id) }),
  sendCampaign: endpoint({
    body: z.object({ items: z.array(z.number().int().positive()).max(1000).optional() }).optional(),
    run: async ({ services, id, body }) => {
      const { campaign, outcomes } = await services.changes.send(id, body?.items ? { only: body.items } : {});
      return {
        campaign,
        sent: outcomes.map((o) => ({ item: o.item.id, state: o.item.state, said: o.said })),
      };
    },
  }),
  followUpCampaign: endpoint({
    body: z.object({ items: z.array(z.number().int().positive()).max(1000).optional() }).optional(),
    run: ({ services, id, body }) => services.changes.followUp(id, body?.items ? { only: body.items } : {}),
  }),
  addCampaignProvider: endpoint({
    body: addProviderInput,
    label: 'campaign',
    run: ({ services, id, body }) => services.changes.addProvider(id, body),
  }),
  editCampaignItem: endpoint({
    body: editItemInput,
    label: 'notice',
    run: ({ services, id, body }) => services.changes.edit(id, body),
  }),
  dropCampaignItem: endpoint({ run: ({ services, id }) => services.changes.drop(id) }),
  markCampaignItemSent: endpoint({
    body: onDay,
    run: ({ services, id, body }) => services.changes.markSent(id, { on: body?.on }),
  }),
  acknowledgeCampaignItem: endpoint({
    body: onDay,
    run: ({ services, id, body }) => services.changes.acknowledge(id, { on: body?.on }),
  }),
  failCampaignItem: endpoint({
    body: failItemInput,
    label: 'notice',
    run: ({ services, id, body }) => services.changes.fail(id, body),
  }),
  confirmCampaignItem: endpoint({
    body: onDay,
    run: ({ services, id, body }) => services.changes.confirm(id, { on: body?.on }),
  }),
} satisfies Partial<Record<RouteName, Endpoint<z.ZodType, z.ZodType, unknown>>>;
