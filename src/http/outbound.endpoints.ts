import { z } from 'zod';
import { draftEdit, draftInput, smtpSettingsInput, testInput } from '../outbound/schemas.js';
import { endpoint } from './endpoint.js';

/** What each route of outbound correspondence does: its schemas and its one service call. */
export const OUTBOUND_ENDPOINTS = {
  sendingSettings: endpoint({ run: ({ services }) => services.outbound.sending.get() }),
  setupSending: endpoint({
    body: smtpSettingsInput,
    label: 'Sending',
    run: ({ services, body }) => services.outbound.sending.setup(body),
  }),
  removeSending: endpoint({
    run: async ({ services }) => services.outbound.sending.remove().then(() => ({ removed: true })),
  }),
  testSending: endpoint({
    body: testInput,
    label: 'Test message',
    run: ({ services, body }) => services.outbound.sending.test(body),
  }),
  listOutbox: endpoint({
    query: z.object({ provider: z.string().optional(), state: z.string().optional() }),
    run: ({ services, query }) => services.outbound.list(query),
  }),
  addOutboxItem: endpoint({
    body: draftInput,
    label: 'Draft',
    run: ({ services, body }) => services.outbound.draft(body),
  }),
  sendOutbox: endpoint({
    body: z.object({ ids: z.array(z.number().int().positive()).min(1).optional() }),
    run: ({ services, body }) => services.outbound.send(body.ids),
  }),
  getOutboxItem: endpoint({ run: ({ services, id }) => services.outbound.get(id) }),
  editOutboxItem: endpoint({
    body: draftEdit,
    label: 'Draft',
    run: ({ services, id, body }) => services.outbound.edit(id, body),
  }),
  deleteOutboxItem: endpoint({
    run: async ({ services, id }) => services.outbound.delete(id).then(() => ({ deleted: id })),
  }),
  sendOutboxItem: endpoint({
    run: async ({ services, id }) => (await services.outbound.send([id]))[0],
  }),
  sendOutboxItemAgain: endpoint({ run: ({ services, id }) => services.outbound.sendAgain(id) }),
  markOutboxItemSent: endpoint({
    body: z.object({ on: z.string().optional() }),
    run: ({ services, id, body }) => services.outbound.markSent(id, body),
  }),
};
