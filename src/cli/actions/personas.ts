import type { Persona } from '../../intents/personas.js';
import type { PersonaStatementInput } from '../../intents/schemas.js';
import { STATEMENT_FORMS, type StatementForm } from '../../intents/statements.js';
import { VrmError } from '../../platform/errors.js';
import { parseId } from '../../platform/validation.js';
import { instant } from '../format.js';
import type { JsonOption } from '../options.js';
import { heading, printJson, printRecord, printTable, say } from '../output.js';
import type { Session } from '../session.js';

/** `3` or `3:postcode_area`: a fact and, if said, its form. */
function stateOf(text: string): PersonaStatementInput {
  const [id = '', form] = text.split(':');
  const fact = parseId(id.trim(), 'fact');
  if (form === undefined) return { fact };
  const wanted = form.trim();
  if (!(STATEMENT_FORMS as readonly string[]).includes(wanted) || wanted === 'full') {
    throw new VrmError(
      'invalid_input',
      `--state ${text}: "${wanted}" is not a form: use one of ${STATEMENT_FORMS.filter((f) => f !== 'full').join(', ')}, or --full ${id} to state the fact in full`,
    );
  }
  return { fact, form: wanted as StatementForm };
}

function printPersona(persona: Persona): void {
  printRecord([
    ['persona', `${persona.id}: ${persona.displayName}`],
    ['alias', persona.alias],
    [
      'key',
      `${persona.kid}${persona.canSign ? '' : ' (its private half is not in this store: it cannot sign)'}`,
    ],
    ['pickup', persona.pickup],
    ['note', persona.note],
    ['made', instant(persona.createdAt)],
    ['retired', persona.retiredAt && instant(persona.retiredAt)],
  ]);
  heading('What it says');
  say(
    persona.statements.length === 0
      ? 'Nothing of you: only what an intent asks.'
      : persona.statements
          .map((s) => `- ${s.text}${s.generalised ? '' : ' (in full, as you said)'}`)
          .join('\n'),
  );
  heading('Shown to');
  say(
    persona.shownTo.length === 0
      ? 'Nobody yet.'
      : persona.shownTo.map((s) => `- ${s.providerName}, ${s.shownOn} (${s.how})`).join('\n'),
  );
}

export async function newPersona(
  { services }: Session,
  o: JsonOption & {
    name?: string;
    state?: string[];
    full?: string[];
    say?: string[];
    pickup?: string;
    strategy?: string;
    note?: string;
  },
): Promise<void> {
  const states: PersonaStatementInput[] = [
    ...(o.state ?? []).map(stateOf),
    ...(o.full ?? []).map((id) => ({ fact: parseId(id, 'fact'), full: true })),
    ...(o.say ?? []).map((says) => ({ says })),
  ];
  const persona = await services.personas.create({
    displayName: o.name,
    states,
    pickup: o.pickup,
    note: o.note,
    strategy:
      o.strategy === undefined || o.strategy === 'catchall'
        ? o.strategy
        : parseId(o.strategy, 'alias strategy'),
  });
  if (o.json) {
    printJson(persona);
    return;
  }
  say(`Persona ${persona.id}: ${persona.displayName}, writing from ${persona.alias}`);
  printPersona(persona);
}

export async function listPersonas({ services }: Session, o: JsonOption): Promise<void> {
  const personas = await services.personas.list();
  if (o.json) {
    printJson(personas);
    return;
  }
  printTable(
    personas,
    [
      { header: 'id', value: (p) => p.id, align: 'right' },
      { header: 'name', value: (p) => p.displayName },
      { header: 'alias', value: (p) => p.alias },
      { header: 'says', value: (p) => p.statements.length, align: 'right' },
      { header: 'shown to', value: (p) => p.shownTo.map((s) => s.providerName).join(', ') },
      { header: 'retired', value: (p) => (p.retiredAt ? p.retiredAt.slice(0, 10) : '') },
    ],
    'No persona yet: `vrm persona new --state FACT:postcode_area --say "no claims for 6 years"`.',
  );
}

export async function showPersona({ services }: Session, id: string, o: JsonOption): Promise<void> {
  const persona = await services.personas.get(parseId(id, 'persona'));
  if (o.json) {
    printJson(persona);
    return;
  }
  printPersona(persona);
}

export async function retirePersona({ services }: Session, id: string): Promise<void> {
  const persona = await services.personas.retire(parseId(id, 'persona'));
  say(
    `Retired persona ${persona.id} (${persona.displayName}): no new intent uses it; mail to ${persona.alias} is still watched`,
  );
}

/** `vrm persona leaks`: who wrote to the persona's alias without having been shown it. */
export async function personaLeaks({ services }: Session, id: string, o: JsonOption): Promise<void> {
  const report = await services.personas.leaks(parseId(id, 'persona'));
  if (o.json) {
    printJson(report);
    return;
  }
  if (report.watchingSince === null) {
    say(
      `${report.persona} still has an open intent: anyone may answer it until it closes (or the persona is retired), and only then is mail from others a leak.`,
    );
    return;
  }
  heading(`Leaks of ${report.persona} since ${instant(report.watchingSince)}`);
  printTable(
    report.leaks,
    [
      { header: 'sender', value: (l) => l.sender },
      { header: 'first seen', value: (l) => instant(l.firstSeen) },
      { header: 'messages', value: (l) => l.messages.length, align: 'right' },
      { header: 'evidence', value: (l) => l.evidence },
    ],
    'No leak: only the vendors it was shown to have written to it.',
  );
}
