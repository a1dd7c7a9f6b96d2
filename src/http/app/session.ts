/* eslint-disable @typescript-eslint/no-unsafe-argument --
   Hono types a route's input as `any` in Context; passing that Context to the helpers below is safe. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { parseExport, type RestoreReport } from '../../backup/restore.js';
import { looksLikeBackup } from '../../backup/snapshot.js';
import { VrmError } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { ROUTES } from '../routes.js';
import { OneAtATime, UnlockThrottle } from '../security.js';
import type { ServerState } from '../state.js';
import type { AppParts, Env } from './context.js';
import { decoded, fail, limit, readJson, RESTORE_BODY, SMALL_BODY } from './request.js';

/**
 * `__Host-` with `Secure` and `Path=/`: the browser refuses such a cookie with another path or a
 * Domain, so a page on another local port cannot shadow it with a more specific one; being
 * HttpOnly, its script cannot overwrite it either. Browsers accept `Secure` on http://127.0.0.1
 * and localhost, which count as potentially trustworthy.
 */
export const SESSION_COOKIE = '__Host-vrm_session';
export const CSRF_HEADER = 'x-csrf-token';

/** The restore's passphrase, percent-encoded UTF-8: the body is the export or backup file itself. */
export const PASSPHRASE_HEADER = 'x-vrm-passphrase';

const passphraseBody = z.object({ passphrase: z.string({ error: 'passphrase is required' }) }).strict();
const newPassphraseBody = z
  .object({
    passphrase: z.string({ error: 'the current passphrase is required' }),
    newPassphrase: z.string({ error: 'the new passphrase is required' }),
  })
  .strict();
const settingsBody = z
  .object({
    idleMinutes: z
      .number()
      .int()
      .min(1, { error: 'must be at least 1 minute' })
      .max(24 * 60)
      .optional(),
    sessionHours: z
      .number()
      .int()
      .min(1, { error: 'must be at least 1 hour' })
      .max(7 * 24, { error: 'must be at most 168 hours (a week)' })
      .optional(),
  })
  .strict();

/** What the unlock page says after a wrong passphrase. */
export const WRONG_PASSPHRASE = 'That passphrase does not open this store. Try again.';

/** The wait after too many wrong passphrases, in words: "Wait 8 seconds, then try again." */
export function tooManyTries(seconds: number): string {
  const wait =
    seconds < 60
      ? `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`
      : `${Math.ceil(seconds / 60)} ${Math.ceil(seconds / 60) === 1 ? 'minute' : 'minutes'}`;
  return `Too many wrong passphrases in a row. Wait ${wait}, then try again.`;
}

/**
 * Replaces the store's refusal of a passphrase with `message`: the store's own names the file's
 * full path and the CLI's session tokens, which mean nothing in the browser, and the path is not
 * for whoever stands at the screen.
 */
const inWords =
  (message: string) =>
  (error: unknown): never => {
    if (error instanceof VrmError && error.code === 'unauthorized') {
      throw new VrmError('unauthorized', message, { cause: error });
    }
    throw error;
  };

const sessionId = (c: Context) => getCookie(c, SESSION_COOKIE);

/** The session id the CSRF token is bound to: none until this browser has unlocked. */
export const csrfSubject = (c: Context, state: ServerState) => {
  const id = sessionId(c);
  return state.sessionFor(id) ? id : undefined;
};

/** The passphrase header: percent-encoded, so any passphrase fits in a header. */
function passphraseFrom(header: string | undefined): string {
  if (header === undefined || header === '') {
    throw new VrmError('invalid_input', `the passphrase is required (header ${PASSPHRASE_HEADER})`);
  }
  const passphrase = decoded(header);
  if (passphrase === undefined) {
    throw new VrmError('invalid_input', `${PASSPHRASE_HEADER} must be percent-encoded UTF-8`);
  }
  return passphrase;
}

/**
 * The session routes (status, create, restore, unlock; then lock, settings and passphrase change)
 * and, between them, the check that lets only an unlocked session past: every route registered
 * after this needs one. Key derivations run one at a time, and wrong passphrases are throttled.
 */
