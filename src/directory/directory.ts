import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { VrmError } from '../platform/errors.js';

/**
 * The organisation directory: 3,069 organisations and 57 data protection authorities, with their
 * privacy contacts, from the CC0 database of datarequests.org (see data/directory/SOURCE.md).
 * It ships inside vrm and is read from disk on first use: searching it never leaves the machine.
 */
export interface DirectoryEntry {
  readonly slug: string;
  readonly name: string;
  /** Brands and services the organisation is responsible for. */
  readonly runs?: readonly string[];
  readonly web?: string;
  /** The privacy contact. */
  readonly email?: string;
  readonly phone?: string;
  readonly address?: string;
  readonly webform?: string;
  /** ISO 3166-1 alpha-2 codes in lower case, or "all". */
  readonly countries?: readonly string[];
  readonly categories?: readonly string[];
}

// From dist/cli/ and from src/directory/ alike, the data is two folders up.
const DATA = new URL('../../data/directory/', import.meta.url);

let organisations: readonly DirectoryEntry[] | undefined;

function load(): readonly DirectoryEntry[] {
  organisations ??= JSON.parse(
    gunzipSync(readFileSync(new URL('organisations.json.gz', DATA))).toString('utf8'),
  ) as DirectoryEntry[];
  return organisations;
}

const fold = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The host of a website as a domain: `https://www.acme.example/about` → `acme.example`. */
export const domainOf = (web: string | null | undefined): string =>
  web
    ? (web
        .replace(/^[a-z]+:\/\//i, '')
        .replace(/^www\./i, '')
        .split('/')[0]
        ?.toLowerCase() ?? '')
    : '';

/**
 * Ranks entries for a search: an exact name first, then names that start with the text, then
 * names, brands or web domains that contain a word starting with it, then any that contain it.
 */
export function searchDirectory(
  text: string,
  options: { limit?: number; country?: string } = {},
): DirectoryEntry[] {
  const query = fold(text.trim());
  if (query.length < 2) throw new VrmError('invalid_input', 'search text must have at least 2 characters');
  const country = options.country?.toLowerCase();
  const scored: { entry: DirectoryEntry; score: number }[] = [];
  for (const entry of load()) {
    if (country && entry.countries && !entry.countries.includes(country) && !entry.countries.includes('all'))
      continue;
    const names = [entry.name, ...(entry.runs ?? [])].map(fold);
    const domain = domainOf(entry.web);
    const name = names[0] ?? '';
    const score =
      name === query
        ? 0
        : name.startsWith(query)
          ? 1
          : names.some((n) => n.split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(query))) ||
              domain.startsWith(query)
            ? 2
            : names.some((n) => n.includes(query)) || domain.includes(query)
              ? 3
              : -1;
    if (score >= 0) scored.push({ entry, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.entry.name.localeCompare(b.entry.name))
    .slice(0, options.limit ?? 20)
    .map((s) => s.entry);
}

export function directoryEntry(slug: string): DirectoryEntry {
  const entry = load().find((e) => e.slug === slug);
  if (!entry) throw new VrmError('not_found', `no organisation "${slug}" in the directory`);
  return entry;
}

/** The provider fields a directory entry fills in, in the ledger's shape. */
export function providerFieldsFrom(entry: DirectoryEntry) {
  const countries = (entry.countries ?? []).filter((c) => c !== 'all');
  const domain = domainOf(entry.web);
  return {
    name: entry.name,
    website: entry.web,
    privacyEmail: entry.email,
    phone: entry.phone,
    postalAddress: entry.address,
    webForm: entry.webform,
    category: entry.categories?.[0],
    country: countries.length === 1 ? countries[0]?.toUpperCase() : undefined,
    domains: domain ? [domain] : [],
    directorySlug: entry.slug,
  };
}

/** Mail and web hosts that many unrelated organisations use: never a sign of which one wrote. */
const SHARED_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'gmx.de', 'gmx.net', 'web.de',
  't-online.de', 'icloud.com', 'aol.com', 'posteo.de', 'mailbox.org', 'protonmail.com', 'proton.me',
  'facebook.com', 'google.com', 'github.io', 'wordpress.com', 'blogspot.com', 'sites.google.com',
]); // prettier-ignore

let byDomain: ReadonlyMap<string, DirectoryEntry> | undefined;

/**
 * The directory's organisations by web domain, for telling who sent a message (mail from
 * `news.acme.example` is Acme's when Acme's website is acme.example). A domain two organisations
 * share is left out: it cannot say which of them wrote.
 */
export function directoryByDomain(): ReadonlyMap<string, DirectoryEntry> {
  if (byDomain) return byDomain;
  const found = new Map<string, DirectoryEntry | null>();
  const add = (domain: string, entry: DirectoryEntry) => {
    if (!domain || SHARED_DOMAINS.has(domain) || !domain.includes('.')) return;
    const seen = found.get(domain);
    found.set(domain, seen === undefined || seen?.slug === entry.slug ? entry : null);
  };
  for (const entry of load()) add(domainOf(entry.web), entry);
  byDomain = new Map([...found].filter((e): e is [string, DirectoryEntry] => e[1] !== null));
  return byDomain;
}
