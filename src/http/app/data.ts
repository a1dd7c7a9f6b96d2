import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import { z } from 'zod';
import { serialiseExport } from '../../backup/export.js';
import { letterDayInput } from '../../changes/schemas.js';
import { letterBody } from '../../letters/schemas.js';
import { MAX_UPLOAD_BYTES } from '../../mail/service.js';
import { idSchema, parseInput } from '../../platform/validation.js';
import { ENDPOINTS, type DataRoute, type Endpoint } from '../endpoints.js';
import { MAIL_UPLOAD_QUERY } from '../mail.endpoints.js';
import { ROUTES } from '../routes.js';
import type { AppParts, Env } from './context.js';
import { DATA_BODY, DOCUMENT_BODY, download, fail, limit, readJson } from './request.js';
import { moneyFileRoutes } from './money.js';
import { requestFileRoutes } from './requests.js';

/** `GET /api/export`'s one option: secrets are left out unless asked for. */
const EXPORT_QUERY = z.object({
  withSecrets: z.enum(['true', 'false'], { error: 'withSecrets must be true or false' }).optional(),
});

/** A request body's chunks; a body left unread (the upload failed) is cancelled. */
async function* chunksOf(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      yield next.value;
    }
    done = true;
  } finally {
    if (!done) await reader.cancel();
  }
}

/**
 * The routes of an unlocked session: files in and out (documents, original messages, mail
 * uploads, the export and the backup), then every data route of the endpoint table, each
 * validated by its schemas and answered by one service call.
 */
