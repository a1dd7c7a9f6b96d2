/**
 * The one vocabulary of fact kinds: each kind's id (what the API, policies, exports and the CLI
 * print) and its label (what a person reads). It imports nothing, so the web app bundles it as it
 * is. Older spellings (`postal-address` from the CLI, "Other" from the web form) are still read
 * on input, and never written.
 */
export const FACT_KINDS = [
  'name',
  'email',
  'phone',
  'postal_address',
  'date',
  'bank_account',
  'identity_document',
  'custom',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** Each kind as people name it, in lower case so it reads inside a sentence. */
export const KIND_LABELS: Readonly<Record<FactKind, string>> = {
  name: 'name',
  email: 'e-mail address',
  phone: 'phone number',
  postal_address: 'postal address',
  date: 'date',
  bank_account: 'bank account',
  identity_document: 'identity document',
  custom: 'custom',
};

/** Other words people use for a kind, read on input only. */
const KIND_SYNONYMS: Readonly<Record<string, FactKind>> = {
  address: 'postal_address',
  postal: 'postal_address',
  'e-mail': 'email',
  mail: 'email',
  mobile: 'phone',
  telephone: 'phone',
  iban: 'bank_account',
  bank: 'bank_account',
  id: 'identity_document',
  document: 'identity_document',
  birthday: 'date',
  other: 'custom',
};

/** The kind's label with a capital, for a form's options. */
export const kindTitle = (kind: FactKind): string =>
  KIND_LABELS[kind].charAt(0).toUpperCase() + KIND_LABELS[kind].slice(1);

/**
 * Reads a kind as any surface spelled it: the id (`postal_address`), the CLI's old spelling
 * (`postal-address`), the label ("Postal address"), or (unless `synonyms` is false) a synonym
 * (`address`, "Other"). Undefined when it names no kind.
 *
 * @example kindFromText('postal-address') // 'postal_address'
 */
export function kindFromText(text: string, options: { synonyms?: boolean } = {}): FactKind | undefined {
  const lower = text.trim().toLowerCase();
  const key = lower.replace(/[\s-]+/g, '_');
  if ((FACT_KINDS as readonly string[]).includes(key)) return key as FactKind;
  const spaced = lower.replace(/[\s_]+/g, ' ');
  const byLabel = FACT_KINDS.find((k) => KIND_LABELS[k] === spaced);
  if (byLabel || options.synonyms === false) return byLabel;
  return KIND_SYNONYMS[spaced] ?? KIND_SYNONYMS[lower];
}

/** The list of kinds for a message: "name, email, phone, …". */
export const KIND_LIST = FACT_KINDS.join(', ');

/** A fact as people name it: its label and, unless the label already says it, its kind ("Home (postal address)"). */
export function factName(fact: { label: string; kind: FactKind }): string {
  const kind = KIND_LABELS[fact.kind];
  return fact.label.toLowerCase().includes(kind) ? `“${fact.label}”` : `“${fact.label}” (${kind})`;
}
