import { z } from 'zod';
import { endpoint, type Endpoint } from './endpoint.js';
import { flag } from './query.js';
import type { RouteName } from './routes.js';

/** The domain in the path: the service checks it and says what is wrong with it. */
const domainOf = (params: Readonly<Record<string, string>>): string => params.domain ?? '';

/** What each route of the discovery of organisations does: its schemas and its one service call. */
export const DISCOVERY_ENDPOINTS = {
  listDiscoveries: endpoint({
    query: z.object({ all: flag.optional() }),
    run: ({ services, query }) => services.discovery.organisations({ includeDismissed: query.all ?? false }),
  }),
  addDiscovery: endpoint({ run: ({ services, params }) => services.discovery.add(domainOf(params)) }),
  dismissDiscovery: endpoint({ run: ({ services, params }) => services.discovery.dismiss(domainOf(params)) }),
  undismissDiscovery: endpoint({
    run: ({ services, params }) => services.discovery.undismiss(domainOf(params)),
  }),
} satisfies Partial<Record<RouteName, Endpoint<z.ZodType, z.ZodType, unknown>>>;
