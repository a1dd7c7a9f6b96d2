import { request as httpRequest } from 'node:http';

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json<T = unknown>(): T;
}

/**
 * A plain HTTP client over node:http, so tests control every header (fetch will not send a
 * forged Host) and see every response header.
 */
export function http(
  base: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<HttpResult> {
  const url = new URL(path, base);
  // A Buffer is sent as it is (an upload); anything else as JSON.
  const body =
    options.body === undefined || Buffer.isBuffer(options.body) ? options.body : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: `${url.pathname}${url.search}`,
        headers: {
          ...(body === undefined
            ? {}
            : {
                'content-type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json',
                'content-length': Buffer.byteLength(body),
              }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A browser-like session: keeps the cookie and the CSRF token between calls. */
export class Browser {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = { ...extra };
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    const result = await http(this.base, method, path, { headers, body });
    const set = result.headers['set-cookie'];
    for (const line of set ?? []) {
      const pair = line.split(';')[0] ?? '';
      this.cookie = /=$/.test(pair) || /Max-Age=0/i.test(line) ? '' : pair;
    }
    if (result.headers['content-type']?.toString().startsWith('application/json')) {
      const data = result.json<{ csrfToken?: unknown } | null>();
      if (typeof data?.csrfToken === 'string') this.csrf = data.csrfToken;
    }
    return result;
  }

  /** Fetches the status, as the page does on load, to get a CSRF token. */
  async open(): Promise<void> {
    await this.call('GET', '/api/status');
  }
}
