import { directoryByDomain, domainOf } from '../directory/directory.js';
import type { IdentityService } from '../identities/service.js';
import type { Clock } from '../platform/clock.js';
import { todayUtc } from '../platform/dates.js';
import type { ClassifierContext } from './classify.js';
import type { ContextRepository, LeakRepository, RuleRepository, RuleRow } from './repository.js';
import type { ProviderFacts, Rule, SwitchedOff } from './rules.js';

/** A stored rule as the rules engine reads it. */
export const ruleOf = (row: RuleRow): Rule & { position: number; enabled: boolean } => ({
  id: row.id,
  name: row.name,
  position: row.position,
  enabled: row.enabled,
  conditions: JSON.parse(row.conditions) as Rule['conditions'],
  actions: JSON.parse(row.actions) as Rule['actions'],
});

/** What the rules know: the person's rules that are on, and the facts of every provider. */
export interface TriageContext {
  readonly rules: Rule[];
  readonly providers: Map<number, ProviderFacts>;
  /** Identities the person switched off, by id. */
  readonly switchedOff: Map<number, SwitchedOff>;
}

/**
 * What classification and the rules know of the rest of the store, read fresh for each import,
 * re-classification or run of the rules.
 */
export class MailContext {
  constructor(
    private readonly context: ContextRepository,
    private readonly rules: RuleRepository,
    private readonly leaks: LeakRepository,
    private readonly clock: Clock,
    private readonly identities: IdentityService,
  ) {}

  async classifier(): Promise<ClassifierContext> {
    const [recogniser, providers, domains, allowed] = await Promise.all([
      this.identities.recogniser(),
      this.context.providers(),
      this.context.providerDomains(),
      this.leaks.allowedSenders(),
    ]);
    const providerDomains = new Map<string, number>();
    for (const p of providers) {
      const web = domainOf(p.website);
      if (web.includes('.')) providerDomains.set(web, p.id);
    }
    // A domain the person gave a provider counts over its website.
    for (const d of domains) providerDomains.set(d.domain, d.providerId);
    return {
      recogniser,
      providers: new Map(providers.map((p) => [p.id, p])),
      providerDomains,
      directoryDomains: directoryByDomain(),
      allowed: new Set(allowed.map((a) => `${a.providerId} ${a.senderKey}`)),
    };
  }

  async triage(): Promise<TriageContext> {
    const [rules, providers, active, cases, off] = await Promise.all([
      this.rules.rules(),
      this.context.providers(),
      this.context.providersWithActiveContract(todayUtc(this.clock())),
      this.context.openCases(),
      this.identities.switchedOff(),
    ]);
    const open = new Map<number, { id: number; title: string; reference: string | null }[]>();
    for (const c of cases) {
      const known = open.get(c.providerId) ?? [];
      open.set(c.providerId, [...known, { id: c.id, title: c.title, reference: c.reference }]);
    }
    return {
      rules: rules.filter((r) => r.enabled).map(ruleOf),
      switchedOff: new Map(
        off.map((i) => [
          i.id,
          { label: i.value, since: i.switchedOffAt ?? '', existing: i.switchedOffExisting },
        ]),
      ),
      providers: new Map(
        providers.map((p) => [
          p.id,
          {
            name: p.name,
            category: p.category,
            status: p.status,
            activeContract: active.has(p.id),
            openCases: open.get(p.id) ?? [],
          },
        ]),
      ),
    };
  }
}
