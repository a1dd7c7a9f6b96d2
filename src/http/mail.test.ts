import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../test/dovecot.js';
import { Browser, http } from '../test/http.js';
import { startServer, type RunningServer } from './server.js';

/**
 * The mail API over real HTTP, with a real Dovecot for the IMAP account: importing in the
 * background with progress, the inbox and its counts, a message and its original, search, the
 * leak report and "not a leak", rules with a preview, and bad input named field by field.
 */
let dir: string;
let server: RunningServer;
let browser: Browser;
let dovecot: Dovecot;
let logged = '';

const ALIAS = 'acme.k3f9qx@alexmorgan.example';
const message = (from: string, subject: string, id: string, body = 'Hello.') =>
  `From: ${from}\nTo: ${ALIAS}\nSubject: ${subject}\nDate: Mon, 2 Mar 2026 10:00:00 +0000\nMessage-ID: <${id}>\n\n${body}\n`;

async function waitFor(importId: number) {
  for (let i = 0; i < 200; i++) {
    const status = (await browser.call('GET', `/api/mail/imports/${importId}`)).json<{
      status: string;
      imported: number;
      skipped: number;
      error: string | null;
    }>();
    if (status.status !== 'running') return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${importId} did not finish`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-http-mail-'));
  dovecot = await startDovecot();
  await dovecot.deliver('INBOX', message('claims@acme-insurance.example', 'Your claim by IMAP', 'imap1@x'));
  server = await startServer({
    storePath: join(dir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    // The files it imports by path are in its temporary folder: that is the person's home here.
    home: dir,
    log: (line) => {
      logged += `${line}\n`;
    },
  });
  browser = new Browser(server.url);
  await browser.open();
  expect((await browser.call('POST', '/api/store', { passphrase: 'mail over http' })).status).toBe(200);
  await browser.call('POST', '/api/providers', {
    name: 'Acme Insurance',
    domains: ['acme-insurance.example'],
  });
  await browser.call('POST', '/api/alias-strategies', { kind: 'catchall', base: 'alexmorgan.example' });
  await browser.call('POST', '/api/identities', { mode: 'email', provider: 'acme', address: ALIAS });
}, 60_000);

afterAll(async () => {
  await server.close();
  await dovecot.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the mail API', () => {
  it('refuses every mail route without an unlocked session', async () => {
    for (const path of [
      '/api/mail/counts',
      '/api/mail/messages',
      '/api/mail/search?q=x',
      '/api/mail/leaks',
    ]) {
      expect((await http(server.url, 'GET', path)).status, path).toBe(401);
    }
    expect((await http(server.url, 'GET', '/api/mail/messages/1/raw')).status).toBe(401);
  });

  it('imports a file in the background and tells its progress, then its summary', async () => {
    const path = join(dir, 'inbox.mbox');
    writeFileSync(
      path,
      [
        message(
          'policy@acme-insurance.example',
          'Your policy renewal',
          'a1@x',
          'Your renewal invoice is attached.',
        ),
        message('offers@spammy-broker.example', 'Cheap loans', 'a2@x'),
      ]
        .map((m) => `From x@y Mon Mar  2 10:00:00 2026\n${m}\n`)
        .join(''),
    );
    const started = await browser.call('POST', '/api/mail/imports', { path });
    expect(started.status).toBe(200);
    const { importId } = started.json<{ importId: number }>();
    expect(await waitFor(importId)).toMatchObject({ status: 'done', imported: 2, skipped: 0 });
    const counts = (await browser.call('GET', '/api/mail/counts')).json<{ total: number; leaks: number }>();
    expect(counts).toMatchObject({ total: 2, leaks: 1 });
    // The log names the route, never the path of the file.
    expect(logged).toContain('POST /api/mail/imports 200');
    expect(logged).not.toContain('inbox.mbox');
  });

  it('names what is wrong with an import request', async () => {
    const none = await browser.call('POST', '/api/mail/imports', {});
    expect(none.status).toBe(400);
    expect(none.json<{ error: { message: string } }>().error.message).toMatch(
      /either the path .* or the sourceId/,
    );
    const missing = await browser.call('POST', '/api/mail/imports', { path: join(dir, 'nope.mbox') });
    expect(missing.status).toBe(404);
    expect(missing.json<{ error: { message: string } }>().error.message).toMatch(/no such file or folder/);
    const notMail = join(dir, 'notes.mbox');
    writeFileSync(notMail, 'shopping list\n');
    const failed = (await browser.call('POST', '/api/mail/imports', { path: notMail })).json<{
      importId: number;
    }>();
    expect(await waitFor(failed.importId)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/not an mbox file/) as string,
    });
  });

  it('adds an IMAP account, fetches it, and keeps the password out of every answer', async () => {
    const bad = await browser.call('POST', '/api/mail/accounts', {
      host: '127.0.0.1',
      port: dovecot.port,
      security: 'none',
      username: dovecot.user,
      password: 'wrong password',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).not.toContain('wrong password');
    const added = await browser.call('POST', '/api/mail/accounts', {
      host: '127.0.0.1',
      port: dovecot.port,
      security: 'none',
      username: dovecot.user,
      password: dovecot.password,
    });
    expect(added.status).toBe(201);
    const account = added.json<{ id: number; hasPassword: boolean }>();
    expect(account.hasPassword).toBe(true);
    expect(added.text).not.toContain(dovecot.password);
    expect((await browser.call('GET', '/api/mail/sources')).text).not.toContain(dovecot.password);
    const folders = (await browser.call('GET', `/api/mail/accounts/${account.id}/folders`)).json<
      { path: string }[]
    >();
    expect(folders.map((f) => f.path)).toContain('INBOX');
    const { importId } = (await browser.call('POST', '/api/mail/imports', { sourceId: account.id })).json<{
      importId: number;
    }>();
    expect(await waitFor(importId)).toMatchObject({ status: 'done', imported: 1 });
    expect(logged).not.toContain(dovecot.password);
  });

  it('lists, shows, moves and searches messages, and gives back the original', async () => {
    const later = (await browser.call('GET', '/api/mail/messages?attention=today')).json<
      { id: number; subject: string }[]
    >();
    expect(later.map((m) => m.subject).sort()).toEqual(['Your claim by IMAP', 'Your policy renewal']);
    const policy = later.find((m) => m.subject === 'Your policy renewal');
    const shown = (await browser.call('GET', `/api/mail/messages/${policy?.id ?? 0}`)).json<
      Record<string, unknown>
    >();
    expect(shown).toMatchObject({
      identityAddress: ALIAS,
      identityProviderName: 'Acme Insurance',
      senderLabel: 'Acme Insurance',
      rawKept: true,
      ruleReason: 'default: from Acme Insurance, a provider of yours',
    });
    const raw = await browser.call('GET', `/api/mail/messages/${policy?.id ?? 0}/raw`);
    expect(raw.headers['content-type']).toBe('message/rfc822');
    expect(raw.text).toContain('Subject: Your policy renewal');
    const moved = await browser.call('PATCH', `/api/mail/messages/${policy?.id ?? 0}`, {
      attention: 'now',
      flagged: true,
    });
    expect(moved.json()).toMatchObject({ attention: 'now', flagged: 1, placedByHand: 1 });
    const hits = (await browser.call('GET', '/api/mail/search?q=renewal%20invoice')).json<{
      results: { subject: string; snippet: { text: string; hit: boolean }[] }[];
    }>().results;
    expect(hits[0]?.subject).toBe('Your policy renewal');
    expect(hits[0]?.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toEqual([
      'renewal',
      'invoice',
    ]);
    const badSearch = await browser.call('GET', '/api/mail/search?q=after:soon');
    expect(badSearch.status).toBe(400);
    expect((await browser.call('GET', '/api/mail/messages/999')).status).toBe(404);
    expect((await browser.call('GET', '/api/mail/messages?attention=urgent')).status).toBe(400);
  });

  it('reports the leak with its graph, and marks it not a leak with a reason', async () => {
    const report = (await browser.call('GET', '/api/mail/leaks')).json<{
      events: { id: number; senderLabel: string }[];
      graph: { nodes: unknown[]; edges: { from: string; to: string }[] };
    }>();
    expect(report.events.map((e) => e.senderLabel)).toEqual(['spammy-broker.example']);
    expect(report.graph.edges).toHaveLength(1);
    const id = report.events[0]?.id ?? 0;
    const noReason = await browser.call('POST', `/api/mail/leaks/${id}/not-leak`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toMatch(/reason is required/);
    const marked = await browser.call('POST', `/api/mail/leaks/${id}/not-leak`, {
      reason: "Acme's broker partner",
    });
    expect(marked.json()).toMatchObject({ status: 'not_leak', allowedReason: "Acme's broker partner" });
    expect((await browser.call('GET', '/api/mail/leaks')).json<{ events: unknown[] }>().events).toHaveLength(
      0,
    );
    expect(
      (await browser.call('GET', '/api/mail/leaks?all=true')).json<{ events: unknown[] }>().events,
    ).toHaveLength(1);
  });

  it('previews a rule, saves it, and names a bad condition', async () => {
    const preview = await browser.call('POST', '/api/mail/rules/preview', {
      conditions: { keywords: ['invoice'] },
    });
    expect(preview.json()).toMatchObject({ matches: 1 });
    const bad = await browser.call('POST', '/api/mail/rules', {
      name: 'Bills',
      conditions: { keywords: ['invoice'], before: 'next week' },
      actions: { folder: 'bills' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { details: [expect.objectContaining({ path: 'conditions.before' })] },
    });
    const saved = await browser.call('POST', '/api/mail/rules', {
      name: 'Bills',
      conditions: { keywords: ['invoice'] },
      actions: { folder: 'bills', attention: 'now' },
    });
    expect(saved.status).toBe(201);
    // The renewal was placed by hand before: the rule leaves it where it is.
    expect(saved.json()).toMatchObject({ rule: { name: 'Bills' }, applied: { changed: 0 } });
    expect((await browser.call('GET', '/api/mail/rules')).json<unknown[]>()).toHaveLength(1);
  });
});
