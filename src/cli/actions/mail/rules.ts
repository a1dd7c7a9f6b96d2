/** `vrm mail rule …`, `vrm mail triage` and `vrm mail reclassify`: the person's rules and running them. */
import { DEFAULT_RULES, type RuleConditions } from '../../../mail/rules.js';
import { parseId } from '../../../platform/validation.js';
import type { JsonOption } from '../../options.js';
import { printJson, printTable, say } from '../../output.js';
import type { Session } from '../../session.js';
import { number, printMessages } from './common.js';

interface ConditionFlags {
  fromProvider?: string[];
  fromAddress?: string[];
  fromDomain?: string[];
  category?: string[];
  providerStatus?: 'active' | 'former' | 'prospect';
  activeContract?: 'yes' | 'no';
  openCase?: 'yes' | 'no';
  identity?: string[];
  leak?: 'yes' | 'no';
  unknownSender?: 'yes' | 'no';
  list?: 'yes' | 'no';
  keyword?: string[];
  after?: string;
  before?: string;
}

interface ActionFlags {
  folder?: string;
  attention?: 'now' | 'today' | 'later' | 'never';
  mute?: boolean;
  flag?: boolean;
  case?: number;
}

const bool = (v: 'yes' | 'no' | undefined): boolean | undefined =>
  v === undefined ? undefined : v === 'yes';

async function conditionsOf({ services }: Session, o: ConditionFlags): Promise<Partial<RuleConditions>> {
  const providers =
    o.fromProvider === undefined
      ? undefined
      : await Promise.all(o.fromProvider.map((p) => services.providers.resolve(p)));
  const c: Record<string, unknown> = {
    providers,
    senders: o.fromAddress,
    senderDomains: o.fromDomain,
    categories: o.category,
    providerStatus: o.providerStatus === undefined ? undefined : [o.providerStatus],
    activeContract: bool(o.activeContract),
    openCase: bool(o.openCase),
    identities: o.identity?.map((i) => parseId(i, 'identity')),
    leak: bool(o.leak),
    unknownSender: bool(o.unknownSender),
    list: bool(o.list),
    keywords: o.keyword,
    after: o.after,
    before: o.before,
  };
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));
}

const actionsOf = (o: ActionFlags) =>
  Object.fromEntries(
    Object.entries({
      folder: o.folder,
      attention: o.attention,
      mute: o.mute,
      flag: o.flag,
      caseId: o.case,
    }).filter(([, v]) => v !== undefined),
  );

export async function addRule(
  session: Session,
  o: ConditionFlags & ActionFlags & { name: string; position?: number },
): Promise<void> {
  const { rule, applied } = await session.services.mail.addRule({
    name: o.name,
    position: o.position,
    conditions: await conditionsOf(session, o),
    actions: actionsOf(o),
  });
  say(
    `Rule ${rule.id} "${rule.name}" added at position ${rule.position}; ${number.format(applied.changed)} messages moved`,
  );
}

export async function updateRule(
  session: Session,
  id: string,
  o: ConditionFlags & ActionFlags & { name?: string; position?: number; disabled?: boolean },
): Promise<void> {
  const ruleId = parseId(id, 'rule');
  const { rule, applied } = await session.services.mail.updateRule(ruleId, {
    name: o.name ?? (await session.services.mail.rule(ruleId)).name,
    position: o.position,
    enabled: !o.disabled,
    conditions: await conditionsOf(session, o),
    actions: actionsOf(o),
  });
  say(`Rule ${rule.id} "${rule.name}" updated; ${number.format(applied.changed)} messages moved`);
}

export async function previewRule(session: Session, o: ConditionFlags & JsonOption): Promise<void> {
  const preview = await session.services.mail.previewRule({ conditions: await conditionsOf(session, o) });
  if (o.json) {
    printJson(preview);
    return;
  }
  say(`${number.format(preview.matches)} stored messages match. The newest:`);
  printMessages(preview.sample, 'None.');
}

export async function listRules({ services }: Session, o: JsonOption): Promise<void> {
  const rules = await services.mail.rules();
  if (o.json) {
    printJson(rules);
    return;
  }
  printTable(
    rules,
    [
      { header: 'id', value: (r) => r.id, align: 'right' },
      { header: 'pos', value: (r) => r.position, align: 'right' },
      { header: 'name', value: (r) => r.name },
      { header: 'on', value: (r) => (r.enabled ? 'yes' : 'no') },
      { header: 'if', value: (r) => JSON.stringify(r.conditions), maxWidth: 50 },
      { header: 'then', value: (r) => JSON.stringify(r.actions), maxWidth: 40 },
    ],
    'No rule of yours yet: the defaults place your mail.',
  );
  say('Then the defaults (a rule of yours with the same conditions comes first, and so changes one):');
  for (const d of DEFAULT_RULES) say(`  ${d.name}: ${d.when} → ${d.place}`);
}

export async function moveRule({ services }: Session, id: string, direction: string): Promise<void> {
  const { rules, applied } = await services.mail.moveRule(parseId(id, 'rule'), direction);
  say(
    `Rules in order: ${rules.map((r) => `${r.position}. ${r.name}`).join(', ')}; ${number.format(applied.changed)} messages moved`,
  );
}

export async function deleteRule({ services }: Session, id: string): Promise<void> {
  const { deleted, applied } = await services.mail.deleteRule(parseId(id, 'rule'));
  say(`Deleted rule ${deleted}; ${number.format(applied.changed)} messages moved`);
}

export async function triage({ services }: Session): Promise<void> {
  const r = await services.mail.applyRules();
  say(`Rules run over ${number.format(r.considered)} messages; ${number.format(r.changed)} moved`);
}

export async function reclassify({ services }: Session): Promise<void> {
  const changed = await services.mail.reclassify();
  say(`${number.format(changed)} messages classified differently`);
}
