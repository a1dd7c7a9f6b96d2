import type { FactKind } from '../vault/kinds.js';

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The kinds of fact a change campaign tells providers about. */
export const CHANGEABLE_KINDS = ['postal_address', 'email', 'phone', 'bank_account', 'name'] as const;
export type ChangeableKind = (typeof CHANGEABLE_KINDS)[number];

export const isChangeable = (kind: FactKind): kind is ChangeableKind =>
  (CHANGEABLE_KINDS as readonly string[]).includes(kind);

/** What a change notice needs to say. */
export interface NoticeModel {
  readonly kind: ChangeableKind;
  readonly language: Language;
  /** The value the provider holds, as lines (an address is several). */
  readonly old: readonly string[] | null;
  /** The new value, as lines. */
  readonly new: readonly string[];
  /** The day the new value holds from, `YYYY-MM-DD`. */
  readonly from: string;
  /** The customer numbers the provider knows the person by. */
  readonly customerNumbers: readonly string[];
  /** The person's name, to sign with. */
  readonly signature: string | null;
  /** For a follow-up: the day the first notice went, and which follow-up this is (1, 2, …). */
  readonly followUp?: { readonly firstSentOn: string; readonly count: number } | undefined;
}

const WORDS = {
  en: {
    subject: {
      postal_address: 'Change of address',
      email: 'Change of e-mail address',
      phone: 'Change of phone number',
      bank_account: 'Change of bank account',
      name: 'Change of name',
    },
    noun: {
      postal_address: 'postal address',
      email: 'e-mail address',
      phone: 'phone number',
      bank_account: 'bank account',
      name: 'name',
    },
    greeting: 'Dear Sir or Madam,',
    customer: (numbers: string) => ` (customer number ${numbers})`,
    ask: (noun: string, customer: string) => `Please update the ${noun} you hold for me${customer}.`,
    from: (noun: string, day: string) => `From ${day}, my ${noun} is:`,
    was: 'It was:',
    confirm: 'Please confirm once you have made the change. Thank you.',
    reminder: (count: number) => (count === 1 ? 'Reminder: ' : `Reminder ${String(count)}: `),
    unanswered: (day: string) => `I wrote to you about this on ${day} and have not had an answer yet.`,
    closing: 'Kind regards,',
    locale: 'en-GB',
    dateFormat: { day: 'numeric', month: 'long', year: 'numeric' },
  },
  de: {
    subject: {
      postal_address: 'Adressänderung',
      email: 'Änderung meiner E-Mail-Adresse',
      phone: 'Änderung meiner Telefonnummer',
      bank_account: 'Änderung meiner Bankverbindung',
      name: 'Namensänderung',
    },
    noun: {
      postal_address: 'Anschrift',
      email: 'E-Mail-Adresse',
      phone: 'Telefonnummer',
      bank_account: 'Bankverbindung',
      name: 'Name',
    },
    greeting: 'Sehr geehrte Damen und Herren,',
    customer: (numbers: string) => ` (Kundennummer ${numbers})`,
    ask: (noun: string, customer: string) =>
      `bitte ändern Sie die ${noun === 'Name' ? 'Angabe meines Namens' : noun}, die Sie über mich gespeichert haben${customer}.`,
    from: (noun: string, day: string) =>
      `Ab dem ${day} lautet ${noun === 'Name' ? 'mein Name' : `meine ${noun}`}:`,
    was: 'Bisher:',
    confirm: 'Bitte bestätigen Sie mir die Änderung. Vielen Dank.',
    reminder: (count: number) => (count === 1 ? 'Erinnerung: ' : `${String(count)}. Erinnerung: `),
    unanswered: (day: string) =>
      `Ich habe Ihnen deswegen bereits am ${day} geschrieben und noch keine Antwort erhalten.`,
    closing: 'Mit freundlichen Grüßen',
    locale: 'de-DE',
    dateFormat: { day: 'numeric', month: 'long', year: 'numeric' },
  },
} as const;

/** A day in the letter's language: "1 March 2026", "1. März 2026". */
export function longDate(day: string, language: Language): string {
  const words = WORDS[language];
  return new Intl.DateTimeFormat(words.locale, { ...words.dateFormat, timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

const indent = (lines: readonly string[]) => lines.map((line) => `    ${line}`).join('\n');

/** A notice in its parts: the greeting, the paragraphs that say what changed, the closing. */
export interface NoticeParts {
  readonly subject: string;
  /** "Dear Sir or Madam,": a letter has its own salutation, so it leaves this out. */
  readonly greeting: string;
  /** What changed, from when, for which customer number, and the request to confirm. */
  readonly paragraphs: readonly string[];
  /** "Kind regards,": a letter has its own closing and signature, so it leaves these out. */
  readonly closing: string;
  readonly signature: string | null;
}

/**
 * A change notice in its parts, in English or German, written in our own words: what changed,
 * from when, and the customer number it is about, so the provider can act on it at once (a
 * follow-up also says when the first went unanswered). An
 * e-mail joins them (`notice`); a letter takes the paragraphs and adds its own salutation.
 */
export function noticeParts(model: NoticeModel): NoticeParts {
  const words = WORDS[model.language];
  const noun = words.noun[model.kind];
  const customer = model.customerNumbers.length > 0 ? words.customer(model.customerNumbers.join(', ')) : '';
  // A follow-up says when the first notice went unanswered, and its subject counts the reminders.
  const unanswered = model.followUp
    ? ` ${words.unanswered(longDate(model.followUp.firstSentOn, model.language))}`
    : '';
  const reminder = model.followUp ? words.reminder(model.followUp.count) : '';
  return {
    subject: `${reminder}${words.subject[model.kind]}${customer}`,
    greeting: words.greeting,
    paragraphs: [
      `${words.ask(noun, customer)}${unanswered}`,
      `${words.from(noun, longDate(model.from, model.language))}\n${indent(model.new)}`,
      ...(model.old && model.old.length > 0 ? [`${words.was}\n${indent(model.old)}`] : []),
      words.confirm,
    ],
    closing: words.closing,
    signature: model.signature,
  };
}

/**
 * The subject and text of a change notice as an e-mail: greeting, paragraphs, closing and name.
 *
 * @example notice({ kind: 'postal_address', language: 'en', old: ['1 Old Road', 'Manchester'],
 *   new: ['12 Cotham Hill', 'Bristol'], from: '2026-03-01', customerNumbers: ['BE-778812'],
 *   signature: 'Alex Morgan' }).subject // → 'Change of address'
 */
export function notice(model: NoticeModel): { subject: string; body: string } {
  const parts = noticeParts(model);
  const closing = parts.signature ? `${parts.closing}\n${parts.signature}` : parts.closing;
  return { subject: parts.subject, body: `${[parts.greeting, ...parts.paragraphs, closing].join('\n\n')}\n` };
}

/** The greeting and the closing the templates write, per language: what a letter strips. */
export const TEMPLATE_WORDS: Readonly<Record<Language, { greeting: string; closing: string }>> = {
  en: { greeting: WORDS.en.greeting, closing: WORDS.en.closing },
  de: { greeting: WORDS.de.greeting, closing: WORDS.de.closing },
};
