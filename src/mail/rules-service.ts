import type { IdentityService } from '../identities/service.js';
import type { Clock } from '../platform/clock.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import type { ProviderService } from '../providers/service.js';
import { ruleOf, type MailContext } from './context.js';
import type { ContextRepository, MessageRecord, MessageRepository, RuleRepository } from './repository.js';
import {
  DEFAULT_RULES,
  ruleConditions,
  triage,
  type Placement,
  type Rule,
  type TriageInput,
} from './rules.js';
import { ruleInput, type RuleInput } from './schemas.js';

/** The id of the rule being previewed: no stored rule has it. */
const PROBE_ID = 0;
/** Only keyword conditions read the text: the other rules run without reading it from disk. */
const TEXT_COLUMNS = ['subject', 'body'] as const;
const TRIAGE_COLUMNS = [
  'id',
  'subject',
  'body',
  'sentAt',
  'isList',
  'identityId',
  'identityProviderId',
  'senderProviderId',
  'senderLabel',
  'leak',
  'fromAddress',
  'importedAt',
  'placedByHand',
  'folder',
  'attention',
  'muted',
  'flagged',
  'caseId',
  'ruleId',
  'ruleReason',
] as const;

/** What the rules read of a stored message. */
const triageInput = (
  row: Pick<
    MessageRecord,
    | 'subject'
    | 'body'
    | 'sentAt'
    | 'isList'
    | 'identityId'
    | 'identityProviderId'
    | 'senderProviderId'
    | 'senderLabel'
    | 'leak'
    | 'fromAddress'
    | 'importedAt'
  >,
): TriageInput => ({
  subject: row.subject,
  body: row.body,
  sentAt: row.sentAt,
  isList: row.isList,
  identityId: row.identityId,
  identityProviderId: row.identityProviderId,
  senderProviderId: row.senderProviderId,
  senderLabel: row.senderLabel,
  leak: row.leak,
  fromAddress: row.fromAddress,
  importedAt: row.importedAt,
});

/** Whether a message is where the rules would place it now. */
const samePlacement = (
  p: Placement,
  row: Pick<MessageRecord, 'folder' | 'attention' | 'muted' | 'flagged' | 'caseId' | 'ruleId' | 'ruleReason'>,
): boolean =>
  p.folder === row.folder &&
  p.attention === row.attention &&
  p.muted === row.muted &&
  p.flagged === row.flagged &&
  p.caseId === row.caseId &&
  p.ruleId === row.ruleId &&
  p.reason === row.ruleReason;

/** The five newest messages, by date. */
const newest = <T extends { id: number; sentAt: string | null }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => (b.sentAt ?? '').localeCompare(a.sentAt ?? '') || b.id - a.id).slice(0, 5);

/**
 * The person's triage rules: kept in order, previewed on stored mail, and run over it (the
 * person's first, then the defaults) whenever they or the messages' classification change.
 */
export class RulesService {
  constructor(
    private readonly messages: MessageRepository,
    private readonly repo: RuleRepository,
    private readonly stored: ContextRepository,
    private readonly context: MailContext,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
    private readonly identities: IdentityService,
  ) {}

  /**
   * Runs the rules (the person's, then the defaults) over stored mail, or the messages given;
   * messages placed by hand stay where they are. Returns how many were looked at and moved.
   */
  async applyRules(only?: ReadonlySet<number>): Promise<{ considered: number; changed: number }> {
    const { rules, providers, switchedOff } = await this.context.triage();
    let considered = 0;
    let changed = 0;
    const blank = rules.some((r) => r.conditions.keywords) ? [] : TEXT_COLUMNS;
    for (const page of this.messages.scan(TRIAGE_COLUMNS, { blank })) {
      const changes = [];
      for (const row of page) {
        if (row.placedByHand || (only && !only.has(row.id))) continue;
        considered++;
        const p = triage(triageInput(row), rules, providers, switchedOff);
        if (!samePlacement(p, row)) changes.push({ id: row.id, placement: p });
      }
      this.messages.updatePlacements(changes);
      changed += changes.length;
    }
    return { considered, changed };
  }

  async rules() {
    return (await this.repo.rules()).map(ruleOf);
  }

  async rule(id: number) {
    const row = await this.repo.rule(id);
    if (!row) throw notFound('rule', id);
    return ruleOf(row);
  }

