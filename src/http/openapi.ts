import { z } from 'zod';
import { ENDPOINTS } from './endpoints.js';
import { STATUS } from './errors.js';
import { letterDayInput } from '../changes/schemas.js';
import { letterBody } from '../letters/schemas.js';
import { MAIL_UPLOAD_QUERY } from './mail.endpoints.js';
import { ANSWER_UPLOAD_QUERY, LETTER_QUERY } from './app/requests.js';
import { STATEMENT_UPLOAD_QUERY } from './app/money.js';
import { ROUTES, type RouteName } from './routes.js';

/**
 * The OpenAPI 3.1 document, generated from the same route table and zod schemas the server
 * validates with, so it cannot disagree with what the server accepts.
 */
const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: {
          type: 'string',
          // The codes and their statuses are listed once, in errors.ts.
          enum: Object.keys(STATUS),
        },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            properties: { path: { type: 'string' }, message: { type: 'string' } },
            required: ['message'],
          },
        },
      },
    },
  },
} as const;

const toJson = (schema: z.ZodType): Record<string, unknown> => {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
};

const passphrase = {
  type: 'object',
  required: ['passphrase'],
  properties: { passphrase: { type: 'string', minLength: 8 } },
};
const SESSION_BODIES: Partial<Record<RouteName, object>> = {
  createStore: passphrase,
  createDemoStore: passphrase,
  unlock: passphrase,
  changePassphrase: {
    type: 'object',
    required: ['passphrase', 'newPassphrase'],
    properties: { passphrase: { type: 'string' }, newPassphrase: { type: 'string', minLength: 8 } },
  },
  settings: {
    type: 'object',
    properties: {
      idleMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
      sessionHours: { type: 'integer', minimum: 1, maximum: 168 },
    },
  },
};
/** Routes whose body is a file's bytes, with their query. */
const FILE_BODIES: Partial<Record<RouteName, { query: z.ZodType; body?: undefined }>> = {
  uploadMailImport: { query: MAIL_UPLOAD_QUERY },
  importRequestAnswer: { query: ANSWER_UPLOAD_QUERY },
  uploadBankStatement: { query: STATEMENT_UPLOAD_QUERY },
};
/** Routes that answer a file for a GET, with their query. */
const GET_FILES: Partial<Record<RouteName, { query?: z.ZodType; mediaType: string }>> = {
  requestLetter: { query: LETTER_QUERY, mediaType: 'application/pdf' },
  requestBundle: { mediaType: 'application/pdf' },
};
/** Routes that answer a file made from a JSON body, with that body's schema. */
const JSON_TO_FILE: Partial<Record<RouteName, { body: z.ZodType; mediaType: string }>> = {
  writeLetter: { body: letterBody, mediaType: 'application/pdf' },
  campaignItemLetter: { body: letterDayInput.unwrap(), mediaType: 'application/pdf' },
};
const PUBLIC: readonly RouteName[] = ['status', 'createStore', 'createDemoStore', 'restoreStore', 'unlock'];

let cached: object | undefined;

export function buildOpenApi(): object {
  if (cached) return cached;
  const paths: Record<string, Record<string, object>> = {};
  for (const [name, route] of Object.entries(ROUTES) as [RouteName, (typeof ROUTES)[RouteName]][]) {
    const endpoint =
      (ENDPOINTS as Partial<Record<RouteName, { query?: z.ZodType; body?: z.ZodType }>>)[name] ??
      FILE_BODIES[name] ??
      (GET_FILES[name] ? { query: GET_FILES[name].query } : undefined);
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const parameters: object[] = [...route.path.matchAll(/:(\w+)/g)].map(([, param]) =>
      param === 'id'
        ? { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }
        : { name: param, in: 'path', required: true, schema: { type: 'string', maxLength: 253 } },
    );
    if (endpoint?.query) {
      const query = toJson(endpoint.query) as { properties?: Record<string, object> };
      for (const [param, schema] of Object.entries(query.properties ?? {})) {
        parameters.push({ name: param, in: 'query', required: false, schema });
      }
    }
    const toFile = JSON_TO_FILE[name] ?? GET_FILES[name];
    const body = JSON_TO_FILE[name]
      ? toJson(JSON_TO_FILE[name].body)
      : endpoint?.body
        ? toJson(endpoint.body)
        : SESSION_BODIES[name];
    const method = route.method.toLowerCase();
    // The restore's body is the file itself (at most 200 MB); its passphrase comes in a header.
    if (name === 'restoreStore') {
      parameters.push({
        name: 'X-Vrm-Passphrase',
        in: 'header',
        required: true,
        description:
          "percent-encoded UTF-8: the new store's passphrase for an export, the backup's own for a backup",
        schema: { type: 'string' },
      });
    }
    paths[path] = {
      ...paths[path],
      [method]: {
        operationId: name,
        summary: route.summary,
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(body
          ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } }
          : FILE_BODIES[name] || name === 'restoreStore'
            ? {
                requestBody: {
                  required: true,
                  content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
                },
              }
            : {}),
        ...(PUBLIC.includes(name) ? { security: [] } : {}),
        responses: {
          [route.method === 'POST' && name.startsWith('add') ? '201' : '200']: toFile
            ? {
                description: 'the file, as an attachment',
                content: { [toFile.mediaType]: { schema: { type: 'string', format: 'binary' } } },
              }
            : { description: 'the result, as JSON' },
          default: {
            description: 'an error',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
    };
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'vrm HTTP API',
      version: '1',
      description:
        'The API of the vrm web app, on 127.0.0.1 only. Unlock with POST /api/session; send the csrfToken ' +
        'it returns in the X-CSRF-Token header of every state-changing request.',
    },
    servers: [{ url: '/' }],
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: '__Host-vrm_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
    },
    security: [{ session: [], csrf: [] }],
    paths,
  };
  return cached;
}
