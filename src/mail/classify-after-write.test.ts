import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../http/server.js';
import { vrm } from '../test/cli.js';
import { Browser } from '../test/http.js';
import { TEST_PASSPHRASE } from '../test/store.js';

/**
 * Mail reads never write, so stored mail is classified again after the write that changed what
 * classification reads: through the CLI and through the web app's API alike.
 */
let dir: string;
let store: string;
let server: RunningServer;
let env: Record<string, string>;

const cli = (...args: string[]) => {
  const result = vrm(['--store', store, ...args], env);
  if (result.code !== 0) throw new Error(`vrm ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-classify-'));
  store = join(dir, 'store.db');
  expect(vrm(['--store', store, 'init'], { VRM_PASSPHRASE: TEST_PASSPHRASE }).code).toBe(0);
  env = {
    VRM_SESSION: vrm(['--store', store, 'unlock', '--raw'], {
      VRM_PASSPHRASE: TEST_PASSPHRASE,
    }).stdout.trim(),
  };
  const mbox = join(dir, 'mail.mbox');
  writeFileSync(
    mbox,
    'From x@y Mon Mar  2 10:00:00 2026\nFrom: hello@brightside.example\nTo: brightside.zz11aa@alexmorgan.example\n' +
      'Subject: Before the alias\nDate: Mon, 2 Mar 2026 10:00:00 +0000\nMessage-ID: <a1@x>\n\nHello.\n\n',
  );
  cli('mail', 'import', mbox);
  server = await startServer({ storePath: store, host: '127.0.0.1', port: 0, idleMinutes: 15 });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Listed {
  id: number;
  identityProviderId: number | null;
  senderProviderId: number | null;
  leak: number;
}

describe('classification after a write', () => {
  it('follows an alias added with the CLI and a domain added in the web app', async () => {
    const [before] = JSON.parse(cli('mail', 'list', '--json')) as Listed[];
    expect(before).toMatchObject({ identityProviderId: null, senderProviderId: null });

    cli('provider', 'add', 'Brightside Energy');
    cli(
      'identity',
      'add',
      '--provider',
      'Brightside Energy',
      '--email',
      'brightside.zz11aa@alexmorgan.example',
    );
    const [afterAlias] = JSON.parse(cli('mail', 'list', '--json')) as Listed[];
    // The alias is Brightside's, whose mail domain vrm does not know yet: a leak, for now.
    expect(afterAlias).toMatchObject({ identityProviderId: expect.any(Number) as number, leak: 1 });
    const brightside = afterAlias?.identityProviderId ?? 0;

    const browser = new Browser(server.url);
    await browser.open();
    expect((await browser.call('POST', '/api/session', { passphrase: TEST_PASSPHRASE })).status).toBe(200);
    const patched = await browser.call('PATCH', `/api/providers/${brightside}`, {
      domains: ['brightside.example'],
    });
    expect(patched.status).toBe(200);
    const message = await browser.call('GET', `/api/mail/messages/${before?.id ?? 0}`);
    expect(message.json()).toMatchObject({ senderProviderId: brightside, leak: 0 });
  });
});
