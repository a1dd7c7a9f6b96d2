import { directoryEntry, directoryEntryForDomain, type DirectoryEntry } from '../directory/directory.js';
import { isFreeMail } from '../directory/free-mail.js';
import { parseAddress } from '../identities/matching.js';
import { bulkService, organisationalDomain } from '../mail/bulk-senders.js';
import type { Envelope } from '../mail/types.js';
import type { UnassignedMessage } from './repository.js';

/**
 * How the mail of senders outside the ledger becomes a list of organisations: a pure function of
 * the stored messages and what the person's ledger holds, so it is tested without a store.
 */

/** One of the person's addresses an organisation wrote to. */
export interface WroteTo {
  readonly address: string;
  /** The identity it is, or null for the person's own address (a vault e-mail fact, their mailbox). */
  readonly identityId: number | null;
  /** The provider the address was given to, when it is such an alias. */
  readonly givenTo: { readonly providerId: number; readonly name: string } | null;
  readonly messages: number;
  /**
   * The address was given to another provider, and this organisation used it: a leak, the thing
   * per-provider identities are there to show.
   */
  readonly leak: boolean;
}

/** An organisation that wrote to the person and is not in the ledger. */
export interface DiscoveredOrganisation {
  /** Its registrable domain, from the From addresses: what `add` and `dismiss` take. */
  readonly domain: string;
  /** The directory's name for it, else the display name its mail used most, else the domain. */
  readonly name: string;
  readonly messages: number;
  readonly firstAt: string;
  readonly lastAt: string;
  /** The person's addresses it wrote to, most messages first. */
  readonly wroteTo: readonly WroteTo[];
  /** Whether it wrote to an address given to another provider. */
  readonly leak: boolean;
  /** Subjects of its newest messages, at most three. */
  readonly subjects: readonly string[];
  /** The directory's entry for it, when one has its domain: where a request would go. */
  readonly directory: {
    readonly slug: string;
    readonly name: string;
    /** Whether the directory knows a privacy contact (e-mail, web form or postal address). */
    readonly hasPrivacyContact: boolean;
  } | null;
  readonly dismissed: boolean;
}

/** What the ledger and the person's identities say, for telling which senders are new. */
export interface Known {
  /** Domains of the person's own addresses: never an organisation that wrote to them. */
  readonly ownDomains: ReadonlySet<string>;
  /** Whether an address is one of the person's own (a vault e-mail, an identity, their mailbox). */
  readonly isOwnAddress: (address: string) => boolean;
  /** Provider domains (theirs and their websites'), and domains of mail given to a provider. */
  readonly providerDomains: ReadonlySet<string>;
  /** Directory entries some provider was created from or linked to. */
  readonly providerSlugs: ReadonlySet<string>;
  readonly identities: ReadonlyMap<number, { readonly address: string; readonly providerId: number | null }>;
  readonly providerNames: ReadonlyMap<number, string>;
  readonly dismissed: ReadonlySet<string>;
}

const SUBJECTS = 3;

const domainOfAddress = (address: string): string =>
  address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** The recipients of a message that are the person's own address, read from its envelope. */
function ownRecipient(envelope: string | null, known: Known): string | null {
  if (envelope === null) return null;
  const e = JSON.parse(envelope) as Envelope;
  for (const text of [...e.deliveredTo, ...e.xOriginalTo, ...e.envelopeTo, ...e.to, ...e.cc]) {
    const address = parseAddress(text);
    if (address && known.isOwnAddress(address.key)) return address.key;
  }
  return null;
}

/** The organisation a message is from, by the From domain, or null when it names none. */
export function senderDomain(fromAddress: string, known: Known): string | null {
  const from = domainOfAddress(fromAddress);
  if (!from.includes('.') || bulkService(from) !== undefined) return null;
  const domain = organisationalDomain(from);
  if (isFreeMail(domain) || known.ownDomains.has(domain)) return null;
  return domain;
}

interface Group {
  readonly domain: string;
  readonly rows: UnassignedMessage[];
  readonly reached: Map<string, { identityId: number | null; messages: number; leak: boolean }>;
}

