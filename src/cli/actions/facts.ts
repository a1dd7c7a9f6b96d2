import { VrmError } from '../../platform/errors.js';
import { kindFromText, KIND_LIST, type FactKind } from '../../vault/kind-names.js';
import type { FactWithHistory } from '../../vault/service.js';
import { heading, printJson, printRecord, printTable, say } from '../output.js';
import type { JsonOption } from '../options.js';
import { FACT_FLAGS } from '../fields.js';
import type { Session } from '../session.js';

interface ValueOptions {
  given?: string;
  family?: string;
  country?: string;
  line?: string[];
  locality?: string;
  region?: string;
  postcode?: string;
  bic?: string;
  holder?: string;
  bank?: string;
  type?: string;
  issuer?: string;
  issued?: string;
  expires?: string;
  valueJson?: string;
  validFrom?: string;
  note?: string;
}

/** A kind as the person typed it: its id, the older `postal-address` spelling, its label or a synonym. */
export function parseKind(text: string): FactKind {
  const kind = kindFromText(text);
  if (!kind) throw new VrmError('invalid_input', `unknown kind "${text}": use one of ${KIND_LIST}`);
  return kind;
}

/** The options that set a field of the value, such as `issued` (`--issued`) for `value.issued_on`. */
type ValueOption = {
  [K in keyof typeof FACT_FLAGS]: (typeof FACT_FLAGS)[K] extends `value.${string}` ? K : never;
}[keyof typeof FACT_FLAGS];

/** The value's fields these options set, named as the value names them. */
const valueFields = (o: ValueOptions, options: readonly ValueOption[]): Record<string, unknown> =>
  Object.fromEntries(options.map((option) => [FACT_FLAGS[option].slice('value.'.length), o[option]]));

const defined = (entries: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));

/** The value's fields from the positional value and the options, for one kind. */
function valueFrom(kind: FactKind, value: string | undefined, o: ValueOptions): Record<string, unknown> {
  if (o.valueJson !== undefined) {
    try {
      return JSON.parse(o.valueJson) as Record<string, unknown>;
    } catch {
      throw new VrmError('invalid_input', '--value-json is not valid JSON');
    }
  }
  switch (kind) {
    case 'name':
      return defined({ full: value, ...valueFields(o, ['given', 'family']) });
    case 'email':
      return defined({ address: value });
    case 'phone':
      return defined({ number: value, ...valueFields(o, ['country']) });
    case 'postal_address':
      return defined({
        lines: value === undefined ? o.line : [value, ...(o.line ?? [])],
        ...valueFields(o, ['locality', 'region', 'postcode', 'country']),
      });
    case 'date':
      return defined({ date: value });
    case 'bank_account':
      return defined({ iban: value, ...valueFields(o, ['bic', 'holder', 'bank']) });
    case 'identity_document':
      return defined({
        number: value,
        ...valueFields(o, ['type', 'issuer', 'issued', 'expires']),
      });
    case 'custom':
      return defined({ text: value });
  }
}

export function printFact(fact: FactWithHistory): void {
  printRecord([
    ['id', fact.id],
    ['kind', fact.kind],
    ['label', fact.label],
    ['value', fact.current.summary],
    ['version', `${fact.current.version} of ${fact.history.length}`],
    ['valid from', fact.current.validFrom],
    ['retired', fact.retiredAt],
  ]);
}

function printHistory(fact: FactWithHistory): void {
  printTable(fact.history, [
    { header: 'version', value: (v) => v.version, align: 'right' },
    { header: 'valid from', value: (v) => v.validFrom },
    { header: 'value', value: (v) => v.summary, maxWidth: 60 },
    { header: 'recorded', value: (v) => v.recordedAt.slice(0, 10) },
    { header: 'note', value: (v) => v.note },
  ]);
}

export async function add(
  { services }: Session,
  kindText: string,
  value: string | undefined,
  o: ValueOptions & { label: string },
): Promise<void> {
  const kind = parseKind(kindText);
  const fact = await services.vault.add({
    kind,
    label: o.label,
    value: valueFrom(kind, value, o),
    validFrom: o.validFrom,
    note: o.note,
  });
  say(`Added fact ${fact.id} (${kind}, ${fact.label}): ${fact.current.summary}`);
}

export async function list(
  { services }: Session,
  o: JsonOption & { kind?: string; all?: boolean },
): Promise<void> {
  const facts = await services.vault.list({
    kind: o.kind === undefined ? undefined : parseKind(o.kind),
    includeRetired: o.all ?? false,
  });
  if (o.json) {
    printJson(facts);
    return;
  }
  printTable(
    facts,
    [
      { header: 'id', value: (f) => f.id, align: 'right' },
      { header: 'kind', value: (f) => f.kind },
      { header: 'label', value: (f) => f.label },
      { header: 'value', value: (f) => f.current.summary, maxWidth: 60 },
      { header: 'since', value: (f) => f.current.validFrom },
      { header: 'retired', value: (f) => f.retiredAt?.slice(0, 10) },
    ],
    'The vault is empty. Add a fact with `vrm fact add email you@example.org --label personal`.',
  );
}

export async function show({ services }: Session, id: number, o: JsonOption): Promise<void> {
  const fact = await services.vault.get(id);
  if (o.json) {
    printJson(fact);
    return;
  }
  printFact(fact);
  heading('History');
  printHistory(fact);
}

export async function history({ services }: Session, id: number, o: JsonOption): Promise<void> {
  const fact = await services.vault.get(id);
  if (o.json) {
    printJson(fact.history);
    return;
  }
  printHistory(fact);
}

export async function update(
  { services }: Session,
  id: number,
  value: string | undefined,
  o: ValueOptions & { label?: string },
): Promise<void> {
  const current = await services.vault.get(id);
  const given = valueFrom(current.kind, value, o);
  const changesValue = Object.keys(given).length > 0;
  const fact = await services.vault.update(id, {
    label: o.label,
    // Fields not given keep their value: a move can say only the new street and town.
    value: changesValue
      ? o.valueJson === undefined
        ? { ...current.current.value, ...given }
        : given
      : undefined,
    validFrom: o.validFrom,
    note: o.note,
  });
  say(
    changesValue
      ? `Fact ${fact.id} is now version ${fact.history.length}: ${fact.history.at(-1)?.summary ?? ''}`
      : `Fact ${fact.id} renamed to ${fact.label}`,
  );
}

export async function retire({ services }: Session, id: number, o: { on?: string }): Promise<void> {
  const fact = await services.vault.retire(id, o.on);
  say(`Fact ${fact.id} (${fact.label}) retired; its history stays.`);
}

export async function remove({ services }: Session, id: number): Promise<void> {
  await services.vault.delete(id);
  say(`Deleted fact ${id} and its history.`);
}