  /** How many stored messages a rule would match, with the newest few: the rule editor's preview. */
  async previewRule(input: { conditions: unknown }) {
    const conditions = parseInput(ruleConditions, input.conditions, 'rule: conditions');
    const { providers } = await this.context.triage();
    const probe: Rule = { id: PROBE_ID, name: 'preview', conditions, actions: { folder: 'preview' } };
    const pages = conditions.keywords
      ? this.messages.scan(TRIAGE_COLUMNS)
      : [this.messages.ruleInputs().map((row) => ({ ...row, subject: '', body: '' }))];
    let matches = 0;
    let sample: { id: number; sentAt: string | null }[] = [];
    for (const page of pages) {
      for (const row of page) {
        const placed = triage(triageInput(row), [probe], providers);
        if (placed.ruleId !== PROBE_ID) continue;
        matches++;
        sample.push({ id: row.id, sentAt: row.sentAt });
        if (sample.length > 50) sample = newest(sample);
      }
    }
    return { matches, sample: await this.messages.summaries(newest(sample).map((m) => m.id)) };
  }

  async addRule(input: RuleInput) {
    const r = parseInput(ruleInput, input, 'rule');
    await this.checkRuleRefs(r.conditions, r.actions.caseId);
    const now = this.clock().toISOString();
    const id = await this.repo.insertRule({
      name: r.name,
      position: r.position ?? (await this.repo.nextRulePosition()),
      enabled: r.enabled !== false,
      conditions: JSON.stringify(r.conditions),
      actions: JSON.stringify(r.actions),
      createdAt: now,
      updatedAt: now,
    });
    const applied = await this.applyRules();
    return { rule: await this.rule(id), applied };
  }

  async updateRule(id: number, input: RuleInput) {
    await this.rule(id);
    const r = parseInput(ruleInput, input, 'rule');
    await this.checkRuleRefs(r.conditions, r.actions.caseId);
    await this.repo.updateRule(id, {
      name: r.name,
      ...(r.position === undefined ? {} : { position: r.position }),
      enabled: r.enabled !== false,
      conditions: JSON.stringify(r.conditions),
      actions: JSON.stringify(r.actions),
      updatedAt: this.clock().toISOString(),
    });
    const applied = await this.applyRules();
    return { rule: await this.rule(id), applied };
  }

  async deleteRule(id: number) {
    await this.rule(id);
    await this.repo.deleteRule(id);
    const applied = await this.applyRules();
    return { deleted: id, applied };
  }

  /**
   * Moves a rule one place up (tried earlier) or down; the positions are renumbered 1, 2, 3, …
   * and the rules run again. Returns the rules in their new order.
   *
   * @example await mail.moveRule(4, 'up') // → { rules: [...], applied: { considered: 812, changed: 3 } }
   */
  async moveRule(id: number, direction: string) {
    await this.rule(id);
    if (direction !== 'up' && direction !== 'down') {
      throw new VrmError('invalid_input', `direction must be up or down, not "${direction}"`);
    }
    const order = (await this.repo.rules()).map((r) => r.id);
    const at = order.indexOf(id);
    const to = direction === 'up' ? at - 1 : at + 1;
    if (to < 0 || to >= order.length) {
      const rule = await this.rule(id);
      throw new VrmError(
        'invalid_input',
        `rule "${rule.name}" is ${direction === 'up' ? 'first' : 'last'} already: it cannot move ${direction}`,
      );
    }
    [order[at], order[to]] = [order[to] ?? id, id];
    const now = this.clock().toISOString();
    const current = new Map((await this.repo.rules()).map((r) => [r.id, r.position]));
    for (const [index, ruleId] of order.entries()) {
      if (current.get(ruleId) !== index + 1)
        await this.repo.updateRule(ruleId, { position: index + 1, updatedAt: now });
    }
    const applied = await this.applyRules();
    return { rules: await this.rules(), applied };
  }

  /** The defaults that place mail no rule of the person's matched, in words, in the order tried. */
  defaultRules(): Promise<typeof DEFAULT_RULES> {
    return Promise.resolve(DEFAULT_RULES);
  }

  private async checkRuleRefs(c: Rule['conditions'], caseId: number | undefined): Promise<void> {
    for (const p of c.providers ?? []) await this.providers.get(p);
    for (const i of c.identities ?? []) await this.identities.get(i);
    if (caseId !== undefined) {
      const open = await this.stored.openCases();
      if (!open.some((k) => k.id === caseId)) {
        throw new VrmError(
          'invalid_input',
          `rule: actions.caseId: case ${caseId} does not exist or is resolved`,
          {
            details: [{ path: 'actions.caseId', message: `case ${caseId} does not exist or is resolved` }],
          },
        );
      }
    }
  }
}
