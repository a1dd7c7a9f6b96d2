import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/handle.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import type { ProviderService } from '../providers/service.js';
import { PURPOSES, type Purpose, type Terms } from '../terms/roster.js';
import { purposeSchema } from '../terms/schemas.js';
import { TermsService } from '../terms/service.js';
import { factName, kindFromText, KIND_LABELS, KIND_LIST, type FactKind } from '../vault/kind-names.js';
import type { VaultService } from '../vault/service.js';
import { PolicyRepository, type PolicyRow } from './policy.repository.js';
import { policyInput, type PolicyInput } from './schemas.js';

/**
 * Disclosure policies, and the check that applies them: "provider P asks for these fields for
 * these purposes (under these terms): which may it have, and why?"
 *
 * The rules, also written down in docs/terms.md:
 *
 * 1. **Scope.** A policy is for one provider, for a category of providers, or for everyone. For
 *    each purpose, only the most specific policies that say something about it (allow or deny it)
 *    count: a provider's own policy beats its category's, which beats the one for everyone.
 * 2. **Field.** At the same scope, a policy naming the fact (`fact:3`) beats one naming its kind
 *    (`email`), which beats `*`.
 * 3. **Deny beats allow.** Among the policies left, one that denies a purpose wins over one that
 *    allows it.
 * 4. **Nothing by default.** A field no policy covers is not allowed.
 * 5. **Terms.** A policy may require terms; the request must be made under them. Whatever terms
 *    the request is made under must themselves allow each purpose.
 */

export type Selector = '*' | FactKind | `fact:${number}`;

