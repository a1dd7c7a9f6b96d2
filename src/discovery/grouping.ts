import { directoryEntryForDomain, type DirectoryEntry } from '../directory/directory.js';
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
  /** What the address is to the person: `given to Acme`, `your personal address`, `your address`. */
  readonly label: string;
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
  /** The labels of the vault's e-mail facts, by address (`personal`, `work`). */
  readonly factLabels: ReadonlyMap<string, string>;
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
function ownRecipient(e: Envelope, known: Known): string | null {
  for (const text of [...e.deliveredTo, ...e.xOriginalTo, ...e.envelopeTo, ...e.to, ...e.cc]) {
    const address = parseAddress(text);
    if (address && known.isOwnAddress(address.key)) return address.key;
  }
  return null;
}

/** The organisation of a host name, or null for none, a bulk-mail service, free mail or the person's own. */
function organisationOf(host: string, known: Known): string | null {
  if (!host.includes('.') || bulkService(host) !== undefined) return null;
  const domain = organisationalDomain(host);
  if (isFreeMail(domain) || known.ownDomains.has(domain)) return null;
  return domain;
}

/** The organisation a message is from, by the From domain, or null when it names none. */
export function senderDomain(fromAddress: string, known: Known): string | null {
  return organisationOf(domainOfAddress(fromAddress), known);
}

/**
 * The host of the discussion list that relayed a member's post, or null. A list server (Mailman,
 * ezmlm, Google Groups) resends each post with the member's From but its own Sender and List-Id:
 * the member holds nothing of the person's, the list's operator holds their address. A shop's
 * newsletter names the shop or its bulk-mail service in both, so it stays the shop's.
 */
function listRelay(e: Envelope, fromAddress: string): string | null {
  if (e.listId === null || e.sender === null || !e.listId.includes('.')) return null;
  const list = organisationalDomain(e.listId.toLowerCase());
  const sender = organisationalDomain(domainOfAddress(e.sender));
  const from = organisationalDomain(domainOfAddress(fromAddress));
  return sender === list && list !== from ? e.listId.toLowerCase() : null;
}

interface Group {
  readonly domain: string;
  readonly rows: UnassignedMessage[];
  /** The From display names of its own messages (not of members' posts a list relayed). */
  readonly names: (string | null)[];
  readonly reached: Map<string, { identityId: number | null; messages: number; leak: boolean }>;
}

/** Whether a domain, or a parent of it, is a provider's. */
const isProviderDomain = (domain: string, known: Known): boolean =>
  [...domainsUp(domain)].some((d) => known.providerDomains.has(d));

function* domainsUp(domain: string): Generator<string> {
  const labels = domain.split('.');
  for (let i = 0; i <= labels.length - 2; i++) yield labels.slice(i).join('.');
}

/** The display name used most in From, ties to the newest. */
function mostUsedName(names: readonly (string | null)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const n of names) {
    const name = n?.trim();
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
      const providerName = providerId === null ? '' : (known.providerNames.get(providerId) ?? '');
      const factLabel = known.factLabels.get(address);
      return {
        address,
        label:
          providerId !== null
            ? `given to ${providerName}`
            : factLabel !== undefined
              ? `your ${factLabel} address`
              : 'your address',
        identityId: r.identityId,
        givenTo: providerId === null ? null : { providerId, name: providerName },
        messages: r.messages,
        leak: r.leak,
      };
    })
    .sort((a, b) => b.messages - a.messages || a.address.localeCompare(b.address));
  return {
    domain: group.domain,
    name: entry?.name ?? mostUsedName(group.names) ?? group.domain,
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
    const envelope = JSON.parse(row.envelope) as Envelope;
    const relay = listRelay(envelope, row.fromAddress);
    const domain = relay === null ? senderDomain(row.fromAddress, known) : organisationOf(relay, known);
    if (domain === null || isProviderDomain(domain, known)) continue;
    const address = row.identityAddress ?? ownRecipient(envelope, known);
    if (address === null) continue;
    let group = groups.get(domain);
    if (!group) {
      group = { domain, rows: [], names: [], reached: new Map() };
      groups.set(domain, group);
    }
    group.rows.push(row);
    if (relay === null) group.names.push(row.fromName);
    const reached = group.reached.get(address) ?? { identityId: row.identityId, messages: 0, leak: false };
    reached.messages++;
    reached.leak ||= row.leak;
    group.reached.set(address, reached);
  }
  const found: DiscoveredOrganisation[] = [];
  for (const group of groups.values()) {
    const entry = directoryEntryForDomain(group.domain);
    if (entry && known.providerSlugs.has(entry.slug)) continue;
    found.push(view(group, entry, known));
  }
  return found.sort(
    (a, b) => b.messages - a.messages || b.lastAt.localeCompare(a.lastAt) || a.domain.localeCompare(b.domain),
  );
}
