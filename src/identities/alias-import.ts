import { bestDirectoryMatch, directoryEntry, providerFieldsFrom } from '../directory/directory.js';
import type { Clock } from '../platform/clock.js';
import { todayUtc } from '../platform/dates.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { notFound, VrmError } from '../platform/errors.js';
import type { Provider, ProviderService } from '../providers/service.js';
import { csvLines, csvRecords } from './csv-records.js';
import type { IdentityLedger } from './ledger.js';
import { parseAddress, providerSlug } from './matching.js';
import { IdentityRepository, type IdentityRow } from './repository.js';

/**
 * Imports the alias exports of alias services, SimpleLogin (`alias,note,enabled,mailboxes`) and
 * addy.io (its export holds every column of an alias: `email`, `active`, `description`,
 * `deleted_at`, …). Each alias is matched to a provider by a guess the person reviews:
 *
 * 1. the note names a provider of the ledger (its name, or one of its mail domains);
 * 2. the alias's local part holds a provider's mail domain or name (`acme_com.x7@…`, `acme.x7@…`);
 * 3. the note or the local part names an organisation of the directory (the provider is made from
 *    the directory entry when the person confirms).
 *
 * Imported aliases wait in the review queue (`suggested` or `unmatched`); confirming one records it
 * as disclosed to its provider. A bad row is reported by its line and skipped; the good rows are
 * written in one transaction. An alias already in the store is a duplicate and is left as it is.
 */
export type AliasFormat = 'simplelogin' | 'addy';

export interface ImportProblem {
  readonly line: number;
  readonly message: string;
}

export interface AliasImportReport {
  readonly file: string;
  readonly format: AliasFormat;
  readonly rows: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly suggested: number;
  readonly unmatched: number;
  /** Each problem names the file and the line: `aliases.csv: line 7: …`. */
  readonly problems: readonly ImportProblem[];
  readonly identities: readonly IdentityRow[];
}

interface Row {
  readonly line: number;
  readonly address: string;
  readonly note: string | null;
  readonly enabled: boolean;
}

const DIRECTORY_TAG = /\[directory:([a-z0-9-]+)\]$/;

const COLUMNS: Record<AliasFormat, { address: string; note: string; enabled: string; deleted?: string }> = {
  simplelogin: { address: 'alias', note: 'note', enabled: 'enabled' },
  addy: { address: 'email', note: 'description', enabled: 'active', deleted: 'deleted_at' },
};

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off', '']);

/**
 * The header and the rows of an export. Every line that starts a record ends up either as a row or
 * as a problem naming it; a file whose header cannot be read is refused as a whole.
 */
function readRows(
  text: string,
  file: string,
  wanted: AliasFormat | 'auto',
): { format: AliasFormat; rows: Row[]; problems: ImportProblem[]; count: number } {
  const lines = csvLines(text);
  const first = csvRecords(lines, 0, () => false).next();
  if (first.done)
    throw new VrmError('invalid_input', `${file}: line 1: the file is empty; expected a header line`);
  const top = first.value;
  if (top.problem !== undefined)
    throw new VrmError(
      'invalid_input',
      `${file}: line ${top.line}: the header cannot be read: ${top.problem}`,
    );
  const header = top.cells.map((h) => h.trim().toLowerCase());
  const format = detect(header, file, wanted);
  const check = rowCheck(format, header);
  const rows: Row[] = [];
  const problems: ImportProblem[] = [];
  const bad = (line: number, message: string) =>
    problems.push({ line, message: `${file}: line ${line}: ${message}` });
  for (const record of csvRecords(lines, top.lastLine, (cells) => typeof check(cells) !== 'string')) {
    if (record.problem !== undefined) {
      bad(record.line, record.problem);
      continue;
    }
    const row = check(record.cells);
    if (typeof row === 'string') bad(record.line, row);
    else rows.push({ line: record.line, ...row });
  }
  return { format, rows, problems, count: rows.length + problems.length };
}

