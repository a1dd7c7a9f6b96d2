import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { VrmError } from '../platform/errors.js';
import { FREE_MAIL_DOMAINS } from './free-mail.js';

// From dist/cli/ and from src/directory/ alike, the data is two folders up.
const DATA = new URL('../../data/directory/', import.meta.url);

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
  /** How it prefers data-subject requests: by e-mail, letter, fax or its web form. */
  readonly medium?: 'email' | 'letter' | 'fax' | 'webform';
  /** The language it wants requests in (ISO 639-1), when it says. */
  readonly language?: string;
  /** What it asks a request to identify the person by; `optional` ones it takes when given. */
  readonly requiredElements?: readonly { readonly type: string; readonly optional?: boolean }[];
  /** Whether it asks for a copy of an ID document (often beyond what identification needs). */
  readonly needsIdDocument?: boolean;
  readonly fax?: string;
}

/** A data protection supervisory authority, where a complaint goes. */
export interface Authority {
  readonly slug: string;
  readonly name: string;
  readonly address?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly fax?: string;
  readonly web?: string;
  readonly webform?: string;
  /** ISO 3166-1 alpha-2 codes in lower case. */
  readonly countries: readonly string[];
  /** The language complaints are written in, when it says. */
  readonly language?: string;
}

let authorityList: readonly Authority[] | undefined;

/** The 57 supervisory authorities of the directory. */
export function authorities(): readonly Authority[] {
  authorityList ??= JSON.parse(
    gunzipSync(readFileSync(new URL('authorities.json.gz', DATA))).toString('utf8'),
  ) as Authority[];
  return authorityList;
}

/**
 * The supervisory authorities for a country (ISO 3166-1 alpha-2, any case): one for most, several
 * for Germany, whose authorities are per Land (and some for churches and broadcasters).
 *
 * @example authoritiesFor('GB')[0]?.name // → 'The Information Commissioner’s Office'
 */
export function authoritiesFor(country: string): readonly Authority[] {
  const code = country.trim().toLowerCase();
  return authorities().filter((a) => a.countries.includes(code));
}

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

/** An entry with what a search compares, folded once: its names and brands, and its web domain. */
interface Searchable {
  readonly entry: DirectoryEntry;
  /** Its place in the directory: equal names keep the directory's order. */
  readonly at: number;
  readonly names: readonly string[];
  /** The words of its names and brands. */
  readonly words: readonly string[];
  readonly domain: string;
}

/**
 * The directory read once into what searches need: every entry folded for comparing, by slug, and
 * under each token a search ranks by (a whole name, each word of a name or brand, the web domain),
 * the tokens sorted so that those starting with a text are found by binary search.
 * **Important**: an alias import looks up every word of every note; a scan of all 3,069 entries,
 * folding each, per word made it about 12 ms a row.
 */
interface DirectoryIndex {
  readonly entries: readonly Searchable[];
  readonly bySlug: ReadonlyMap<string, DirectoryEntry>;
  readonly tokens: readonly string[];
  readonly byToken: ReadonlyMap<string, readonly Searchable[]>;
}

let index: DirectoryIndex | undefined;

const wordsOf = (name: string): string[] => name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function directoryIndex(): DirectoryIndex {
  if (index) return index;
  const entries = load().map((entry, at) => {
    const names = [entry.name, ...(entry.runs ?? [])].map(fold);
    return { entry, at, names, words: names.flatMap(wordsOf), domain: domainOf(entry.web) };
  });
  const byToken = new Map<string, Searchable[]>();
  for (const s of entries) {
    const own = new Set([s.names[0] ?? '', ...s.words, s.domain]);
    for (const token of own) {
      if (token === '') continue;
      const found = byToken.get(token);
      if (found) found.push(s);
      else byToken.set(token, [s]);
    }
  }
  index = {
    entries,
    bySlug: new Map(entries.map((s) => [s.entry.slug, s.entry])),
    tokens: [...byToken.keys()].sort(),
    byToken,
  };
  return index;
}

