import type { Db } from '../../platform/db/handle.js';
import type { Row } from './table.js';
import { containsIgnoringCase, countAsNumber } from '../../platform/db/queries.js';

/** What a provider list is narrowed to; each field is optional and all given ones must hold. */
export interface ProviderCriteria {
  readonly status?: string | undefined;
  /** Lower-cased already. */
  readonly category?: string | undefined;
  /** Text the name (ignoring case), the category or a domain contains. */
  readonly search?: string | undefined;
}

/** A slice of an ordered list: at most `limit` rows after skipping `offset`. */
export interface Slice {
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

/** Queries on providers and their mail domains. */
export class ProviderRepository {
  constructor(private readonly db: Db) {}

  /** Providers matching the criteria, by name, sliced. */
  async list(criteria: ProviderCriteria, slice: Slice = {}): Promise<Row<'providers'>[]> {
    let query = this.matching(criteria).selectAll().orderBy('name').orderBy('id');
    if (slice.limit !== undefined) query = query.limit(slice.limit);
    // SQLite takes an OFFSET only after a LIMIT: an offset alone goes with a limit no store reaches.
    else if (slice.offset !== undefined) query = query.limit(Number.MAX_SAFE_INTEGER);
    if (slice.offset !== undefined) query = query.offset(slice.offset);
    return query.execute();
  }

  /** How many providers match the criteria, whatever the slice. */
  async count(criteria: ProviderCriteria): Promise<number> {
    const row = await this.matching(criteria)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return countAsNumber(row?.n ?? 0);
  }

  /** `id` when a provider has it. */
  async existingId(id: number): Promise<number | undefined> {
    const row = await this.db.selectFrom('providers').select('id').where('id', '=', id).executeTakeFirst();
    return row?.id;
  }

  /** The id of the provider with this name, ignoring case. */
  async idByName(name: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('providers')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .executeTakeFirst();
    return row?.id;
  }

  /** Up to `limit` providers whose name contains `text`, ignoring case, by name. */
  namesContaining(text: string, limit: number): Promise<{ id: number; name: string }[]> {
    // The text is lower-cased first, as it always was here; beyond ASCII that can miss a name.
    return this.db
      .selectFrom('providers')
      .select(['id', 'name'])
      .where((eb) => containsIgnoringCase(eb.ref('name'), text.toLowerCase()))
      .orderBy('name')
      .limit(limit)
      .execute();
  }

  /** Each provider's domains, alphabetically; providers without one are left out. */
  async domainsOf(providerIds: readonly number[]): Promise<Map<number, string[]>> {
    const map = new Map<number, string[]>();
    if (providerIds.length === 0) return map;
    const rows = await this.db
      .selectFrom('provider_domains')
      .select(['providerId', 'domain'])
      .where('providerId', 'in', providerIds)
      .orderBy('domain')
      .execute();
    for (const row of rows) map.set(row.providerId, [...(map.get(row.providerId) ?? []), row.domain]);
    return map;
  }

  /** One of `domains` that another provider than `providerId` already has, with that provider. */
  async domainHeldByOther(
    domains: readonly string[],
    providerId: number,
  ): Promise<{ domain: string; name: string; id: number } | undefined> {
    if (domains.length === 0) return undefined;
    return this.db
      .selectFrom('provider_domains')
      .innerJoin('providers', 'providers.id', 'provider_domains.providerId')
      .select(['provider_domains.domain', 'providers.name', 'providers.id'])
      .where('provider_domains.domain', 'in', domains)
      .where('provider_domains.providerId', '!=', providerId)
      .executeTakeFirst();
  }

  async addDomains(providerId: number, domains: readonly string[]): Promise<void> {
    if (domains.length === 0) return;
    await this.db
      .insertInto('provider_domains')
      .values(domains.map((domain) => ({ providerId, domain })))
      .execute();
  }

  async removeDomains(providerId: number, domains: readonly string[]): Promise<void> {
    if (domains.length === 0) return;
    await this.db
      .deleteFrom('provider_domains')
      .where('providerId', '=', providerId)
      .where('domain', 'in', domains)
      .execute();
  }

  /** Which providers hold any of these exact domains. */
  async holdersOf(domains: readonly string[]): Promise<{ providerId: number; domain: string }[]> {
    if (domains.length === 0) return [];
    return this.db
      .selectFrom('provider_domains')
      .select(['providerId', 'domain'])
      .where('domain', 'in', domains)
      .execute();
  }

  /** Deletes the provider and its domains; what else refers to it must be gone already. */
  async delete(providerId: number): Promise<void> {
    await this.db.deleteFrom('provider_domains').where('providerId', '=', providerId).execute();
    await this.db.deleteFrom('providers').where('id', '=', providerId).execute();
  }

  private matching(criteria: ProviderCriteria) {
    let query = this.db.selectFrom('providers');
    if (criteria.status !== undefined) query = query.where('status', '=', criteria.status);
    if (criteria.category !== undefined) query = query.where('category', '=', criteria.category);
    if (criteria.search !== undefined) {
      const search = criteria.search;
      query = query.where((eb) =>
        eb.or([
          containsIgnoringCase(eb.ref('name'), search),
          containsIgnoringCase(eb.ref('category'), search),
          eb.exists(
            eb
              .selectFrom('provider_domains')
              .select('provider_domains.id')
              .whereRef('provider_domains.providerId', '=', 'providers.id')
              .where((inner) => containsIgnoringCase(inner.ref('provider_domains.domain'), search)),
          ),
        ]),
      );
    }
    return query;
  }
}
