import type { Db } from '../platform/db/handle.js';
import type { IsoDate } from '../platform/dates.js';
import type { Provider, ProviderService } from '../providers/service.js';
import type { Purpose } from '../terms/roster.js';
import type { FactKind } from '../vault/kinds.js';
import type { FactWithHistory, VaultService } from '../vault/service.js';
import { DisclosureRepository, type HoldingFilter } from './repository.js';

/** One provider's hold on one fact: the latest version it was given, against the current one. */
export interface Holding {
  readonly providerId: number;
  readonly provider: string;
  readonly factId: number;
  readonly label: string;
  readonly kind: FactKind;
  readonly version: number;
  readonly currentVersion: number;
  /** It holds a version older than the current one, or a fact that is no longer true. */
  readonly outdated: boolean;
  /** What it holds, summarised. */
  readonly value: string;
  readonly since: IsoDate;
  readonly lastOn: IsoDate;
  readonly termsCode: string | null;
  readonly purposes: readonly Purpose[];
}

export interface IdentityHolding {
  readonly identityId: number;
  readonly kind: string;
  readonly value: string;
  readonly since: IsoDate;
  readonly retired: boolean;
}

/**
 * Who knows what, read from the ledger: each provider's hold on each fact (and whether it is out
 * of date), the identities each provider holds, and the grid of both.
 */
export class HoldingsView {
  constructor(
    private readonly db: Db,
    private readonly providers: ProviderService,
    private readonly vault: VaultService,
  ) {}

  private readonly repo = () => new DisclosureRepository(this.db);

  /** Who holds a fact, and who holds an outdated version of it. */
  async forFact(id: number): Promise<{ fact: FactWithHistory; holders: Holding[] }> {
    const fact = await this.vault.get(id);
    const holders = await this.holdings({ factId: fact.id });
    return { fact, holders };
  }

  /** Everything a provider knows about the person, and since when. */
  async forProvider(ref: number | string): Promise<{
    provider: Provider;
    since: IsoDate | null;
    facts: Holding[];
    identities: IdentityHolding[];
  }> {
    const provider = await this.providers.get(ref);
    const facts = await this.holdings({ providerId: provider.id });
    const identities = await this.identityHoldings(provider.id);
    const dates = [...facts.map((f) => f.since), ...identities.map((i) => i.since)].sort();
    return { provider, since: dates[0] ?? null, facts, identities };
  }

  /**
   * The who-knows-what grid: every provider that holds something × every fact, a cell where it
   * holds that fact, marked when what it holds is out of date.
   */
  async matrix(): Promise<{
    facts: {
      id: number;
      label: string;
      kind: FactKind;
      currentVersion: number;
      retired: boolean;
      holders: number;
      outdated: number;
    }[];
    providers: {
      id: number;
      name: string;
      category: string | null;
      identities: number;
      facts: number;
      outdated: number;
    }[];
    cells: { providerId: number; factId: number; version: number; outdated: boolean; since: IsoDate }[];
  }> {
    const holdings = await this.holdings();
    const facts = await this.vault.list({ includeRetired: true });
    const idsByProvider = await this.repo().identityCounts();
    const byProvider = new Map<number, Holding[]>();
    const byFact = new Map<number, Holding[]>();
    const add = (map: Map<number, Holding[]>, key: number, h: Holding) => {
      const list = map.get(key);
      if (list) list.push(h);
      else map.set(key, [h]);
    };
    for (const h of holdings) {
      add(byProvider, h.providerId, h);
      add(byFact, h.factId, h);
    }
    const providerIds = new Set([...byProvider.keys(), ...idsByProvider.keys()]);
    const providers = (await this.providers.list())
      .filter((p) => providerIds.has(p.id))
      .map((p) => {
        const mine = byProvider.get(p.id) ?? [];
        return {
          id: p.id,
          name: p.name,
          category: p.category,
          identities: idsByProvider.get(p.id) ?? 0,
          facts: mine.length,
          outdated: mine.filter((h) => h.outdated).length,
        };
      })
      .sort((a, b) => b.facts + b.identities - (a.facts + a.identities) || a.name.localeCompare(b.name));
    return {
      facts: facts
        .filter((f) => !f.retiredAt || byFact.has(f.id))
        .map((f) => {
          const mine = byFact.get(f.id) ?? [];
          return {
            id: f.id,
            label: f.label,
            kind: f.kind,
            currentVersion: f.current.version,
            retired: f.retiredAt !== null,
            holders: mine.length,
            outdated: mine.filter((h) => h.outdated).length,
          };
        }),
      providers,
      cells: holdings.map((h) => ({
        providerId: h.providerId,
        factId: h.factId,
        version: h.version,
        outdated: h.outdated,
        since: h.since,
      })),
    };
  }

  /**
   * Each provider's hold on each fact, aggregated by the repository (one row per provider and
   * fact): the highest version given, the first and last day, the terms of the latest disclosure
   * under terms, and every purpose. Narrowed to one provider or one fact by an indexed column.
   */
  private async holdings(filter: HoldingFilter = {}): Promise<Holding[]> {
    const rows = await this.repo().holdings(filter);
    const termsOf = await this.repo().latestTerms(filter);
    const facts =
      filter.factId === undefined
        ? new Map((await this.vault.list({ includeRetired: true })).map((f) => [f.id, f]))
        : new Map([[filter.factId, await this.vault.get(filter.factId)]]);
    const purposeLists = new Map<string, Purpose[]>();
    const holdings: Holding[] = [];
    for (const r of rows) {
      const fact = r.factId === null ? undefined : facts.get(r.factId);
      if (!fact) continue;
      const version = r.version ?? 0;
      // `group_concat` joins the distinct JSON arrays with commas: together, one JSON array of arrays.
      let purposes = purposeLists.get(r.purposes);
      if (!purposes) {
        purposes = [...new Set((JSON.parse(`[${r.purposes}]`) as Purpose[][]).flat())];
        purposeLists.set(r.purposes, purposes);
      }
      holdings.push({
        providerId: r.providerId,
        provider: r.provider,
        factId: fact.id,
        label: fact.label,
        kind: fact.kind,
        version,
        currentVersion: fact.current.version,
        outdated: version < fact.current.version || fact.retiredAt !== null,
        value: fact.history.find((v) => v.version === version)?.summary ?? '',
        since: r.since,
        lastOn: r.lastOn,
        termsCode: termsOf.get(`${r.providerId}:${fact.id}`) ?? null,
        purposes,
      });
    }
    return holdings;
  }

  private async identityHoldings(providerId: number): Promise<IdentityHolding[]> {
    const rows = await this.repo().identityHoldings(providerId);
    return rows.map((r) => ({
      identityId: r.id,
      kind: r.kind,
      value: r.kind === 'postal' ? `tag ${r.tag ?? ''}` : r.value,
      since: r.since,
      retired: r.retiredAt !== null,
    }));
  }
}
