import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { isoDateSchema } from '../../platform/dates.js';
import { idSchema, parseInput } from '../../platform/validation.js';
import { ROUTES } from '../routes.js';
import type { Env } from './context.js';
import { download, fail, megabytes } from './request.js';

/**
 * The most an answer uploaded through the browser may have. The file is read whole before it is
 * unpacked, so the browser's limit is below the service's (512 MiB); a larger answer is imported
 * from its file on the command line.
 */
export const ANSWER_UPLOAD_BODY = 100 * 1024 * 1024;

/** `?date=` of a letter, `?name=` of an uploaded answer. */
export const LETTER_QUERY = z.object({ date: isoDateSchema.optional() });
export const ANSWER_UPLOAD_QUERY = z.object({
  name: z.string().trim().max(255, { error: 'File name must be at most 255 characters' }).optional(),
});

/**
 * The file routes of data-subject requests (src/requests): the drafted letter's PDF, the
 * complaint's bundle, and an answer uploaded as the body's bytes. Each is one service call.
 */
export function requestFileRoutes(app: Hono<Env>): void {
  app.get(ROUTES.requestLetter.path, async (c) => {
    const id = parseInput(idSchema, c.req.param('id'), 'request id');
    const { date } = parseInput(LETTER_QUERY, c.req.query(), 'letter');
    const letter = await c.var.session.services.requests.letter(id, { date });
    if (letter.warnings.length > 0)
      c.header('X-Vrm-Warnings', encodeURIComponent(letter.warnings.join('\n')));
    return download(c, letter.filename, 'application/pdf', new Uint8Array(letter.pdf));
  });

  app.get(ROUTES.requestBundle.path, async (c) => {
    const id = parseInput(idSchema, c.req.param('id'), 'request id');
    const bundle = await c.var.session.services.requests.bundle(id);
    return download(c, bundle.filename, 'application/pdf', new Uint8Array(bundle.pdf));
  });

  // The answer's bytes as the body, as a mail upload's: it must say its length, so a larger one is
  // refused before a byte is read; a chunked body would have to be counted while held in memory.
  app.post(
    ROUTES.importRequestAnswer.path,
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
      maxSize: ANSWER_UPLOAD_BODY,
      onError: (c) =>
        fail(
          c,
          'payload_too_large',
          `the answer is larger than the ${megabytes(ANSWER_UPLOAD_BODY)} an upload takes: import it from its file with \`vrm request answer ${c.req.param('id') ?? 'ID'} FILE\``,
        ),
    }),
    async (c) => {
      const id = parseInput(idSchema, c.req.param('id'), 'request id');
      const { name } = parseInput(ANSWER_UPLOAD_QUERY, c.req.query(), 'answer');
      const bytes = Buffer.from(await c.req.arrayBuffer());
      const result = await c.var.session.services.requests.importAnswer(id, {
        name: name ?? 'answer',
        bytes,
      });
      // An answer moves the proceeding and adds documents; classification catches up as after any write.
      await c.var.session.services.afterWrite();
      return c.json(result);
    },
  );
}
