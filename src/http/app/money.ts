import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { parseInput } from '../../platform/validation.js';
import { ROUTES } from '../routes.js';
import type { Env } from './context.js';
import { fail, megabytes } from './request.js';

/**
 * The most a statement uploaded through the browser may have: it is read whole. 100,000 bookings
 * of CAMT are about 60 MB; a larger file is imported from the command line.
 */
export const STATEMENT_UPLOAD_BODY = 100 * 1024 * 1024;

/** `?name=` of an uploaded statement and how to read it (all optional but the name). */
export const STATEMENT_UPLOAD_QUERY = z.object({
  name: z
    .string({ error: 'name is required: the name of the file, so the import can say where it came from' })
    .trim()
    .min(1, { error: 'name must not be empty' })
    .max(255, { error: 'name must be at most 255 characters' }),
  format: z.string().optional(),
  preset: z.string().optional(),
  mapping: z.string().optional(),
  currency: z.string().optional(),
  dateOrder: z.string().optional(),
  account: z.string().optional(),
});

/** A bank statement uploaded as the body's bytes, read and imported: one service call. */
export function moneyFileRoutes(app: Hono<Env>): void {
  app.post(
    ROUTES.uploadBankStatement.path,
    async (c, next) => {
      if (c.req.header('transfer-encoding') !== undefined || c.req.header('content-length') === undefined) {
        return fail(
          c,
          'invalid_input',
          'an upload must say its length (Content-Length), not be sent in chunks',
        );
      }
      await next();
    },
    bodyLimit({
      maxSize: STATEMENT_UPLOAD_BODY,
      onError: (c) =>
        fail(
          c,
          'payload_too_large',
          `the statement is larger than the ${megabytes(STATEMENT_UPLOAD_BODY)} an upload takes: import it from its file with \`vrm money import FILE\``,
        ),
    }),
    async (c) => {
      const { name, ...options } = parseInput(STATEMENT_UPLOAD_QUERY, c.req.query(), 'statement');
      const bytes = Buffer.from(await c.req.arrayBuffer());
      return c.json(await c.var.session.services.money.importFile({ name, bytes }, options));
    },
  );
}
