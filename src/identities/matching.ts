/**
 * How vrm recognises an identity it gave out when it sees it again (in a mail header, a letter, an
 * import). The rules, also written down in docs/identities.md:
 *
 * 1. **Case.** An e-mail address is compared in lower case, the local part included: no mailbox
 *    provider people use treats `Alex@` and `alex@` as different people, and senders change case.
 * 2. **Surroundings.** Spaces, angle brackets, a `mailto:` prefix and a trailing dot on the domain
 *    are dropped.
 * 3. **Gmail.** At gmail.com and googlemail.com dots in the local part do not count and the two
 *    domains are one mailbox, so `a.l.e.x@googlemail.com` is `alex@gmail.com`.
 * 4. **Plus tags.** `base+tag@domain` reaches the mailbox `base@domain`; the tag is what tells
 *    one provider's identity from another's. Tags compare in lower case.
 * 5. **Catch-all domains.** Any local part at a catch-all domain of the person reaches them; an
 *    address there that vrm never gave out was invented or guessed by the sender.
 */

export interface ParsedAddress {
  /** The normalised whole address, tag included: the identity's match key. */
  readonly key: string;
  /** The mailbox it reaches: the normalised address without its plus tag. */
  readonly mailbox: string;
  readonly local: string;
  readonly domain: string;
  readonly tag: string | null;
}

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/** A plain e-mail address: one @, a local part without spaces, a domain with a dot. */
const ADDRESS =
  /^[^\s@<>()[\]\\,;:"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/**
 * Normalises an e-mail address for recognition, or returns null when it is not one.
 *
 * @example parseAddress(' <A.Lex+Acme7K@GoogleMail.com> ')
 *   // → { key: 'alex+acme7k@gmail.com', mailbox: 'alex@gmail.com', tag: 'acme7k', … }
 */
export function parseAddress(text: string): ParsedAddress | null {
  let address = text
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<(.*)>$/, '$1')
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
  if (!ADDRESS.test(address)) return null;
  const at = address.lastIndexOf('@');
  let local = address.slice(0, at);
  let domain = address.slice(at + 1);
  if (GMAIL_DOMAINS.has(domain)) {
    domain = 'gmail.com';
    const plus = local.indexOf('+');
    const base = plus === -1 ? local : local.slice(0, plus);
    local = base.replaceAll('.', '') + (plus === -1 ? '' : local.slice(plus));
  }
  if (local === '' || local.startsWith('+')) return null;
  address = `${local}@${domain}`;
  const plus = local.indexOf('+');
  const tag = plus === -1 ? null : local.slice(plus + 1) || null;
  const base = plus === -1 ? local : local.slice(0, plus);
  return { key: address, mailbox: `${base}@${domain}`, local, domain, tag };
}

/** A domain as people type it (`MyDomain.example.`), lower case and without a trailing dot, or null. */
export function parseDomain(text: string): string | null {
  const domain = text.trim().toLowerCase().replace(/\.$/, '').replace(/^@/, '');
  return /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(domain)
    ? domain
    : null;
}

/** The match key of a phone number is its E.164 form; of a tagged postal address, one folded line. */
export function postalKey(lines: readonly string[]): string {
  return lines
    .map((l) =>
      l
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim(),
    )
    .filter(Boolean)
    .join('|');
}

/**
 * A short, readable part of a provider's name for an alias: ASCII letters and digits, lower case,
 * at most 12 characters (`Brightside Energy Ltd` → `brightsideen`).
 */
export function providerSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 12);
  return slug === '' ? 'org' : slug;
}
