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

/** How an address was recognised; see `Recogniser.recognise`. */
export type RecognitionHow = 'exact' | 'tag-added' | 'unknown-tag' | 'catchall-unknown' | 'unknown';

/** What the recogniser needs of an identity and of an alias strategy. */
export interface KnownIdentity {
  readonly id: number;
  readonly kind: string;
  readonly matchKey: string;
  readonly providerId: number | null;
}
export interface KnownStrategy {
  readonly kind: string;
  readonly base: string;
}

/**
 * Recognises the person's e-mail identities by the rules above, in memory: built once from the
 * identities and alias strategies, it answers each address without a query, so the mail import
 * and re-classification can ask it for every recipient of every message.
 */
export class Recogniser<I extends KnownIdentity = KnownIdentity> {
  private readonly byKey = new Map<string, I>();
  private readonly plusMailboxes = new Set<string>();
  private readonly catchallDomains = new Set<string>();

  constructor(identities: readonly I[], strategies: readonly KnownStrategy[]) {
    for (const identity of identities)
      if (identity.kind === 'email') this.byKey.set(identity.matchKey, identity);
    for (const s of strategies) (s.kind === 'plus' ? this.plusMailboxes : this.catchallDomains).add(s.base);
  }

  /** Whether an address reaches the person: one of their identities, their plus mailbox or catch-all domain. */
  isOwn(address: ParsedAddress): boolean {
    return (
      this.byKey.has(address.key) ||
      this.byKey.has(address.mailbox) ||
      this.plusMailboxes.has(address.mailbox) ||
      this.catchallDomains.has(address.domain)
    );
  }

  recognise(address: ParsedAddress): { how: RecognitionHow; identity: I | null; reason: string } {
    const exact = this.byKey.get(address.key);
    if (exact) return { how: 'exact', identity: exact, reason: `${address.key} is identity ${exact.id}` };
    if (address.tag !== null) {
      const bare = this.byKey.get(address.mailbox);
      if (bare) {
        return {
          how: 'tag-added',
          identity: bare,
          reason: `a tag was added to ${address.mailbox}, identity ${bare.id}`,
        };
      }
      if (this.plusMailboxes.has(address.mailbox)) {
        return {
          how: 'unknown-tag',
          identity: null,
          reason: `the tag "${address.tag}" on your mailbox ${address.mailbox} was never given out`,
        };
      }
    }
    if (this.catchallDomains.has(address.domain)) {
      return {
        how: 'catchall-unknown',
        identity: null,
        reason: `${address.key} is at your catch-all domain but was never given out`,
      };
    }
    return { how: 'unknown', identity: null, reason: `${address.key} is not one of your identities` };
  }
}
