import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../test/http.js';
import { startServer, type RunningServer } from './server.js';

/**
 * A web request must not make the server read whatever it can (issue 11): an import by path from
 * the web reads only inside the person's home folder or a folder they named when starting the
 * server, and every path outside, however it is spelled and whether or not it exists, gets the
 * same answer. The server is given a temporary home of its own, so the test never touches the
 * real one nor the process environment.
 */
let root: string;
let home: string;
let named: string;
let outside: string;
let server: RunningServer;
let browser: Browser;

const letter = (id: string) =>
  `From: billing@acme-insurance.example\nTo: alex@example.org\nSubject: Letter ${id}\nDate: Mon, 2 Mar 2026 10:00:00 +0000\nMessage-ID: <${id}@x>\n\nHello.\n`;

async function waitFor(importId: number) {
  for (let i = 0; i < 200; i++) {
    const status = (await browser.call('GET', `/api/mail/imports/${importId}`)).json<{ status: string }>();
    if (status.status !== 'running') return status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${importId} did not finish`);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'vrm-import-paths-'));
  home = join(root, 'home', 'alex');
  named = join(root, 'archive');
  outside = join(root, 'outside');
  for (const dir of [join(home, 'mail'), join(home, '.ssh'), named, outside])
    mkdirSync(dir, { recursive: true });
  writeFileSync(join(home, 'mail', 'letter.eml'), letter('home'));
  writeFileSync(join(home, '.ssh', 'id_ed25519'), letter('secret'));
  writeFileSync(join(named, 'old.eml'), letter('named'));
  writeFileSync(join(outside, 'letter.eml'), letter('outside'));
  symlinkSync('/etc/passwd', join(home, 'passwd-link'));
  symlinkSync(outside, join(home, 'outside-link'));
  symlinkSync(join(outside, 'nothing-here.eml'), join(home, 'dangling-link'));
  server = await startServer({
    storePath: join(root, 'store', 'store.db'),
    host: '127.0.0.1',
    port: 0,
    idleMinutes: 15,
    home,
    importFolders: [named],
  });
  browser = new Browser(server.url);
  await browser.open();
  expect((await browser.call('POST', '/api/store', { passphrase: 'imports by path' })).status).toBe(200);
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('an import by path from the web', () => {
  it('refuses every path outside home and the named folders with one answer, whether it exists or not', async () => {
    const refused = [
      '/etc/shadow',
      '/etc/passwd',
      '/etc/no-such-file-anywhere',
      join(home, 'passwd-link'),
      '~/passwd-link',
      '~/../../etc/passwd',
      `${home}/../../../../../etc/passwd`,
      join(outside, 'letter.eml'),
      join(outside, 'nothing-here.eml'),
      join(home, 'outside-link', 'letter.eml'),
      join(home, 'outside-link', 'nothing-here.eml'),
      join(home, 'dangling-link'),
      join(home, '.ssh', 'id_ed25519'),
      '~/.ssh/id_ed25519',
      '~/.gnupg/private-keys-v1.d',
      `${named}/../outside/letter.eml`,
    ];
    const answers = [];
    for (const path of refused) {
      for (const kind of [undefined, 'eml', 'mbox']) {
        const answer = await browser.call('POST', '/api/mail/imports', { path, kind });
        answers.push({ path, kind, status: answer.status, text: answer.text });
      }
    }
    const first = answers[0];
    expect(first?.status).toBe(403);
    expect(JSON.parse(first?.text ?? '{}')).toEqual({
      error: {
        code: 'forbidden',
        message:
          'imports by path are allowed only from your home folder or a folder named with `vrm serve --import-folder FOLDER`: upload the file instead',
        details: [],
      },
    });
    for (const answer of answers) {
      expect(answer).toEqual({ ...answer, status: first?.status, text: first?.text });
    }
    // Nothing was read: no message, no source, no import.
    expect((await browser.call('GET', '/api/mail/counts')).json()).toMatchObject({ total: 0 });
    expect((await browser.call('GET', '/api/mail/sources')).json()).toEqual([]);
    expect((await browser.call('GET', '/api/mail/imports')).json()).toEqual([]);
  });

  it('imports a file in home, by its full path or from ~, and one in a named folder', async () => {
    for (const [path, subject] of [
      [join(home, 'mail', 'letter.eml'), 'Letter home'],
      ['~/mail/letter.eml', 'Letter home'],
      [join(named, 'old.eml'), 'Letter named'],
    ] as const) {
      const started = await browser.call('POST', '/api/mail/imports', { path });
      expect(started.status, path).toBe(200);
      expect(await waitFor(started.json<{ importId: number }>().importId)).toMatchObject({ status: 'done' });
      const list = (await browser.call('GET', '/api/mail/messages')).json<{ subject: string }[]>();
      expect(list.map((m) => m.subject)).toContain(subject);
    }
  });

  it('says a file in home is missing, since that tells nothing the person does not know', async () => {
    const missing = await browser.call('POST', '/api/mail/imports', { path: '~/mail/nope.eml' });
    expect(missing.status).toBe(404);
    expect(missing.json<{ error: { message: string } }>().error.message).toBe(
      `${join(home, 'mail', 'nope.eml')}: no such file or folder`,
    );
  });
});

describe('the named import folders', () => {
  it('must be folders on this machine, or the server does not start', async () => {
    await expect(
      startServer({
        storePath: join(root, 'other.db'),
        host: '127.0.0.1',
        port: 0,
        idleMinutes: 15,
        importFolders: [join(root, 'no-such-folder')],
      }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: `--import-folder ${join(root, 'no-such-folder')}: not a folder on this machine`,
    });
  });
});