export function dataRoutes(app: Hono<Env>, { config, importFolders }: AppParts): void {
  app.get('/api/documents/:id/content', async (c) => {
    const id = parseInput(idSchema, c.req.param('id'), 'document id');
    const { info, content } = await c.var.session.services.documents.content(id);
    return download(c, info.filename, info.mediaType, new Uint8Array(content));
  });

  // A letter's PDF, made from a JSON body (src/letters): a download, as a document is.
  app.post(ROUTES.writeLetter.path, limit(DATA_BODY), async (c) => {
    const id = parseInput(idSchema, c.req.param('id'), 'provider id');
    const body = parseInput(letterBody, await readJson(c), 'letter');
    const letter = await c.var.session.services.letters.render({ ...body, providerId: id });
    // Characters printed as a plain stand-in ("→" as "->"), for the form to tell the person.
    if (letter.warnings.length > 0)
      c.header('X-Vrm-Warnings', encodeURIComponent(letter.warnings.join('\n')));
    return download(c, letter.filename, 'application/pdf', new Uint8Array(letter.pdf));
  });

  // A campaign's letter notice as a PDF (src/changes/letters.ts): a download, as a letter is.
  app.post(ROUTES.campaignItemLetter.path, limit(DATA_BODY), async (c) => {
    const id = parseInput(idSchema, c.req.param('id'), 'campaign item id');
    const body = parseInput(letterDayInput, await readJson(c), 'letter');
    const letter = await c.var.session.services.changes.letter(id, { date: body?.date });
    if (letter.warnings.length > 0)
      c.header('X-Vrm-Warnings', encodeURIComponent(letter.warnings.join('\n')));
    return download(c, letter.filename, 'application/pdf', new Uint8Array(letter.pdf));
  });

  // Data-subject requests: the letter's PDF, the complaint's bundle, an answer uploaded.
  requestFileRoutes(app);

  // My money: a bank statement uploaded.
  moneyFileRoutes(app);

  // The message as it arrived: the evidence behind a leak, for a regulator or a complaint.
  app.get('/api/mail/messages/:id/raw', (c) => {
    const id = parseInput(idSchema, c.req.param('id'), 'message id');
    const raw = c.var.session.services.mail.raw(id);
    return download(c, `message-${String(id)}.eml`, 'message/rfc822', new Uint8Array(raw));
  });

  // A file the browser sends, streamed to a temporary file and imported. The body must say its
  // length: bodyLimit then refuses a larger one before reading a byte, and Node's parser reads no
  // more than that length; a chunked body would be held in memory whole.
  app.post(
    ROUTES.uploadMailImport.path,
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
      maxSize: MAX_UPLOAD_BYTES,
      onError: (c) =>
        fail(
          c,
          'payload_too_large',
          `the file is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB an upload takes: put it in your home folder and import it by path`,
        ),
    }),
    async (c) => {
      const query = parseInput(MAIL_UPLOAD_QUERY, c.req.query(), 'upload');
      const started = await c.var.session.services.mail.startUpload(chunksOf(c.req.raw.body), {
        ...query,
        folder: dirname(config.storePath),
      });
      return c.json(started);
    },
  );

  // Secrets (private signing keys, IMAP passwords) only with `?withSecrets=true`, as `vrm export`.
  app.get('/api/export', async (c) => {
    const { services } = c.var.session;
    const { withSecrets } = parseInput(EXPORT_QUERY, c.req.query(), 'export');
    const text = serialiseExport(await services.backup.export({ withSecrets: withSecrets === 'true' }));
    return download(c, 'vrm-export.json', 'application/json', new TextEncoder().encode(text));
  });

  // The encrypted backup (src/backup/snapshot.ts): the whole store, opened by its passphrase. It is
  // written to a file of its own and streamed from there, never held in memory whole.
  app.get('/api/backup', (c) => {
    const folder = mkdtempSync(join(tmpdir(), 'vrm-backup-download-'));
    try {
      const { path } = c.var.session.services.backup.backup(join(folder, 'store.vrmbackup'));
      const stream = createReadStream(path);
      // The file is unlinked at once: the open stream keeps reading it, and nothing is left behind
      // whether the download ends, fails or is cancelled.
      stream.once('open', () => rmSync(folder, { recursive: true, force: true }));
      stream.once('error', () => rmSync(folder, { recursive: true, force: true }));
      return download(
        c,
        'vrm-store.vrmbackup',
        'application/octet-stream',
        Readable.toWeb(stream) as ReadableStream,
      );
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }
  });

  // The data routes: each validated by its schemas and answered by one service call.
  for (const [name, endpoint] of Object.entries(ENDPOINTS) as [
    DataRoute,
    Endpoint<z.ZodType, z.ZodType, unknown>,
  ][]) {
    const route = ROUTES[name];
    app.on(route.method, route.path, limit(name === 'addDocument' ? DOCUMENT_BODY : DATA_BODY), async (c) => {
      const { services, reads, store } = c.var.session;
      const id = () => (route.path.includes(':id') ? parseInput(idSchema, c.req.param('id'), 'id') : 0);
      const query = () => (endpoint.query ? parseInput(endpoint.query, c.req.query(), 'query') : undefined);
      if (route.method === 'GET') {
        // A repeated read is answered from the cache before any parsing; a new one is validated
        // and run, and only a successful answer is kept.
        const version = `${store.dataVersion()}@${services.today()}`;
        const json = await reads.get(version, c.req.url, () =>
          endpoint.run({
            services,
            id: id(),
            params: c.req.param(),
            query: query(),
            body: undefined,
            importFolders,
          }),
        );
        return c.body(json, 200, { 'Content-Type': 'application/json' });
      }
      const raw = route.method === 'DELETE' ? undefined : await readJson(c);
      const body = endpoint.body ? parseInput(endpoint.body, raw, endpoint.label) : undefined;
      const before = store.changes();
      const result = await endpoint.run({
        services,
        id: id(),
        params: c.req.param(),
        query: query(),
        body,
        importFolders,
      });
      // Reads never write, so classification catches up here, after each write.
      if (store.changes() !== before && !(await services.afterWrite())) {
        (config.warn ?? config.log)?.(
          `after ${c.req.method} ${routePath(c)}: the store was busy; mail is classified again on the next write`,
        );
      }
      return c.json(result, route.method === 'POST' && name.startsWith('add') ? 201 : 200);
    });
  }
}