/** Reads one row's cells in the format's columns: the row, or what is wrong with it. */
function rowCheck(format: AliasFormat, header: readonly string[]) {
  const columns = COLUMNS[format];
  const at = (name: string) => header.indexOf(name);
  return (cells: readonly string[]): Omit<Row, 'line'> | string => {
    if (format === 'simplelogin' && cells.length !== header.length)
      return `expected ${header.length} fields (${header.join(',')}), found ${cells.length}`;
    const address = (cells[at(columns.address)] ?? '').trim();
    if (!parseAddress(address)) {
      return address === ''
        ? `${columns.address} is empty`
        : `${columns.address} "${address}" is not an e-mail address`;
    }
    const flag = (cells[at(columns.enabled)] ?? '').trim().toLowerCase();
    if (!TRUE.has(flag) && !FALSE.has(flag)) return `${columns.enabled} must be true or false, not "${flag}"`;
    const deleted = columns.deleted === undefined ? '' : (cells[at(columns.deleted)] ?? '').trim();
    const note = (cells[at(columns.note)] ?? '').trim();
    return { address, note: note === '' ? null : note, enabled: TRUE.has(flag) && deleted === '' };
  };
}

function detect(header: readonly string[], file: string, wanted: AliasFormat | 'auto'): AliasFormat {
  const has = (format: AliasFormat) =>
    [COLUMNS[format].address, COLUMNS[format].note, COLUMNS[format].enabled].every((c) => header.includes(c));
  const format =
    wanted === 'auto' ? (has('simplelogin') ? 'simplelogin' : has('addy') ? 'addy' : null) : wanted;
  if (!format || !has(format)) {
    throw new VrmError(
      'invalid_input',
      `${file}: line 1: the header (${header.join(',')}) is ${wanted === 'auto' ? 'neither' : 'not'} SimpleLogin's export (alias,note,enabled,mailboxes)${wanted === 'auto' ? " nor addy.io's (email, active, description, …)" : wanted === 'addy' ? " but addy.io's (email, active, description, …)" : ''}`,
    );
  }
  return format;
}

/** Splits a local part or a note into words worth matching (`acme_com.k3` → acme, com, k3). */
const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3);

const domainLabel = (domain: string): string => domain.replace(/^www\./, '').split('.')[0] ?? domain;

export class AliasImportService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
    private readonly ledger: IdentityLedger,
  ) {}

  private readonly repo = (db: Db = this.db) => new IdentityRepository(db);

  /**
   * Imports an alias export. Throws only when the file as a whole cannot be read (no header, an
   * unknown header); every other problem is reported by line and the row is skipped.
   *
   * @example await aliasImport.importCsv(readFileSync('aliases.csv', 'utf8'), { file: 'aliases.csv' })
   */
  async importCsv(
    text: string,
    options: { file?: string; format?: AliasFormat | 'auto' } = {},
  ): Promise<AliasImportReport> {
    const file = options.file ?? 'aliases.csv';
    const { format, rows, problems, count } = readRows(text, file, options.format ?? 'auto');

    const providers = await this.providers.list();
    const now = this.clock().toISOString();
    let duplicates = 0;
    const fresh: { row: Row; key: string; guess: Guess }[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      const key = parseAddress(row.address)?.key ?? row.address.toLowerCase();
      if (seen.has(key) || (await this.repo().byKey('email', key))) {
        duplicates++;
        continue;
      }
      seen.add(key);
      fresh.push({ row, key, guess: guess(row, providers) });
    }
    const ids = await inTransaction(this.db, async (trx) => {
      const repo = this.repo(trx);
      const out: number[] = [];
      for (const { row, key, guess: g } of fresh) {
        out.push(
          await repo.insert({
            providerId: g.providerId,
            kind: 'email',
            value: row.address,
            matchKey: key,
            origin: format,
            strategyId: null,
            factId: null,
            tag: parseAddress(row.address)?.tag ?? null,
            enabled: row.enabled,
            review: g.reason === null ? 'unmatched' : 'suggested',
            reviewReason: g.reason,
            note: row.note,
            createdAt: now,
            retiredAt: row.enabled ? null : now,
          }),
        );
      }
      return out;
    });
    const identities = await Promise.all(ids.map(async (id) => (await this.repo().find(id)) as IdentityRow));
    return {
      file,
      format,
      rows: count,
      imported: identities.length,
      duplicates,
      suggested: identities.filter((i) => i.review === 'suggested').length,
      unmatched: identities.filter((i) => i.review === 'unmatched').length,
      problems,
      identities,
    };
  }

  /** Imported aliases waiting for the person: suggested matches and aliases with no match. */
  queue(): Promise<IdentityRow[]> {
    return this.repo().reviewQueue();
  }

  /**
   * Confirms an imported alias for a provider: the suggested one, or another named. A suggestion
   * from the directory makes the provider from its entry first (or takes the one already linked).
   * Confirming records the alias as disclosed to the provider.
   */
  async confirm(id: number, options: { provider?: number | string | null } = {}): Promise<IdentityRow> {
    const identity = await this.identity(id);
    if (identity.review === 'confirmed')
      throw new VrmError('conflict', `identity ${id} is confirmed already`);
    let providerId: number | null = null;
    if (options.provider != null) providerId = await this.providers.resolve(options.provider);
    else if (identity.providerId !== null) providerId = identity.providerId;
    else {
      const slug = DIRECTORY_TAG.exec(identity.reviewReason ?? '')?.[1];
      if (!slug) {
        throw new VrmError(
          'invalid_input',
          `identity ${id} has no suggested provider: name the provider it was given to`,
        );
      }
      const linked = (await this.providers.list()).find((p) => p.directorySlug === slug);
      providerId = linked?.id ?? (await this.providers.add(providerFieldsFrom(directoryEntry(slug)))).id;
    }
    const now = this.clock().toISOString();
    await inTransaction(this.db, async (trx) => {
      await this.repo(trx).confirm(id, providerId);
      await this.ledger.recordGiven(trx, {
        identityId: id,
        providerId,
        on: todayUtc(this.clock()),
        at: now,
        note: `alias imported from ${identity.origin === 'addy' ? 'addy.io' : 'SimpleLogin'}`,
      });
    });
    return this.identity(id);
  }

  /** Rejects a suggestion: the alias stays, with no provider, until the person names one. */
  async reject(id: number): Promise<IdentityRow> {
    const identity = await this.identity(id);
    if (identity.review === 'confirmed') {
      throw new VrmError('conflict', `identity ${id} is confirmed: it was recorded as given to its provider`);
    }
    await this.repo().unmatch(id);
    return this.identity(id);
  }

  private async identity(id: number): Promise<IdentityRow> {
    const row = await this.repo().find(id);
    if (!row) throw notFound('identity', id);
    return row;
  }
}