/**
 * How well an entry answers a search: 0 for its exact name, 1 for a name that starts with the text,
 * 2 for a name, brand or web domain with a word starting with it, 3 for one that contains it, -1
 * for none.
 */
function score({ names, words, domain }: Searchable, query: string): number {
  const name = names[0] ?? '';
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  if (words.some((w) => w.startsWith(query)) || domain.startsWith(query)) return 2;
  return names.some((n) => n.includes(query)) || domain.includes(query) ? 3 : -1;
}

const byRank = (a: { s: Searchable; score: number }, b: { s: Searchable; score: number }): number =>
  a.score - b.score || a.s.entry.name.localeCompare(b.s.entry.name) || a.s.at - b.s.at;

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
  const scored: { s: Searchable; score: number }[] = [];
  for (const s of directoryIndex().entries) {
    const { countries } = s.entry;
    if (country && countries && !countries.includes(country) && !countries.includes('all')) continue;
    const found = score(s, query);
    if (found >= 0) scored.push({ s, score: found });
  }
  return scored
    .sort(byRank)
    .slice(0, options.limit ?? 20)
    .map(({ s }) => s.entry);
}

/**
 * What `searchDirectory(text, { limit: 1 })` ranks first, when it ranks it by a name, a brand or the
 * web domain (an exact name, a name or a word of one starting with the text): found through the
 * index, without a scan. A text only contained inside names (rank 3) finds nothing here.
 *
 * @example bestDirectoryMatch('netflix')?.slug // → the first of the Netflix entries
 */
export function bestDirectoryMatch(text: string): DirectoryEntry | undefined {
  const query = fold(text.trim());
  if (query.length < 2) return undefined;
  const { tokens, byToken } = directoryIndex();
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((tokens[mid] ?? '') < query) low = mid + 1;
    else high = mid;
  }
  let best: { s: Searchable; score: number } | undefined;
  for (let i = low; i < tokens.length && (tokens[i] ?? '').startsWith(query); i++) {
    for (const s of byToken.get(tokens[i] ?? '') ?? []) {
      const candidate = { s, score: score(s, query) };
      if (!best || byRank(candidate, best) < 0) best = candidate;
    }
  }
  return best?.s.entry;
}

/** The directory's categories (`insurance`, `telecommunication`…), sorted. */
export function directoryCategories(): readonly string[] {
  return [...new Set(directoryIndex().entries.flatMap((s) => s.entry.categories ?? []))].sort();
}

/** The directory's organisations of a category, by name. */
export function directoryEntriesIn(category: string): DirectoryEntry[] {
  return directoryIndex()
    .entries.filter((s) => s.entry.categories?.includes(category))
    .map((s) => s.entry)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function directoryEntry(slug: string): DirectoryEntry {
  const entry = directoryIndex().bySlug.get(slug);
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

/**
 * Mail and web hosts that many unrelated organisations use: never a sign of which one wrote. The
 * free-mail providers are kept in one list (free-mail.ts); the rest are hosts of sites and pages.
 */
const SHARED_DOMAINS: ReadonlySet<string> = new Set([
  ...FREE_MAIL_DOMAINS,
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

/**
 * The directory's organisation whose web domain is this domain or a parent of it (`news.acme.example`
 * → Acme when Acme's website is acme.example), or undefined. Shared hosts and free mail never match.
 *
 * @example directoryEntryForDomain('mail.zalando.de')?.slug // → 'zalando'
 */
export function directoryEntryForDomain(domain: string): DirectoryEntry | undefined {
  const labels = domain.trim().toLowerCase().replace(/\.$/, '').split('.');
  const known = directoryByDomain();
  for (let i = 0; i <= labels.length - 2; i++) {
    const entry = known.get(labels.slice(i).join('.'));
    if (entry) return entry;
  }
  return undefined;
}
