import { describe, expect, it } from 'vitest';
import { directoryEntryForDomain } from './directory.js';
import { FREE_MAIL_DOMAINS, isFreeMail } from './free-mail.js';

/** Finding the directory's organisation behind a sender's domain (issue 16, part 5). */
describe('directoryEntryForDomain', () => {
  it('finds the organisation by its web domain or a parent of it, ignoring case and a trailing dot', () => {
    expect(directoryEntryForDomain('zalando.de')?.slug).toBe('zalando');
    expect(directoryEntryForDomain('News.Mail.Zalando.DE.')?.slug).toBe('zalando');
    expect(directoryEntryForDomain('netflix.com')?.name).toBe('Netflix International B.V.');
  });

  it('finds nothing for an unknown domain, a bare suffix, or a free-mail provider', () => {
    expect(directoryEntryForDomain('corner-shop.example')).toBeUndefined();
    expect(directoryEntryForDomain('de')).toBeUndefined();
    // WEB.DE is in the directory, but mail from web.de is anyone's.
    expect(directoryEntryForDomain('web.de')).toBeUndefined();
    expect(directoryEntryForDomain('gmail.com')).toBeUndefined();
  });
});

describe('isFreeMail', () => {
  it('knows the free-mail providers and their subdomains, and nothing else', () => {
    for (const domain of ['gmail.com', 'googlemail.com', 'web.de', 'gmx.de', 'outlook.com', 'yahoo.com'])
      expect(FREE_MAIL_DOMAINS.has(domain)).toBe(true);
    expect(isFreeMail('GMX.DE')).toBe(true);
    expect(isFreeMail('mx.web.de')).toBe(true);
    expect(isFreeMail('zalando.de')).toBe(false);
    // An internet provider that writes to its customers from its mailbox domain is an organisation.
    expect(isFreeMail('sky.com')).toBe(false);
  });
});
