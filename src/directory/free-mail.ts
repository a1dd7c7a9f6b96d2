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
  'protonmail.com', 'protonmail.ch', 'proton.me', 'pm.me', 'tuta.io', 'tutanota.de', 'tutanota.com', 'mail.com',
  'gmx.com', 'hushmail.com', 'fastmail.com', 'fastmail.fm', 'hey.com', 'zoho.com', 'freenet.de', 'arcor.de',
  'hotmail.fr', 'live.co.uk', 'live.fr', 'live.nl', 'yandex.com',
  // Elsewhere in Europe and the world, and the long-lived ones of the early web
  'libero.it', 'virgilio.it', 'wp.pl', 'o2.pl', 'seznam.cz', 'inbox.lv', 'mail.ru', 'yandex.ru', 'qq.com',
  '163.com', 'rediffmail.com', 'netscape.net', 'lycos.com', 'excite.com', 'juno.com',
]); // prettier-ignore

/**
 * Internet and phone providers whose customers get mailboxes at the provider's own domain, which
 * the provider also writes from (sky.com): an address there is a person's, but mail from the
 * domain may well be the company's. The comparison of an answer counts them as personal; the
 * discovery of organisations does not leave them out.
 */
export const PROVIDER_MAILBOX_DOMAINS: ReadonlySet<string> = new Set([
  'sky.com', 'virginmedia.com', 'talktalk.net', 'free.fr', 'sfr.fr', 'ziggo.nl', 'kpnmail.nl', 'hetnet.nl',
  'planet.nl', 'home.nl', 'chello.at', 'aon.at', 'a1.net', 'bluewin.ch', 'vodafone.de',
]); // prettier-ignore

/** Whether a domain (or a parent of it) is a free-mail provider. */
export function isFreeMail(domain: string): boolean {
  const labels = domain.toLowerCase().split('.');
  for (let i = 0; i <= labels.length - 2; i++)
    if (FREE_MAIL_DOMAINS.has(labels.slice(i).join('.'))) return true;
  return false;
}
