import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm, type CliResult } from '../test/cli.js';
import { EXIM_PASSWORD, EXIM_USER, startExim, type Exim } from '../test/exim.js';
import { craftZip } from '../test/zip.js';

/**
 * `vrm request send` (issue 16) against a real SMTP server (Exim): an access request to a provider
 * of the directory goes by e-mail from the alias it knows to its privacy contact, once; the
 * server's answer is printed, and a second send sends nothing. Their reply, with a ZIP attached,
 * is imported as mail and becomes the request's answer by itself.
 */
const PASSPHRASE = 'request send passphrase';
const TODAY = '2026-03-02';
let exim: Exim;
let dir: string;
let store: string;
let session: string;

const run = (...args: string[]): CliResult =>
  vrm(['--store', store, ...args], {
    VRM_SESSION: session,
    VRM_TODAY: TODAY,
    VRM_SMTP_PASSWORD: EXIM_PASSWORD,
  });
const ok = (...args: string[]): string => {
  const result = run(...args);
  expect(result.stderr.startsWith('vrm:') ? result.stderr : '', args.join(' ')).toBe('');
  expect(result.code, `vrm ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
};

beforeAll(async () => {
  exim = await startExim();
  dir = mkdtempSync(join(tmpdir(), 'vrm-request-send-'));
  store = join(dir, 'store.db');
  expect(vrm(['--store', store, 'init'], { VRM_PASSPHRASE: PASSPHRASE }).code).toBe(0);
  session = vrm(['--store', store, 'unlock', '--raw'], { VRM_PASSPHRASE: PASSPHRASE }).stdout.trim();
  ok('fact', 'add', 'name', 'Alex Morgan', '--label', 'name');
  ok('provider', 'add', '--from-directory', 'spotify');
  ok('identity', 'add', '--provider', 'Spotify AB', '--email', 'spotify@alexmorgan.example');
}, 120_000);

afterAll(async () => {
  await exim.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('vrm request send', () => {
  it('sends the request from the alias to the privacy contact once, and prints what the server said', async () => {
    // Without sending settings nothing moves, and it says how to set them up.
    ok('request', 'new', 'Spotify AB');
    const unset = run('request', 'send', '1');
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/^vrm: .*send setup/);
    ok(
      'send',
      'setup',
      '--host',
      exim.host,
      '--port',
      String(exim.port),
      '--security',
      'starttls',
      '--user',
      EXIM_USER,
      '--allow-self-signed',
    );

    const sent = ok('request', 'send', '1');
    expect(sent).toMatch(/^Sent to Spotify AB <privacy@spotify\.com>\. The server said: 250 /m);
    expect(sent).toMatch(/Request 1 is (sent|waiting); the answer is due by 2026-04-02\./);
    const [mail] = await exim.waitFor('privacy@spotify.com', 1);
    const text = mail?.toString('utf8') ?? '';
    expect(text).toMatch(/^From: .*spotify@alexmorgan\.example/m);
    expect(text).toMatch(/^Subject: Access to my personal data \(Art\. 15 GDPR\)/m);

    // A second send sends nothing: the request went already.
    const again = run('request', 'send', '1');
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/^vrm: request 1 has nothing drafted to send/);
    expect(exim.delivered('privacy@spotify.com')).toHaveLength(1);
    expect(ok('request', 'show', '1')).toMatch(/^by:\s+e-mail$/m);

    // Their reply, in the thread of the request, with their export attached.
    const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(text)?.[1] ?? '';
    expect(messageId).not.toBe('');
    const zip = craftZip([
      {
        name: 'account.json',
        data: JSON.stringify({ email: 'spotify@alexmorgan.example', birthdate: '1988-04-12' }),
      },
    ]).toString('base64');
    const reply = join(dir, 'reply.eml');
    writeFileSync(
      reply,
      [
        'From: Spotify Privacy <privacy@spotify.com>',
        'To: spotify@alexmorgan.example',
        'Subject: Re: Access to my personal data (Art. 15 GDPR)',
        'Date: Tue, 10 Mar 2026 09:00:00 +0000',
        'Message-ID: <reply-1@spotify.example>',
        `In-Reply-To: ${messageId}`,
        `References: ${messageId}`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Please find your data attached.',
        '--b1',
        'Content-Type: application/zip; name="spotify-data.zip"',
        'Content-Disposition: attachment; filename="spotify-data.zip"',
        'Content-Transfer-Encoding: base64',
        '',
        ...(zip.match(/.{1,76}/g) ?? []),
        '--b1--',
        '',
      ].join('\r\n'),
    );
    ok('mail', 'import', reply);
    const answered = ok('request', 'show', '1');
    expect(answered).toMatch(/^status:\s+answered$/m);
    expect(answered).toMatch(/response from them \(received\): Re: Access to my personal data/);
    expect(answered).toContain('spotify-data.zip, imported 2026-03-02: 1 file kept');
    // The attachment was imported with the reply: asked again, nothing is added.
    const mailId = /^\s*(\d+)\s/m.exec(ok('mail', 'list'))?.[1] ?? '';
    expect(ok('request', 'answer', '1', '--message', mailId)).toMatch(/imported already: nothing was added/);
  }, 240_000);
});
