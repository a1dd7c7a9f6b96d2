import { z } from 'zod';
import {
  admonishInput,
  answeredInput,
  bulkRequestInput,
  complainInput,
  draftRequestInput,
  editRequestInput,
  extensionInput,
  listRequestsInput,
  markSentInput,
  onDayInput,
  receivedInput,
} from '../requests/schemas.js';
import { endpoint, type Endpoint } from './endpoint.js';
import type { RouteName } from './routes.js';

/** What a send said, item by item: the outbox item, where it stands, and the server's words. */
const sent = (outcomes: readonly { item: { id: number; state: string }; said: string }[]) =>
  outcomes.map((o) => ({ outboxId: o.item.id, state: o.item.state, said: o.said }));

/** What each route of data-subject requests does: its schemas and its one service call. */
export const REQUEST_ENDPOINTS = {
  listRequests: endpoint({
    query: listRequestsInput.unwrap(),
    run: ({ services, query }) => services.requests.list(query),
  }),
  draftRequest: endpoint({
    body: draftRequestInput,
    label: 'request',
    run: ({ services, body }) => services.requests.draft(body),
  }),
  getRequest: endpoint({ run: ({ services, id }) => services.requests.get(id) }),
  editRequest: endpoint({
    body: editRequestInput,
    label: 'request',
    run: ({ services, id, body }) => services.requests.edit(id, body),
  }),
  sendRequest: endpoint({
    run: async ({ services, id }) => {
      const { proceeding, outcomes } = await services.requests.send(id);
      return { proceeding, sent: sent(outcomes) };
    },
  }),
  markRequestSent: endpoint({
    body: markSentInput,
    label: 'request',
    run: ({ services, id, body }) => services.requests.markSent(id, body),
  }),
  requestExtension: endpoint({
    body: extensionInput,
    label: 'extension',
    run: ({ services, id, body }) => services.requests.extension(id, body),
  }),
  requestReceived: endpoint({
    body: receivedInput,
    label: 'message',
    run: ({ services, id, body }) => services.requests.received(id, body),
  }),
  requestAnswered: endpoint({
    body: answeredInput,
    label: 'answer',
    run: ({ services, id, body }) => services.requests.answered(id, body),
  }),
  importRequestAnswerFromMail: endpoint({
    body: z.object({
      mailId: z.coerce
        .number({ error: 'Message must be the number of a stored mail message' })
        .int({ error: 'Message must be the number of a stored mail message' })
        .positive({ error: 'Message must be the number of a stored mail message' }),
    }),
    label: 'answer',
    run: ({ services, id, body }) => services.requests.importAnswerFromMail(id, body.mailId),
  }),
  requestComparison: endpoint({ run: ({ services, id }) => services.requests.comparison(id) }),
  admonishRequest: endpoint({
    body: admonishInput,
    label: 'admonition',
    run: ({ services, id, body }) => services.requests.admonish(id, body),
  }),
  complainRequest: endpoint({
    body: complainInput,
    label: 'complaint',
    run: ({ services, id, body }) => services.requests.complain(id, body),
  }),
  requestDone: endpoint({
    body: onDayInput,
    run: ({ services, id, body }) => services.requests.done(id, body),
  }),
  withdrawRequest: endpoint({
    body: onDayInput,
    run: ({ services, id, body }) => services.requests.withdraw(id, body),
  }),
  listAuthorities: endpoint({
    query: z.object({ country: z.string().optional() }),
    run: ({ services, query }) => Promise.resolve(services.requests.authorities(query.country)),
  }),
  startRequestCampaign: endpoint({
    body: bulkRequestInput,
    label: 'request campaign',
    run: ({ services, body }) => services.requests.startCampaign(body),
  }),
  listRequestCampaigns: endpoint({ run: ({ services }) => services.requests.campaigns() }),
  getRequestCampaign: endpoint({ run: ({ services, id }) => services.requests.campaign(id) }),
  sendRequestCampaign: endpoint({
    run: async ({ services, id }) => {
      const { campaign, outcomes } = await services.requests.sendCampaign(id);
      return { campaign, sent: sent(outcomes) };
    },
  }),
} satisfies Partial<Record<RouteName, Endpoint<z.ZodType, z.ZodType, unknown>>>;
