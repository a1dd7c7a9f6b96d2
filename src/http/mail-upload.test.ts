import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusFiles, corpusMessage, writeCorpusMbox } from '../test/corpus.js';
import { Browser, type HttpResult } from '../test/http.js';
import { startServer, type RunningServer } from './server.js';

/**
 * Mail sent through the browser (issue 11): the file's bytes as the body of
 * `POST /api/mail/uploads`, streamed to a temporary file beside the store, imported by the same
 * service as a path, and the temporary file removed afterwards; too large, chunked and unlocked
 * requests are refused before a byte is read.
 */
let root: string;
let storeDir: string;
let server: RunningServer;
let browser: Browser;

const upload = (bytes: Buffer, query: string, headers: Record<string, string> = {}) =>
  browser.call('POST', `/api/mail/uploads?${query}`, bytes, headers);

async function waitFor(importId: number) {
  for (let i = 0; i < 600; i++) {
    const status = (await browser.call('GET', `/api/mail/imports/${importId}`)).json<{
      status: string;
      location: string;
      seen: number;
      imported: number;
      duplicates: number;
      skipped: number;
      error: string | null;
    }>();
    if (status.status !== 'running') return status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${importId} did not finish`);
}

const leftovers = () => readdirSync(storeDir).filter((name) => name.startsWith('.vrm-upload-'));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'vrm-http-upload-'));
  storeDir = join(root, 'store');
  mkdirSync(storeDir);
  // A copy a killed server left behind: gone once the server starts.
  writeFileSync(join(storeDir, '.vrm-upload-left-by-a-crash'), 'From: a\n\nplain text mail\n');
  server = await startServer({
    storePath: join(storeDir, 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    home: join(root, 'home'),
  });
  browser = new Browser(server.url);
  await browser.open();
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('uploading mail through the browser', () => {
  it('refuses an upload before the store is unlocked, and without the CSRF token', async () => {
    expect(leftovers()).toEqual([]);
    const locked = await upload(Buffer.from('From: a\n\nx\n'), 'name=a.eml');
    expect(locked.status).toBe(401);
    expect((await browser.call('POST', '/api/store', { passphrase: 'uploads in the browser' })).status).toBe(
      200,
    );
    const token = browser.csrf;
    browser.csrf = '';
    expect((await upload(Buffer.from('From: a\n\nx\n'), 'name=a.eml')).status).toBe(403);
    browser.csrf = token;
    expect(leftovers()).toEqual([]);
  });

  it('imports a corpus message sent as an .eml, lists it, and removes the temporary copy', async () => {
    const file = corpusFiles().find((f) => /Subject: /.test(corpusMessage(f).toString('latin1')));
    const bytes = corpusMessage(file ?? '');
    const subject = /^Subject: (.*)$/m.exec(bytes.toString('latin1'))?.[1]?.trim() ?? '';
    const started = await upload(bytes, 'name=letter.eml');
    expect(started.status).toBe(200);
    const done = await waitFor(started.json<{ importId: number }>().importId);
    expect(done).toMatchObject({ status: 'done', location: 'upload:letter.eml', imported: 1, skipped: 0 });
    const list = (await browser.call('GET', '/api/mail/messages?muted=true')).json<{ subject: string }[]>();
    const all = [...list, ...(await browser.call('GET', '/api/mail/messages')).json<{ subject: string }[]>()];
    expect(all.map((m) => m.subject)).toContain(subject);
    const sources = (await browser.call('GET', '/api/mail/sources')).json<
      { label: string; location: string }[]
    >();
    expect(sources).toContainEqual(
      expect.objectContaining({ label: 'letter.eml', location: 'upload:letter.eml' }),
    );
    expect(leftovers()).toEqual([]);
  });

  it('imports an mbox of 500 corpus messages, and the same file again as nothing new', async () => {
    const path = join(root, 'corpus.mbox');
    writeCorpusMbox(path, corpusFiles().slice(0, 500));
    const bytes = readFileSync(path);
    const first = await waitFor(
      (await upload(bytes, 'name=corpus.mbox')).json<{ importId: number }>().importId,
    );
    expect(first).toMatchObject({ status: 'done', location: 'upload:corpus.mbox', seen: 500 });
    // The one message uploaded as an .eml above is among them: a duplicate.
    expect(first).toMatchObject({ imported: 499, duplicates: 1, skipped: 0 });
    const again = await waitFor(
      (await upload(bytes, 'name=corpus.mbox')).json<{ importId: number }>().importId,
    );
    expect(again).toMatchObject({ status: 'done', imported: 0 });
    expect(leftovers()).toEqual([]);
  });

  it('keeps only the name of the file, never a folder or control characters', async () => {
    const started = await upload(
      Buffer.from('From: a@example.org\nSubject: named\nMessage-ID: <named@x>\n\nx\n'),
      `name=${encodeURIComponent('C:\\Users\\alex\\..\\secret\u0007.eml')}`,
    );
    expect(await waitFor(started.json<{ importId: number }>().importId)).toMatchObject({
      location: 'upload:secret.eml',
    });
  });

  it('names what is wrong with an upload', async () => {
    const cases: [HttpResult, number, RegExp][] = [
      [await upload(Buffer.from('x'), ''), 400, /name is required/],
      [await upload(Buffer.from('x'), 'name=Maildir&kind=maildir'), 400, /kind/],
      [await upload(Buffer.alloc(0), 'name=empty.eml'), 400, /the file is empty/],
      [
        await upload(Buffer.from('x'), 'name=huge.mbox', {
          'content-length': String(200 * 1024 * 1024 + 1),
          // The server answers at once and never reads the 200 MB: the connection cannot serve again.
          connection: 'close',
        }),
        413,
        /^the file is larger than the 200 MB an upload takes: put it in your home folder and import it by path$/,
      ],
    ];
    for (const [answer, status, message] of cases) {
      expect(answer.status, answer.text).toBe(status);
      expect(answer.json<{ error: { message: string } }>().error.message).toMatch(message);
    }
    expect(leftovers()).toEqual([]);
  });

  it('refuses a body sent in chunks, which would have to be held in memory whole', async () => {
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const url = new URL('/api/mail/uploads?name=chunked.mbox', server.url);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: `${url.pathname}${url.search}`,
          headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write('From a@b Mon Mar  2 10:00:00 2026\n');
      req.end('From: a@b\n\nx\n');
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/must say its length/);
  });
});
