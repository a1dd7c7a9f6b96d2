import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Security for a server on localhost that holds personal data (see docs/api.md):
 * - the Host header must name this server, so a DNS-rebinding page cannot talk to it;
 * - state-changing requests carry a CSRF token that only this app's pages can read;
 * - the session cookie is HttpOnly and SameSite=Strict;
 * - repeated wrong passphrases are slowed down;
 * - a strict Content-Security-Policy lets the page load nothing from elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Downloads (documents, original messages) are someone else's bytes: should a browser ever show
 * one as a page, it runs in a sandbox with no script, no origin and nothing to load.
 */
export const DOWNLOAD_POLICY = "sandbox; default-src 'none'";

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The Host values this server answers to: its own address and port, and the loopback names. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set([
    host.includes(':') && !host.startsWith('[') ? `[${host}]` : host,
    ...LOOPBACK_NAMES,
  ]);
  return new Set([...names].map((name) => `${name}:${port}`));
}

const equal = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * CSRF tokens are an HMAC of the session id (or of "anonymous" before unlocking) under a key that
 * lives only in this process: a page from elsewhere can neither read nor compute one.
 */
export class CsrfTokens {
  private readonly key = randomBytes(32);

  issue(sessionId: string | undefined): string {
    return createHmac('sha256', this.key)
      .update(sessionId ?? 'anonymous')
      .digest('base64url');
  }

  verify(sessionId: string | undefined, token: string | undefined): boolean {
    return token !== undefined && equal(token, this.issue(sessionId));
  }
}

/**
 * Slows down passphrase guessing: after three attempts without a right passphrase, each further
 * attempt must wait twice as long after the one before (2 s, 4 s, 8 s), capped at 10 s. An attempt
 * is counted when it starts, before the slow key derivation, so parallel guesses cannot all slip
 * through before the first one fails; a refused request does not count, so a burst of them does
 * not lock the owner out for longer than the cap. A right passphrase resets the count. One counter
 * for the whole server: it serves one person, and every client is 127.0.0.1 anyway.
 */
export class UnlockThrottle {
  static readonly FREE_ATTEMPTS = 3;
  static readonly MAX_DELAY_SECONDS = 10;
  private attempts = 0;
  private lastAttempt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds to wait before the next attempt is allowed; 0 when it may go ahead. */
  waitSeconds(): number {
    if (this.attempts < UnlockThrottle.FREE_ATTEMPTS) return 0;
    const delay = Math.min(UnlockThrottle.MAX_DELAY_SECONDS, 2 ** (this.attempts - 2));
    const elapsed = (this.now() - this.lastAttempt) / 1000;
    return Math.max(0, Math.ceil(delay - elapsed));
  }

  /** Counts an attempt when one is allowed now (returns 0), or returns the seconds to wait. */
  begin(): number {
    const wait = this.waitSeconds();
    if (wait > 0) return wait;
    this.attempts++;
    this.lastAttempt = this.now();
    return 0;
  }

  succeeded(): void {
    this.attempts = 0;
  }
}

/**
 * Runs key derivations one at a time: each takes a large share of a core and of memory, so
 * parallel requests must queue rather than multiply the cost.
 */
export class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export const newSessionId = (): string => randomBytes(32).toString('base64url');

/** The origins this server's own pages have: `http://` and each Host value it answers to. */
export const allowedOrigins = (hosts: ReadonlySet<string>): Set<string> =>
  new Set([...hosts].map((host) => `http://${host}`));

/**
 * Whether a request to the API may come from where it says it comes from. Browsers count another
 * port of 127.0.0.1 as the same *site*, so SameSite cookies reach the API from a page there (an
 * `<img>`, a form, a `no-cors` fetch). Every current browser says where a request comes from in
 * `Sec-Fetch-Site`: only `same-origin` (the app's own pages) and `none` (the person typed the
 * address or opened a bookmark) are let through. Without that header, an `Origin` naming another
 * origin is refused too; a client that sends neither is not a browser page, and cookies and CSRF
 * tokens guard it as before.
 */
export function fromOwnOrigin(
  fetchSite: string | undefined,
  origin: string | undefined,
  origins: ReadonlySet<string>,
): boolean {
  if (fetchSite !== undefined) return fetchSite === 'same-origin' || fetchSite === 'none';
  return origin === undefined || origins.has(origin);
}

/**
 * `Content-Disposition` for a download, as RFC 6266 gives it: a plain `filename` that every
 * client reads (Latin-1 printable characters; anything else, quotes and backslashes become `_`),
 * and `filename*` with the exact name in UTF-8, percent-encoded (RFC 8187).
 *
 * @example contentDisposition('rapport-€.pdf')
 *   // → `attachment; filename="rapport-_.pdf"; filename*=UTF-8''rapport-%E2%82%AC.pdf`
 */
export function contentDisposition(name: string): string {
  // A lone surrogate has no UTF-8 form: it becomes U+FFFD.
  const filename = name.replace(/\p{Surrogate}/gu, '\ufffd');
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/gu, '_');
  const exact = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return fallback === filename
    ? `attachment; filename="${filename}"`
    : `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
