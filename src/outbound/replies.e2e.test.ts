import { describe, expect, it } from 'vitest';
import { useMailServers } from '../test/mail-servers.js';

/**
 * Replies and bounces (issue 15, part 6), with the real components: e-mail sent with `vrm outbox
 * send` through Exim; a scripted reply and a bounce delivered into Dovecot; `vrm mail fetch`
 * imports them over IMAP, and the outbox links each to what it answers.
 */

const mail = useMailServers();
const { ok } = mail;

/** A day after now, as a Date header: later than any send of this test. */
const later = (): string => new Date(Date.now() + 86_400_000).toUTCString();

async function sent(provider: string, alias: string, subject: string) {
  ok('provider', 'add', provider, '--privacy-email', `privacy@${provider}`);
  ok('identity', 'add', '--provider', provider, '--email', alias);
  const draft = ok('outbox', 'draft', '--provider', provider, '--subject', subject, '--body', 'Hello');
  const id = Number(/^Draft (\d+)/.exec(draft)?.[1]);
  expect(ok('outbox', 'send', String(id))).toMatch(new RegExp(`^Sent ${String(id)} to `, 'm'));
  return mail.t.services.outbound.get(id);
}

describe('replies and bounces', () => {
  it('links a reply by In-Reply-To, a reply from the provider domain, and marks a bounced item failed', async () => {
    mail.setUpSending();
    const byHeader = await sent('acme.example', 'alex+acme@example.org', 'My new address');
    const byDomain = await sent('beta.example', 'alex+beta@example.org', 'My new address');
    const bounced = await sent('gamma.example', 'alex+gamma@example.org', 'My new address');

    await mail.dovecot.deliver(
      'INBOX',
      [
        'From: Acme Privacy <privacy@acme.example>',
        'To: alex+acme@example.org',
        'Subject: Re: My new address',
        `Date: ${later()}`,
        'Message-ID: <reply-1@acme.example>',
        `In-Reply-To: <${byHeader.messageId ?? ''}>`,
        `References: <${byHeader.messageId ?? ''}>`,
        '',
        'Thank you, we have updated your address.',
        '',
      ].join('\r\n'),
    );
    await mail.dovecot.deliver(
      'INBOX',
      [
        'From: Beta Service <service@mail.beta.example>',
        'To: alex+beta@example.org',
        'Subject: Your request 4711',
        `Date: ${later()}`,
        'Message-ID: <ticket-4711@mail.beta.example>',
        '',
        'We received your message.',
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
        'Diagnostic-Code: smtp; 550 5.1.1 <privacy@gamma.example>: Recipient address rejected: User unknown',
        '--BB',
        'Content-Type: text/rfc822-headers',
        '',
        'From: alex+gamma@example.org',
        'To: privacy@gamma.example',
        'Subject: My new address',
        `Message-ID: <${bounced.messageId ?? ''}>`,
        '--BB--',
        '',
      ].join('\r\n'),
    );

    mail.addImapAccount();
    ok('mail', 'fetch');

    expect(await mail.t.services.outbound.get(byHeader.id)).toMatchObject({
      state: 'sent',
      replyMessageId: 'reply-1@acme.example',
    });
    expect((await mail.t.services.outbound.get(byHeader.id)).repliedAt).not.toBeNull();
    expect(await mail.t.services.outbound.get(byDomain.id)).toMatchObject({
      state: 'sent',
      replyMessageId: 'ticket-4711@mail.beta.example',
    });
    const failed = await mail.t.services.outbound.get(bounced.id);
    expect(failed.state).toBe('failed');
    expect(failed.failure).toMatch(/privacy@gamma\.example.*status 5\.1\.1.*550 5\.1\.1 .*User unknown/);
    expect(failed.replyMessageId).toBeNull();
    // The CLI shows it.
    expect(ok('outbox', 'show', String(bounced.id))).toMatch(/problem: +returned undelivered/);
  });
});
