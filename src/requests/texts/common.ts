import { badInput, parseDay } from '../days.js';
import { citeLaw, dayIn, type Language } from './kinds.js';

/**
 * How the person is identified to one provider: only what THIS provider already holds, so a
 * request gives away nothing new (GDPR Art. 5(1)(c)). Any part may be absent.
 */
export interface Identification {
  readonly name?: string | undefined;
  /** The alias address the provider knows; requests by e-mail are sent from it. */
  readonly email?: string | undefined;
  readonly customerNumbers?: readonly string[] | undefined;
  /** The postal address the provider holds, one line each. */
  readonly address?: readonly string[] | undefined;
  /** `YYYY-MM-DD`. */
  readonly birthdate?: string | undefined;
  readonly other?: readonly { readonly label: string; readonly value: string }[] | undefined;
}

/** How a request reaches the provider, and so where its answer goes. */
export type Channel = 'email' | 'letter' | 'web_form';

/** A text in its parts, so that a letter can put its own salutation and closing around the paragraphs. */
export interface TextParts {
  readonly subject: string;
  /** "Dear Sir or Madam,": a letter has its own salutation and leaves this out. */
  readonly greeting: string;
  readonly paragraphs: readonly string[];
  /** "Kind regards,": a letter has its own closing and signature and leaves these out. */
  readonly closing: string;
  readonly signature: string | null;
}

/** The greeting and closing the texts write, per language: what a letter strips. */
export const TEXT_WORDS: Readonly<Record<Language, { greeting: string; closing: string }>> = {
  en: { greeting: 'Dear Sir or Madam,', closing: 'Kind regards,' },
  de: { greeting: 'Sehr geehrte Damen und Herren,', closing: 'Mit freundlichen Grüßen' },
};

/** Parts joined into the body of an e-mail or a web form: greeting, paragraphs, closing and name. */
export function joinParts(parts: TextParts): { subject: string; body: string } {
  const closing = parts.signature ? `${parts.closing}\n${parts.signature}` : parts.closing;
  return { subject: parts.subject, body: `${[parts.greeting, ...parts.paragraphs, closing].join('\n\n')}\n` };
}

export const indent = (lines: readonly string[], by = '    '): string =>
  lines.map((line) => `${by}${line}`).join('\n');

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

const ID_LABELS = {
  en: {
    name: 'Name',
    email: 'E-mail address',
    customerNumber: 'Customer number',
    address: 'Postal address',
    birthdate: 'Date of birth',
  },
  de: {
    name: 'Name',
    email: 'E-Mail-Adresse',
    customerNumber: 'Kundennummer',
    address: 'Anschrift',
    birthdate: 'Geburtsdatum',
  },
} as const;

/**
 * The identification as lines "Label: value", exactly what was given and nothing more; an address
 * keeps its lines under its label. Throws when nothing at all was given: a provider cannot find
 * data that nothing points to.
 */
export function identificationLines(id: Identification, language: Language): string[] {
  const labels = ID_LABELS[language];
  const lines: string[] = [];
  if (present(id.name)) lines.push(`${labels.name}: ${id.name.trim()}`);
  if (present(id.email)) lines.push(`${labels.email}: ${id.email.trim()}`);
  for (const number of (id.customerNumbers ?? []).filter(present)) {
    lines.push(`${labels.customerNumber}: ${number.trim()}`);
  }
  const address = (id.address ?? []).filter(present).map((line) => line.trim());
  if (address.length > 0) lines.push(`${labels.address}:`, ...address.map((line) => `    ${line}`));
  if (present(id.birthdate)) {
    lines.push(
      `${labels.birthdate}: ${dayIn(parseDay(id.birthdate, 'Date of birth', 'birthdate'), language)}`,
    );
  }
  for (const other of id.other ?? []) {
    if (present(other.label) && present(other.value))
      lines.push(`${other.label.trim()}: ${other.value.trim()}`);
  }
  if (lines.length === 0) {
    throw badInput(
      'identification',
      'Identification is empty: give at least one thing this provider knows you by, such as the e-mail address, a customer number or the postal address it holds',
    );
  }
  return lines;
}

/** "To find my data, use:" and the identification, indented. */
export function identificationParagraph(id: Identification, language: Language): string {
  const intro =
    language === 'en' ? 'To find my data, use:' : 'Um meine Daten zu finden, verwenden Sie bitte:';
  return `${intro}\n${indent(identificationLines(id, language))}`;
}

/**
 * Art. 12(3): one month from receipt; with the day when it is known.
 */
export function dueParagraph(language: Language, dueOn: string | undefined): string {
  const article = citeLaw('Art. 12(3)', language);
  if (language === 'en') {
    const by = dueOn ? `, that is by ${dayIn(dueOn, language)}` : '';
    return `Please answer without undue delay and at the latest within one month of receipt (${article})${by}.`;
  }
  const by = dueOn ? `, also bis zum ${dayIn(dueOn, language)}` : '';
  return `Bitte antworten Sie unverzüglich, spätestens aber innerhalb eines Monats nach Eingang dieses Schreibens (${article})${by}.`;
}

/** Art. 12(6): the details given are the provider's own, so no identity document is needed. */
export function noIdParagraph(language: Language): string {
  if (language === 'en') {
    return `These are the details you already hold about me, so please do not ask for a copy of an identity document: ${citeLaw('Art. 12(6)', language)} allows you to ask for more only when you have reasonable doubts about who I am.`;
  }
  return `Diese Angaben haben Sie bereits über mich gespeichert; bitte fordern Sie daher keine Kopie eines Ausweisdokuments an: Nach ${citeLaw('Art. 12(6)', language)} dürfen Sie zusätzliche Informationen nur bei begründeten Zweifeln an meiner Identität verlangen.`;
}

/** Where the answer goes: the alias address for e-mail and web forms, the letter's sender address by post. */
export function answerTo(channel: Channel, id: Identification, language: Language): string {
  const email = present(id.email) ? id.email.trim() : null;
  if (language === 'en') {
    if (channel === 'letter') {
      return email ? `by post to my address above, or by e-mail to ${email}` : 'by post to my address above';
    }
    if (email) return `by e-mail to ${email}`;
    return channel === 'email' ? 'by replying to this e-mail' : 'to the contact details I gave in your form';
  }
  if (channel === 'letter') {
    return email
      ? `per Post an meine obige Anschrift oder per E-Mail an ${email}`
      : 'per Post an meine obige Anschrift';
  }
  if (email) return `per E-Mail an ${email}`;
  return channel === 'email'
    ? 'als Antwort auf diese E-Mail'
    : 'an die Kontaktdaten, die ich in Ihrem Formular angegeben habe';
}

/** A day the caller gave, checked, named by its label in the message when it is not a real day. */
export const checkedDay = (value: string, label: string, path: string): string =>
  parseDay(value, label, path);

/** Refuses a later day that comes before an earlier one: "Due day … is before Sending day …". */
export function notBefore(
  later: { day: string; label: string; path: string },
  earlier: { day: string; label: string },
): void {
  if (later.day < earlier.day) {
    throw badInput(
      later.path,
      `${later.label} ${later.day} is before ${earlier.label.toLowerCase()} ${earlier.day}: give a day on or after ${earlier.day}`,
    );
  }
}
