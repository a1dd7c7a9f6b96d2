import type { z } from 'zod';
import type { Services } from '../app.js';
import type { ImportFolders } from '../mail/import-folders.js';

/**
 * What each data route of the API does: the zod schemas of its query and body (validated before
 * the handler runs, and the source of the OpenAPI document) and the service call behind it.
 * No behaviour lives here: each handler is one call to a service that the CLI calls too.
 */
export interface Endpoint<Q extends z.ZodType, B extends z.ZodType, R> {
  readonly query?: Q;
  readonly body?: B;
  /**
   * What a refused body is called in the message, as the service calls it ("disclosure: purposes:
   * …"); `body` when left out.
   */
  readonly label?: string;
  readonly run: (input: {
    services: Services;
    id: number;
    /**
     * The path's other parameters as they were sent, decoded (`:domain` of
     * `/api/discoveries/:domain/add`): text the service validates, as it does a body's.
     */
    params: Readonly<Record<string, string>>;
    query: z.output<Q>;
    body: z.output<B>;
    /** Where an import by path from the web may read (the server's config, not the request's). */
    importFolders: ImportFolders;
  }) => Promise<R>;
}

export const endpoint = <
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  R = unknown,
>(
  e: Endpoint<Q, B, R>,
): Endpoint<Q, B, R> => e;
