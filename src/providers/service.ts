import { sql, type Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { Database } from '../platform/db/schema.js';
import { directoryEntry } from '../directory/directory.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { NOUN } from './ledger.js';
import { TableRepository, type Row } from './repository.js';
import {
  providerCreate,
  providerUpdate,
  PROVIDER_STATUSES,
  type ProviderCreate,
  type ProviderUpdate,
} from './schemas.js';

export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

export interface Provider extends Omit<Row<'providers'>, 'status'> {
  readonly status: ProviderStatus;
  readonly domains: readonly string[];
}

export interface ProviderFilter {
  readonly status?: string | undefined;
  readonly category?: string | undefined;
  /** Matches the name, a domain or the category, ignoring case. */
  readonly search?: string | undefined;
}

/** A LIKE pattern (used with `ESCAPE '\\'`) matching text that contains `text` literally. */
const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** What still refers to a provider, and so stops it being deleted without `cascade`. */
// Disclosures come before identities: a disclosure may name one of the provider's identities.
/** In the order they are deleted by a cascade: what refers to another row goes before it. */
const DEPENDANTS = [
  'consent_receipts',
  'disclosure_packages',
  'disclosures',
  'agreements',
  'disclosure_policies',
  'identities',
  'documents',
  'interactions',
  'contracts',
  'cases',
  'accounts',
] as const;

/**
 * Organisations the person deals with. A provider is found by its id or its name, so the CLI can
 * say `--provider acme` as well as `--provider 3`.
 */
export class ProviderService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async add(input: ProviderCreate): Promise<Provider> {
    const parsed = parseInput(providerCreate, input, 'provider');
    if (parsed.directorySlug) directoryEntry(parsed.directorySlug);
    const now = this.clock().toISOString();
    const { domains = [], ...fields } = parsed;
    const id = await this.db.transaction().execute(async (trx) => {
      await this.assertNameFree(trx, parsed.name);
      const providerId = await new TableRepository(trx, 'providers').insert({
        ...fields,
        status: parsed.status ?? 'active',
        createdAt: now,
        updatedAt: now,
      });
      await this.replaceDomains(trx, providerId, domains);
      return providerId;
    });
    return this.get(id);
  }

  async list(filter: ProviderFilter = {}): Promise<Provider[]> {
    let query = this.db.selectFrom('providers').selectAll();
    if (filter.status !== undefined) {
      const status = filter.status;
      if (!(PROVIDER_STATUSES as readonly string[]).includes(status)) {
        throw new VrmError(
          'invalid_input',
          `status must be one of ${PROVIDER_STATUSES.join(', ')}, got "${status}"`,
        );
      }
      query = query.where('status', '=', status);
    }
    if (filter.category !== undefined)
      query = query.where('category', '=', filter.category.trim().toLowerCase());
    if (filter.search !== undefined && filter.search.trim() !== '') {
      const pattern = containsPattern(filter.search.normalize('NFC').trim());
      query = query.where((eb) =>
        eb.or([
          sql<boolean>`lower(name) LIKE lower(${pattern}) ESCAPE '\\'`,
          sql<boolean>`category LIKE ${pattern} ESCAPE '\\'`,
          eb.exists(
            eb
              .selectFrom('provider_domains')
              .select('provider_domains.id')
              .whereRef('provider_domains.providerId', '=', 'providers.id')
              .where(sql<boolean>`provider_domains.domain LIKE ${pattern} ESCAPE '\\'`),
          ),
        ]),
      );
    }
    const rows = await query.orderBy('name').execute();
    const domains = await this.domainsOf(rows.map((r) => r.id));
    return rows.map((row) => ({
      ...row,
      status: row.status as ProviderStatus,
      domains: domains.get(row.id) ?? [],
    }));
  }

  async get(ref: number | string): Promise<Provider> {
    const id = await this.resolve(ref);
    const row = await new TableRepository(this.db, 'providers').find(id);
    if (!row) throw notFound('provider', id);
    return {
      ...row,
      status: row.status as ProviderStatus,
      domains: (await this.domainsOf([id])).get(id) ?? [],
    };
  }

  /** A provider's id from its id, its name (ignoring case), or a part of its name that is unique. */
  async resolve(ref: number | string): Promise<number> {
    const text = String(ref).normalize('NFC').trim();
    if (/^\d+$/.test(text)) {
      const row = await this.db
        .selectFrom('providers')
        .select('id')
        .where('id', '=', Number(text))
        .executeTakeFirst();
      if (row) return row.id;
    }
    const byName = await this.db
      .selectFrom('providers')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', text.toLowerCase()))
      .executeTakeFirst();
    if (byName) return byName.id;
    // Then a unique partial match, so `acme` finds "Acme Energy Ltd" when nothing else matches.
    const pattern = containsPattern(text.toLowerCase());
    const partial = await this.db
      .selectFrom('providers')
      .select(['id', 'name'])
      .where(sql<boolean>`lower(name) LIKE ${pattern} ESCAPE '\\'`)
      .orderBy('name')
      .limit(6)
      .execute();
    const [only, ...others] = partial;
    if (only && others.length === 0) return only.id;
    if (only) {
      const names = partial.slice(0, 5).map((p) => `${p.name} (${p.id})`);
      throw new VrmError(
        'invalid_input',
        `"${text}" matches several providers: ${names.join(', ')}; be more specific`,
      );
    }
    throw new VrmError('not_found', `no provider with id or name "${text}"`);
  }

  async update(ref: number | string, input: ProviderUpdate): Promise<Provider> {
    const id = await this.resolve(ref);
    const parsed = parseInput(providerUpdate, input, 'provider');
    if (parsed.directorySlug) directoryEntry(parsed.directorySlug);
    const { domains, ...fields } = parsed;
    await this.db.transaction().execute(async (trx) => {
      if (fields.name !== undefined) await this.assertNameFree(trx, fields.name, id);
      await new TableRepository(trx, 'providers').update(id, {
        ...fields,
        updatedAt: this.clock().toISOString(),
      });
      if (domains !== undefined) await this.replaceDomains(trx, id, domains);
    });
    return this.get(id);
  }

  /** A provider the person no longer deals with stays in the ledger, with status `former`. */
  retire(ref: number | string): Promise<Provider> {
    return this.update(ref, { status: 'former' });
  }

  /**
   * Deletes a provider. One with accounts, contracts, cases, interactions or documents is only
   * deleted with `cascade`, which deletes those too, in one transaction.
   */
  async delete(ref: number | string, options: { cascade?: boolean } = {}): Promise<void> {
    const id = await this.resolve(ref);
    await this.db.transaction().execute(async (trx) => {
      const counts = await Promise.all(
        DEPENDANTS.map((t) => new TableRepository(trx, t).countByProvider(id)),
      );
      const held = DEPENDANTS.map((t, i) => [t, counts[i] ?? 0] as const).filter(([, n]) => n > 0);
      if (held.length > 0 && !options.cascade) {
        const what = held
          .map(
            ([t, n]) =>
              `${n} ${n === 1 ? NOUN[t] : t === 'disclosure_policies' ? 'disclosure policies' : t.replace(/_/g, ' ')}`,
          )
          .join(', ');
        throw new VrmError(
          'conflict',
          `provider ${id} still has ${what}: retire it instead, or delete with cascade to remove them too`,
        );
      }
      for (const table of DEPENDANTS) {
        await trx.deleteFrom(table).where('providerId', '=', id).execute();
      }
      await trx.deleteFrom('provider_domains').where('providerId', '=', id).execute();
      await trx.deleteFrom('providers').where('id', '=', id).execute();
    });
  }

  /** The provider that uses a mail domain (or a parent of it: `mail.example.com` → `example.com`). */
  async findByDomain(domain: string): Promise<Provider | undefined> {
    const labels = domain.trim().toLowerCase().replace(/\.$/, '').split('.');
    const candidates = labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
    if (candidates.length === 0) return undefined;
    const rows = await this.db
      .selectFrom('provider_domains')
      .select(['providerId', 'domain'])
      .where('domain', 'in', candidates)
      .execute();
    const best = rows.sort((a, b) => b.domain.length - a.domain.length)[0];
    return best ? this.get(best.providerId) : undefined;
  }

  private async assertNameFree(db: Kysely<Database>, name: string, exceptId?: number): Promise<void> {
    const clash = await db
      .selectFrom('providers')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .executeTakeFirst();
    if (clash && clash.id !== exceptId) {
      throw new VrmError('conflict', `a provider named "${name}" already exists (id ${clash.id})`);
    }
  }

  private async replaceDomains(
    db: Kysely<Database>,
    providerId: number,
    domains: readonly string[],
  ): Promise<void> {
    const wanted = [...new Set(domains)];
    if (wanted.length > 0) {
      const taken = await db
        .selectFrom('provider_domains')
        .innerJoin('providers', 'providers.id', 'provider_domains.providerId')
        .select(['provider_domains.domain', 'providers.name', 'providers.id'])
        .where('provider_domains.domain', 'in', wanted)
        .where('provider_domains.providerId', '!=', providerId)
        .executeTakeFirst();
      if (taken) {
        throw new VrmError(
          'conflict',
          `domain ${taken.domain} already belongs to ${taken.name} (provider ${taken.id})`,
        );
      }
    }
    const current = (await this.domainsOf([providerId], db)).get(providerId) ?? [];
    const removed = current.filter((d) => !wanted.includes(d));
    const added = wanted.filter((d) => !current.includes(d));
    if (removed.length > 0) {
      await db
        .deleteFrom('provider_domains')
        .where('providerId', '=', providerId)
        .where('domain', 'in', removed)
        .execute();
    }
    if (added.length > 0) {
      await db
        .insertInto('provider_domains')
        .values(added.map((domain) => ({ providerId, domain })))
        .execute();
    }
  }

  private async domainsOf(
    ids: readonly number[],
    db: Kysely<Database> = this.db,
  ): Promise<Map<number, string[]>> {
    const map = new Map<number, string[]>();
    if (ids.length === 0) return map;
    const rows = await db
      .selectFrom('provider_domains')
      .select(['providerId', 'domain'])
      .where('providerId', 'in', ids)
      .orderBy('domain')
      .execute();
    for (const row of rows) map.set(row.providerId, [...(map.get(row.providerId) ?? []), row.domain]);
    return map;
  }
}
