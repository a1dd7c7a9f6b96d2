import type { Clock } from '../platform/clock.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { directoryEntry } from '../directory/directory.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import type { ProviderDependant } from './dependants.js';
import { ProviderRepository, type ProviderCriteria, type Slice } from './repository/providers.js';
import { TableRepository, type Row } from './repository/table.js';
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

/** The filter as the repository takes it: the status checked, the rest normalised. */
function criteriaOf(filter: ProviderFilter): ProviderCriteria {
  const { status, category, search } = filter;
  if (status !== undefined && !(PROVIDER_STATUSES as readonly string[]).includes(status)) {
    throw new VrmError(
      'invalid_input',
      `status must be one of ${PROVIDER_STATUSES.join(', ')}, got "${status}"`,
    );
  }
  const text = search?.normalize('NFC').trim();
  return {
    status,
    category: category?.trim().toLowerCase(),
    search: text === '' ? undefined : text,
  };
}

const toProvider = (row: Row<'providers'>, domains: readonly string[]): Provider => ({
  ...row,
  status: row.status as ProviderStatus,
  domains,
});

/**
 * Organisations the person deals with. A provider is found by its id or its name, so the CLI can
 * say `--provider acme` as well as `--provider 3`.
 */
export class ProviderService {
  private readonly repository: ProviderRepository;

  /**
   * @param dependants what refers to a provider, in every area, in the order a cascading delete
   *   removes it (see `src/app.ts`).
   */
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly dependants: readonly ProviderDependant[],
  ) {
    this.repository = new ProviderRepository(db);
  }

  async add(input: ProviderCreate): Promise<Provider> {
    const parsed = parseInput(providerCreate, input, 'provider');
    if (parsed.directorySlug) directoryEntry(parsed.directorySlug);
    const now = this.clock().toISOString();
    const { domains = [], ...fields } = parsed;
    const id = await inTransaction(this.db, async (trx) => {
      await assertNameFree(new ProviderRepository(trx), parsed.name);
      const providerId = await new TableRepository(trx, 'providers').insert({
        ...fields,
        status: parsed.status ?? 'active',
        createdAt: now,
        updatedAt: now,
      });
      await replaceDomains(new ProviderRepository(trx), providerId, domains);
      return providerId;
    });
    return this.get(id);
  }

  /** Providers matching the filter, by name; `limit` and `offset` take a slice of that list. */
  async list(filter: ProviderFilter & Slice = {}): Promise<Provider[]> {
    const { limit, offset, ...rest } = filter;
    const rows = await this.repository.list(criteriaOf(rest), { limit, offset });
    return this.withDomains(rows);
  }

  /**
   * One page of the providers matching the filter, with how many match in all.
   *
   * @example
   * const { total, items } = await providers.page({ status: 'active' }, { limit: 50, offset: 100 });
   */
  async page(
    filter: ProviderFilter,
    slice: { limit: number; offset: number },
  ): Promise<{ total: number; offset: number; items: Provider[] }> {
    const criteria = criteriaOf(filter);
    const total = await this.repository.count(criteria);
    const rows = await this.repository.list(criteria, slice);
    return { total, offset: slice.offset, items: await this.withDomains(rows) };
  }

  async get(ref: number | string): Promise<Provider> {
    const id = await this.resolve(ref);
    const row = await new TableRepository(this.db, 'providers').find(id);
    if (!row) throw notFound('provider', id);
    const domains = (await this.repository.domainsOf([id])).get(id) ?? [];
    return toProvider(row, domains);
  }

  /** A provider's id from its id, its name (ignoring case), or a part of its name that is unique. */
  async resolve(ref: number | string): Promise<number> {
    const text = String(ref).normalize('NFC').trim();
    if (/^\d+$/.test(text)) {
      const id = await this.repository.existingId(Number(text));
      if (id !== undefined) return id;
    }
    const byName = await this.repository.idByName(text);
    if (byName !== undefined) return byName;
    // Then a unique partial match, so `acme` finds "Acme Energy Ltd" when nothing else matches.
    const partial = await this.repository.namesContaining(text, 6);
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
    await inTransaction(this.db, async (trx) => {
      const repository = new ProviderRepository(trx);
      if (fields.name !== undefined) await assertNameFree(repository, fields.name, id);
      await new TableRepository(trx, 'providers').update(id, {
        ...fields,
        updatedAt: this.clock().toISOString(),
      });
      if (domains !== undefined) await replaceDomains(repository, id, domains);
    });
    return this.get(id);
  }

  /** A provider the person no longer deals with stays in the ledger, with status `former`. */
  retire(ref: number | string): Promise<Provider> {
    return this.update(ref, { status: 'former' });
  }

  /**
   * Deletes a provider. One that anything still refers to (accounts, contracts, cases,
   * interactions, documents, identities, disclosures, …) is only deleted with `cascade`, which
   * deletes those too, in one transaction.
   */
  async delete(ref: number | string, options: { cascade?: boolean } = {}): Promise<void> {
    const id = await this.resolve(ref);
    await inTransaction(this.db, async (trx) => {
      const counts = await Promise.all(this.dependants.map((d) => d.countFor(trx, id)));
      const held = this.dependants.map((d, i) => [d.noun, counts[i] ?? 0] as const).filter(([, n]) => n > 0);
      if (held.length > 0 && !options.cascade) {
        const what = held.map(([noun, n]) => `${n} ${n === 1 ? noun.one : noun.many}`).join(', ');
        throw new VrmError(
          'conflict',
          `provider ${id} still has ${what}: retire it instead, or delete with cascade to remove them too`,
        );
      }
      for (const dependant of this.dependants) await dependant.deleteFor(trx, id);
      await new ProviderRepository(trx).delete(id);
    });
  }

  /** The provider that uses a mail domain (or a parent of it: `mail.example.com` → `example.com`). */
  async findByDomain(domain: string): Promise<Provider | undefined> {
    const labels = domain.trim().toLowerCase().replace(/\.$/, '').split('.');
    const candidates = labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
    const rows = await this.repository.holdersOf(candidates);
    const best = rows.sort((a, b) => b.domain.length - a.domain.length)[0];
    return best ? this.get(best.providerId) : undefined;
  }

  private async withDomains(rows: readonly Row<'providers'>[]): Promise<Provider[]> {
    const domains = await this.repository.domainsOf(rows.map((r) => r.id));
    return rows.map((row) => toProvider(row, domains.get(row.id) ?? []));
  }
}

async function assertNameFree(
  repository: ProviderRepository,
  name: string,
  exceptId?: number,
): Promise<void> {
  const clash = await repository.idByName(name);
  if (clash !== undefined && clash !== exceptId) {
    throw new VrmError('conflict', `a provider named "${name}" already exists (id ${clash})`);
  }
}

/** Gives the provider exactly these domains, refusing one that another provider has. */
async function replaceDomains(
  repository: ProviderRepository,
  providerId: number,
  domains: readonly string[],
): Promise<void> {
  const wanted = [...new Set(domains)];
  const taken = await repository.domainHeldByOther(wanted, providerId);
  if (taken) {
    throw new VrmError(
      'conflict',
      `domain ${taken.domain} already belongs to ${taken.name} (provider ${taken.id})`,
    );
  }
  const current = (await repository.domainsOf([providerId])).get(providerId) ?? [];
  await repository.removeDomains(
    providerId,
    current.filter((d) => !wanted.includes(d)),
  );
  await repository.addDomains(
    providerId,
    wanted.filter((d) => !current.includes(d)),
  );
}