/** Whether a domain, or a parent of it, is a provider's. */
const isProviderDomain = (domain: string, known: Known): boolean =>
  [...domainsUp(domain)].some((d) => known.providerDomains.has(d));

function* domainsUp(domain: string): Generator<string> {
  const labels = domain.split('.');
  for (let i = 0; i <= labels.length - 2; i++) yield labels.slice(i).join('.');
}

/** The directory's entry for a group: by its domain, else the one classification matched by other clues. */
function entryOf(group: Group): DirectoryEntry | undefined {
  const byDomain = directoryEntryForDomain(group.domain);
  if (byDomain) return byDomain;
  const slugs = new Set(group.rows.map((r) => r.senderKey).filter((k) => k.startsWith('directory:')));
  const only = slugs.size === 1 ? [...slugs][0]?.slice('directory:'.length) : undefined;
  return only ? directoryEntry(only) : undefined;
}

/** The display name used most in From, ties to the newest. */
function mostUsedName(rows: readonly UnassignedMessage[]): string | undefined {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const name = r.fromName?.trim();
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of counts) if (!best || entry[1] >= best[1]) best = entry;
  return best?.[0];
}

function view(group: Group, entry: DirectoryEntry | undefined, known: Known): DiscoveredOrganisation {
  const rows = group.rows;
  const dates = rows.map((r) => r.at).sort();
  const wroteTo = [...group.reached]
    .map(([address, r]): WroteTo => {
      const identity = r.identityId === null ? undefined : known.identities.get(r.identityId);
      const providerId = identity?.providerId ?? null;
      return {
        address,
        identityId: r.identityId,
        givenTo: providerId === null ? null : { providerId, name: known.providerNames.get(providerId) ?? '' },
        messages: r.messages,
        leak: r.leak,
      };
    })
    .sort((a, b) => b.messages - a.messages || a.address.localeCompare(b.address));
  return {
    domain: group.domain,
    name: entry?.name ?? mostUsedName(rows) ?? group.domain,
    messages: rows.length,
    firstAt: dates[0] ?? '',
    lastAt: dates.at(-1) ?? '',
    wroteTo,
    leak: wroteTo.some((w) => w.leak),
    subjects: [...rows]
      .sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id)
      .map((r) => r.subject.trim() || '(no subject)')
      .filter((s, i, all) => all.indexOf(s) === i)
      .slice(0, SUBJECTS),
    directory: entry
      ? {
          slug: entry.slug,
          name: entry.name,
          hasPrivacyContact: Boolean(entry.email ?? entry.webform ?? entry.address),
        }
      : null,
    dismissed: known.dismissed.has(group.domain),
  };
}

/**
 * The organisations that wrote to the person's addresses and are not in the ledger, most messages
 * first. A message counts when it reached one of the person's addresses; its organisation is the
 * registrable domain of its From address. Left out: bulk-mail services (the From domain is who
 * wrote, never the service that carried it), free-mail providers, the person's own domains, and
 * every domain that a provider has or that a provider's mail came from.
 */
export function discoverOrganisations(
  messages: readonly UnassignedMessage[],
  known: Known,
): DiscoveredOrganisation[] {
  const groups = new Map<string, Group>();
  for (const row of messages) {
    const domain = senderDomain(row.fromAddress, known);
    if (domain === null || isProviderDomain(domain, known)) continue;
    const address = row.identityAddress ?? ownRecipient(row.envelope, known);
    if (address === null) continue;
    let group = groups.get(domain);
    if (!group) {
      group = { domain, rows: [], reached: new Map() };
      groups.set(domain, group);
    }
    group.rows.push(row);
    const reached = group.reached.get(address) ?? { identityId: row.identityId, messages: 0, leak: false };
    reached.messages++;
    reached.leak ||= row.leak;
    group.reached.set(address, reached);
  }
  const found: DiscoveredOrganisation[] = [];
  for (const group of groups.values()) {
    const entry = entryOf(group);
    if (entry && known.providerSlugs.has(entry.slug)) continue;
    found.push(view(group, entry, known));
  }
  return found.sort(
    (a, b) => b.messages - a.messages || b.lastAt.localeCompare(a.lastAt) || a.domain.localeCompare(b.domain),
  );
}
