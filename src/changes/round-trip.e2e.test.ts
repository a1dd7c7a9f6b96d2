import { describe, expect, it } from 'vitest';
import { useMailServers } from '../test/mail-servers.js';

/**
 * "I have moved", end to end from the CLI with the real components (issue 15, done when): a
 * campaign's notices go through Debian's Exim from each provider's alias; a reply and a bounce are
 * delivered into Dovecot; `vrm mail fetch` brings them in, and the campaign follows by itself:
 * the one item acknowledged, the other failed with the server's reason. Confirming the first
 * leaves it holding the new address in Who knows what.
 */
const mail = useMailServers();
const { ok } = mail;
const later = (): string => new Date(Date.now() + 86_400_000).toUTCString();

interface Item {
  id: number;
  provider: string;
  state: string;
  failure: string | null;
}

describe('a change campaign with Exim and Dovecot', () => {
  it('sends from each alias, links the reply and the bounce that come back, and confirms', async () => {
    ok(
      'fact',
      'add',
      'postal-address',
      '4 Old Mill Lane',
      '--label',
      'home',
      '--locality',
      'Manchester',
      '--country',
      'GB',
      '--valid-from',
      '2019-08-01',
    );
    for (const [name, alias] of [
      ['acme.example', 'alex+acme@example.org'],
      ['gamma.example', 'alex+gamma@example.org'],
    ] as const) {
      ok('provider', 'add', name, '--privacy-email', `privacy@${name}`);
      ok('identity', 'add', '--provider', name, '--email', alias);
      ok('disclosure', 'record', name, '--facts', 'home', '--purpose', 'service', '--on', '2020-01-10');
    }
    ok(
      'fact',
      'update',
      '1',
      '12 Cotham Hill',
      '--locality',
      'Bristol',
      '--country',
      'GB',
      '--valid-from',
      '2026-02-01',
    );
    ok('change', 'start', 'home');
    mail.setUpSending();
    expect(ok('change', 'send', '1')).toMatch(/Campaign 1: 0 of 2 updated; 2 sent and waiting/);

    const [toAcme] = await mail.exim.waitFor('privacy@acme.example', 1);
    const [toGamma] = await mail.exim.waitFor('privacy@gamma.example', 1);
    const acmeText = toAcme?.toString('utf8') ?? '';
    expect(acmeText).toMatch(/^From: .*alex\+acme@example\.org/m);
    expect(toGamma?.toString('utf8')).toMatch(/^From: .*alex\+gamma@example\.org/m);
    const messageId = (text: string) => /^Message-ID: (<[^>]+>)/im.exec(text)?.[1] ?? '';

    await mail.dovecot.deliver(
      'INBOX',
      [
        'From: Acme Privacy <privacy@acme.example>',
        'To: alex+acme@example.org',
        'Subject: Re: Change of address',
        `Date: ${later()}`,
        'Message-ID: <reply-1@acme.example>',
        `In-Reply-To: ${messageId(acmeText)}`,
        '',
        'Thank you, we have updated your address.',
        '',
      ].join('\r\n'),
    );
    await mail.dovecot.deliver(
      'INBOX',
      [
        'From: Mail Delivery System <MAILER-DAEMON@mx.gamma.example>',
        'To: alex+gamma@example.org',
        'Subject: Undelivered Mail Returned to Sender',
        `Date: ${later()}`,
        'Message-ID: <bounce-1@mx.gamma.example>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="BB"',
        '',
        '--BB',
        'Content-Type: text/plain',
        '',
        'Your message could not be delivered.',
        '--BB',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.gamma.example',
        '',
        'Final-Recipient: rfc822; privacy@gamma.example',
        'Action: failed',
        'Status: 5.1.1',
        'Diagnostic-Code: smtp; 550 5.1.1 <privacy@gamma.example>: User unknown',
        '--BB',
        'Content-Type: text/rfc822-headers',
        '',
        'From: alex+gamma@example.org',
        'To: privacy@gamma.example',
        'Subject: Change of address',
        `Message-ID: ${messageId(toGamma?.toString('utf8') ?? '')}`,
        '--BB--',
        '',
      ].join('\r\n'),
    );
    mail.addImapAccount();
    ok('mail', 'fetch');

    const items = () => (JSON.parse(ok('change', 'show', '1', '--json')) as { items: Item[] }).items;
    const of = (provider: string) => items().find((i) => i.provider === provider);
    expect(of('acme.example')?.state).toBe('acknowledged');
    expect(of('gamma.example')).toMatchObject({ state: 'failed' });
    expect(of('gamma.example')?.failure).toMatch(/550 5\.1\.1/);

    ok('change', 'confirm', String(of('acme.example')?.id ?? 0));
    const home = await mail.t.services.vault.resolve('home');
    const holders = (await mail.t.services.disclosures.forFact(home.id)).holders;
    expect(holders.find((h) => h.provider === 'acme.example')?.outdated).toBe(false);
    expect(holders.find((h) => h.provider === 'gamma.example')?.outdated).toBe(true);
    // Nothing went twice.
    expect(mail.exim.delivered('privacy@acme.example')).toHaveLength(1);
  });
});
