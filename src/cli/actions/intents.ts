import type { Intent } from '../../intents/intents.js';
import { VrmError } from '../../platform/errors.js';
import { writeFileWhole } from '../../platform/files.js';
import { formatAmount } from '../../platform/money.js';
import { parseId } from '../../platform/validation.js';
import type { JsonOption } from '../options.js';
import { printJson, printRecord, printTable, say } from '../output.js';
import type { Session } from '../session.js';

/** `1 car`, `2.5 tonnes`: a number, then its unit. */
function quantityOf(text: string): { value: number; unit: string } {
  const match = /^\s*(\d+(?:[.,]\d+)?)\s+(.+?)\s*$/u.exec(text);
  if (!match)
    throw new VrmError('invalid_input', `--quantity "${text}": give a number and a unit, such as "1 car"`);
  return { value: Number((match[1] ?? '').replace(',', '.')), unit: match[2] ?? '' };
}

const budgetText = (intent: Intent): string | null =>
  intent.budget
    ? `at most ${formatAmount({ minor: intent.budget.maxMinor, currency: intent.budget.currency })}${intent.budget.per ? ` a ${intent.budget.per}` : ''}`
    : null;

export async function newIntent(
  { services }: Session,
  o: JsonOption & {
    persona: string;
    category: string;
    description: string;
    answerBy: string;
    quantity?: string;
    where?: string;
    from?: string;
    until?: string;
    budget?: string;
    currency?: string;
    per?: string;
    terms?: string[];
    replaces?: string;
  },
): Promise<void> {
  if ((o.budget === undefined) !== (o.currency === undefined))
    throw new VrmError(
      'invalid_input',
      '--budget and --currency go together: the most you will pay, and in which currency',
    );
  if (o.per !== undefined && o.per !== 'month' && o.per !== 'year')
    throw new VrmError('invalid_input', `--per "${o.per}": give month or year`);
  const intent = await services.intents.create({
    persona: parseId(o.persona, 'persona'),
    category: o.category,
    description: o.description,
    answerBy: o.answerBy,
    quantity: o.quantity === undefined ? undefined : quantityOf(o.quantity),
    where: o.where,
    from: o.from,
    until: o.until,
    budget:
      o.budget === undefined || o.currency === undefined
        ? undefined
        : { amount: o.budget, currency: o.currency, per: o.per },
    terms: o.terms,
    replaces: o.replaces === undefined ? undefined : parseId(o.replaces, 'contract'),
  });
  if (o.json) {
    printJson(intent);
    return;
  }
  say(
    `Intent ${intent.id}: ${intent.category}, under ${intent.personaName}; offers by ${intent.answerBy} to ${intent.alias}. See it as published: vrm intent document ${intent.id}`,
  );
}

export async function listIntents({ services }: Session, o: JsonOption): Promise<void> {
  const intents = await services.intents.list();
  if (o.json) {
    printJson(intents);
    return;
  }
  printTable(
    intents,
    [
      { header: 'id', value: (i) => i.id, align: 'right' },
      { header: 'what', value: (i) => i.category },
      { header: 'persona', value: (i) => i.personaName },
      { header: 'budget', value: (i) => budgetText(i) ?? '' },
      { header: 'answer by', value: (i) => i.answerBy },
      { header: 'status', value: (i) => i.status },
    ],
    'No intent yet: `vrm intent new --persona 1 --category "car insurance" --description "…" --answer-by YYYY-MM-DD`.',
  );
}

export async function showIntent({ services }: Session, id: string, o: JsonOption): Promise<void> {
  const intent = await services.intents.get(parseId(id, 'intent'));
  if (o.json) {
    printJson(intent);
    return;
  }
  printRecord([
    ['intent', `${intent.id}: ${intent.category} (${intent.status})`],
    ['description', intent.description],
    ['persona', `${intent.personaName}, ${intent.alias}`],
    ['quantity', intent.quantity && `${intent.quantity.value} ${intent.quantity.unit}`],
    ['where', intent.where],
    ['from', intent.from],
    ['until', intent.until],
    ['budget', budgetText(intent)],
    ['terms', intent.terms.map((t) => t.code).join(', ')],
    ['answer by', intent.answerBy],
    ['identifier', intent.identifier],
  ]);
}

export async function intentDocument(
  { services }: Session,
  id: string,
  o: JsonOption & { out?: string },
): Promise<void> {
  const published = await services.intents.document(parseId(id, 'intent'));
  if (o.json) {
    printJson(published);
    return;
  }
  if (o.out !== undefined) {
    const jsonld = o.out.replace(/\.jws$/u, '') + '.jsonld';
    writeFileWhole(o.out, `${published.jws}\n`, 'the signed intent');
    writeFileWhole(jsonld, `${JSON.stringify(published.demand, null, 2)}\n`, 'the intent');
    say(`Wrote ${o.out} (the Demand signed by the persona's key ${published.kid}) and ${jsonld}.`);
    return;
  }
  process.stdout.write(published.text);
}