export interface Policy {
  readonly id: number;
  readonly providerId: number | null;
  readonly category: string | null;
  readonly facts: readonly Selector[];
  /** The same, as people read them: "every fact", "any postal address", "“Home” (postal address)". */
  readonly factNames: readonly string[];
  /** Purposes allowed; `*` allows every purpose the terms allow. */
  readonly allowPurposes: readonly (Purpose | '*')[];
  readonly denyPurposes: readonly Purpose[];
  readonly termsCode: string | null;
  readonly note: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface FieldDecision {
  /** The field as asked: a kind (`email`) or a fact (`fact:3`). */
  readonly field: string;
  /** The field as people read it: "“Home” (postal address)", "any e-mail address". */
  readonly label: string;
  readonly allowed: boolean;
  readonly reason: string;
  /** The policy that decided, if one did. */
  readonly policyId: number | null;
}

export interface Evaluation {
  readonly providerId: number;
  readonly provider: string;
  readonly purposes: readonly Purpose[];
  readonly termsCode: string | null;
  /** The fields that may go: the allowed subset of those asked for. */
  readonly allowed: readonly string[];
  readonly decisions: readonly FieldDecision[];
}

/** A selector as people read it; `names` gives each fact's name by id. */
function selectorName(selector: Selector, names: ReadonlyMap<number, string>): string {
  if (selector === '*') return 'every fact';
  if (selector.startsWith('fact:')) {
    const id = Number(selector.slice(5));
    return names.get(id) ?? `a deleted fact (${id})`;
  }
  return `any ${KIND_LABELS[selector as FactKind]}`;
}

const fromRow = (row: PolicyRow, names: ReadonlyMap<number, string>): Policy => ({
  id: row.id,
  providerId: row.providerId,
  category: row.category,
  facts: JSON.parse(row.facts) as Selector[],
  factNames: (JSON.parse(row.facts) as Selector[]).map((f) => selectorName(f, names)),
  allowPurposes: JSON.parse(row.allowPurposes) as (Purpose | '*')[],
  denyPurposes: JSON.parse(row.denyPurposes) as Purpose[],
  termsCode: row.termsCode,
  note: row.note,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** How specific a selector is for a field (0: it does not cover it). */
function selectorRank(selector: Selector, field: { kind: FactKind; factId: number | null }): number {
  if (selector === '*') return 1;
  if (selector.startsWith('fact:'))
    return field.factId !== null && selector === `fact:${field.factId}` ? 3 : 0;
  return selector === field.kind ? 2 : 0;
}

const scopeOf = (p: Policy): string =>
  p.providerId !== null
    ? `provider ${p.providerId}`
    : p.category !== null
      ? `category ${p.category}`
      : 'everyone';

export class PolicyService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
    private readonly vault: VaultService,
    private readonly terms: TermsService,
  ) {}

  private readonly repo = () => new PolicyRepository(this.db);

  async list(filter: { provider?: number | string | undefined } = {}): Promise<Policy[]> {
    const provider = filter.provider === undefined ? undefined : await this.providers.get(filter.provider);
    const rows = await this.repo().list(provider && { providerId: provider.id, category: provider.category });
    const names = await this.factNames();
    return rows.map((row) => fromRow(row, names));
  }

  async get(id: number): Promise<Policy> {
    const row = await this.repo().find(id);
    if (!row) throw notFound('policy', id);
    return fromRow(row, await this.factNames());
  }

  /** Every fact's name ("“Home” (postal address)") by id, retired ones included. */
  private async factNames(): Promise<Map<number, string>> {
    const facts = await this.vault.list({ includeRetired: true });
    return new Map(facts.map((f) => [f.id, factName(f)]));
  }

  /**
   * A selector as the person wrote it, as stored: `*`, a kind's id, or `fact:ID` for a fact named
   * by its number or label. A kind's id or name ("postal address") wins over a label; a label wins
   * over a looser word for a kind ("mobile", "address").
   */
  private async selector(text: string): Promise<Selector> {
    if (text === '*') return '*';
    const field = await this.resolveField(text, 'facts');
    return field.factId === null ? field.kind : `fact:${field.factId}`;
  }

  /**
   * Adds a policy after checking that it does not contradict itself (a purpose both allowed and
   * denied, terms that forbid a purpose it allows) or an existing policy of the same scope and facts.
   */
  async add(input: PolicyInput): Promise<Policy> {
    const parsed = parseInput(policyInput, input, 'policy');
    if (parsed.provider != null && parsed.category != null) {
      throw new VrmError('invalid_input', 'policy: give a provider or a category, not both');
    }
    const providerId = parsed.provider == null ? null : await this.providers.resolve(parsed.provider);
    const terms = parsed.terms == null ? null : await this.terms.get(parsed.terms);
    const allow = [...new Set(parsed.allow)];
    const deny = [...new Set(parsed.deny)];
    const facts = [...new Set(await Promise.all(parsed.facts.map((f) => this.selector(f))))];
    checkSelfConsistent(allow, deny, terms);
    const scope = { providerId, category: providerId === null ? (parsed.category ?? null) : null };
    for (const other of await this.list()) {
      if (other.providerId !== scope.providerId || other.category !== scope.category) continue;
      if (!other.facts.some((f) => facts.includes(f))) continue;
      const clash =
        allow.find((p) => p !== '*' && other.denyPurposes.includes(p)) ??
        deny.find((p) => other.allowPurposes.includes(p));
      if (clash) {
        throw new VrmError(
          'conflict',
          `policy: it ${allow.includes(clash) ? 'allows' : 'denies'} ${clash} for ${other.factNames.join(', ')}, which policy ${other.id} (same scope) ${allow.includes(clash) ? 'denies' : 'allows'}: change that one instead`,
        );
      }
    }
    const now = this.clock().toISOString();
    const id = await this.repo().insert({
      providerId: scope.providerId,
      category: scope.category,
      facts: JSON.stringify(facts),
      allowPurposes: JSON.stringify(allow),
      denyPurposes: JSON.stringify(deny),
      termsCode: terms?.code ?? null,
      note: parsed.note ?? null,
      createdAt: now,
      updatedAt: now,
    });
    return this.get(id);
  }

  async delete(id: number): Promise<void> {
    await this.get(id);
    await this.repo().delete(id);
  }

  /**
   * Answers "provider P asks for these fields for these purposes": the allowed subset, with the
   * reason for each field. Fields are kinds (`email`), fact ids (`3` or `fact:3`).
   *
   * @example await policies.evaluate({ provider: 'Acme', fields: ['email', 'phone'], purposes: ['service'] })
   */
  async evaluate(input: {
    provider: number | string;
    fields: readonly string[];
    purposes: readonly string[];
    terms?: string | null | undefined;
  }): Promise<Evaluation> {
    const provider = await this.providers.get(input.provider);
    if (input.fields.length === 0) throw new VrmError('invalid_input', 'name at least one field to check');
    if (input.purposes.length === 0) {
      throw new VrmError('invalid_input', `name at least one purpose: ${PURPOSES.join(', ')}`);
    }
    const purposes = input.purposes.map((p) => parseInput(purposeSchema, p.trim(), 'purpose'));
    const terms = input.terms == null || input.terms === '' ? null : await this.terms.get(input.terms);
    const fields = await Promise.all(input.fields.map((f) => this.resolveField(f)));
    const policies = await this.list({ provider: provider.id });
    const scopeRank = (p: Policy): number =>
      p.providerId === provider.id
        ? 3
        : p.category !== null
          ? p.category === provider.category
            ? 2
            : 0
          : p.providerId === null
            ? 1
            : 0;

    const decisions = fields.map((field): FieldDecision => {
      const deny = (reason: string, policyId: number | null = null): FieldDecision => ({
        field: field.name,
        label: field.label,
        allowed: false,
        reason,
        policyId,
      });
      const covering = policies
        .map((policy) => ({
          policy,
          rank: scopeRank(policy) * 10 + Math.max(0, ...policy.facts.map((sel) => selectorRank(sel, field))),
        }))
        .filter((c) => c.rank % 10 > 0 && c.rank >= 10);
      if (covering.length === 0) {
        return deny(`no policy covers ${field.label} for ${provider.name}: nothing goes by default`);
      }
      const reasons: string[] = [];
      let decidedBy: number | null = null;
      for (const purpose of purposes) {
        // The most specific policies that say something about this purpose decide it.
        const speaking = covering.filter(
          ({ policy: p }) =>
            p.denyPurposes.includes(purpose) ||
            p.allowPurposes.includes(purpose) ||
            p.allowPurposes.includes('*'),
        );
        const top = Math.max(0, ...speaking.map((c) => c.rank));
        const best = speaking.filter((c) => c.rank === top).map((c) => c.policy);
        const denier = best.find((p) => p.denyPurposes.includes(purpose));
        if (denier) return deny(`policy ${denier.id} (${scopeOf(denier)}) denies ${purpose}`, denier.id);
        const underTerms = (p: Policy): boolean =>
          p.termsCode === null || p.termsCode.toLowerCase() === terms?.code.toLowerCase();
        // Of several policies that allow the purpose, one whose terms the request meets decides.
        const allower = best.find(underTerms) ?? best[0];
        if (!allower) return deny(`no policy allows ${purpose} for ${field.label}: nothing goes by default`);
        if (!underTerms(allower)) {
          return deny(
            `policy ${allower.id} allows ${purpose} only under ${allower.termsCode ?? ''}${terms ? `, not ${terms.code}` : ''}`,
            allower.id,
          );
        }
        if (terms) {
          const verdict = TermsService.allows(terms, purpose);
          if (!verdict.allowed) return deny(verdict.reason, allower.id);
        }
        reasons.push(`policy ${allower.id} (${scopeOf(allower)}) allows ${purpose}`);
        decidedBy ??= allower.id;
      }
      return {
        field: field.name,
        label: field.label,
        allowed: true,
        reason: reasons.join('; '),
        policyId: decidedBy,
      };
    });
    return {
      providerId: provider.id,
      provider: provider.name,
      purposes,
      termsCode: terms?.code ?? null,
      allowed: decisions.filter((d) => d.allowed).map((d) => d.field),
      decisions,
    };
  }

  /** A field as asked: a fact by number (`3`, `fact:3`) or label ("home"), or a kind (see `selector`). */
  private async resolveField(
    text: string,
    what = 'fields',
  ): Promise<{ name: string; label: string; kind: FactKind; factId: number | null }> {
    const trimmed = text.trim();
    const asKind = (kind: FactKind) => ({
      name: kind,
      label: `any ${KIND_LABELS[kind]}`,
      kind,
      factId: null,
    });
    const numbered = /^(?:fact:)?\d+$/i.test(trimmed);
    const exact = numbered ? undefined : kindFromText(trimmed, { synonyms: false });
    if (exact) return asKind(exact);
    if (trimmed === '' || trimmed === '*') {
      throw new VrmError(
        'invalid_input',
        `${what}: "${text}" is not a field: name a fact by its label or number, or a kind (${KIND_LIST})`,
      );
    }
    const loose = numbered ? undefined : kindFromText(trimmed);
    try {
      const fact = await this.vault.resolve(trimmed, what, { byKind: false });
      return { name: `fact:${fact.id}`, label: factName(fact), kind: fact.kind, factId: fact.id };
    } catch (error) {
      if (!(error instanceof VrmError) || error.code !== 'not_found' || /^fact:/i.test(trimmed)) throw error;
      if (loose) return asKind(loose);
      throw new VrmError(
        'not_found',
        `${what}: no fact is labelled "${trimmed}" and no kind is called so: name a fact by its label or number, or a kind (${KIND_LIST})`,
        { details: [{ path: what, message: `no fact or kind "${trimmed}"` }] },
      );
    }
  }
}

/** A policy contradicts itself when it allows and denies the same purpose, or its terms forbid what it allows. */
function checkSelfConsistent(
  allow: readonly (Purpose | '*')[],
  deny: readonly Purpose[],
  terms: Terms | null,
): void {
  if (allow.length === 0 && deny.length === 0) {
    throw new VrmError('invalid_input', 'policy: it neither allows nor denies any purpose');
  }
  const both = allow.find((p): p is Purpose => p !== '*' && deny.includes(p));
  if (both) {
    throw new VrmError('invalid_input', `policy contradicts itself: it both allows and denies ${both}`);
  }
  if (terms) {
    const forbidden = allow.find((p): p is Purpose => p !== '*' && !terms.purposes.includes(p));
    if (forbidden) {
      throw new VrmError(
        'invalid_input',
        `policy contradicts itself: it allows ${forbidden} but requires ${terms.code}, which does not allow ${forbidden}`,
      );
    }
  }
}