interface Guess {
  readonly providerId: number | null;
  /** Why the match was suggested; null when nothing matched. */
  readonly reason: string | null;
}

/** The most certain match for an alias, with the reason (see the rules above). */
function guess(row: Row, providers: readonly Provider[]): Guess {
  const note = (row.note ?? '').toLowerCase();
  const local = (parseAddress(row.address)?.local ?? '').toLowerCase();
  if (note !== '') {
    for (const p of providers) {
      const domain = p.domains.find((d) => note.includes(d));
      if (domain) return { providerId: p.id, reason: `the note mentions ${domain}, a domain of ${p.name}` };
    }
    for (const p of providers) {
      const name = p.name.toLowerCase();
      if (
        new RegExp(
          `(^|[^\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`,
          'u',
        ).test(note)
      ) {
        return { providerId: p.id, reason: `the note names ${p.name}` };
      }
    }
  }
  const localWords = words(local);
  for (const p of providers) {
    const domain = p.domains.find((d) => local.includes(d.replace(/\./g, '_')) || local.includes(d));
    if (domain) return { providerId: p.id, reason: `the alias holds ${domain}, a domain of ${p.name}` };
  }
  for (const p of providers) {
    const labels = [providerSlug(p.name), ...p.domains.map(domainLabel)].filter((l) => l.length >= 4);
    const label = labels.find((l) => localWords.includes(l));
    if (label) return { providerId: p.id, reason: `the alias holds "${label}", which names ${p.name}` };
  }
  for (const [source, text] of [
    ['note', note],
    ['alias', local],
  ] as const) {
    for (const word of words(text)) {
      if (word.length < 4) continue;
      const entry = bestDirectoryMatch(word);
      if (!entry) continue;
      const names = [entry.name, ...(entry.runs ?? [])].map((n) => n.toLowerCase());
      const web = domainLabel((entry.web ?? '').replace(/^[a-z]+:\/\//i, '').toLowerCase());
      // A name or brand that is the word itself, or a web site named by it; a name merely
      // starting with a common word ("Read It Later" for "read") is not enough.
      if (names.includes(word) || web === word) {
        return {
          providerId: null,
          reason: `the ${source} names ${entry.name} in the directory [directory:${entry.slug}]`,
        };
      }
    }
  }
  return { providerId: null, reason: null };
}