export function sessionRoutes(app: Hono<Env>, { config, clock, state, csrf }: AppParts): void {
  const throttle = new UnlockThrottle(() => clock().getTime());
  const derivations = new OneAtATime();
  const setSessionCookie = (c: Context, id: string) =>
    setCookie(c, SESSION_COOKIE, id, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
  const startSession = (c: Context, id: string) => {
    setSessionCookie(c, id);
    return c.json({ unlocked: true, csrfToken: csrf.issue(id), idleMinutes: state.idleMinutes });
  };

  app.get(ROUTES.status.path, async (c) => {
    await state.lockIfIdle();
    const id = csrfSubject(c, state);
    return c.json({
      storeExists: state.storeExists,
      unlocked: id !== undefined,
      csrfToken: csrf.issue(id),
      idleMinutes: state.idleMinutes,
      sessionHours: state.sessionHours,
    });
  });

  const withPassphrase = async (c: Context) =>
    parseInput(passphraseBody, await readJson(c), 'request').passphrase;

  app.post(ROUTES.createStore.path, limit(SMALL_BODY), async (c) => {
    const passphrase = await withPassphrase(c);
    return startSession(c, await derivations.run(() => state.create(passphrase)));
  });
  app.post(ROUTES.createDemoStore.path, limit(SMALL_BODY), async (c) => {
    const passphrase = await withPassphrase(c);
    return startSession(c, await derivations.run(() => state.create(passphrase, config.seedDemo)));
  });

  // The body is the file itself, an export or a backup, read once and bounded; whether a store
  // exists is asked before a byte of it is read.
  app.post(
    ROUTES.restoreStore.path,
    async (c, next) => {
      if (state.storeExists) return fail(c, 'conflict', 'a store already exists: unlock it instead');
      await next();
    },
    limit(RESTORE_BODY),
    async (c) => {
      const passphrase = passphraseFrom(c.req.header(PASSPHRASE_HEADER));
      const file = Buffer.from(await c.req.arrayBuffer());
      if (file.length === 0) {
        throw new VrmError('invalid_input', 'the request has no body: send the export or backup file');
      }
      if (looksLikeBackup(file)) {
        // A backup keeps its own passphrase; SQLite opens it from a file, which is encrypted.
        const folder = mkdtempSync(join(tmpdir(), 'vrm-restore-'));
        try {
          const copy = join(folder, 'upload.vrmbackup');
          writeFileSync(copy, file, { mode: 0o600 });
          const id = await derivations.run(() => state.restoreBackup(copy, passphrase));
          setSessionCookie(c, id);
          return c.json({
            unlocked: true,
            csrfToken: csrf.issue(id),
            idleMinutes: state.idleMinutes,
            restored: 0,
            skipped: [],
            notes: [],
            backup: true,
          });
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      }
      const data = parseExport(file.toString('utf8'), 'the export');
      let report: RestoreReport | undefined;
      const id = await derivations.run(() =>
        state.create(
          passphrase,
          async (session) => {
            report = await session.services.backup.restore(data);
          },
          data.schemaVersion,
        ),
      );
      setSessionCookie(c, id);
      const restored = Object.values(report?.restored ?? {}).reduce((a, b) => a + b, 0);
      return c.json({
        unlocked: true,
        csrfToken: csrf.issue(id),
        idleMinutes: state.idleMinutes,
        restored,
        skipped: report?.skipped ?? [],
        notes: report?.notes ?? [],
        backup: false,
      });
    },
  );

  const refuse = (c: Context, wait: number) => {
    c.header('Retry-After', String(wait));
    return fail(c, 'rate_limited', tooManyTries(wait));
  };

  app.post(ROUTES.unlock.path, limit(SMALL_BODY), async (c) => {
    // A refused request is answered before its body is read.
    if (throttle.waitSeconds() > 0) return refuse(c, throttle.waitSeconds());
    const passphrase = await withPassphrase(c);
    const wait = throttle.begin();
    if (wait > 0) return refuse(c, wait);
    const id = await derivations.run(() => state.unlock(passphrase)).catch(inWords(WRONG_PASSPHRASE));
    throttle.succeeded();
    return startSession(c, id);
  });

  // Everything below needs an unlocked session.
  app.use('/api/*', async (c, next) => {
    if (await state.lockIfIdle())
      return fail(c, 'unauthorized', 'the store locked itself after being idle: unlock it again');
    const id = sessionId(c);
    const session = state.sessionFor(id);
    if (!session || id === undefined) return fail(c, 'unauthorized', 'the store is locked: unlock it first');
    state.touch();
    c.set('session', session);
    c.set('sessionId', id);
    await next();
  });

  // Locking needs the session: the anonymous CSRF token, which any page of this app can get, must
  // not end the owner's session.
  app.delete(ROUTES.lock.path, limit(SMALL_BODY), async (c) => {
    await state.lock();
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    return c.json({ unlocked: false, csrfToken: csrf.issue(undefined) });
  });

  app.put(ROUTES.settings.path, limit(SMALL_BODY), async (c) => {
    const { idleMinutes, sessionHours } = parseInput(settingsBody, await readJson(c), 'settings');
    if (idleMinutes !== undefined) state.idleMinutes = idleMinutes;
    if (sessionHours !== undefined) state.sessionHours = sessionHours;
    return c.json({ idleMinutes: state.idleMinutes, sessionHours: state.sessionHours });
  });

  // Guessing the current passphrase here is throttled like unlocking.
  app.put(ROUTES.changePassphrase.path, limit(SMALL_BODY), async (c) => {
    if (throttle.waitSeconds() > 0) return refuse(c, throttle.waitSeconds());
    const { passphrase, newPassphrase } = parseInput(newPassphraseBody, await readJson(c), 'request');
    const wait = throttle.begin();
    if (wait > 0) return refuse(c, wait);
    // The right passphrase ends the count even when the re-key then fails (a full disk, say):
    // the owner retrying after freeing space is not guessing.
    await derivations
      .run(() =>
        state.changePassphrase(passphrase, newPassphrase, () => {
          throttle.succeeded();
        }),
      )
      .catch(inWords('That is not the current passphrase. Try again.'));
    // Every other browser's session ends; this one carries on with a fresh session id.
    const id = state.restartSessions();
    setSessionCookie(c, id);
    return c.json({ changed: true, csrfToken: csrf.issue(id) });
  });
}
