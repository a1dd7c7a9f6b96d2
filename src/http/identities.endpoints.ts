import type { z } from 'zod';
import type { Endpoint } from './endpoint.js';
import type { RouteName } from './routes.js';

/** What each route of the identities area does: its schemas and its one service call. */
export const IDENTITY_ENDPOINTS = {} satisfies Partial<
  Record<RouteName, Endpoint<z.ZodType, z.ZodType, unknown>>
>;
