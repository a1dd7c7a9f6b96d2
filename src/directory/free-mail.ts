/**
 * Mailbox providers where anyone gets an address for free. Mail from `someone@gmail.com` says
 * who the person writing is, never which organisation wrote: a shop's clerk, a friend and a
 * scammer all look alike. So a free-mail domain never names a sender organisation (the directory
 * does not match it, the discovery of organisations does not list it). This is the one list of
 * them; add a provider here and both follow.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // Google, Microsoft, Yahoo, Apple, AOL
  'gmail.com', 'googlemail.com',
  'outlook.com', 'outlook.de', 'hotmail.com', 'hotmail.de', 'hotmail.co.uk', 'live.com', 'live.de', 'msn.com',
  'yahoo.com', 'yahoo.de', 'yahoo.co.uk', 'yahoo.fr', 'ymail.com',
  'icloud.com', 'me.com', 'mac.com',
  'aol.com', 'aol.de',
  // Germany and Austria: GMX, WEB.DE, T-Online, Posteo, mailbox.org
  'gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'web.de', 't-online.de', 'posteo.de', 'posteo.net', 'mailbox.org',
  // France, the United Kingdom, Ireland: the mailboxes of internet providers whose own mail comes from
  // another domain (an internet provider that writes from its mailbox domain, such as sky.com, is left out)
  'orange.fr', 'wanadoo.fr', 'laposte.net', 'btinternet.com', 'eircom.net',
  // Privacy-minded mailboxes and other large free services
  'protonmail.com', 'proton.me', 'pm.me', 'tuta.io', 'tutanota.de', 'mail.com', 'gmx.com', 'hushmail.com',
  // Elsewhere in Europe and the world, and the long-lived ones of the early web
  'libero.it', 'virgilio.it', 'wp.pl', 'o2.pl', 'seznam.cz', 'inbox.lv', 'mail.ru', 'yandex.ru', 'qq.com',
  '163.com', 'rediffmail.com', 'netscape.net', 'lycos.com', 'excite.com', 'juno.com',
]); // prettier-ignore

/** Whether a domain (or a parent of it) is a free-mail provider. */
export function isFreeMail(domain: string): boolean {
  const labels = domain.toLowerCase().split('.');
  for (let i = 0; i <= labels.length - 2; i++)
    if (FREE_MAIL_DOMAINS.has(labels.slice(i).join('.'))) return true;
  return false;
}
